"""A researcher filters, sorts and pages through a country's lists; bad input is a form error, never a 500."""

import pytest

from laws.models import Law, LawKind
from news.models import NewsItem

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
    russian = NewsItem.objects.published().for_country("KZ").filter(language="ru")
    others = NewsItem.objects.published().for_country("KZ").exclude(language="ru")
    assert russian.exists() and others.exists()
    assert response.context["paginator"].count == russian.count()
    for item in russian[:20]:
        assert item.get_absolute_url() in html
    for item in others:
        assert item.get_absolute_url() not in html


def test_laws_filtered_by_kind_and_sorted_by_adoption_date(client):
    response = client.get("/countries/kz/laws/", {"kind": [LawKind.CODE], "sort": "-adopted"})
    assert response.status_code == 200
    laws = list(response.context["object_list"])
    expected = Law.objects.published().for_country("KZ").filter(kind=LawKind.CODE)
    assert {law.pk for law in laws} == set(expected.values_list("pk", flat=True))
    dates = [law.adopted_on for law in laws if law.adopted_on]
    assert dates == sorted(dates, reverse=True)


def test_laws_are_paginated_and_the_second_page_continues_the_first(client):
    total = Law.objects.published().for_country("KZ").count()
    first = client.get("/countries/kz/laws/")
    second = client.get("/countries/kz/laws/", {"page": 2})
    assert first.context["paginator"].count == total > 20
    assert second.status_code == 200
    assert not {law.pk for law in first.context["object_list"]} & {law.pk for law in second.context["object_list"]}
    assert 'rel="next"' in first.content.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ({"adopted_after": "last tuesday"}, "Enter a valid date."),
        ({"kind": "poem"}, "Select a valid choice. poem is not one of the available choices."),
        ({"adopted_year_after": "nineteen"}, "Enter a number."),
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
    assert client.get(url).status_code == 400


@pytest.mark.parametrize("page", ["999", "abc", "-1"])
def test_a_page_that_does_not_exist_is_a_404(client, page):
    assert client.get("/countries/kz/laws/", {"page": page}).status_code == 404


@pytest.mark.parametrize("url", ["/countries/xx/laws/", "/countries/kz/laws/no-such-law/", "/countries/kz/news/nope/"])
def test_unknown_countries_and_records_are_404(client, url):
    assert client.get(url).status_code == 404


def test_lists_never_show_drafts(client, synthetic_profile):
    for url in ("/countries/zz/laws/", "/countries/zz/news/", "/countries/zz/barriers/"):
        html = client.get(url).content.decode()
        assert "Secret draft" not in html, url
    assert client.get("/countries/zz/laws/secret-draft-law/").status_code == 404
    assert client.get("/countries/zz/news/secret-draft-news/").status_code == 404
