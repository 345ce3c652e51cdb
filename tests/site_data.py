"""Synthetic country profiles for the site tests: every kind of record, `size` of each, some drafts.

The seeded fixtures hold one real profile; these builders add a made-up country (user-assigned ISO codes such
as ZZ) so tests can grow a profile to two sizes and show that a page's query count does not change, and so
tests can hide a draft and check it never appears.
"""

import datetime
from decimal import Decimal

from countries.models import (
    AtAGlanceRow,
    Barrier,
    BarrierCategory,
    Country,
    CountryProfile,
    PublicParticipationItem,
    Section,
    SectionKind,
    SectorFigure,
)
from laws.models import (
    ConstitutionalAmendment,
    ConstitutionalArticle,
    Law,
    LawKind,
    LawListEntry,
    LegalDefinition,
    LegislativeInitiative,
    Treaty,
    TreatyStatus,
)
from news.models import NewsItem, Resource
from organizations.models import OrganizationalForm, TaxProvision
from rankings.models import IndicatorBreakdown, KeyIndicator, Ranking, RankingIndex, RankingSubScore

DRAFT = "draft"


def build_country(code="ZZ", name="Testland", size=1, drafts=True):
    """A published country with `size` records of every kind (and one draft of each main kind)."""
    country = Country.objects.create(name=name, slug=name.lower(), iso2=code, iso3=f"{code}X", region="Test region")
    CountryProfile.objects.create(
        country=country,
        title=f"Civic Freedom Monitor: {name}",
        last_updated=datetime.date(2024, 5, 30),
        overview=f"Civil society in {name} is **diverse**.<script>alert('x')</script>",
        source="International Center for Not-for-Profit Law",
        source_url="https://www.icnl.org/resources/civic-freedom-monitor",
    )
    constitution = Law.objects.create(
        country=country, slug="constitution", title=f"Constitution of {name}", kind=LawKind.CONSTITUTION,
        adopted_on=datetime.date(1995, 8, 30), adopted_precision="day", order=0,
    )  # fmt: skip
    index_rank, _ = RankingIndex.objects.get_or_create(
        slug="test-fragility", defaults=dict(name="Test Fragility Index", publisher="Test", measure="rank",
                                             scale_best=Decimal(179), scale_worst=Decimal(1), order=90),
    )  # fmt: skip
    index_status, _ = RankingIndex.objects.get_or_create(
        slug="test-freedom", defaults=dict(name="Test Freedom Index", publisher="Test", measure="status", order=91),
    )  # fmt: skip
    Ranking.objects.create(country=country, index=index_rank, year=2023, rank=111, printed_value="111 (2023)")
    freedom = Ranking.objects.create(country=country, index=index_status, year=2024, status_text="Not free")
    RankingSubScore.objects.create(
        ranking=freedom, slug="political-rights", name="Political Rights", score=5, scale_best=40, scale_worst=0,
        scale_printed="1 – 40", correction_note="The scale is 0 – 40, not 1 – 40.",
    )  # fmt: skip
    records = {"laws": [constitution], "articles": [], "news": [], "barriers": [], "figures": [], "treaties": []}
    for n in range(1, size + 1):
        law = Law.objects.create(
            country=country, slug=f"law-{n}", title=f"Law on Test Matters {n}", kind=LawKind.LAW, order=n,
            adopted_on=datetime.date(2000 + n, 1, 1), adopted_precision="year", status="in_force",
            summary=f"Law {n} regulates *tests*.",
        )  # fmt: skip
        records["laws"].append(law)
        LawListEntry.objects.create(country=country, position=n, law=law, printed_text=f"The Law “On Tests {n}” (2001)")
        article = ConstitutionalArticle.objects.create(
            country=country, constitution=constitution, number=str(10 + n), sort_key=10 + n,
            text=f"Article {10 + n} text: everyone has the right {n}.",
        )  # fmt: skip
        records["articles"].append(article)
        amendment = ConstitutionalAmendment.objects.create(
            country=country, slug=f"amendment-{n}", package="other", number=n, title=f"Amendment {n}",
            summary="Changed an article.", adopted_on=datetime.date(2022, 6, 8), adopted_precision="day",
            article_numbers=article.number, amending_law=law, order=n,
        )  # fmt: skip
        amendment.articles.add(article)
        initiative = LegislativeInitiative.objects.create(
            country=country, slug=f"initiative-{n}", title=f"Draft law on public control {n}", stage="drafting",
            started_on=datetime.date(2020, 10, 1), started_precision="month", description="A *draft*.", order=n,
        )  # fmt: skip
        initiative.related_laws.add(law)
        treaty, _ = Treaty.objects.get_or_create(
            slug=f"test-treaty-{n}",
            defaults=dict(name=f"Test Covenant {n}", abbreviation=f"TC{n}", kind="international"),
        )  # fmt: skip
        records["treaties"].append(
            TreatyStatus.objects.create(country=country, treaty=treaty, ratified=True, year=2000 + n)
        )
        OrganizationalForm.objects.create(
            country=country, slug=f"form-{n}", name=f"Public association type {n}", law=law, order=n,
            code_article=f"Article {104 + n} of the CC", description="A voluntary association.",
        )  # fmt: skip
        LegalDefinition.objects.create(
            country=country, slug=f"definition-{n}", term=f"Charity {n}", definition="Socially useful activity.",
            law=law, added_by=law, order=n,
        )  # fmt: skip
        TaxProvision.objects.create(
            country=country, slug=f"tax-{n}", kind="exemption", article=f"Article 289({n})", title="Exemption",
            summary="NCOs are exempt.", law=law, order=n,
        )  # fmt: skip
        barrier = Barrier.objects.create(
            country=country, slug=f"barrier-{n}", category=BarrierCategory.values[(n - 1) % 6],
            title=f"Barrier number {n}", summary="Unregistered associations are prohibited.",
            narrative="The *narrative*.", order=n,
        )  # fmt: skip
        barrier.cited_laws.add(law)
        barrier.cited_articles.add(article)
        records["barriers"].append(barrier)
        records["figures"].append(
            SectorFigure.objects.create(
                country=country, slug=f"figure-barrier-{n}", metric=f"Minimum founders {n}", value=10,
                printed_value="10", unit="citizens", section=SectionKind.BARRIERS, barrier=barrier,
                related_law=law, sentence="A minimum of 10 citizens is required.", order=n,
            )
        )  # fmt: skip
        PublicParticipationItem.objects.create(country=country, slug=f"pp-{n}", kind="law", name=f"Law {n}", law=law)
        Resource.objects.create(country=country, slug=f"resource-{n}", title=f"UPR report {n}", kind="un_upr")
        AtAGlanceRow.objects.create(country=country, slug=f"glance-{n}", label=f"Registration body {n}", value="MoJ")
        Section.objects.create(
            country=country, slug=f"section-{n}", kind=SectionKind.CONSTITUTION, title="Constitutional Framework",
            body=f"Passage {n} of the constitutional framework.", order=n,
        )  # fmt: skip
        indicator = KeyIndicator.objects.create(
            country=country, slug=f"indicator-{n}", name=f"Indicator {n}", value=Decimal("19543464"), year=2023,
            is_estimate=True, order=n,
        )  # fmt: skip
        IndicatorBreakdown.objects.create(indicator=indicator, slug="male", label="Male", value=Decimal("67.73"))
        for language in ("en", "ru"):
            item = NewsItem.objects.create(
                country=country, slug=f"news-{n}-{language}", title=f"News {n} in {language}",
                published_on=datetime.date(2020 + n % 4, 7, 1), date_precision="month",
                printed_date="July 2023", language=language, summary="Something happened.", order=n,
            )  # fmt: skip
            item.related_laws.add(law)
            item.related_articles.add(article)
            item.related_initiatives.add(initiative)
            records["news"].append(item)
    for year, value, printed in ((1997, 1600, "1,600"), (2016, 14500, "nearly 14,500"), (2023, 23335, "23,335")):
        records["figures"].append(
            SectorFigure.objects.create(
                country=country, slug=f"registered-csos-{year}", metric="Registered CSOs", value=value,
                printed_value=printed, unit="organizations", as_of=datetime.date(year, 1, 1), as_of_precision="year",
                section=SectionKind.OVERVIEW, sentence=f"In {year} there were {printed} CSOs.",
            )
        )  # fmt: skip
    if drafts:
        records["draft_law"] = Law.objects.create(
            country=country, slug="secret-draft-law", title="Secret draft law", kind=LawKind.LAW,
            publication_status=DRAFT, adopted_on=datetime.date(2021, 1, 1), adopted_precision="day",
        )  # fmt: skip
        records["barriers"][0].cited_laws.add(records["draft_law"])
        records["draft_news"] = NewsItem.objects.create(
            country=country, slug="secret-draft-news", title="Secret draft news",
            published_on=datetime.date(2024, 1, 1), date_precision="day", printed_date="2024", language="en",
            publication_status=DRAFT,
        )  # fmt: skip
    records["country"] = country
    return records
