"""An analyst reads the API: filters narrow, ordering and pagination behave, CSV is flat, the profile nests."""

import csv
import datetime
import io
import re

import pytest

from countries.api import BarrierViewSet
from countries.models import AtAGlanceRow, Section
from laws.api import LawViewSet, TreatyStatusViewSet
from laws.models import LawKind, LawListEntry
from news.api import NewsItemViewSet
from ngomonitor.api import CountryViewSet
from rankings.api import RankingViewSet
from rankings.models import IndicatorBreakdown
from tests.api_support import CSV_COLUMNS, RESOURCES, SIZE_ONE_RECORDS, json_fields, list_url
from tests.factories import (
    SUBSCORE_CORRECTION,
    BarrierFactory,
    ConstitutionalArticleFactory,
    CountryFactory,
    IndicatorBreakdownFactory,
    KeyIndicatorFactory,
    LawFactory,
    NewsItemFactory,
    RankingFactory,
    RankingIndexFactory,
    RankingSubScoreFactory,
    TreatyFactory,
    TreatyStatusFactory,
    build_profile,
)
from tests.seed import seeded

pytestmark = pytest.mark.django_db


@pytest.fixture
def country():
    return CountryFactory(iso2="QM")


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def titles(data, key="title"):
    return sorted(item[key] for item in data["results"])


def test_laws_adopted_after_2015(client, country):
    LawFactory(country=country, title="Old law", adopted_on=datetime.date(2001, 1, 1))
    LawFactory(country=country, title="New law", adopted_on=datetime.date(2016, 3, 1))
    LawFactory(country=country, title="Undated law", adopted_on=None)
    data = get(client, list_url(LawViewSet), country="qm", adopted_after="2015-01-01")
    assert titles(data) == ["New law"]
    data = get(client, list_url(LawViewSet), country="QM", adopted_year_before=2015)
    assert titles(data) == ["Old law"]


def test_laws_by_kind_and_country_code_in_any_case(client, country):
    LawFactory(country=country, title="A code", kind=LawKind.CODE)
    LawFactory(country=country, title="A decree", kind=LawKind.DECREE)
    LawFactory(country=CountryFactory(iso2="QN"), title="Elsewhere", kind=LawKind.CODE)
    data = get(client, list_url(LawViewSet), country="qm", kind=["code", "decree"])
    assert titles(data) == ["A code", "A decree"]
    data = get(client, list_url(LawViewSet), country="Qm", kind="code")
    assert titles(data) == ["A code"]
    assert data["results"][0]["country"] == "QM"


def test_treaties_not_ratified_carry_treaty_name(client, country):
    TreatyStatusFactory(country=country, treaty=TreatyFactory(name="Covenant A", abbreviation="CA"), ratified=True)
    TreatyStatusFactory(
        country=country, treaty=TreatyFactory(name="Convention B", abbreviation="CB"), ratified=False, year=None
    )
    data = get(client, list_url(TreatyStatusViewSet), country="QM", ratified="false")
    assert [(s["treaty_name"], s["treaty_abbreviation"], s["ratified"]) for s in data["results"]] == [
        ("Convention B", "CB", False)
    ]


def test_russian_language_news_with_related_laws(client, country):
    law = LawFactory(country=country, title="Law on Mass Media")
    NewsItemFactory(country=country, title="Russian item", language="ru", related_laws=[law])
    NewsItemFactory(country=country, title="English item", language="en")
    data = get(client, list_url(NewsItemViewSet), country="QM", language="ru")
    assert titles(data) == ["Russian item"]
    (related,) = data["results"][0]["related_laws"]
    assert related["id"] == law.pk and related["title"] == "Law on Mass Media"
    assert related["url"].endswith(f"/api/v1/laws/{law.pk}/")
    assert related["html_url"].endswith(f"/countries/qm/laws/{law.slug}/")


def test_barriers_to_assembly_with_citations(client, country):
    law = LawFactory(country=country, title="Law on Peaceful Assemblies")
    article = ConstitutionalArticleFactory(country=country, number="32")
    barrier = BarrierFactory(country=country, category="assembly", title="Barriers to Assembly")
    barrier.cited_laws.add(law)
    barrier.cited_articles.add(article)
    BarrierFactory(country=country, category="entry", title="Barriers to Entry")
    data = get(client, list_url(BarrierViewSet), country="QM", category="assembly")
    assert titles(data) == ["Barriers to Assembly"]
    record = data["results"][0]
    assert [law["title"] for law in record["cited_laws"]] == ["Law on Peaceful Assemblies"]
    assert record["cited_articles"][0]["title"] == "Article 32"
    assert record["cited_articles"][0]["url"].endswith(f"/api/v1/constitutional-articles/{article.pk}/")


def test_rankings_by_index_and_year(client, country):
    index = RankingIndexFactory(slug="test-press-freedom")
    RankingFactory(country=country, index=index, year=2022)
    RankingFactory(country=country, index=index, year=2023)
    RankingFactory(country=country, year=2023)
    data = get(client, list_url(RankingViewSet), country="QM", index="test-press-freedom", year=2023)
    assert [(r["index_slug"], r["year"]) for r in data["results"]] == [("test-press-freedom", 2023)]


def test_search(client, country):
    LawFactory(country=country, title="Law on Non-Commercial Organizations")
    LawFactory(country=country, title="Tax Code")
    data = get(client, list_url(LawViewSet), country="QM", search="non-commercial")
    assert titles(data) == ["Law on Non-Commercial Organizations"]


def test_ordering_whitelisted(client, country):
    for year in (2012, 2020, 2005):
        LawFactory(country=country, title=f"Law {year}", adopted_on=datetime.date(year, 1, 1))
    data = get(client, list_url(LawViewSet), country="QM", ordering="-adopted_on")
    assert [law["title"] for law in data["results"]] == ["Law 2020", "Law 2012", "Law 2005"]
    response = client.get(list_url(LawViewSet), {"ordering": "summary"})
    assert response.status_code == 400
    assert "adopted_on" in response.json()["allowed"]


def test_pagination(client, country):
    LawFactory.create_batch(7, country=country)
    first = get(client, list_url(LawViewSet), country="QM", page_size=3)
    assert first["count"] == 7 and len(first["results"]) == 3 and first["previous"] is None
    assert "page=2" in first["next"] and "page_size=3" in first["next"]
    last = get(client, list_url(LawViewSet), country="QM", page_size=3, page=3)
    assert len(last["results"]) == 1 and last["next"] is None
    seen = {
        law["id"]
        for page in (1, 2, 3)
        for law in get(client, list_url(LawViewSet), country="QM", page_size=3, page=page)["results"]
    }
    assert len(seen) == 7
    response = client.get(list_url(LawViewSet), {"country": "QM", "page_size": 3, "page": 4})
    assert response.status_code == 404 and "no page 4" in response.json()["detail"]


def test_a_page_names_the_others_in_headers_so_a_csv_page_does_too(client, country):
    LawFactory.create_batch(7, country=country)
    url = list_url(LawViewSet)
    middle = client.get(url, {"country": "QM", "page_size": 3, "page": 2, "format": "csv"})
    assert middle.status_code == 200 and len(middle.content.decode().strip().splitlines()) == 1 + 3
    assert middle["X-Total-Count"] == "7"
    links = dict(
        (rel, target) for target, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', middle["Link"])
    )  # fmt: skip
    assert set(links) == {"next", "prev"} and middle["Link"].count(", <") == 1
    following = client.get(links["next"])
    assert following["Content-Type"].startswith("text/csv") and following["X-Total-Count"] == "7"
    assert len(following.content.decode().strip().splitlines()) == 1 + 1  # the last page's one law
    assert 'rel="next"' not in following["Link"] and 'rel="prev"' in following["Link"]
    assert (
        client.get(links["prev"]).content == client.get(url, {"country": "QM", "page_size": 3, "format": "csv"}).content
    )
    whole = client.get(url, {"country": "QM", "page_size": 100})
    assert whole["X-Total-Count"] == "7" and whole.json()["count"] == 7 and not whole.has_header("Link")


def test_country_by_code_links_to_its_collections(client, country):
    data = get(client, "/api/v1/countries/qm/")
    assert data["iso2"] == "QM"
    assert data["url"].endswith("/api/v1/countries/qm/")
    assert data["html_url"].endswith("/countries/qm/")
    assert data["links"]["laws"].endswith("/api/v1/laws/?country=QM")
    assert set(data["links"]) >= {"laws", "treaty_statuses", "barriers", "news", "reports", "rankings"}
    assert get(client, "/api/v1/countries/QM/")["iso2"] == "QM"
    assert client.get("/api/v1/countries/zz/").status_code == 404


def test_drafts_never_leak(client, country):
    law = LawFactory(country=country, title="Published law")
    draft = LawFactory(country=country, title="Draft law", publication_status="draft")
    barrier = BarrierFactory(country=country)
    barrier.cited_laws.add(law, draft)
    assert titles(get(client, list_url(LawViewSet), country="QM")) == ["Published law"]
    assert client.get(f"/api/v1/laws/{draft.pk}/").status_code == 404
    cited = get(client, list_url(BarrierViewSet), country="QM")["results"][0]["cited_laws"]
    assert [law["title"] for law in cited] == ["Published law"]
    hidden = CountryFactory(iso2="QO", publication_status="draft")
    LawFactory(country=hidden)
    assert client.get(list_url(LawViewSet), {"country": "QO"}).status_code == 400  # a draft country: none to name
    assert client.get("/api/v1/countries/qo/").status_code == 404


def test_every_resource_has_its_columns_stated():
    assert sorted(CSV_COLUMNS) == sorted(SIZE_ONE_RECORDS) == sorted(prefix for prefix, _ in RESOURCES)


def csv_records(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("prefix,viewset", RESOURCES, ids=[p for p, _ in RESOURCES])
def test_a_list_has_its_documented_fields_and_csv_columns_and_the_country_s_records(client, country, prefix, viewset):
    build_profile(country, 1)
    build_profile(CountryFactory(iso2="QN"), 1)  # another country's records stay out
    key, expected = SIZE_ONE_RECORDS[prefix]
    data = get(client, list_url(viewset), country="qm", page_size=100)
    assert [list(record) for record in data["results"]] == [json_fields(prefix)] * len(expected)
    assert sorted(record[key] for record in data["results"]) == expected

    header, records = csv_records(client.get(list_url(viewset), {"country": "QM", "format": "csv", "page_size": 100}))
    assert tuple(header) == CSV_COLUMNS[prefix]
    assert sorted(record[key] for record in records) == expected
    assert all("{" not in cell for record in records for cell in record.values())  # flattened, no nested JSON
    # `url` is the record's own API address on every resource (a news item's original article is its `link`)
    for record in data["results"]:
        itself = client.get(record["url"])
        assert itself.status_code == 200 and itself.json()["id"] == record["id"], (prefix, record["url"])


def test_the_correction_notes_of_nested_records_reach_the_csv(client, country):
    build_profile(country, 1)
    IndicatorBreakdown.objects.filter(indicator__country=country).update(correction_note="The source prints 67,73.")
    _, rankings = csv_records(client.get("/api/v1/rankings/", {"country": "QM", "format": "csv"}))
    notes = {ranking["index_slug"]: ranking["subscores.correction_note"] for ranking in rankings}
    assert notes == {"test-fragility": "", "test-freedom": SUBSCORE_CORRECTION, "test-index-qm-1": " | "}
    _, indicators = csv_records(client.get("/api/v1/key-indicators/", {"country": "QM", "format": "csv"}))
    assert [indicator["breakdowns.correction_note"] for indicator in indicators] == ["The source prints 67,73."]


def test_csv_joins_related_records_and_keeps_unicode(client, country):
    law = LawFactory(country=country, title="Закон о некоммерческих организациях")
    other = LawFactory(country=country, title="Law Two")
    barrier = BarrierFactory(country=country, title="Барьеры")
    barrier.cited_laws.add(law, other)
    response = client.get(list_url(BarrierViewSet), {"format": "csv", "country": "QM"})
    (row,) = csv.DictReader(io.StringIO(response.content.decode("utf-8")))
    assert row["title"] == "Барьеры"
    assert row["cited_laws.title"].split(" | ") == ["Закон о некоммерческих организациях", "Law Two"]
    assert row["url"].endswith(f"/api/v1/barriers/{barrier.pk}/")  # no ?format=csv leaking into the data


def test_errors_are_json_even_for_csv(client):
    response = client.get(list_url(LawViewSet), {"format": "csv", "adopted_after": "yesterday"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "adopted_after" in response.json()["detail"]


def test_profile_nests_every_section_in_report_order(client, country):
    build_profile(country, 2)
    data = get(client, "/api/v1/countries/qm/profile/")
    assert list(data) == [
        "country",
        "profile",
        "at_a_glance",
        "key_indicators",
        "rankings",
        "treaty_statuses",
        "constitutional_articles",
        "constitutional_amendments",
        "law_list",
        "laws",
        "initiatives",
        "organizational_forms",
        "legal_definitions",
        "tax_provisions",
        "sections",
        "barriers",
        "public_participation",
        "sector_figures",
        "reports",
        "news",
        "codebook",
    ]
    assert data["country"]["iso2"] == "QM"
    assert data["profile"]["title"] == "Civic Freedom Monitor: Testland QM"
    # build_profile(country, 2): two records of each part; the laws add the constitution, the rankings the two
    # on the shared test indices, the figures a three-year series, the news an English and a Russian item
    # each; the draft law and draft news stay out.
    counts = {key: len(value) for key, value in data.items() if isinstance(value, list)}
    assert counts == {
        "at_a_glance": 2,
        "key_indicators": 2,
        "rankings": 4,
        "treaty_statuses": 2,
        "constitutional_articles": 2,
        "constitutional_amendments": 2,
        "law_list": 2,
        "laws": 3,
        "initiatives": 2,
        "organizational_forms": 2,
        "legal_definitions": 2,
        "tax_provisions": 2,
        "sections": 2,
        "barriers": 2,
        "public_participation": 2,
        "sector_figures": 5,
        "reports": 2,
        "news": 4,
        "codebook": 2,
    }
    assert [len(indicator["breakdowns"]) for indicator in data["key_indicators"]] == [1, 1]
    subscores = {ranking["index_slug"]: len(ranking["subscores"]) for ranking in data["rankings"]}
    assert subscores == {"test-fragility": 0, "test-freedom": 1, "test-index-qm-1": 2, "test-index-qm-2": 2}
    law_ids = {law["id"] for law in data["laws"]}
    assert data["law_list"][0]["law"]["id"] in law_ids
    assert data["barriers"][0]["cited_laws"][0]["id"] in law_ids


# The parts of the profile that are an API resource's records, with that resource; the others are stated below.
PROFILE_RESOURCES = {
    "key_indicators": "key-indicators",
    "rankings": "rankings",
    "treaty_statuses": "treaty-statuses",
    "constitutional_articles": "constitutional-articles",
    "constitutional_amendments": "constitutional-amendments",
    "laws": "laws",
    "initiatives": "initiatives",
    "organizational_forms": "organizational-forms",
    "legal_definitions": "legal-definitions",
    "tax_provisions": "tax-provisions",
    "barriers": "barriers",
    "public_participation": "public-participation-items",
    "sector_figures": "sector-figures",
    "reports": "reports",
    "news": "news",
    "codebook": "answers",
}
PROFILE_SUMMARY_FIELDS = [
    "title", "last_updated", "overview", "source", "source_url", "source_file", "contact_note", "correction_note",
    "correction_kind",
]  # fmt: skip
AT_A_GLANCE_FIELDS = [
    "slug", "order", "label", "value", "none_stated", "barrier_category", "correction_note", "correction_kind",
]  # fmt: skip
SECTION_FIELDS = ["slug", "order", "kind", "title", "body", "correction_note", "correction_kind"]
LAW_LIST_FIELDS = ["position", "law", "printed_text", "correction_note", "correction_kind"]
SUBSCORE_FIELDS = [
    "slug", "name", "score", "scale_best", "scale_worst", "scale_printed", "normalised", "order", "correction_note",
    "correction_kind",
]  # fmt: skip
BREAKDOWN_FIELDS = [
    "slug", "label", "value", "unit", "year", "is_estimate", "note", "order", "correction_note", "correction_kind",
]  # fmt: skip


def test_every_record_of_the_profile_has_its_documented_fields(client, country):
    build_profile(country, 1)
    data = get(client, "/api/v1/countries/qm/profile/")
    assert list(data["profile"]) == PROFILE_SUMMARY_FIELDS
    assert [list(row) for row in data["at_a_glance"]] == [AT_A_GLANCE_FIELDS]
    assert [list(section) for section in data["sections"]] == [SECTION_FIELDS]
    assert [list(entry) for entry in data["law_list"]] == [LAW_LIST_FIELDS]
    for key, prefix in PROFILE_RESOURCES.items():
        assert data[key], key
        assert all(list(record) == json_fields(prefix) for record in data[key]), key
    assert [list(sub) for ranking in data["rankings"] for sub in ranking["subscores"]] == [SUBSCORE_FIELDS] * 3
    assert [list(row) for indicator in data["key_indicators"] for row in indicator["breakdowns"]] == [BREAKDOWN_FIELDS]


def test_the_profile_carries_the_correction_note_of_every_part(client, country):
    """The corrections of the report itself, its passages, its table rows, its list of laws and the sub-scores
    and breakdowns nested in rankings and indicators, not only those of the records with an endpoint."""
    build_profile(country, 1)
    country.profile.correction_note = "The report's date is printed as 30.05.2042."
    country.profile.save()
    for model in (AtAGlanceRow, Section, LawListEntry):
        model.objects.filter(country=country).update(correction_note=f"{model.__name__} note")
    IndicatorBreakdown.objects.filter(indicator__country=country).update(correction_note="IndicatorBreakdown note")
    data = get(client, "/api/v1/countries/qm/profile/")
    assert data["profile"]["correction_note"] == "The report's date is printed as 30.05.2042."
    assert [row["correction_note"] for row in data["at_a_glance"]] == ["AtAGlanceRow note"]
    assert [section["correction_note"] for section in data["sections"]] == ["Section note"]
    assert [entry["correction_note"] for entry in data["law_list"]] == ["LawListEntry note"]
    subscores = {(r["index_slug"], s["slug"]): s["correction_note"] for r in data["rankings"] for s in r["subscores"]}
    assert subscores == {
        ("test-freedom", "political-rights"): SUBSCORE_CORRECTION,
        ("test-index-qm-1", "political-rights"): "",
        ("test-index-qm-1", "civil-liberties"): "",
    }
    breakdowns = [row["correction_note"] for indicator in data["key_indicators"] for row in indicator["breakdowns"]]
    assert breakdowns == ["IndicatorBreakdown note"]


def test_the_kazakhstan_profile_carries_every_correction_note_of_the_fixtures(client):
    """/api/v1/countries/kz/profile/ against the fixture files: each part's notes, record by record."""
    data = get(client, "/api/v1/countries/kz/profile/")
    (summary,) = seeded("countries.countryprofile", country="KZ")
    assert summary["correction_note"] and data["profile"]["correction_note"] == summary["correction_note"]
    for key, model, name in (
        ("sections", "countries.section", "slug"),
        ("at_a_glance", "countries.ataglancerow", "slug"),
        ("law_list", "laws.lawlistentry", "position"),
    ):
        expected = {record[name]: record["correction_note"] for record in seeded(model, country="KZ")}
        assert {record[name]: record["correction_note"] for record in data[key]} == expected, key
    expected = {(s["ranking"][1], s["slug"]): s["correction_note"] for s in seeded("rankings.rankingsubscore")}
    assert any(expected.values())
    subscores = {(r["index_slug"], s["slug"]): s["correction_note"] for r in data["rankings"] for s in r["subscores"]}
    assert subscores == expected
    expected = {(b["indicator"][1], b["slug"]): b["correction_note"] for b in seeded("rankings.indicatorbreakdown")}
    breakdowns = {(i["slug"], b["slug"]): b["correction_note"] for i in data["key_indicators"] for b in i["breakdowns"]}
    assert breakdowns == expected


def test_country_list_and_root(client, country):
    root = get(client, "/api/v1/")
    assert set(root) >= {prefix for prefix, _ in RESOURCES} | {"dataset", "schema", "docs", "redoc"}
    codes = [c["iso2"] for c in get(client, list_url(CountryViewSet), page_size=100)["results"]]
    assert "QM" in codes


def test_a_csv_download_is_named_after_what_it_holds(client, country):
    cases = {
        "/api/v1/laws/?format=csv": "ngomonitor-laws.csv",
        "/api/v1/laws/?format=csv&page_size=1&page=2": "ngomonitor-laws-page-2.csv",
        "/api/v1/panel/?format=csv": "ngomonitor-panel.csv",
        "/api/v1/countries/kz/?format=csv": "ngomonitor-countries-kz.csv",
        "/api/v1/laws.csv": "ngomonitor-laws.csv",
    }
    for url, name in cases.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"] == f'attachment; filename="{name}"', url
    assert "Content-Disposition" not in client.get("/api/v1/laws/?format=csv&page=999")  # an error is JSON
    assert "Content-Disposition" not in client.get("/api/v1/laws/")


def test_parts_an_editor_left_at_the_same_order_list_by_slug(client, synthetic_country, no_response_cache):
    """`order` defaults to 0: sub-scores, breakdowns and news of one day left at it list by slug, the same on every
    database and every read (they came back in whatever order the database read them)."""
    ranking = RankingFactory(country=synthetic_country)
    indicator = KeyIndicatorFactory(country=synthetic_country)
    for slug in ("b-part", "a-part"):
        RankingSubScoreFactory(ranking=ranking, slug=slug, order=0)
        IndicatorBreakdownFactory(indicator=indicator, slug=slug, order=0)
        NewsItemFactory(country=synthetic_country, slug=f"{slug}-news", order=0)
    profile = client.get(f"/api/v1/countries/{synthetic_country.iso2.lower()}/profile/").json()
    assert [part["slug"] for part in profile["rankings"][0]["subscores"]] == ["a-part", "b-part"]
    assert [part["slug"] for part in profile["key_indicators"][0]["breakdowns"]] == ["a-part", "b-part"]
    assert [item["slug"] for item in profile["news"]] == ["a-part-news", "b-part-news"]
    listed = client.get(f"{list_url(NewsItemViewSet)}?country={synthetic_country.iso2}").json()["results"]
    assert [item["slug"] for item in listed] == ["a-part-news", "b-part-news"]
