"""The one builder of synthetic test data: a factory_boy factory per content model, and `build_profile`, which
fills a country's whole profile with every kind of record.

Country codes come from ISO 3166's user-assigned ranges (QM-QZ, XA-XZ, ZZ), so they never collide with a real
country loaded from the fixtures.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import factory
from django.db.models import Max

from codebook.models import Answer, AnswerType, Category, Citation, Qualifier, Question
from core.choices import CorrectionKind, DatePrecision, Status
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
    LawStatus,
    LegalDefinition,
    LegislativeInitiative,
    Treaty,
    TreatyStatus,
)
from news.models import NewsItem, Resource
from organizations.models import OrganizationalForm, TaxProvision
from rankings.models import IndicatorBreakdown, KeyIndicator, Ranking, RankingIndex, RankingSubScore

USER_ASSIGNED_CODES = [f"Q{c}" for c in "MNOPQRSTUVWXYZ"] + [f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]


def _code(n):
    return USER_ASSIGNED_CODES[n % len(USER_ASSIGNED_CODES)]


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("iso2",)
        skip_postgeneration_save = True  # the profile (with_profile) points at the country, which needs no new save

    iso2 = factory.Sequence(_code)
    iso3 = factory.LazyAttribute(lambda o: f"{o.iso2}Z")
    name = factory.LazyAttribute(lambda o: f"Testland {o.iso2}")
    slug = factory.LazyAttribute(lambda o: f"testland-{o.iso2.lower()}")
    region = "Central Asia"

    class Params:
        # CountryFactory(with_profile=True): the country with its CountryProfile (profile__<field> sets a field).
        with_profile = factory.Trait(
            profile=factory.RelatedFactory("tests.factories.CountryProfileFactory", factory_related_name="country")
        )


class ScopedFactory(factory.django.DjangoModelFactory):
    country = factory.SubFactory(CountryFactory)
    slug = factory.Sequence(lambda n: f"record-{n}")
    order = factory.Sequence(int)


class CountryProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CountryProfile

    country = factory.SubFactory(CountryFactory)
    title = factory.LazyAttribute(lambda o: f"Civic Freedom Monitor: {o.country.name}")
    last_updated = datetime.date(2024, 5, 30)
    overview = factory.LazyAttribute(lambda o: f"Civil society in {o.country.name} is **diverse**.")
    source = "International Center for Not-for-Profit Law"
    source_url = "https://www.icnl.org/resources/civic-freedom-monitor"


class AtAGlanceRowFactory(ScopedFactory):
    class Meta:
        model = AtAGlanceRow

    label = factory.Sequence(lambda n: f"Label {n}")
    value = "A value"


class SectionFactory(ScopedFactory):
    class Meta:
        model = Section

    kind = SectionKind.OVERVIEW
    title = factory.Sequence(lambda n: f"Passage {n}")
    body = "Body text."


class LawFactory(ScopedFactory):
    class Meta:
        model = Law

    title = factory.Sequence(lambda n: f"Law on Subject {n}")
    kind = LawKind.LAW
    adopted_on = datetime.date(2010, 5, 1)
    adopted_precision = "day"
    status = LawStatus.IN_FORCE
    summary = "What it does."


class LawListEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LawListEntry

    country = factory.SubFactory(CountryFactory)
    position = factory.Sequence(lambda n: n + 1)
    law = factory.SubFactory(LawFactory, country=factory.SelfAttribute("..country"))
    printed_text = factory.LazyAttribute(lambda o: o.law.title)


class ConstitutionalArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConstitutionalArticle

    country = factory.SubFactory(CountryFactory)
    constitution = factory.SubFactory(LawFactory, country=factory.SelfAttribute("..country"), kind=LawKind.CONSTITUTION)
    number = factory.Sequence(lambda n: str(n + 1))
    sort_key = factory.Sequence(lambda n: n + 1)
    text = "Everyone shall have the right to freedom of association."


class ConstitutionalAmendmentFactory(ScopedFactory):
    class Meta:
        model = ConstitutionalAmendment

    package = ConstitutionalAmendment.Package.REFERENDUM_2022
    title = factory.Sequence(lambda n: f"Amendment {n}")
    summary = "What it changes."
    adopted_on = datetime.date(2022, 6, 5)
    adopted_precision = "day"


class LegislativeInitiativeFactory(ScopedFactory):
    class Meta:
        model = LegislativeInitiative

    title = factory.Sequence(lambda n: f"Draft Law {n}")
    stage = LegislativeInitiative.Stage.DRAFTING
    description = "A draft."


class TreatyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Treaty

    slug = factory.Sequence(lambda n: f"test-treaty-{n}")
    name = factory.Sequence(lambda n: f"Covenant {n}")
    abbreviation = factory.Sequence(lambda n: f"CV{n}")
    kind = Treaty.Kind.INTERNATIONAL


class TreatyStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TreatyStatus

    country = factory.SubFactory(CountryFactory)
    treaty = factory.SubFactory(TreatyFactory)
    ratified = True
    year = 2006


class LegalDefinitionFactory(ScopedFactory):
    class Meta:
        model = LegalDefinition

    term = factory.Sequence(lambda n: f"Term {n}")
    definition = "A definition."
    law = factory.SubFactory(LawFactory, country=factory.SelfAttribute("..country"))


class BarrierFactory(ScopedFactory):
    class Meta:
        model = Barrier

    category = BarrierCategory.ENTRY
    title = factory.Sequence(lambda n: f"Barrier {n}")
    summary = "A summary."


class SectorFigureFactory(ScopedFactory):
    class Meta:
        model = SectorFigure

    metric = "Registered CSOs"
    value = Decimal("23335")
    printed_value = "23,335"
    unit = "organizations"
    section = SectionKind.OVERVIEW
    sentence = "There are 23,335 registered CSOs."


class PublicParticipationItemFactory(ScopedFactory):
    class Meta:
        model = PublicParticipationItem

    kind = PublicParticipationItem.Kind.INSTITUTION
    name = factory.Sequence(lambda n: f"Public Council {n}")


class OrganizationalFormFactory(ScopedFactory):
    class Meta:
        model = OrganizationalForm

    name = factory.Sequence(lambda n: f"Form {n}")


class TaxProvisionFactory(ScopedFactory):
    class Meta:
        model = TaxProvision

    kind = TaxProvision.Kind.EXEMPTION
    title = factory.Sequence(lambda n: f"Exemption {n}")
    summary = "Exempt."


class RankingIndexFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RankingIndex

    slug = factory.Sequence(lambda n: f"test-index-{n}")
    name = factory.Sequence(lambda n: f"Index {n}")
    publisher = "Publisher"
    measure = RankingIndex.Measure.SCORE
    scale_best = Decimal("100")
    scale_worst = Decimal("0")


class RankingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ranking

    country = factory.SubFactory(CountryFactory)
    index = factory.SubFactory(RankingIndexFactory)
    year = 2023
    score = Decimal("23")


class RankingSubScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RankingSubScore

    ranking = factory.SubFactory(RankingFactory)
    slug = factory.Sequence(lambda n: f"sub-{n}")
    name = "Political rights"
    score = Decimal("5")
    scale_best = Decimal("40")
    scale_worst = Decimal("0")


class KeyIndicatorFactory(ScopedFactory):
    class Meta:
        model = KeyIndicator

    name = factory.Sequence(lambda n: f"Indicator {n}")
    value = Decimal("19000000")
    year = 2023


class IndicatorBreakdownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorBreakdown

    indicator = factory.SubFactory(KeyIndicatorFactory)
    slug = factory.Sequence(lambda n: f"group-{n}")
    label = "Group"
    value = Decimal("50")


class NewsItemFactory(ScopedFactory):
    class Meta:
        model = NewsItem
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"News {n}")
    published_on = datetime.date(2023, 7, 1)
    date_precision = "month"
    printed_date = "July 2023"
    language = NewsItem.Language.ENGLISH

    @factory.post_generation
    def related_laws(self, create, extracted, **kwargs):
        if create and extracted:
            self.related_laws.set(extracted)


class ResourceFactory(ScopedFactory):
    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Report {n}")
    kind = Resource.Kind.UN_UPR
    url = "https://example.org/report"


# ------------------------------------------------------------------ a whole synthetic profile

# The synthetic country of the site tests, whose pages they name (/countries/zz/...).
TESTLAND = {"iso2": "ZZ", "iso3": "ZZX", "name": "Testland", "slug": "testland", "region": "Test region"}

# The ranking indices every synthetic country is placed on (shared, like real indices): one that ranks, on a
# reversed scale (179 is best), and one that gives a status, with a sub-score whose printed scale is wrong.
RANK_INDEX = {"slug": "test-fragility", "name": "Test Fragility Index", "publisher": "Test", "order": 90,
              "measure": RankingIndex.Measure.RANK, "scale_best": Decimal(179), "scale_worst": Decimal(1)}  # fmt: skip
STATUS_INDEX = {"slug": "test-freedom", "name": "Test Freedom Index", "publisher": "Test", "order": 91,
                "measure": RankingIndex.Measure.STATUS}  # fmt: skip
SUBSCORE_CORRECTION = "The scale is 0 – 40, not 1 – 40."


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"question_{n}")
    text = factory.Sequence(lambda n: f"Minimum number of founders {n}")
    category = Category.ENTRY
    answer_type = AnswerType.INTEGER
    unit = "citizens"
    coding_rules = "The smallest number of founders the law requires of a *public association*."
    order = factory.Sequence(int)


class AnswerFactory(factory.django.DjangoModelFactory):
    """A whole-number answer by default ("at least 10 citizens" since 2015); pass the value fields a type needs."""

    class Meta:
        model = Answer

    country = factory.SubFactory(CountryFactory)
    question = factory.SubFactory(QuestionFactory)
    value_number = Decimal(10)
    qualifier = Qualifier.AT_LEAST
    valid_from = datetime.date(2015, 1, 1)
    valid_from_precision = factory.LazyAttribute(lambda answer: DatePrecision.DAY if answer.valid_from else "")
    valid_to = None
    valid_to_precision = factory.LazyAttribute(lambda answer: DatePrecision.DAY if answer.valid_to else "")


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    answer = factory.SubFactory(AnswerFactory)
    pinpoint = "Article 11"
    quote = "A public association may be founded by at least ten citizens."
    order = factory.Sequence(int)


@dataclass
class SyntheticProfile:
    """What one call of `build_profile` made, by kind, in creation order."""

    country: Country
    laws: list = field(default_factory=list)  # the first call: the constitution first, then law-1, law-2...
    articles: list = field(default_factory=list)
    barriers: list = field(default_factory=list)
    figures: list = field(default_factory=list)  # figure-barrier-<n>, and the first call's registered-CSOs series
    treaty_statuses: list = field(default_factory=list)
    rankings: list = field(default_factory=list)
    news: list = field(default_factory=list)  # news-<n>-en, news-<n>-ru
    answers: list = field(default_factory=list)  # to the shared questions test_question_<n>
    draft_law: Law | None = None
    draft_news: NewsItem | None = None


def build_profile(country, size=1):
    """Add `size` records of every kind to `country`'s profile, each with its related rows, and return them.

    The first call also makes what a country has once: its profile, its constitution, a ranking on each of the
    two shared test indices (rank and status, with a sub-score carrying a correction note), a registered-CSOs
    series stated in three years, and two drafts (a law that barrier-1 cites, and a news item) that must never
    reach the public. A second call grows the profile: numbering continues (`law-3` after `law-2`), so the
    query-count tests can compare two sizes of the same country.

    Slugs and values are deterministic (`law-<n>`, `barrier-<n>`, `news-<n>-en`, article `10+n`, treaty
    `test-treaty-<n>`...), so tests can name the pages they visit.
    """
    built = SyntheticProfile(country=country)
    constitution = Law.objects.filter(country=country, slug="constitution").first()
    first = constitution is None
    if first:
        if not CountryProfile.objects.filter(country=country).exists():
            CountryProfileFactory(
                country=country, overview=f"Civil society in {country.name} is **diverse**.<script>alert('x')</script>"
            )
        constitution = LawFactory(
            country=country, slug="constitution", title=f"Constitution of {country.name}", order=0,
            kind=LawKind.CONSTITUTION, adopted_on=datetime.date(1995, 8, 30), status=LawStatus.UNKNOWN, summary="",
        )  # fmt: skip
        built.laws.append(constitution)
    start = (LawListEntry.objects.filter(country=country).aggregate(last=Max("position"))["last"] or 0) + 1
    for n in range(start, start + size):
        _build_records(built, country, constitution, n)
    if first:
        _build_country_records(built, country)
    return built


def _build_records(built, country, constitution, n):
    """Record number `n` of every kind, linked to each other as the report links them."""
    code = country.iso2.lower()
    law = LawFactory(
        country=country, slug=f"law-{n}", title=f"Law on Test Matters {n}", order=n,
        adopted_on=datetime.date(2000 + n, 1, 1), adopted_precision=DatePrecision.YEAR,
        summary=f"Law {n} regulates *tests*.",
    )  # fmt: skip
    built.laws.append(law)
    LawListEntryFactory(country=country, position=n, law=law, printed_text=f"The Law “On Tests {n}” (2001)")
    article = ConstitutionalArticleFactory(
        country=country, constitution=constitution, number=str(10 + n), sort_key=10 + n,
        text=f"Article {10 + n} text: everyone has the right {n}.",
    )  # fmt: skip
    built.articles.append(article)
    amendment = ConstitutionalAmendmentFactory(
        country=country, slug=f"amendment-{n}", package=ConstitutionalAmendment.Package.OTHER, number=n,
        title=f"Amendment {n}", summary="Changed an article.", adopted_on=datetime.date(2022, 6, 8),
        article_numbers=article.number, amending_law=law, order=n,
    )  # fmt: skip
    amendment.articles.add(article)
    initiative = LegislativeInitiativeFactory(
        country=country, slug=f"initiative-{n}", title=f"Draft law on public control {n}", order=n,
        started_on=datetime.date(2020, 10, 1), started_precision=DatePrecision.MONTH, description="A *draft*.",
    )  # fmt: skip
    initiative.related_laws.add(law)
    treaty, _ = Treaty.objects.get_or_create(
        slug=f"test-treaty-{n}",
        defaults={"name": f"Test Covenant {n}", "abbreviation": f"TC{n}", "kind": Treaty.Kind.INTERNATIONAL},
    )
    built.treaty_statuses.append(TreatyStatusFactory(country=country, treaty=treaty, ratified=True, year=2000 + n))
    OrganizationalFormFactory(
        country=country, slug=f"form-{n}", name=f"Public association type {n}", law=law, order=n,
        code_article=f"Article {104 + n} of the CC", description="A voluntary association.",
    )  # fmt: skip
    LegalDefinitionFactory(
        country=country, slug=f"definition-{n}", term=f"Charity {n}", definition="Socially useful activity.",
        law=law, added_by=law, order=n,
    )  # fmt: skip
    TaxProvisionFactory(
        country=country, slug=f"tax-{n}", article=f"Article 289({n})", title="Exemption", summary="NCOs are exempt.",
        law=law, order=n,
    )  # fmt: skip
    barrier = BarrierFactory(
        country=country, slug=f"barrier-{n}", category=BarrierCategory.values[(n - 1) % 6], order=n,
        title=f"Barrier number {n}", summary="Unregistered associations are prohibited.", narrative="The *narrative*.",
    )  # fmt: skip
    barrier.cited_laws.add(law)
    barrier.cited_articles.add(article)
    built.barriers.append(barrier)
    built.figures.append(
        SectorFigureFactory(
            country=country, slug=f"figure-barrier-{n}", metric=f"Minimum founders {n}", value=10, printed_value="10",
            unit="citizens", section=SectionKind.BARRIERS, barrier=barrier, related_law=law, order=n,
            sentence="A minimum of 10 citizens is required.",
        )
    )  # fmt: skip
    PublicParticipationItemFactory(
        country=country, slug=f"pp-{n}", kind=PublicParticipationItem.Kind.LAW, name=f"Law {n}", law=law, order=n
    )
    ResourceFactory(country=country, slug=f"resource-{n}", title=f"UPR report {n}", order=n)
    AtAGlanceRowFactory(country=country, slug=f"glance-{n}", label=f"Registration body {n}", value="MoJ", order=n)
    SectionFactory(
        country=country, slug=f"section-{n}", kind=SectionKind.CONSTITUTION, title="Constitutional Framework",
        body=f"Passage {n} of the constitutional framework.", order=n,
    )  # fmt: skip
    indicator = KeyIndicatorFactory(
        country=country, slug=f"indicator-{n}", name=f"Indicator {n}", value=Decimal("19543464"), year=2023,
        is_estimate=True, order=n,
    )  # fmt: skip
    IndicatorBreakdownFactory(indicator=indicator, slug="male", label="Male", value=Decimal("67.73"))
    index = RankingIndexFactory(slug=f"test-index-{code}-{n}", name=f"Test Index {code.upper()} {n}", order=100 + n)
    ranking = RankingFactory(country=country, index=index, year=2023, score=Decimal(20 + n))
    RankingSubScoreFactory(ranking=ranking, slug="political-rights", name="Political Rights", score=5)
    RankingSubScoreFactory(ranking=ranking, slug="civil-liberties", name="Civil Liberties", score=18, scale_best=60)
    built.rankings.append(ranking)
    question = QuestionFactory(
        key=f"test_question_{n}", text=f"Minimum number of founders, case {n}", category=Category.values[(n - 1) % 9],
        order=n,
    )  # fmt: skip
    answer = AnswerFactory(
        country=country, question=question, value_number=Decimal(10), valid_from=datetime.date(2000 + n, 1, 1),
        valid_from_precision=DatePrecision.YEAR,
    )  # fmt: skip
    CitationFactory(answer=answer, law=law, pinpoint=f"Article {n}", order=0)
    built.answers.append(answer)
    for language in (NewsItem.Language.ENGLISH, NewsItem.Language.RUSSIAN):
        item = NewsItemFactory(
            country=country, slug=f"news-{n}-{language}", title=f"News {n} in {language}", order=n,
            published_on=datetime.date(2020 + n % 4, 7, 1), language=language, summary="Something happened.",
            related_laws=[law],
        )  # fmt: skip
        item.related_articles.add(article)
        item.related_initiatives.add(initiative)
        built.news.append(item)


def _build_country_records(built, country):
    """What a country has once: its rankings on the shared indices, a figure series, and two drafts."""
    rank_index, _ = RankingIndex.objects.get_or_create(slug=RANK_INDEX["slug"], defaults=RANK_INDEX)
    status_index, _ = RankingIndex.objects.get_or_create(slug=STATUS_INDEX["slug"], defaults=STATUS_INDEX)
    built.rankings.append(
        RankingFactory(country=country, index=rank_index, year=2023, rank=111, score=None, printed_value="111 (2023)")
    )
    freedom = RankingFactory(country=country, index=status_index, year=2024, score=None, status_text="Not free")
    RankingSubScoreFactory(
        ranking=freedom, slug="political-rights", name="Political Rights", score=5, scale_printed="1 – 40",
        correction_note=SUBSCORE_CORRECTION, correction_kind=CorrectionKind.FACT,
    )  # fmt: skip
    built.rankings.append(freedom)
    for year, value, printed in ((1997, 1600, "1,600"), (2016, 14500, "nearly 14,500"), (2023, 23335, "23,335")):
        built.figures.append(
            SectorFigureFactory(
                country=country, slug=f"registered-csos-{year}", metric="Registered CSOs", value=value, order=0,
                printed_value=printed, unit="organizations", as_of=datetime.date(year, 1, 1),
                as_of_precision=DatePrecision.YEAR, section=SectionKind.OVERVIEW,
                sentence=f"In {year} there were {printed} CSOs.",
            )
        )  # fmt: skip
    built.draft_law = LawFactory(
        country=country, slug="secret-draft-law", title="Secret draft law", publication_status=Status.DRAFT,
        adopted_on=datetime.date(2021, 1, 1), status=LawStatus.UNKNOWN, summary="",
    )  # fmt: skip
    built.barriers[0].cited_laws.add(built.draft_law)
    built.draft_news = NewsItemFactory(
        country=country, slug="secret-draft-news", title="Secret draft news", published_on=datetime.date(2024, 1, 1),
        date_precision=DatePrecision.DAY, printed_date="2024", publication_status=Status.DRAFT,
    )  # fmt: skip
