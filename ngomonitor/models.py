"""Shared building blocks of every content model.

Every record that the public can see is a `ContentModel`: it has a published/draft state (so drafts never
leak), creation and modification timestamps, a correction note (where the source report is wrong or garbled,
the printed value is kept and the note says what is right), and a full change history. Country-scoped
records also carry a `country` and a `slug`, which together form their natural key so fixtures load
idempotently and URLs stay stable.
"""

from django.db import models
from django.db.models import Prefetch
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords


class Status(models.TextChoices):
    PUBLISHED = "published", "Published"
    DRAFT = "draft", "Draft"


class DatePrecision(models.TextChoices):
    """How much of a date the source gives: "July 2023" is stored as 2023-07-01 with MONTH precision."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def format_partial_date(value, precision):
    """Show a date only as precisely as the source printed it."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return date_format(value, "F Y")
    return date_format(value, "F j, Y")


class PublishedQuerySet(models.QuerySet):
    """The base of every content QuerySet: `published()` is what the public may see."""

    def published(self):
        return self.filter(publication_status=Status.PUBLISHED)

    def drafts(self):
        return self.filter(publication_status=Status.DRAFT)


class CountryScopedQuerySet(PublishedQuerySet):
    """Records of one country; their natural key is (country ISO code, slug)."""

    def for_country(self, code):
        return self.filter(country__iso2__iexact=code)

    def published(self):
        # A record is public only if its country is public too.
        return super().published().filter(country__publication_status=Status.PUBLISHED)

    def get_by_natural_key(self, country_code, slug):
        return self.get(country__iso2=country_code, slug=slug)


class ContentModel(models.Model):
    publication_status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.PUBLISHED,
        db_index=True,
        help_text="Drafts are visible in admin only, never on the public site, API, feeds or exports.",
    )
    created_at = models.DateTimeField("created", auto_now_add=True)
    modified_at = models.DateTimeField("modified", auto_now=True)
    correction_note = models.TextField(
        blank=True,
        help_text="Where the source is wrong or garbled: what it printed and what is correct.",
    )
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.publication_status == Status.PUBLISHED


class CountryScopedModel(ContentModel):
    """A record that belongs to one country's profile, keyed by (country, slug)."""

    country = models.ForeignKey("countries.Country", on_delete=models.CASCADE)
    slug = models.SlugField(max_length=120, help_text="Stable identifier, unique within the country.")
    order = models.PositiveIntegerField(default=0, help_text="Position in the source report's section.")

    objects = CountryScopedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["country", "order", "slug"]
        constraints = [models.UniqueConstraint(fields=["country", "slug"], name="%(app_label)s_%(class)s_country_slug")]

    def natural_key(self):
        return (self.country.iso2, self.slug)

    natural_key.dependencies = ["countries.country"]


def published_rows(model, *related):
    """The published rows of a model with the relations their links need (usually `country`): the queryset
    that pages, API viewsets and exports start from when they follow a relation."""
    return model.objects.published().select_related(*related)


def published_prefetch(lookup, model, *related):
    """Prefetch a relation keeping only its published rows, so a draft never shows through what cites it."""
    return Prefetch(lookup, queryset=published_rows(model, *related))
