"""The hub of a country profile: the country, its profile, narrative sections, barriers and sector figures."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from core.formatting import format_partial_date
from core.models import ContentModel, CountryScopedModel, DatePrecision, Status
from core.querysets import CountryScopedQuerySet, PublishedQuerySet
from core.urls import reverse


class SectionKind(models.TextChoices):
    """The sections of a country report, in report order."""

    OVERVIEW = "overview", "Overview"
    AT_A_GLANCE = "at_a_glance", "At a glance"
    KEY_INDICATORS = "key_indicators", "Key indicators"
    RANKINGS = "rankings", "International rankings"
    TREATIES = "treaties", "International and regional human rights agreements"
    CONSTITUTION = "constitution", "Constitutional framework"
    AMENDMENTS = "amendments", "Constitutional amendments"
    LAWS = "laws", "National laws and regulations affecting sector"
    INITIATIVES = "initiatives", "Pending NGO legislative / regulatory initiatives"
    ORGANIZATIONAL_FORMS = "organizational_forms", "Organizational forms"
    PUBLIC_BENEFIT = "public_benefit", "Public benefit status"
    BARRIERS = "barriers", "Legal barriers"
    PUBLIC_PARTICIPATION = "public_participation", "Public participation"
    REPORTS = "reports", "Reports and links"
    NEWS = "news", "News"


def section_anchor(kind):
    """The id of a report section on the country page ("public_benefit" -> "public-benefit")."""
    return kind.replace("_", "-")


def section_url(country, kind, anchor=""):
    """Where a record without a page of its own is shown: the page of the report's section that lists it, at
    the record's own element or the section's. Every such record's `get_absolute_url` comes here, so the
    API's `html_url`, search, feeds and the timeline all link to the same place."""
    section = section_anchor(kind)
    path = reverse("country-section", kwargs={"code": country.iso2.lower(), "section": section})
    return f"{path}#{anchor or section}"


# What a page says where the report's summary reads "None" (a word a reader, or pandas, takes for missing data). Of
# the summary only: the report's own section may still describe rules on the subject (the codebook shows them
# beside it), so "No barriers stated in the report" said more than it does.
NONE_STATED = "No barriers stated in the report’s summary"


def check_none_stated(record, field_name):
    """A record flagged "no barriers stated" carries no text in the field the report printed "None" in."""
    if record.none_stated and getattr(record, field_name).strip():
        raise ValidationError({field_name: f"Leave this empty when no barriers are stated (it reads “{NONE_STATED}”)."})


class BarrierCategory(models.TextChoices):
    ENTRY = "entry", "Barriers to Entry"
    ACTIVITY = "activity", "Barriers to Operational Activity"
    SPEECH = "speech", "Barriers to Speech/Advocacy"
    INTERNATIONAL = "international", "Barriers to International Contact"
    RESOURCES = "resources", "Barriers to Resources"
    ASSEMBLY = "assembly", "Barriers to Assembly"


# Newest published report first; countries without one (none, or a draft whose date is not public yet) last, by
# name: the home page, and a sort of the countries list.
RECENTLY_UPDATED = (
    models.Case(models.When(profile__publication_status=Status.PUBLISHED, then=models.F("profile__last_updated"))).desc(
        nulls_last=True
    ),
    "name",
)
# By region, countries without one last.
BY_REGION = (models.Case(models.When(region="", then=1), default=0), "region", "name")


class CountryQuerySet(PublishedQuerySet):
    def get_by_natural_key(self, iso2):
        return self.get(iso2=iso2)

    def for_list(self):
        """A line of the countries table (home page, all countries): the report's date and, as
        `status_rankings`, the rankings that give a headline status, main index first, newest year first."""
        return self.select_related("profile").with_published(
            "ranking_set",
            "index",
            rows=lambda rankings: rankings.exclude(status_text="").order_by("index__order", "-year"),
            to_attr="status_rankings",
        )

    def for_api(self):
        """The API's country names its collections by URL: none of the table's relations (`for_list`)."""
        return self

    def recently_updated(self):
        return self.order_by(*RECENTLY_UPDATED)

    def regions(self):
        """The regions these countries are in, by name (the countries list's region filter)."""
        return self.exclude(region="").order_by("region").values_list("region", flat=True).distinct()


class Country(ContentModel):
    """A country we cover: the hub every country-scoped record points at."""

    # The API names a country by its code, on read and write ("KZ"), and finds it by it (/countries/kz/).
    api_code_field = "iso2"
    api_code_help = "ISO 3166 alpha-2 code of the country the record belongs to."

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    iso2 = models.CharField(
        "ISO 3166 alpha-2",
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", "Two upper-case letters, e.g. KZ.")],
        help_text="Upper case, e.g. KZ.",
    )
    iso3 = models.CharField(
        "ISO 3166 alpha-3",
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", "Three upper-case letters, e.g. KAZ.")],
        help_text="Upper case, e.g. KAZ.",
    )
    region = models.CharField(max_length=120, blank=True)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.iso2,)

    def get_absolute_url(self):
        return reverse("country-profile", kwargs={"code": self.iso2.lower()})

    def api_url_kwargs(self):
        return {"code": self.iso2.lower()}


class CountryProfileQuerySet(PublishedQuerySet):
    def published(self):
        # The report is public only if its country is public too.
        return super().published().filter(country__publication_status=Status.PUBLISHED)

    def for_link(self):
        return self.select_related("country")

    def get_by_natural_key(self, iso2):
        return self.get(country__iso2=iso2)


class CountryProfile(ContentModel):
    """The report itself: when it was last updated, its overview narrative and where it comes from."""

    country = models.OneToOneField(Country, on_delete=models.CASCADE, related_name="profile")
    title = models.CharField(max_length=200, help_text="E.g. 'Civic Freedom Monitor: Kazakhstan'.")
    last_updated = models.DateField(help_text="The editorial 'last updated' date, as the report states it.")
    overview = models.TextField(help_text="The report's opening narrative (Markdown).")
    source = models.CharField(max_length=300, help_text="Who published the report this profile is built from.")
    source_url = models.URLField(
        "report's web address",
        blank=True,
        help_text="Where the source report is published. The report prints no URL: editors fill it in.",
    )
    source_file = models.CharField(max_length=200, blank=True, help_text="The seed file the fixtures came from.")
    contact_note = models.TextField(blank=True, help_text="The report's closing request for information.")

    objects = CountryProfileQuerySet.as_manager()

    class Meta:
        ordering = ["country"]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.country.iso2,)

    natural_key.dependencies = ["countries.country"]

    def get_absolute_url(self):
        return self.country.get_absolute_url()


class AtAGlanceRow(CountryScopedModel):
    """One row of the report's "At a glance" table (e.g. Registration Body: Ministry of Justice)."""

    label = models.CharField(max_length=200)
    value = models.TextField(blank=True, help_text="As printed; empty when the report says 'None'.")
    barrier_category = models.CharField(
        max_length=20, choices=BarrierCategory.choices, blank=True, help_text="Set for the barrier rows."
    )
    none_stated = models.BooleanField(
        "no barriers stated",
        default=False,
        help_text="The report's entry reads 'None': it states no barrier of this kind (the value is then empty).",
    )

    class Meta(CountryScopedModel.Meta):
        verbose_name = "at-a-glance row"

    def __str__(self):
        return f"{self.label}: {self.display_value[:60]}"

    @property
    def display_value(self):
        return NONE_STATED if self.none_stated else self.value

    def clean(self):
        super().clean()
        check_none_stated(self, "value")

    def get_absolute_url(self):
        return section_url(self.country, SectionKind.AT_A_GLANCE)


class Section(CountryScopedModel):
    """A narrative passage of the report that belongs to a section rather than to one record."""

    kind = models.CharField(max_length=30, choices=SectionKind.choices)
    title = models.CharField(max_length=300)
    body = models.TextField(help_text="Markdown, as printed in the source.")

    def __str__(self):
        return f"{self.country_id and self.country.iso2} · {self.title}"

    def get_absolute_url(self):
        return section_url(self.country, self.kind)


class BarrierQuerySet(CountryScopedQuerySet):
    def for_list(self):
        """A line of the barriers list names the laws the barrier cites (published only)."""
        return super().for_list().with_published("cited_laws", "country")

    def for_api(self):
        return self.for_list().with_published("cited_articles", "country")

    def for_page(self):
        """On its page and in the profile a barrier also shows the figures its narrative states."""
        return self.for_api().with_published("figures")


class Barrier(CountryScopedModel):
    """A legal barrier of one category, with its at-a-glance summary, narrative and what it cites.

    Barriers to resources come in two parts (foreign and domestic funding): each part is its own record with
    `part` set, so each keeps its own narrative and citations.
    """

    _history_m2m_fields = ["cited_laws", "cited_articles"]  # each version records these links (CONTENT_HISTORY)

    class Part(models.TextChoices):
        WHOLE = "", "Whole category"
        FOREIGN_FUNDING = "foreign_funding", "Foreign funding"
        DOMESTIC_FUNDING = "domestic_funding", "Domestic funding"

    category = models.CharField(max_length=20, choices=BarrierCategory.choices, db_index=True)
    part = models.CharField(max_length=20, choices=Part.choices, blank=True)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True, help_text="The at-a-glance summary of this barrier.")
    none_stated = models.BooleanField(
        "no barriers stated",
        default=False,
        help_text="The report's at-a-glance summary reads 'None': it states no barrier of this kind "
        "(the summary is then empty).",
    )
    narrative = models.TextField(blank=True, help_text="Markdown, as printed in the source.")
    cited_laws = models.ManyToManyField("laws.Law", blank=True, related_name="barriers")
    cited_articles = models.ManyToManyField("laws.ConstitutionalArticle", blank=True, related_name="barriers")

    objects = BarrierQuerySet.as_manager()

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("countries:barrier-detail", kwargs={"code": self.country.iso2.lower(), "slug": self.slug})

    @property
    def display_summary(self):
        return NONE_STATED if self.none_stated else self.summary

    @property
    def heading_depth(self):
        """How far below the barriers' headings this one's sits: a part (foreign funding) is under its category's
        whole barrier ("Barriers to Resources"), which the report prints just before it."""
        return 1 if self.part else 0

    @property
    def citations(self):
        """What the barrier cites as (url, label), laws then constitutional articles: one "Cites:" line, so its
        separators need no template logic (the laws' list ended in "; " when no article followed).
        Reads the prefetched relations when the selector prefetched them."""
        return [(law.get_absolute_url(), str(law)) for law in self.cited_laws.all()] + [
            (article.get_absolute_url(), f"Constitution, {article}") for article in self.cited_articles.all()
        ]

    def clean(self):
        super().clean()
        check_none_stated(self, "summary")


class SectorFigureQuerySet(CountryScopedQuerySet):
    def for_link(self):
        return self.select_related("country", "barrier")

    def for_list(self):
        return self.select_related("country", "barrier__country", "related_law__country")


class SectorFigure(CountryScopedModel):
    """A figure the narrative states (numbers of CSOs, amounts, fees, deadlines...), with its sentence."""

    class Qualifier(models.TextChoices):
        EXACT = "exact", "Exact"
        APPROXIMATELY = "approximately", "Approximately"
        AT_LEAST = "at_least", "At least"
        MORE_THAN = "more_than", "More than"
        NEARLY = "nearly", "Nearly"
        UP_TO = "up_to", "Up to"
        NO_LESS_THAN = "no_less_than", "No less than"

    metric = models.CharField(max_length=300, help_text="What is counted, e.g. 'Registered CSOs'.")
    value = models.DecimalField(max_digits=20, decimal_places=4)
    printed_value = models.CharField(max_length=100, help_text="The value as the source printed it.")
    unit = models.CharField(max_length=60, help_text="E.g. organizations, KZT, USD, percent, days.")
    qualifier = models.CharField(max_length=20, choices=Qualifier.choices, default=Qualifier.EXACT)
    as_of = models.DateField(null=True, blank=True)
    as_of_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    period_start = models.PositiveSmallIntegerField(null=True, blank=True, help_text="First year of a period.")
    period_end = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Last year of a period.")
    section = models.CharField(max_length=30, choices=SectionKind.choices)
    barrier = models.ForeignKey(Barrier, null=True, blank=True, on_delete=models.SET_NULL, related_name="figures")
    related_law = models.ForeignKey(
        "laws.Law", null=True, blank=True, on_delete=models.SET_NULL, related_name="figures"
    )
    sentence = models.TextField(help_text="The sentence of the report the figure comes from, verbatim.")

    objects = SectorFigureQuerySet.as_manager()

    def __str__(self):
        return f"{self.metric}: {self.printed_value}"

    def get_absolute_url(self):
        """The profile shows a figure under the published barrier whose narrative states it, else in its section."""
        if self.barrier_id and self.barrier.is_published:
            return section_url(self.country, SectionKind.BARRIERS, f"barrier-{self.barrier.slug}")
        return section_url(self.country, self.section)

    @property
    def as_of_display(self):
        return format_partial_date(self.as_of, self.as_of_precision)


class PublicParticipationItemQuerySet(CountryScopedQuerySet):
    def for_list(self):
        return self.select_related("country", "law__country")


class PublicParticipationItem(CountryScopedModel):
    """A law, institution or mechanism the report lists under public participation."""

    class Kind(models.TextChoices):
        LAW = "law", "Law or legal measure"
        INSTITUTION = "institution", "Institution"
        MECHANISM = "mechanism", "Mechanism"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=400)
    law = models.ForeignKey(
        "laws.Law", null=True, blank=True, on_delete=models.SET_NULL, related_name="participation_items"
    )

    objects = PublicParticipationItemQuerySet.as_manager()

    class Meta(CountryScopedModel.Meta):
        verbose_name = "public participation item"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return section_url(self.country, SectionKind.PUBLIC_PARTICIPATION)
