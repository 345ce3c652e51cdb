"""An analyst narrows every API list with its filters, sorts it and pages through it.

Each filter is tried at its boundary (a record exactly on the date, the year, the value), with a value that must
exclude a record, and each boolean with both values. Every case builds its own records with factories in a
country of its own (QF), beside another country (QG) whose records must never show, and names the records it
expects as literals.
"""

import datetime

import pytest

from countries.models import BarrierCategory, SectionKind
from laws.models import LawKind, LawStatus
from tests.api_support import RESOURCES, list_url
from tests.factories import (
    AnswerFactory,
    BarrierFactory,
    ConstitutionalAmendmentFactory,
    ConstitutionalArticleFactory,
    CountryFactory,
    KeyIndicatorFactory,
    LawFactory,
    LawListEntryFactory,
    LegalDefinitionFactory,
    LegislativeInitiativeFactory,
    NewsItemFactory,
    OrganizationalFormFactory,
    PublicParticipationItemFactory,
    QuestionFactory,
    RankingFactory,
    RankingIndexFactory,
    ResourceFactory,
    SectorFigureFactory,
    TaxProvisionFactory,
    TreatyFactory,
    TreatyStatusFactory,
)

pytestmark = pytest.mark.django_db

VIEWSETS = dict(RESOURCES)


def day(text):
    return datetime.date.fromisoformat(text)


# ---------------------------------------------------------------- what each case builds (QF: ours, QG: another)


def laws_by_date(qf, qg):
    for slug, adopted in (("before", "2015-06-14"), ("on", "2015-06-15"), ("after", "2015-06-16")):
        LawFactory(country=qf, slug=slug, adopted_on=day(adopted))
    LawFactory(country=qf, slug="undated", adopted_on=None)
    LawFactory(country=qg, slug="elsewhere", adopted_on=day("2015-06-15"))


def laws_by_year(qf, qg):
    for slug, adopted in (
        ("end-2014", "2014-12-31"),
        ("start-2015", "2015-01-01"),
        ("end-2015", "2015-12-31"),
        ("start-2016", "2016-01-01"),
    ):
        LawFactory(country=qf, slug=slug, adopted_on=day(adopted))


def laws_by_kind_and_status(qf, qg):
    LawFactory(country=qf, slug="code", kind=LawKind.CODE, status=LawStatus.AMENDED)
    LawFactory(country=qf, slug="decree", kind=LawKind.DECREE, status=LawStatus.REPEALED)
    LawFactory(country=qf, slug="law", kind=LawKind.LAW, status=LawStatus.IN_FORCE)
    LawFactory(country=qg, slug="elsewhere", kind=LawKind.CODE, status=LawStatus.AMENDED)


def laws_in_and_out_of_the_list(qf, qg):
    LawListEntryFactory(country=qf, law=LawFactory(country=qf, slug="listed"))
    LawFactory(country=qf, slug="unlisted")


def articles(qf, qg):
    for number in ("1", "11", "21"):
        ConstitutionalArticleFactory(country=qf, number=number)


def amendments(qf, qg):
    referendum, other = "referendum_2022", "other"
    for slug, adopted, package in (
        ("before", "2022-06-04", other),
        ("on", "2022-06-05", referendum),
        ("after", "2022-06-06", other),
    ):
        ConstitutionalAmendmentFactory(country=qf, slug=slug, adopted_on=day(adopted), package=package)


def initiatives(qf, qg):
    law, other = LawFactory(country=qf, slug="pa-law"), LawFactory(country=qf, slug="other-law")
    for slug, started, stage, assessment, related in (
        ("before", "2020-09-30", "concept", "positive", law),
        ("on", "2020-10-01", "in_parliament", "negative", other),
        ("after", "2020-10-02", "stalled", "mixed", other),
    ):
        initiative = LegislativeInitiativeFactory(
            country=qf, slug=slug, started_on=day(started), stage=stage, assessment=assessment
        )
        initiative.related_laws.add(related)


def treaties(qf, qg):
    ours = TreatyFactory(slug="ours-international", kind="international")
    regional = TreatyFactory(slug="ours-regional", kind="regional")
    theirs = TreatyFactory(slug="theirs-only", kind="regional")
    for treaty, ratified, year in ((ours, True, 2006), (regional, False, None)):
        TreatyStatusFactory(country=qf, treaty=treaty, ratified=ratified, year=year)
    TreatyStatusFactory(country=qg, treaty=theirs)


def treaty_statuses_by_year(qf, qg):
    for year in (2005, 2006, 2007):
        TreatyStatusFactory(country=qf, treaty=TreatyFactory(slug=f"treaty-{year}"), year=year)


def definitions(qf, qg):
    charity = LawFactory(country=qf, slug="law-on-charity")
    LegalDefinitionFactory(country=qf, slug="charity-form", kind="charity_form", law=charity)
    LegalDefinitionFactory(country=qf, slug="definition", kind="definition", law=LawFactory(country=qf, slug="other"))


def barriers(qf, qg):
    law, other = LawFactory(country=qf, slug="pa-law"), LawFactory(country=qf, slug="other-law")
    article_1 = ConstitutionalArticleFactory(country=qf, number="1")
    article_11 = ConstitutionalArticleFactory(country=qf, number="11")
    for slug, category, part, cited_law, cited_article in (
        ("assembly", BarrierCategory.ASSEMBLY, "", law, article_1),
        ("foreign", BarrierCategory.RESOURCES, "foreign_funding", other, article_11),
        ("domestic", BarrierCategory.RESOURCES, "domestic_funding", other, article_11),
        ("entry", BarrierCategory.ENTRY, "", other, article_11),
    ):
        barrier = BarrierFactory(country=qf, slug=slug, category=category, part=part)
        barrier.cited_laws.add(cited_law)
        barrier.cited_articles.add(cited_article)


def figures(qf, qg):
    barrier = BarrierFactory(country=qf, slug="entry")
    for slug, as_of, period_end, unit, section in (
        ("before", "2023-03-31", 2019, "organizations", SectionKind.OVERVIEW),
        ("on", "2023-04-01", 2020, "citizens", SectionKind.BARRIERS),
        ("after", "2023-04-02", 2021, "organizations", SectionKind.OVERVIEW),
    ):
        SectorFigureFactory(
            country=qf, slug=slug, as_of=day(as_of), period_end=period_end, unit=unit, section=section,
            barrier=barrier if slug == "on" else None,
        )  # fmt: skip
    # "since 2017": an open period runs on; "2010-2015" spans years
    SectorFigureFactory(country=qf, slug="since-2017", as_of=day("2023-04-05"), period_start=2017, period_end=None)
    SectorFigureFactory(country=qf, slug="2010-2015", as_of=day("2023-04-05"), period_start=2010, period_end=2015)


def participation(qf, qg):
    PublicParticipationItemFactory(country=qf, slug="council", kind="institution")
    PublicParticipationItemFactory(country=qf, slug="hearings", kind="mechanism")


def countries(qf, qg):
    qf.region, qg.region = "Test Steppe", "Other Region"
    qf.save()
    qg.save()


def news(qf, qg):
    law = LawFactory(country=qf, slug="pa-law")
    for slug, published, language in (
        ("end-2022", "2022-12-31", "en"),
        ("before", "2023-06-30", "en"),
        ("on", "2023-07-01", "ru"),
        ("after", "2023-07-02", "kk"),
        ("start-2024", "2024-01-01", "ru"),
    ):
        NewsItemFactory(country=qf, slug=slug, published_on=day(published), language=language)
    NewsItemFactory(country=qf, slug="about-the-law", published_on=day("2023-01-01"), related_laws=[law])


def reports(qf, qg):
    ResourceFactory(country=qf, slug="imf", kind="imf")
    ResourceFactory(country=qf, slug="upr", kind="un_upr")


def forms(qf, qg):
    OrganizationalFormFactory(country=qf, slug="pa", basis="civil_code", is_most_popular=True)
    OrganizationalFormFactory(country=qf, slug="foundation", basis="separate_law", is_most_popular=False)


def tax(qf, qg):
    TaxProvisionFactory(country=qf, slug="exemption", kind="exemption")
    TaxProvisionFactory(country=qf, slug="deduction", kind="donor_deduction")


def ranking_indices(qf, qg):
    RankingFactory(country=qf, index=RankingIndexFactory(slug="ours-status", measure="status"))
    RankingFactory(country=qf, index=RankingIndexFactory(slug="ours-rank", measure="rank"))
    RankingFactory(country=qg, index=RankingIndexFactory(slug="theirs-status", measure="status"))


def rankings(qf, qg):
    press = RankingIndexFactory(slug="press")
    for year in (2022, 2023, 2024):
        RankingFactory(country=qf, index=RankingIndexFactory(slug=f"index-{year}"), year=year)
    RankingFactory(country=qf, index=press, year=2021)
    RankingFactory(country=qg, index=press, year=2023)


def indicators(qf, qg):
    for slug, year, estimate in (("y2022", 2022, False), ("y2023", 2023, True), ("y2024", 2024, False)):
        KeyIndicatorFactory(country=qf, slug=slug, year=year, is_estimate=estimate)


def questions(qf, qg):
    founders = QuestionFactory(key="founders", category="entry", answer_type="integer")
    notice = QuestionFactory(key="notice", category="assembly", answer_type="duration")
    regime = QuestionFactory(key="regime", category="assembly", answer_type="choice")
    for question in (founders, notice):
        AnswerFactory(country=qf, question=question)
    AnswerFactory(country=qg, question=regime, value_number=None, value_text="notification")


def answers(qf, qg):
    """Answers named by their note; the periods of "founders" meet on 2015-06-15 / 2015-06-16."""
    founders = QuestionFactory(key="founders", category="entry")
    notice = QuestionFactory(key="notice", category="assembly", answer_type="duration")
    AnswerFactory(country=qf, question=founders, note="old", valid_from=None, valid_to=day("2015-06-15"))
    AnswerFactory(country=qf, question=founders, note="new", valid_from=day("2015-06-16"))
    AnswerFactory(country=qf, question=notice, note="unstated", status="not_stated", value_number=None, qualifier="")
    AnswerFactory(country=qg, question=notice, note="elsewhere")
    regime = QuestionFactory(key="regime", category="assembly", answer_type="choice", unit="")
    AnswerFactory(country=qf, question=regime, note="permit", value_number=None, value_text="permission", qualifier="")


# ---------------------------------------------------------------- the cases

# (resource, what it builds, parameters, the records expected by their key column)
CASES = [
    ("laws", laws_by_date, {"adopted_after": "2015-06-15"}, ["after", "on"]),
    ("laws", laws_by_date, {"adopted_before": "2015-06-15"}, ["before", "on"]),
    ("laws", laws_by_year, {"adopted_year_after": "2015"}, ["end-2015", "start-2015", "start-2016"]),
    ("laws", laws_by_year, {"adopted_year_before": "2015"}, ["end-2014", "end-2015", "start-2015"]),
    ("laws", laws_by_kind_and_status, {"kind": "code"}, ["code"]),
    ("laws", laws_by_kind_and_status, {"kind": ["code", "decree"]}, ["code", "decree"]),
    ("laws", laws_by_kind_and_status, {"status": "amended"}, ["code"]),
    ("laws", laws_by_kind_and_status, {"status": ["in_force", "repealed"]}, ["decree", "law"]),
    ("laws", laws_in_and_out_of_the_list, {"in_law_list": "true"}, ["listed"]),
    ("laws", laws_in_and_out_of_the_list, {"in_law_list": "false"}, ["unlisted"]),
    ("constitutional-articles", articles, {"number": "1"}, ["1"]),
    ("constitutional-amendments", amendments, {"package": "referendum_2022"}, ["on"]),
    ("constitutional-amendments", amendments, {"adopted_after": "2022-06-05"}, ["after", "on"]),
    ("constitutional-amendments", amendments, {"adopted_before": "2022-06-05"}, ["before", "on"]),
    ("initiatives", initiatives, {"stage": "in_parliament"}, ["on"]),
    ("initiatives", initiatives, {"stage": ["concept", "stalled"]}, ["after", "before"]),
    ("initiatives", initiatives, {"assessment": "negative"}, ["on"]),
    ("initiatives", initiatives, {"started_after": "2020-10-01"}, ["after", "on"]),
    ("initiatives", initiatives, {"started_before": "2020-10-01"}, ["before", "on"]),
    ("initiatives", initiatives, {"law": "pa-law"}, ["before"]),
    ("treaties", treaties, {"country": "qf"}, ["ours-international", "ours-regional"]),
    ("treaties", treaties, {"kind": "regional"}, ["ours-regional"]),
    ("treaty-statuses", treaties, {"ratified": "true"}, ["ours-international"]),
    ("treaty-statuses", treaties, {"ratified": "false"}, ["ours-regional"]),
    ("treaty-statuses", treaties, {"kind": "regional"}, ["ours-regional"]),
    ("treaty-statuses", treaties, {"treaty": "ours-regional"}, ["ours-regional"]),
    ("treaty-statuses", treaty_statuses_by_year, {"year_after": "2006"}, ["treaty-2006", "treaty-2007"]),
    ("treaty-statuses", treaty_statuses_by_year, {"year_before": "2006"}, ["treaty-2005", "treaty-2006"]),
    ("legal-definitions", definitions, {"kind": "charity_form"}, ["charity-form"]),
    ("legal-definitions", definitions, {"law": "law-on-charity"}, ["charity-form"]),
    ("barriers", barriers, {"category": "assembly"}, ["assembly"]),
    ("barriers", barriers, {"category": ["assembly", "entry"]}, ["assembly", "entry"]),
    ("barriers", barriers, {"part": "foreign_funding"}, ["foreign"]),
    ("barriers", barriers, {"law": "pa-law"}, ["assembly"]),
    ("barriers", barriers, {"article": "1"}, ["assembly"]),
    ("sector-figures", figures, {"section": "barriers"}, ["on"]),
    ("sector-figures", figures, {"unit": "CITIZENS"}, ["on"]),
    ("sector-figures", figures, {"as_of_after": "2023-04-01"}, ["2010-2015", "after", "on", "since-2017"]),
    ("sector-figures", figures, {"as_of_before": "2023-04-01"}, ["before", "on"]),
    ("sector-figures", figures, {"period_after": "2020"}, ["after", "on", "since-2017"]),
    ("sector-figures", figures, {"period_before": "2020"}, ["2010-2015", "before", "on", "since-2017"]),
    ("sector-figures", figures, {"period_after": "2015"}, ["2010-2015", "after", "before", "on", "since-2017"]),
    ("sector-figures", figures, {"period_before": "2016"}, ["2010-2015"]),
    ("sector-figures", figures, {"period_after": "2023"}, ["since-2017"]),  # open, stated as of 2023
    ("sector-figures", figures, {"period_after": "2024"}, []),
    ("sector-figures", figures, {"barrier": "entry"}, ["on"]),
    ("public-participation-items", participation, {"kind": "institution"}, ["council"]),
    ("countries", countries, {"region": "test steppe"}, ["QF"]),
    ("news", news, {"language": "ru"}, ["on", "start-2024"]),
    ("news", news, {"published_after": "2023-07-01"}, ["after", "on", "start-2024"]),
    ("news", news, {"published_before": "2023-07-01"}, ["about-the-law", "before", "end-2022", "on"]),
    ("news", news, {"year_after": "2023"}, ["about-the-law", "after", "before", "on", "start-2024"]),
    ("news", news, {"year_before": "2023"}, ["about-the-law", "after", "before", "end-2022", "on"]),
    ("news", news, {"law": "pa-law"}, ["about-the-law"]),
    ("reports", reports, {"kind": "imf"}, ["imf"]),
    ("organizational-forms", forms, {"basis": "separate_law"}, ["foundation"]),
    ("organizational-forms", forms, {"is_most_popular": "true"}, ["pa"]),
    ("organizational-forms", forms, {"is_most_popular": "false"}, ["foundation"]),
    ("tax-provisions", tax, {"kind": "donor_deduction"}, ["deduction"]),
    ("ranking-indices", ranking_indices, {"country": "qf"}, ["ours-rank", "ours-status"]),
    ("ranking-indices", ranking_indices, {"measure": "status"}, ["ours-status"]),
    ("rankings", rankings, {"index": "press"}, ["press"]),
    ("rankings", rankings, {"year": "2023"}, ["index-2023"]),
    ("rankings", rankings, {"year_after": "2023"}, ["index-2023", "index-2024"]),
    ("rankings", rankings, {"year_before": "2023"}, ["index-2022", "index-2023", "press"]),
    ("key-indicators", indicators, {"year": "2023"}, ["y2023"]),
    ("key-indicators", indicators, {"is_estimate": "true"}, ["y2023"]),
    ("key-indicators", indicators, {"is_estimate": "false"}, ["y2022", "y2024"]),
    ("questions", questions, {"country": "qf"}, ["founders", "notice"]),
    ("questions", questions, {"category": "assembly"}, ["notice"]),
    ("questions", questions, {"answer_type": ["integer", "choice"]}, ["founders"]),
    ("answers", answers, {"question": "founders"}, ["new", "old"]),
    ("answers", answers, {"category": "assembly"}, ["permit", "unstated"]),
    ("answers", answers, {"status": "not_stated"}, ["unstated"]),
    ("answers", answers, {"answer_type": ["choice", "duration"]}, ["permit", "unstated"]),
    ("answers", answers, {"value": "PERMISSION"}, ["permit"]),
    ("answers", answers, {"as_of": "2015-06-15"}, ["old", "permit", "unstated"]),
    ("answers", answers, {"as_of": "2015-06-16"}, ["new", "permit", "unstated"]),
]
# How each resource's records are named in the cases.
KEYS = {
    "countries": "iso2",
    "treaties": "slug",
    "treaty-statuses": "treaty",
    "constitutional-articles": "number",
    "ranking-indices": "slug",
    "rankings": "index_slug",
    "questions": "key",
    "answers": "note",
}
# Lists shared by all countries: the cases add `country=qf` (itself a filter under test) to leave out the seeded ones.
UNSCOPED = {"treaties", "ranking-indices", "questions"}


def case_id(case):
    prefix, _, params, _ = case
    return f"{prefix}?" + "&".join(f"{k}={'+'.join(v) if isinstance(v, list) else v}" for k, v in params.items())


@pytest.mark.parametrize("prefix,build,params,expected", CASES, ids=[case_id(case) for case in CASES])
def test_a_filter_keeps_the_records_on_its_boundary_and_leaves_out_the_others(client, prefix, build, params, expected):
    qf, qg = CountryFactory(iso2="QF"), CountryFactory(iso2="QG")
    build(qf, qg)
    scope = {} if prefix == "countries" or "country" in params else {"country": "QF"}
    response = client.get(list_url(VIEWSETS[prefix]), {**scope, **params, "page_size": 100})
    assert response.status_code == 200, response.content
    key = KEYS.get(prefix, "slug")
    assert sorted(record[key] for record in response.json()["results"]) == expected


def test_every_filter_of_every_list_has_a_case():
    """A filter added without a boundary case here fails this test (the country filter of every list is tried in
    test_api_contract, beside another country)."""
    tried = {(prefix, name) for prefix, _, params, _ in CASES for name in params}
    filters = {(prefix, name) for prefix, viewset in RESOURCES for name in viewset.filterset_class.base_filters} - {
        (prefix, "country") for prefix, _ in RESOURCES if prefix not in UNSCOPED
    }
    assert filters - tried == set()
    assert tried - filters == set()


# ---------------------------------------------------------------- ordering with ties, pagination at the end


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def slugs(data):
    return [record["slug"] for record in data["results"]]


@pytest.fixture
def tied_laws():
    """Five laws, three adopted on the same day, created in an order that is neither by date nor by slug."""
    country = CountryFactory(iso2="QF")
    for slug, adopted in (("c", "2012-01-01"), ("a", "2012-01-01"), ("e", "2005-01-01"), ("b", "2012-01-01")):
        LawFactory(country=country, slug=slug, title=f"Law {slug}", adopted_on=day(adopted))
    LawFactory(country=country, slug="d", title="Law d", adopted_on=day("2020-01-01"))
    return country


def test_ordering_breaks_ties_by_creation_in_both_directions(client, tied_laws):
    url = list_url(VIEWSETS["laws"])
    assert slugs(get(client, url, country="QF", ordering="adopted_on")) == ["e", "c", "a", "b", "d"]
    assert slugs(get(client, url, country="QF", ordering="-adopted_on")) == ["d", "c", "a", "b", "e"]
    assert slugs(get(client, url, country="QF", ordering="-adopted_on,title")) == ["d", "a", "b", "c", "e"]
    assert slugs(get(client, url, country="QF", ordering="-adopted_on,-title")) == ["d", "c", "b", "a", "e"]


def test_pages_of_tied_records_never_repeat_or_skip_one(client, tied_laws):
    url = list_url(VIEWSETS["laws"])
    pages = [slugs(get(client, url, country="QF", ordering="adopted_on", page_size=2, page=page)) for page in (1, 2, 3)]
    assert pages == [["e", "c"], ["a", "b"], ["d"]]


def test_the_last_page_is_short_has_no_next_link_and_the_page_after_it_is_a_404(client, tied_laws):
    url = list_url(VIEWSETS["laws"])
    last = get(client, url, country="QF", ordering="adopted_on", page_size=2, page=3)
    assert last["count"] == 5 and slugs(last) == ["d"] and last["next"] is None
    assert "page=2" in last["previous"]
    assert get(client, url, country="QF", ordering="adopted_on", page_size=2, page="last") == last
    response = client.get(url, {"country": "QF", "page_size": 2, "page": 4})
    assert response.status_code == 404 and "no page 4" in response.json()["detail"]


def test_a_full_last_page_ends_the_list(client, tied_laws):
    url = list_url(VIEWSETS["laws"])
    LawFactory(country=tied_laws, slug="f", adopted_on=day("2021-01-01"))
    last = get(client, url, country="QF", ordering="adopted_on", page_size=3, page=2)
    assert slugs(last) == ["b", "d", "f"] and last["next"] is None
    assert client.get(url, {"country": "QF", "page_size": 3, "page": 3}).status_code == 404
    whole = get(client, url, country="QF", page_size=100)
    assert whole["count"] == 6 and whole["next"] is None and whole["previous"] is None


def test_a_record_named_by_key_is_found_in_any_case_and_an_unknown_one_is_a_400(client):
    """On the seed. A typo in a key or slug (`treaty=ICCPR`, `law=nope`) listed nothing, silently."""
    assert client.get("/api/v1/treaty-statuses/", {"treaty": "ICCPR"}).json()["count"] == 1
    assert client.get("/api/v1/barriers/", {"law": "LAW-ON-PEACEFUL-ASSEMBLIES"}).json()["count"] >= 1
    for url, name, value, noun in [
        ("/api/v1/barriers/", "law", "nope", "law with the slug"),
        ("/api/v1/rankings/", "index", "fragile", "ranking index with the slug"),
        ("/api/v1/answers/", "question", "founders", "question with the key"),
        ("/api/v1/sector-figures/", "barrier", "assembly-x", "barrier with the slug"),
    ]:
        response = client.get(url, {name: value})
        assert response.status_code == 400, url
        assert response.json()["errors"] == {name: [f"No published {noun} '{value}'."]}
    page = client.get("/countries/kz/barriers/", {"law": "nope"})
    assert page.status_code == 400 and "No published law with the slug &#x27;nope&#x27;." in page.content.decode()


def partial_dates(qf, qg):
    """News dated to the day, the month and the year, as the source gives them."""
    for slug, published, precision in (
        ("day-apr-1", "2024-04-01", "day"),
        ("april-2024", "2024-04-01", "month"),
        ("year-2024", "2024-01-01", "year"),
        ("may-2024", "2024-05-01", "month"),
    ):
        NewsItemFactory(country=qf, slug=slug, published_on=day(published), date_precision=precision)


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"published_after": "2024-04-15"}, ["april-2024", "may-2024", "year-2024"]),
        ({"published_before": "2024-04-15"}, ["april-2024", "day-apr-1", "year-2024"]),
        ({"published_after": "2024-12-31"}, ["year-2024"]),
        ({"published_after": "2025-01-01"}, []),
        ({"published_after": "2024-04-01"}, ["april-2024", "day-apr-1", "may-2024", "year-2024"]),
        ({"published_after": "2024-04-02"}, ["april-2024", "may-2024", "year-2024"]),
    ],
)
def test_a_date_known_to_the_month_or_year_counts_for_any_day_of_it(client, params, expected):
    """April 2024 was left out of published_after=2024-04-15 while published_before=2024-04-15 kept it."""
    qf = CountryFactory(iso2="QF")
    partial_dates(qf, None)
    response = client.get("/api/v1/news/", {"country": "qf", **params})
    assert sorted(record["slug"] for record in response.json()["results"]) == expected


def test_an_open_period_without_an_as_of_date_runs_to_its_report_s_year(client):
    """`period_after=2100` listed the figures "since 2003" that carry no as-of date, as if the report spoke for
    2100; such a period runs as far as its report does."""
    country = CountryFactory(iso2="QF", with_profile=True, profile__last_updated=datetime.date(2024, 5, 30))
    SectorFigureFactory(country=country, slug="since-2003", as_of=None, period_start=2003, period_end=None)
    url = "/api/v1/sector-figures/"
    assert slugs(get(client, url, country="QF", period_after="2024")) == ["since-2003"]
    assert slugs(get(client, url, country="QF", period_after="2025")) == []
    assert slugs(get(client, url, country="QF", period_after="2100")) == []
