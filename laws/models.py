"""Laws and other legal acts, the constitution, its amendments, initiatives, treaties and legal definitions.

A law named in several sections of a report is one `Law` row, linked from each. The report's numbered law
list is kept as `LawListEntry` rows so that a list that names the same law twice keeps both positions.
"""

import re

from django.db import models

from core.formatting import format_partial_date
from core.models import ContentModel, CountryScopedModel, DatePrecision, Status
from core.querysets import CountryScopedQuerySet, PublishedQuerySet
from core.urls import reverse
from countries.models import SectionKind, section_url


class LawKind(models.TextChoices):
    CONSTITUTION = "constitution", "Constitution"
    CODE = "code", "Code"
    CONSTITUTIONAL_LAW = "constitutional_law", "Constitutional law"
    LAW = "law", "Law"
    ORDER = "order", "Order"
    RULES = "rules", "Rules"
    DECREE = "decree", "Decree"
    REGULATION = "regulation", "Regulation"
    CONCEPT = "concept", "Policy concept"


class LawStatus(models.TextChoices):
    IN_FORCE = "in_force", "In force"
    AMENDED = "amended", "In force, amended"
    REPEALED = "repealed", "Repealed or replaced"
    UNKNOWN = "unknown", "Not stated in the source"


class LawQuerySet(CountryScopedQuerySet):
    def for_page(self):
        """A law's page lists everything that cites it (published only), each with what its link needs."""
        return (
            self.for_api()
            .with_published("list_entries", "country")
            .with_published("barriers", "country", rows=lambda rows: rows.with_published("cited_articles", "country"))
            .with_published("initiatives", "country")
            .with_published("news_items", "country")
            .with_published("definitions")
            .with_published("definitions_added")
            .with_published("organizational_forms", "country")
            .with_published("figures")
            .with_published("tax_provisions")
            .with_published("participation_items")
            .with_published("articles", "country")
            .with_published("amendments_made", "country")
            # The codebook's answers resting on this law (the codebook app is above this one: found through the
            # relation, never imported).
            .with_published("codebook_citations", "answer__question", "answer__country")
        )


class Law(CountryScopedModel):
    title = models.CharField(max_length=500, help_text="The title as the report gives it.")
    short_title = models.CharField(
        max_length=200, blank=True, help_text="The name the narrative uses, e.g. 'PA Law', 'Law on Payments'."
    )
    kind = models.CharField(max_length=20, choices=LawKind.choices, db_index=True)
    number = models.CharField(max_length=50, blank=True, help_text="Official number, e.g. 'No. 241'.")
    issuer = models.CharField(max_length=200, blank=True, help_text="E.g. 'Ministry of Finance'.")
    adopted_on = models.DateField(null=True, blank=True, db_index=True)
    adopted_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    status = models.CharField(
        "legal status", max_length=20, choices=LawStatus.choices, default=LawStatus.UNKNOWN, db_index=True
    )
    summary = models.TextField(blank=True, help_text="What the report says this act does (Markdown).")
    text_url = models.URLField(
        "official text",
        blank=True,
        help_text="Where the act's official text is published (e.g. adilet.zan.kz). The report prints no URL: "
        "editors fill it in.",
    )

    objects = LawQuerySet.as_manager()

    class Meta(CountryScopedModel.Meta):
        ordering = ["country", "order", "adopted_on", "slug"]

    def __str__(self):
        return self.short_title or self.title

    def get_absolute_url(self):
        return reverse("laws:law-detail", kwargs={"code": self.country.iso2.lower(), "slug": self.slug})

    def is_named_in(self, text):
        """Whether a text names this law (by its title or the short name the narrative uses): a link stated by
        the text, as opposed to one an editor derived."""
        text = text.casefold()
        return any(name and name.casefold() in text for name in (self.title, self.short_title))

    @property
    def adopted_display(self):
        return format_partial_date(self.adopted_on, self.adopted_precision)


class LawListEntryQuerySet(CountryScopedQuerySet):
    def published(self):
        # A line of the list is public only if the law it names is.
        return super().published().filter(law__publication_status=Status.PUBLISHED)

    def for_list(self):
        return self.select_related("country", "law__country")

    def get_by_natural_key(self, country_code, position):
        return self.get(country__iso2=country_code, position=position)


class LawListEntry(ContentModel):
    """One numbered line of the report's law list, as printed, pointing at the (shared) Law record."""

    country = models.ForeignKey("countries.Country", on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(help_text="The number the report gives this line.")
    law = models.ForeignKey(Law, on_delete=models.CASCADE, related_name="list_entries")
    printed_text = models.TextField(help_text="The line exactly as the report prints it.")

    objects = LawListEntryQuerySet.as_manager()

    class Meta:
        ordering = ["country", "position"]
        constraints = [models.UniqueConstraint(fields=["country", "position"], name="lawlistentry_country_pos")]
        verbose_name = "law list entry"
        verbose_name_plural = "law list entries"

    def __str__(self):
        return f"{self.position}. {self.printed_text[:80]}"

    def get_absolute_url(self):
        return section_url(self.country, SectionKind.LAWS, f"law-entry-{self.position}")

    def natural_key(self):
        return (self.country.iso2, self.position)

    natural_key.dependencies = ["countries.country"]


class ConstitutionalArticleQuerySet(CountryScopedQuerySet):
    def for_list(self):
        return self.select_related("country", "constitution__country")

    def for_page(self):
        """An article's page lists the barriers (with the laws they cite), news and amendments that cite it."""
        return (
            self.for_api()
            .with_published("barriers", "country", rows=lambda rows: rows.with_published("cited_laws", "country"))
            .with_published("news_items", "country")
            .with_published("amendments", "country", "amending_law__country")
        )

    def get_by_natural_key(self, country_code, number):
        return self.get(country__iso2=country_code, number=number)


class ConstitutionalArticle(ContentModel):
    """An article of a country's constitution that the report quotes."""

    country = models.ForeignKey("countries.Country", on_delete=models.CASCADE)
    constitution = models.ForeignKey(
        Law, on_delete=models.CASCADE, related_name="articles", limit_choices_to={"kind": LawKind.CONSTITUTION}
    )
    number = models.CharField(max_length=20, help_text="The article number as printed, e.g. '32'.")
    sort_key = models.PositiveIntegerField(default=0, help_text="Numeric order of the article.")
    text = models.TextField(help_text="The article's text as the report quotes it.")

    objects = ConstitutionalArticleQuerySet.as_manager()

    class Meta:
        ordering = ["country", "sort_key", "number"]
        constraints = [models.UniqueConstraint(fields=["country", "number"], name="article_country_number")]

    def __str__(self):
        return f"Article {self.number}"

    def natural_key(self):
        return (self.country.iso2, self.number)

    natural_key.dependencies = ["countries.country"]

    def get_absolute_url(self):
        return reverse("laws:article-detail", kwargs={"code": self.country.iso2.lower(), "number": self.number})

    def is_named_in(self, text):
        """Whether a text names this article ("Article 32", "Art. 32"): a link stated by the text."""
        return re.search(rf"\b(?:Article|Art\.)\s+{re.escape(self.number)}\b", text, re.IGNORECASE) is not None


class ConstitutionalAmendmentQuerySet(CountryScopedQuerySet):
    def for_list(self):
        return self.select_related("country", "amending_law__country").with_published("articles", "country")


class ConstitutionalAmendment(CountryScopedModel):
    """A change to the constitution: the six numbered 2022 amendments and the September 2022 changes."""

    _history_m2m_fields = ["articles"]  # each version records these links (CONTENT_HISTORY)

    class Package(models.TextChoices):
        # The report lists these as "some of the 2022 amendments" after naming the law of June 8, 2022 (which
        # followed the referendum of June 5) as the one that made the main amendments; it ties none of them to
        # that law or to a date, so neither is coded.
        REFERENDUM_2022 = "referendum_2022", "2022 (the report's overview of some of the 2022 amendments)"
        SEPTEMBER_2022 = "september_2022", "September 17, 2022 (at the President's initiative)"
        OTHER = "other", "Other"

    package = models.CharField(max_length=30, choices=Package.choices)
    number = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Number in the report's list.")
    title = models.CharField(max_length=300)
    summary = models.TextField(help_text="What the report says the amendment does, as printed.")
    adopted_on = models.DateField(null=True, blank=True)
    adopted_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    article_numbers = models.CharField(
        max_length=100, blank=True, help_text="Articles of the constitution it changes, as printed: '42', '46, 91'."
    )
    articles = models.ManyToManyField(ConstitutionalArticle, blank=True, related_name="amendments")
    amending_law = models.ForeignKey(
        Law, null=True, blank=True, on_delete=models.SET_NULL, related_name="amendments_made"
    )

    objects = ConstitutionalAmendmentQuerySet.as_manager()

    class Meta(CountryScopedModel.Meta):
        ordering = ["country", "order", "slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return section_url(self.country, SectionKind.AMENDMENTS, f"amendment-{self.slug}")

    @property
    def adopted_display(self):
        return format_partial_date(self.adopted_on, self.adopted_precision)


class LegislativeInitiativeQuerySet(CountryScopedQuerySet):
    def for_api(self):
        return self.for_list().with_published("related_laws", "country")

    def for_page(self):
        return self.for_api().with_published("news_items", "country")


class LegislativeInitiative(CountryScopedModel):
    """A pending legislative or regulatory initiative and where it stands."""

    _history_m2m_fields = ["related_laws"]  # each version records these links (CONTENT_HISTORY)

    class Stage(models.TextChoices):
        CONCEPT = "concept", "Concept or consultation document"
        DRAFTING = "drafting", "Draft under development"
        PUBLIC_DISCUSSION = "public_discussion", "Published for public discussion"
        IN_PARLIAMENT = "in_parliament", "In parliament"
        STALLED = "stalled", "No progress reported"

    class Assessment(models.TextChoices):
        POSITIVE = "positive", "Positive"
        NEGATIVE = "negative", "Negative"
        MIXED = "mixed", "Mixed"
        NOT_ASSESSED = "not_assessed", "Not assessed"

    title = models.CharField(max_length=500)
    stage = models.CharField(max_length=20, choices=Stage.choices, db_index=True)
    started_on = models.DateField(null=True, blank=True)
    started_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    status_as_of = models.DateField(null=True, blank=True, help_text="When the report last saw its status.")
    status_as_of_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    status_text = models.TextField(blank=True, help_text="The report's own words on where it stands.")
    description = models.TextField(help_text="The report's paragraph on it (Markdown).")
    assessment = models.CharField(max_length=20, choices=Assessment.choices, default=Assessment.NOT_ASSESSED)
    related_laws = models.ManyToManyField(Law, blank=True, related_name="initiatives")

    objects = LegislativeInitiativeQuerySet.as_manager()

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("laws:initiative-detail", kwargs={"code": self.country.iso2.lower(), "slug": self.slug})

    @property
    def started_display(self):
        return format_partial_date(self.started_on, self.started_precision)


class TreatyQuerySet(PublishedQuerySet):
    def for_page(self):
        """A treaty's page shows where each country we cover stands on it."""
        return self.with_published("statuses", "country")

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Treaty(ContentModel):
    """An international or regional agreement; not country-specific (its statuses are)."""

    class Kind(models.TextChoices):
        INTERNATIONAL = "international", "International"
        REGIONAL = "regional", "Regional"

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=300, help_text="The treaty's correct name.")
    abbreviation = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    order = models.PositiveIntegerField(default=0)

    objects = TreatyQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name_plural = "treaties"

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("laws:treaty-detail", kwargs={"slug": self.slug})


class TreatyStatusQuerySet(CountryScopedQuerySet):
    def get_by_natural_key(self, country_code, treaty_slug):
        return self.get(country__iso2=country_code, treaty__slug=treaty_slug)

    def published(self):
        # A status is public only if its treaty is public too.
        return super().published().filter(treaty__publication_status=Status.PUBLISHED)

    def for_link(self):
        return self.select_related("country", "treaty")


class TreatyStatus(ContentModel):
    """Whether a country has ratified (acceded to, succeeded to) a treaty, and when."""

    country = models.ForeignKey("countries.Country", on_delete=models.CASCADE)
    treaty = models.ForeignKey(Treaty, on_delete=models.CASCADE, related_name="statuses")
    ratified = models.BooleanField(help_text="Ratification, accession or succession.")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    printed_name = models.CharField(max_length=300, blank=True, help_text="The treaty's name as the report prints it.")

    objects = TreatyStatusQuerySet.as_manager()

    class Meta:
        ordering = ["country", "treaty__kind", "treaty__order"]
        constraints = [models.UniqueConstraint(fields=["country", "treaty"], name="treatystatus_country_treaty")]
        verbose_name_plural = "treaty statuses"

    def __str__(self):
        state = f"ratified {self.year}" if self.ratified else "not ratified"
        return f"{self.country_id and self.country.iso2} · {self.treaty.abbreviation or self.treaty.name}: {state}"

    def natural_key(self):
        return (self.country.iso2, self.treaty.slug)

    natural_key.dependencies = ["countries.country", "laws.treaty"]

    def get_absolute_url(self):
        return section_url(self.country, SectionKind.TREATIES)


class LegalDefinitionQuerySet(CountryScopedQuerySet):
    def for_list(self):
        return self.select_related("country", "law__country", "added_by__country")


class LegalDefinition(CountryScopedModel):
    """A term a law defines (charity, charitable aid, the forms of charity...), with the law that added it."""

    class Kind(models.TextChoices):
        DEFINITION = "definition", "Definition"
        CHARITY_FORM = "charity_form", "Form of charity"

    term = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.DEFINITION)
    definition = models.TextField(help_text="The definition, quoted as the report quotes it.")
    law = models.ForeignKey(Law, on_delete=models.CASCADE, related_name="definitions")
    added_by = models.ForeignKey(
        Law,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="definitions_added",
        help_text="The amending law that introduced the definition, where it came later.",
    )
    added_on = models.DateField(null=True, blank=True)
    added_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    note = models.TextField(blank=True, help_text="The report's explanation beside the definition.")

    objects = LegalDefinitionQuerySet.as_manager()

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return section_url(self.country, SectionKind.PUBLIC_BENEFIT)

    @property
    def added_display(self):
        return format_partial_date(self.added_on, self.added_precision)
