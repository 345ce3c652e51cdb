"""The seeded Kazakhstan rankings, key indicators, news, resources and sector figures (helper C's fixtures).

The test database already holds every fixture (tests/conftest.py loads them once per session); these tests
read it through the ORM and check counts, exact values from the seed report and every quirk's correction note.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from countries.models import SectorFigure
from news.models import NewsItem, Resource
from rankings.models import IndicatorBreakdown, KeyIndicator, Ranking, RankingIndex, RankingSubScore
from tests.seed import SEED_REPORT

pytestmark = pytest.mark.django_db

SEED = SEED_REPORT


def kz(model):
    return model.objects.for_country("KZ")


def news(title_start):
    return kz(NewsItem).get(title__startswith=title_start)


def figure(slug):
    return kz(SectorFigure).get(slug=slug)


def counts():
    return {
        "indices": RankingIndex.objects.count(),
        "rankings": Ranking.objects.filter(country__iso2="KZ").count(),
        "subscores": RankingSubScore.objects.filter(ranking__country__iso2="KZ").count(),
        "indicators": kz(KeyIndicator).count(),
        "breakdowns": IndicatorBreakdown.objects.filter(indicator__country__iso2="KZ").count(),
        "news": kz(NewsItem).count(),
        "resources": kz(Resource).count(),
        "figures": kz(SectorFigure).count(),
    }


# ---------------------------------------------------------------- counts


def test_counts_per_kind():
    c = counts()
    assert c["indices"] == 5
    assert c["rankings"] == 5
    assert c["subscores"] == 2
    assert c["indicators"] == 8
    assert c["breakdowns"] == 16
    assert c["news"] == 31
    assert c["resources"] == 5
    assert c["figures"] >= 66


def test_loading_again_changes_nothing():
    before = counts()
    population = kz(KeyIndicator).get(slug="population").pk
    call_command("load_fixtures", verbosity=0)
    assert counts() == before
    assert kz(KeyIndicator).get(slug="population").pk == population


def test_everything_is_published_with_the_report_timestamps():
    stamp = datetime.datetime(2024, 5, 30, tzinfo=datetime.UTC)
    querysets = [
        RankingIndex.objects.all(),
        Ranking.objects.filter(country__iso2="KZ"),
        RankingSubScore.objects.all(),
        kz(KeyIndicator),
        IndicatorBreakdown.objects.all(),
        kz(NewsItem),
        kz(Resource),
        kz(SectorFigure),
    ]
    for qs in querysets:
        assert qs.exists()
        assert not qs.exclude(publication_status="published").exists(), qs.model
        assert not qs.exclude(created_at=stamp).exists(), qs.model


# ---------------------------------------------------------------- rankings


def test_indices_in_report_order_with_their_scales():
    assert list(RankingIndex.objects.values_list("slug", flat=True)) == [
        "undp-hdi",
        "wjp-rule-of-law",
        "ti-cpi",
        "freedom-house-fiw",
        "fragile-states",
    ]
    hdi = RankingIndex.objects.get(slug="undp-hdi")
    assert (hdi.scale_best, hdi.scale_worst, hdi.scale_printed) == (1, 193, "1 – 193")
    assert RankingIndex.objects.get(slug="wjp-rule-of-law").scale_worst == 142
    assert RankingIndex.objects.get(slug="ti-cpi").scale_worst == 180
    fh = RankingIndex.objects.get(slug="freedom-house-fiw")
    assert fh.measure == "status" and fh.scale_best is None and fh.scale_worst is None
    assert fh.scale_printed == "Free/Partly Free/Not Free"
    assert fh.higher_is_better is None


def test_fragile_states_scale_runs_from_179_best_to_1_worst():
    index = RankingIndex.objects.get(slug="fragile-states")
    assert index.scale_best == 179 and index.scale_worst == 1
    assert index.scale_printed == "179 – 1"
    assert index.higher_is_better is True
    ranking = Ranking.objects.get_by_natural_key("KZ", "fragile-states", 2023)
    assert ranking.rank == 111
    assert ranking.normalised == Decimal(110) / Decimal(178) * 100
    assert round(ranking.normalised, 2) == Decimal("61.80")


def test_ranks_and_years():
    got = {r.index.slug: (r.year, r.rank) for r in Ranking.objects.filter(country__iso2="KZ")}
    assert got == {
        "undp-hdi": (2023, 67),
        "wjp-rule-of-law": (2023, 65),
        "ti-cpi": (2023, 93),
        "freedom-house-fiw": (2024, None),
        "fragile-states": (2023, 111),
    }
    cpi = Ranking.objects.get_by_natural_key("KZ", "ti-cpi", 2023)
    assert cpi.rank == 93 and cpi.printed_value == "93 (2023)"
    hdi = Ranking.objects.get_by_natural_key("KZ", "undp-hdi", 2023)
    assert hdi.normalised == Decimal("65.625")  # (67 - 193) / (1 - 193) * 100


def test_freedom_house_status_and_sub_scores_with_scale_notes():
    ranking = Ranking.objects.get_by_natural_key("KZ", "freedom-house-fiw", 2024)
    assert ranking.status_text == "Not free"
    assert ranking.normalised is None
    subs = {s.slug: s for s in ranking.subscores.all()}
    assert set(subs) == {"political-rights", "civil-liberties"}
    pr, cl = subs["political-rights"], subs["civil-liberties"]
    assert (pr.score, pr.scale_best, pr.scale_worst, pr.scale_printed) == (5, 40, 0, "1 – 40")
    assert (cl.score, cl.scale_best, cl.scale_worst, cl.scale_printed) == (18, 60, 0, "1 – 60")
    assert "1 – 40" in pr.correction_note and "0–40" in pr.correction_note
    assert "1 – 60" in cl.correction_note and "0–60" in cl.correction_note
    assert pr.normalised == Decimal("12.5")
    assert cl.normalised == Decimal(18) / Decimal(60) * 100


# ---------------------------------------------------------------- key indicators


def test_population_and_text_indicators():
    population = kz(KeyIndicator).get(slug="population")
    assert population.value == Decimal("19543464")
    assert population.year == 2023 and population.is_estimate
    assert population.printed_value == "Population 19,543,464 (2023 est.)"
    assert population.source == "The World Factbook. Washington, DC: Central Intelligence Agency."
    assert kz(KeyIndicator).get(slug="capital").text_value == "Astana"
    assert kz(KeyIndicator).get(slug="type-of-government").text_value == "Presidential Republic"
    gdp = kz(KeyIndicator).get(slug="gdp-per-capita")
    assert (gdp.value, gdp.unit, gdp.year, gdp.is_estimate) == (Decimal("26100"), "USD", 2021, True)
    assert list(kz(KeyIndicator).values_list("order", flat=True)) == list(range(1, 9))


def breakdown(indicator, slug):
    return IndicatorBreakdown.objects.get_by_natural_key("KZ", indicator, slug)


def test_breakdowns():
    assert breakdown("religious-groups", "muslim").value == Decimal("70.2")
    christian = breakdown("religious-groups", "christian")
    assert christian.value == Decimal("26.2") and christian.note == "mainly Russian Orthodox"
    assert christian.year == 2009 and christian.is_estimate
    assert breakdown("life-expectancy", "male").value == Decimal("67.73")
    assert breakdown("life-expectancy", "female").value == Decimal("77.56")
    assert breakdown("literacy-rate", "female").value == Decimal("99.7")
    assert breakdown("literacy-rate", "male").is_estimate is False
    assert breakdown("ethnic-groups", "kazakh").label == "Kazakh (Qazaq)"
    assert breakdown("ethnic-groups", "tatar").value == Decimal("1")
    ethnic = IndicatorBreakdown.objects.filter(indicator__slug="ethnic-groups")
    assert sum(b.value for b in ethnic) == Decimal("99.9")  # as printed (rounded shares)
    assert list(ethnic.values_list("slug", flat=True)) == [
        "kazakh",
        "russian",
        "uzbek",
        "uyghur",
        "ukrainian",
        "tatar",
        "other",
    ]


# ---------------------------------------------------------------- news


def test_news_list_order_and_first_item():
    items = kz(NewsItem).order_by("order")
    assert list(items.values_list("order", flat=True)) == list(range(1, 32))
    first = items.first()
    assert first.title == "Kazakhstan Arrests Former Interior Minister Over Protest Crackdown"
    assert first.printed_date == "April 2024"
    assert first.published_on == datetime.date(2024, 4, 1)
    assert first.date_precision == "month"
    assert first.date_display == "April 2024"
    assert first.language == "en"
    assert first.summary.startswith("Authorities in Kazakhstan have arrested a former interior minister")
    last = items.last()
    assert last.title == "Kazakhstan Elected Member of UN Human Rights Council"
    assert last.published_on == datetime.date(2012, 11, 1)


def test_news_languages():
    assert kz(NewsItem).filter(language="ru").count() == 14
    assert kz(NewsItem).filter(language="en").count() == 2
    assert kz(NewsItem).filter(language="").count() == 15


def test_news_without_text():
    empty = kz(NewsItem).filter(summary="").order_by("order")
    assert list(empty.values_list("title", flat=True)) == [
        "CSOs Hold Press Conference on Draft Law",
        "Religious institutions have to report for foreign money",
        "Kazakhstan Elected Member of UN Human Rights Council",
    ]


def test_news_day_precision_dates():
    constitution = news("How will the Constitution of Kazakhstan change")
    assert constitution.published_on == datetime.date(2022, 9, 16)
    assert constitution.date_precision == "day"
    assert constitution.printed_date == "September 16, 2022"
    assert constitution.related_laws.filter(slug="constitution").exists()
    assert kz(NewsItem).filter(date_precision="day").count() == 3


def test_public_control_item_keeps_printed_date_and_notes_the_discrepancy():
    item = news("The bill on public control was approved in the first reading")
    assert item.printed_date == "December 7, 2022"
    assert item.published_on == datetime.date(2022, 12, 7)
    assert item.date_precision == "day"
    assert item.summary.startswith("On September 7, 2022")
    assert "September 7, 2022" in item.correction_note and "December 7, 2022" in item.correction_note
    assert item.related_initiatives.filter(slug="law-on-public-control").exists()


def test_other_news_quirks_are_noted():
    roundtable = news("Issues of legal regulation of non-profit organizations")
    assert "Initiative5" in roundtable.summary and "Initiative5" in roundtable.correction_note
    ethics = news("Code of Ethics for Kazakhstan NGOs")
    assert "Kazinform”" in ethics.summary and "Kazinform" in ethics.correction_note
    fines = news("Kazakh human rights and media public organizations")
    assert "291,700" in fines.correction_note and "277 800" in fines.correction_note
    tax_2018 = kz(NewsItem).get(slug="new-tax-code-adopted-2018-01")
    assert "September 2017" in tax_2018.correction_note
    clean = news("Kazakhstan Arrests Former Interior Minister")
    assert clean.correction_note == ""


def test_news_relations():
    def law_news(slug):
        return set(kz(NewsItem).filter(related_laws__slug=slug).values_list("order", flat=True))

    assert law_news("law-on-online-platforms") == {2, 3, 4}
    assert law_news("law-on-peaceful-assemblies") == {14}
    assert law_news("law-on-aml-cft") == {15}
    assert law_news("tax-code") == {18, 19}
    assert law_news("law-on-payments") == {23}
    assert law_news("cso-database-rules-2015") == {24}
    assert law_news("law-on-access-to-information") == {26}
    assert law_news("law-of-july-4-2022") == {10}
    assert law_news("law-on-charity") == {16}
    assert law_news("tax-amendments-2017") == {18}
    assert law_news("decree-on-further-measures-in-human-rights") == {9}
    assert law_news("law-on-public-administration-enhancement") == {17}
    # the September 16, 2022 vote is on the September 2022 changes, not the June 8, 2022 amending law
    assert law_news("law-on-constitutional-amendments-2022") == set()
    public_control = kz(NewsItem).filter(related_initiatives__slug="law-on-public-control")
    assert set(public_control.values_list("order", flat=True)) == {6, 7, 11, 13}
    nco = kz(NewsItem).filter(related_initiatives__slug="draft-nco-law")
    assert set(nco.values_list("order", flat=True)) == {8, 9}
    rapporteur = news("UN Special Rapporteur urges Kazakhstan")
    assert list(rapporteur.related_articles.values_list("number", flat=True)) == ["32"]
    assert rapporteur.related_laws.count() == 0  # January 2015: before the 2020 assemblies law


def test_resources():
    resources = kz(Resource).order_by("order")
    assert list(resources.values_list("kind", flat=True)) == [
        "un_upr",
        "un_rapporteurs",
        "us_state_department",
        "imf",
        "icnl",
    ]
    assert resources.get(kind="imf").title == "IMF Country Reports Kazakhstan and the IMF"
    assert not resources.exclude(url="").exists()


# ---------------------------------------------------------------- figures


def test_registered_csos():
    registered = figure("registered-csos-2023-04")
    assert registered.value == Decimal("23335")
    assert registered.printed_value == "23,335"
    assert registered.as_of == datetime.date(2023, 4, 1)
    assert registered.as_of_precision == "month"
    assert registered.as_of_display == "April 2023"
    assert registered.section == "overview"
    # stated twice (overview and organizational forms): one record, both sentences
    assert registered.sentence.count("23,335") == 2 and " / " in registered.sentence
    assert kz(SectorFigure).filter(value=23335).count() == 1
    assert figure("active-csos-2023-04").value == Decimal("18204")


def test_administrative_cases_period():
    cases = figure("administrative-cases-against-ncos-2017-2019")
    assert cases.value == 306
    assert (cases.period_start, cases.period_end) == (2017, 2019)
    assert cases.as_of is None
    assert cases.barrier.slug == "activity"


def test_2006_deadline_is_kept_and_noted():
    reports = figure("cso-database-reports-first-year")
    assert reports.value == 1800 and reports.qualifier == "at_least"
    assert "March 31, 2006" in reports.sentence
    assert reports.as_of == datetime.date(2006, 3, 31)
    assert "2016" in reports.correction_note and "2006" in reports.correction_note
    assert reports.related_law.slug == "cso-database-rules-2015"


def test_money_figures():
    assert figure("state-funding-since-independence").value == Decimal("140000000000")
    assert figure("state-funding-since-independence").qualifier == "more_than"
    usd = figure("social-contracting-2022-usd")
    assert (usd.value, usd.unit, usd.printed_value) == (Decimal("36300000"), "USD", "$36.3 million")
    grants_kzt, grants_usd = figure("state-grants-2022-kzt"), figure("state-grants-2022-usd")
    assert (grants_kzt.value, grants_kzt.unit) == (Decimal("1900000000"), "KZT")
    assert (grants_usd.value, grants_usd.qualifier) == (Decimal("4100000"), "approximately")
    assert grants_kzt.sentence == grants_usd.sentence


def test_news_fine_inconsistency_is_noted():
    fine = figure("news-fine-erkindik-qanaty-kzt")
    assert fine.value == 277800 and fine.printed_value == "277 800 KZT"
    assert "291,700" in fine.correction_note
    assert figure("news-fine-echo-ili-kzt").value == 400 * 2917
    assert figure("news-fine-kibhr-kzt").value == 800 * 2917
    assert figure("news-fine-erkindik-qanaty-mci").value * 2917 != fine.value


def test_assembly_figures():
    assembly = kz(SectorFigure).filter(barrier__slug="assembly")
    assert assembly.count() >= 14
    assert figure("assembly-violation-max-fine-legal-entities").value == 150
    assert figure("assembly-violation-max-arrest").value == 25
    assert figure("assembly-notification-deadline").related_law.slug == "law-on-peaceful-assemblies"
    assert figure("assembly-minimum-age").qualifier == "more_than"
    glance = figure("assembly-advance-permission-at-a-glance")
    assert glance.section == "at_a_glance" and "five days" in glance.correction_note


def test_quirk_notes_on_figures():
    for slug in ("regional-pa-minimum-oblasts", "national-pa-minimum-oblasts"):
        assert "AAstana" in figure(slug).sentence and "AAstana" in figure(slug).correction_note
    assert "biannual" in figure("civic-forums-since-2003").correction_note


def test_figures_are_consistent():
    for f in kz(SectorFigure):
        assert f.printed_value.replace("\xa0", " ") in f.sentence.replace("\xa0", " "), f.slug
        if re.fullmatch(r"[\d,]+", f.printed_value):
            assert Decimal(f.printed_value.replace(",", "")) == f.value, f.slug
        if f.period_start and f.period_end:
            assert f.period_start <= f.period_end, f.slug
        assert bool(f.as_of) == bool(f.as_of_precision), f.slug
        if f.section == "barriers":
            assert f.barrier is not None, f.slug
    orders = list(kz(SectorFigure).values_list("order", flat=True))
    assert sorted(orders) == list(range(1, len(orders) + 1))


def test_verbatim_text_occurs_in_the_seed_report():
    text = SEED.read_text(encoding="utf-8")
    for f in kz(SectorFigure):
        for part in f.sentence.split(" / "):
            assert part in text, f.slug
    for item in kz(NewsItem):
        assert item.title in text and item.summary in text and item.printed_date in text, item.slug
    for indicator in kz(KeyIndicator):
        assert indicator.printed_value in text, indicator.slug
