"""A researcher filters, sorts and pages through a country's lists; bad input is a form error, never a 500."""

import datetime
import re

import pytest

from core.choices import Status
from countries.views import AllCountriesListView
from laws.models import LawKind
from tests.factories import CountryFactory
from tests.seed import seeded

pytestmark = pytest.mark.django_db

LISTS = [
    "/countries/kz/laws/",
    "/countries/kz/constitution/articles/",
    "/countries/kz/initiatives/",
    "/countries/kz/treaties/",
    "/countries/kz/barriers/",
    "/countries/kz/organizational-forms/",
    "/countries/kz/news/",
]


@pytest.mark.parametrize("url", LISTS)
def test_every_list_page_renders_with_a_labelled_filter_form(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form method="get" class="filters"' in html
    assert '<label for="id_sort">Sort by:</label>' in html
    assert 'name="country"' not in html  # the URL already names the country


def test_news_filtered_by_language_shows_only_that_language(client):
    response = client.get("/countries/kz/news/", {"language": "ru"})
    assert response.status_code == 200
    html = response.content.decode()
    news = seeded("news.newsitem", country="KZ")
    russian = [item["slug"] for item in news if item["language"] == "ru"]
    others = [item["slug"] for item in news if item["language"] != "ru"]
    assert len(russian) > 10 and others
    assert response.context["paginator"].count == len(russian)
    shown = {item.slug for item in response.context["object_list"]}
    assert len(shown) == min(len(russian), 20) and shown <= set(russian)
    for slug in shown:
        assert f'href="/countries/kz/news/{slug}/"' in html
    for slug in others:
        assert f"/countries/kz/news/{slug}/" not in html


def test_laws_filtered_by_kind_and_sorted_by_adoption_date(client):
    response = client.get("/countries/kz/laws/", {"kind": [LawKind.CODE], "sort": "-adopted"})
    assert response.status_code == 200
    laws = list(response.context["object_list"])
    expected = {law["slug"] for law in seeded("laws.law", country="KZ", kind=LawKind.CODE)}
    assert len(expected) > 1 and {law.slug for law in laws} == expected
    dates = [law.adopted_on for law in laws if law.adopted_on]
    assert len(dates) > 1 and dates == sorted(dates, reverse=True)
    assert [law.adopted_on for law in laws[len(dates) :]] == [None] * (len(laws) - len(dates))  # undated last


def test_laws_are_paginated_and_the_second_page_continues_the_first(client):
    laws = seeded("laws.law", country="KZ")
    total = len(laws)
    pages = -(-total // 20)
    first = client.get("/countries/kz/laws/")
    assert first.context["paginator"].count == total > 40
    assert 'rel="next"' in first.content.decode() and 'rel="prev"' not in first.content.decode()
    seen = []
    for number in range(1, pages + 1):
        page = client.get("/countries/kz/laws/", {"page": number})
        assert page.status_code == 200
        seen += [law.slug for law in page.context["object_list"]]
    assert sorted(seen) == sorted(law["slug"] for law in laws)  # every law once, none twice
    last = page.content.decode()
    assert len(page.context["object_list"]) == total - 20 * (pages - 1)  # the last page holds the rest
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert client.get("/countries/kz/laws/", {"page": pages + 1}).status_code == 404


@pytest.mark.parametrize(
    "query, message",
    [
        ({"adopted_after": "last tuesday"}, "Give the date as YYYY-MM-DD, e.g. 2024-04-15."),
        ({"kind": "poem"}, "Select a valid choice. poem is not one of the available choices."),
        ({"adopted_before": "2024-02-30"}, "Enter a valid date."),
        ({"sort": "password"}, "Select a valid choice. password is not one of the available choices."),
    ],
)
def test_invalid_filter_input_is_a_form_error_with_status_400(client, query, message):
    response = client.get("/countries/kz/laws/", query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Some of the filters are not valid." in html
    assert message in html
    assert response.context["paginator"].count == 0


@pytest.mark.parametrize(
    "url",
    [
        "/countries/kz/news/?language=xx",
        "/countries/kz/news/?published_after=2024-13-45",
        "/countries/kz/treaties/?ratified=perhaps&year_after=x",
        "/countries/kz/barriers/?category=nonsense",
        "/countries/kz/initiatives/?stage=nope",
        "/countries/kz/organizational-forms/?basis=nope",
        "/countries/kz/constitution/articles/?sort=nope",
    ],
)
def test_every_list_answers_bad_input_with_400_not_500(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Some of the filters are not valid." in response.content.decode()
    assert response.context["paginator"].count == 0


@pytest.mark.parametrize(
    "page, message",
    [
        ("999", "Page 999 does not exist: this list has 4 pages."),
        ("abc", "&#x27;abc&#x27; is not a page number: give a whole number from 1 to 4."),
        ("-1", "&#x27;-1&#x27; is not a page number: give a whole number from 1 to 4."),
    ],
)
def test_a_page_that_does_not_exist_is_a_404_that_says_which_pages_there_are(client, page, message):
    """The reader saw only "There is no page at this address", as for a mistyped address."""
    response = client.get("/countries/kz/laws/", {"page": page})
    assert response.status_code == 404
    assert message in response.content.decode()
    assert "There is no page at this address" in client.get("/countries/kz/laws/no-such-law/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/countries/kz/laws/?kind=",
        "/countries/kz/timeline/?kind=",
        "/countries/kz/initiatives/?stage=",
        "/countries/kz/barriers/?category=",
        "/countries/kz/laws/?kind=&kind=law&search=",
    ],
)
def test_an_empty_value_in_a_link_is_no_choice_not_an_error(client, url):
    """`?kind=` was a form error reading "Select a valid choice.  is not one of the available choices"."""
    response = client.get(url)
    assert response.status_code == 200
    assert "not one of the available choices" not in response.content.decode()


@pytest.mark.parametrize(
    "url, value",
    [("/countries/kz/treaties/?ratified=", "no"), ("/countries/kz/organizational-forms/?is_most_popular=", "yes")],
)
def test_a_yes_or_no_filter_refuses_other_words(client, url, value):
    """`?ratified=no` listed all 11 treaties as if unfiltered: a shared link "answered" which were not ratified."""
    response = client.get(url + value)
    assert response.status_code == 400
    assert f"Choose Yes or No (true or false), not &#x27;{value}&#x27;." in response.content.decode()
    assert client.get(url + "unknown").status_code == 200  # the form's own "Any"
    assert client.get(url + "false").status_code == 200


@pytest.mark.parametrize("url", ["/countries/xx/laws/", "/countries/kz/laws/no-such-law/", "/countries/kz/news/nope/"])
def test_unknown_countries_and_records_are_404(client, url):
    assert client.get(url).status_code == 404


def test_lists_never_show_drafts(client, synthetic_profile):
    for url in ("/countries/zz/laws/", "/countries/zz/news/", "/countries/zz/barriers/"):
        html = client.get(url).content.decode()
        assert "Secret draft" not in html, url
    assert client.get("/countries/zz/laws/secret-draft-law/").status_code == 404
    assert client.get("/countries/zz/news/secret-draft-news/").status_code == 404


def test_each_filter_is_one_control_with_a_plain_label(client):
    """A year beside a date for the same question is the API's business; labels say what, not how to type it."""
    html = client.get("/countries/kz/laws/").content.decode()
    assert 'name="adopted_after"' in html and 'name="adopted_before"' in html
    assert "adopted_year_after" not in html and "adopted_year_before" not in html
    html = client.get("/countries/kz/news/").content.decode()
    assert 'name="published_after"' in html and "year_after" not in html
    assert "Related law:</label>" in html and "(slug)" not in html
    html = client.get("/countries/kz/treaties/").content.decode()
    assert "Ratified:</label>" in html and "true/false" not in html


def test_a_list_filtered_by_date_is_sorted_by_date(client):
    response = client.get("/countries/kz/laws/", {"adopted_after": "2015-01-01", "page_size": 100})
    dates = [law.adopted_on for law in response.context["object_list"]]
    assert len(dates) > 3 and dates == sorted(dates)
    unfiltered = [law.adopted_on for law in client.get("/countries/kz/laws/").context["object_list"]]
    assert unfiltered != sorted(d for d in unfiltered if d)  # report order otherwise
    # An explicit choice still wins.
    response = client.get("/countries/kz/laws/", {"adopted_after": "2015-01-01", "sort": "-adopted"})
    dates = [law.adopted_on for law in response.context["object_list"]]
    assert dates == sorted(dates, reverse=True)


def test_the_home_page_leads_to_a_news_page_not_a_feed(client):
    html = client.get("/").content.decode()
    assert 'href="/news/">All news</a>' in html
    response = client.get("/news/", {"country": "kz", "language": "ru"})
    assert response.status_code == 200
    items = response.context["object_list"]
    assert items and all(item.language == "ru" and item.country.iso2 == "KZ" for item in items)
    assert client.get("/news/", {"published_after": "not a date"}).status_code == 400


def test_the_log_of_site_updates_is_not_taken_for_changes_in_the_law(client):
    html = client.get("/countries/kz/").content.decode()
    assert "Updates to this site’s records" in html and "What changed" not in html
    page = client.get("/countries/kz/changes/").content.decode()
    assert "<h1>Updates to this site’s records:" in page
    assert 'href="/countries/kz/timeline/">timeline</a>' in page


def test_the_api_docs_link_back_and_say_writes_need_an_editors_token(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert "[Back to the NGO Monitor site](/)" in schema["info"]["description"]
    assert "Reading is open to anyone" in schema["info"]["description"]
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            needs_token = "Needs an editor's token" in operation.get("description", "")
            assert needs_token == (method in ("post", "put", "patch", "delete")), (method, path)


def test_the_countries_list_has_every_published_country_filters_by_region_sorts_and_pages(client, monkeypatch):
    def names(response):
        assert response.status_code == 200
        return [country.name for country in response.context["countries"]]

    for name, region, updated in [("Aland Test", "Europe", 2023), ("Zeta Test", "Europe", 2025)]:
        CountryFactory(name=name, region=region, with_profile=True, profile__last_updated=datetime.date(updated, 1, 1))
    CountryFactory(name="Draft Test", region="Atlantis", publication_status=Status.DRAFT)
    # no region, and a report still in draft (its date is not public)
    CountryFactory(
        name="Middle Test", region="", with_profile=True,
        profile__last_updated=datetime.date(2026, 1, 1), profile__publication_status=Status.DRAFT,
    )  # fmt: skip

    everyone = ["Aland Test", "Kazakhstan", "Middle Test", "Zeta Test"]
    assert names(client.get("/countries/")) == everyone
    europe = client.get("/countries/", {"region": "europe"})  # in any case, as the API reads it
    assert names(europe) == ["Aland Test", "Zeta Test"]
    assert '<option value="Europe" selected>' in europe.content.decode()
    assert names(client.get("/countries/", {"sort": "updated"})) == [
        "Zeta Test",
        "Kazakhstan",
        "Aland Test",
        "Middle Test",
    ]
    assert names(client.get("/countries/", {"sort": "region"})) == [
        "Kazakhstan",
        "Aland Test",
        "Zeta Test",
        "Middle Test",
    ]
    html = client.get("/countries/").content.decode()
    # the region filter offers the published countries' regions, not a draft's
    assert '<option value="Central Asia">' in html and '<option value="Europe">' in html and "Atlantis" not in html
    assert '<a href="/countries/kz/">Kazakhstan</a> <span class="meta">Central Asia</span>' in html

    for bad_input in ({"sort": "nonsense"}, {"region": "Atlantis"}, {"region": "Nowhere"}):
        bad = client.get("/countries/", bad_input)
        assert bad.status_code == 400 and "Some of the filters are not valid" in bad.content.decode(), bad_input

    monkeypatch.setattr(AllCountriesListView, "paginate_by", 3)
    assert names(client.get("/countries/", {"page": 2})) == ["Zeta Test"]
    assert client.get("/countries/", {"page": 3}).status_code == 404


@pytest.mark.parametrize(
    "url, name, option",
    [
        (
            "/countries/kz/treaties/",
            "treaty",
            ('value="iccpr"', "International Covenant on Civil and Political Rights"),
        ),
        ("/countries/kz/barriers/", "article", ('value="32"', "Article 32")),
        ("/countries/kz/barriers/", "law", ('value="law-on-peaceful-assemblies"', "Peaceful Assemblies")),
        ("/countries/kz/news/", "law", ('value="law-on-peaceful-assemblies"', "Peaceful Assemblies")),
    ],
)
def test_a_filter_on_a_record_offers_the_records_by_name_not_a_slug_to_type(client, url, name, option):
    """ "Treaty: The treaty's slug, e.g. iccpr" stood above a text box, and "The law's slug" above a list of names."""
    html = client.get(url).content.decode()
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    value, label = option
    assert re.search(rf"<option {value}>[^<]*{label}", select.group(1)), select.group(1)[:500]
    assert "slug, e.g." not in html
    assert client.get(url, {name: option[0].split('"')[1]}).status_code == 200
    labels = re.findall(r"<option value=\"[^\"]+\"[^>]*>([^<]*)</option>", select.group(1))
    if name != "article":  # articles in the constitution's order, the rest by name (the laws were not)
        assert labels == sorted(labels, key=str.casefold), labels


def test_a_key_given_in_another_case_selects_its_record(client):
    """`?treaty=ICCPR` filtered the list (the filter reads any case) while the list above it said "Any"."""
    response = client.get("/countries/kz/treaties/", {"treaty": "ICCPR"})
    assert '<option value="iccpr" selected>' in response.content.decode()
    assert response.context["paginator"].count == 1
