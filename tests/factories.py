"""Synthetic records for tests: one factory per content model, and `build_profile` for a whole country.

Country codes come from ISO 3166's user-assigned ranges (QM-QZ, XA-XZ), so they never collide with a real
country loaded from the fixtures.
"""

import datetime
from decimal import Decimal

import factory

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

    iso2 = factory.Sequence(_code)
    iso3 = factory.LazyAttribute(lambda o: f"{o.iso2}Z")
    name = factory.LazyAttribute(lambda o: f"Testland {o.iso2}")
    slug = factory.LazyAttribute(lambda o: f"testland-{o.iso2.lower()}")
    region = "Central Asia"


class ScopedFactory(factory.django.DjangoModelFactory):
    country = factory.SubFactory(CountryFactory)
    slug = factory.Sequence(lambda n: f"record-{n}")
    order = factory.Sequence(int)


class CountryProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CountryProfile

    country = factory.SubFactory(CountryFactory)
    title = factory.LazyAttribute(lambda o: f"Civic Freedom Monitor: {o.country.name}")
    last_updated = datetime.date(2024, 1, 15)
    overview = "An overview."
    source = "ICNL"


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


def build_profile(country, size):
    """`size` records of every kind for `country` (plus one constitution), each with its related rows."""
    if not CountryProfile.objects.filter(country=country).exists():
        CountryProfileFactory(country=country)
    constitution = Law.objects.filter(country=country, kind=LawKind.CONSTITUTION).first()
    constitution = constitution or LawFactory(country=country, kind=LawKind.CONSTITUTION, title="Constitution")
    for _ in range(size):
        law = LawFactory(country=country)
        article = ConstitutionalArticleFactory(country=country, constitution=constitution)
        LawListEntryFactory(country=country, law=law)
        AtAGlanceRowFactory(country=country)
        SectionFactory(country=country)
        barrier = BarrierFactory(country=country)
        barrier.cited_laws.add(law)
        barrier.cited_articles.add(article)
        SectorFigureFactory(country=country, barrier=barrier, related_law=law)
        PublicParticipationItemFactory(country=country, law=law)
        amendment = ConstitutionalAmendmentFactory(country=country, amending_law=law)
        amendment.articles.add(article)
        initiative = LegislativeInitiativeFactory(country=country)
        initiative.related_laws.add(law)
        TreatyStatusFactory(country=country)
        LegalDefinitionFactory(country=country, law=law, added_by=law)
        OrganizationalFormFactory(country=country, law=law)
        TaxProvisionFactory(country=country, law=law)
        ranking = RankingFactory(country=country)
        RankingSubScoreFactory(ranking=ranking)
        RankingSubScoreFactory(ranking=ranking)
        indicator = KeyIndicatorFactory(country=country)
        IndicatorBreakdownFactory(indicator=indicator)
        NewsItemFactory(country=country, related_laws=[law])
        ResourceFactory(country=country)
