"""Shared building blocks of every content model.

Every record that the public can see is a `ContentModel`: it has a published/draft state (so drafts never
leak), creation and modification timestamps, a correction note (where the source report is wrong or garbled,
the printed value is kept and the note says what is right), and a full change history. Country-scoped
records also carry a `country` and a `slug`, which together form their natural key so fixtures load
idempotently and URLs stable.

Every public model answers `get_absolute_url()`: its own page, or its country's profile at the anchor of the
section that shows it. The API's `html_url`, search hits, feeds, the sitemap and the timeline all use it.
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .choices import CorrectionKind, DatePrecision, Status
from .loading import DirectFromDb
from .querysets import CountryScopedQuerySet

__all__ = ["ContentModel", "CorrectionKind", "CountryScopedModel", "DatePrecision", "Status"]


# The history of every content model (`inherit=True`), kept by name so that `core.history` can record a version's
# links itself (`record_links`, `one_version_per_save`). A model lists the links its versions record in
# `_history_m2m_fields`.
class VersionBase(models.Model):
    """What every version of a content record holds besides the record's fields."""

    links_recorded = models.BooleanField(
        default=False,
        help_text="Whether this version recorded the record's links (`_history_m2m_fields`): versions made before "
        "links were recorded hold none, which does not mean the record had none.",
    )

    class Meta:
        abstract = True


CONTENT_HISTORY = HistoricalRecords(inherit=True, bases=[VersionBase])


class ContentModel(DirectFromDb):
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
    correction_kind = models.CharField(
        max_length=4,
        choices=CorrectionKind.choices,
        blank=True,
        help_text="With a correction note: a printed error (shown as a small marker) or a correction of fact "
        "(shown in full where the record appears).",
    )
    history = CONTENT_HISTORY
    # Reverse relations whose records are this record's parts, edited on its page and deleted with it (see
    # `records_linking_to`): a ranking's sub-scores, an indicator's breakdowns.
    own_parts = ()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.publication_status == Status.PUBLISHED

    @property
    def is_typo_note(self):
        return bool(self.correction_note) and self.correction_kind == CorrectionKind.TYPO

    def publication_problem(self):
        """Why the record, set to published, cannot be saved so, or "": admin's publish action saves without a form,
        so a rule that holds for published records only (a codebook answer's period overlapping no other published
        one) says so here too."""
        return ""

    def clean(self):
        super().clean()
        errors = date_problems(type(self), lambda name: getattr(self, name))
        problem = correction_kind_problem(self.correction_note, self.correction_kind)
        if problem:
            errors["correction_kind"] = problem
        if errors:
            raise ValidationError(errors)


# The dates a record of the law can carry: a year 1 or 215 is a slip of the keyboard (a timeline then ran from year
# 1, and the country-year panel from 215). The oldest laws still cited (France's 1901 law on associations, civil
# codes of the 1800s) and rules dated decades ahead fit.
EARLIEST_DATE, LATEST_DATE = datetime.date(1800, 1, 1), datetime.date(2100, 12, 31)


def precision_field(model, date_name):
    """The field saying how precise a partial date is ("adopted_on" -> "adopted_precision"), or None."""
    names = {field.name for field in model._meta.concrete_fields}
    return next(
        (name for name in (f"{date_name}_precision", f"{date_name.removesuffix('_on')}_precision") if name in names),
        None,
    )


def date_problems(model, value_of):
    """{field: message} for a date outside EARLIEST_DATE..LATEST_DATE, and for a partial date given without its
    precision or a precision without its date (the API then gave a full date beside `"precision": ""`). `value_of`
    reads a field's value as it will be saved. Shared by admin forms and API writes."""
    problems = {}
    for field in model._meta.concrete_fields:
        if type(field) is not models.DateField:  # a DateTimeField is one too: timestamps are not the law's dates
            continue
        value = value_of(field.name)
        if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
            problems[field.name] = (
                f"Give a date from {EARLIEST_DATE.year} to {LATEST_DATE.year}, not {value.isoformat()} "
                "(a slip in the year?)."
            )
            continue
        precision = precision_field(model, field.name)
        if precision is None:
            continue
        if value is not None and not value_of(precision):
            problems[precision] = "Say how precise the date is: day, month or year."
        elif value is None and value_of(precision):
            problems[precision] = "A precision needs its date: give the date, or clear the precision."
        elif value is not None and value != first_day(value, value_of(precision)):
            # 2020-03-15 "to the month" was stored as given: the API gave the 15th, and "in force on" read it so
            problems[field.name] = (
                f"A date known only to the {value_of(precision)} is written as its first day: "
                f"{first_day(value, value_of(precision)).isoformat()}, not {value.isoformat()}."
            )
    return problems


def first_day(value, precision):
    """The day that stands for a partial date: the first of its month or year (how the data stores them)."""
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    return value


def last_day(value, precision):
    """The latest day a partial date may stand for: the last of its month or year (the day itself, to the day)."""
    if precision == DatePrecision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    if precision == DatePrecision.YEAR:
        return value.replace(month=12, day=31)
    return value


def records_linking_to(objs, protected=True):
    """Other content records that point to these through a foreign key or a link, in the order found.

    Deleting a record takes with it (a cascade) or unlinks every record that points to it, and its history
    restores only the record itself: a law deleted and restored had lost its entry in the report's numbered list
    and its links from news and initiatives, a question its every country's answers, with nothing on the history
    page to say so. So a delete is refused while they exist (admin and API alike), and the editor changes them
    first, or moves the record to draft, which hides it everywhere and keeps every link. A record's own parts go with
    it, as Django's delete page lists them: an answer's citations (not content records, and kept in the answer's
    history), and the relations a model names in `own_parts` (a ranking's sub-scores, edited on its page).
    """
    doomed = {(type(obj), obj.pk) for obj in objs}
    found = []
    for obj in objs:
        for relation in obj._meta.related_objects:
            # a protected link (a codebook citation of a law) blocks as Django would, named with the others (not
            # with `protected=False`: admin's delete page, where Django names them itself)
            blocks = issubclass(relation.related_model, ContentModel) or (
                protected and relation.on_delete is models.PROTECT
            )
            if not blocks or relation.get_accessor_name() in obj.own_parts:
                continue
            if relation.many_to_many:
                rows = getattr(obj, relation.get_accessor_name()).all()
            else:
                # with what their names read (an answer's country and question: three queries a row before)
                rows = relation.related_model._base_manager.filter(**{relation.field.name: obj}).select_related()
            found += [row for row in rows if (type(row), row.pk) not in doomed]
    return found


def correction_kind_problem(note, kind):
    """Why a note and its kind do not go together, or "" (shared by admin forms and API writes)."""
    note = (note or "").strip()
    if note and not kind:
        return "Say what the correction note fixes: a printed error or a correction of fact."
    if kind and not note:
        return "A kind needs a correction note; clear the kind or write the note."
    return ""


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
        # Every public list counts its rows as `published()` filters them (the record's status, joined to its
        # country's): with both columns in one index the count reads the index alone, not each row
        # (20,000 laws: 3.2 ms -> 0.9 ms on SQLite). Index names are unique per database and at most 30 characters:
        # a model name of more than 25 would need a name of its own (Django's checks say so).
        indexes = [models.Index(fields=["country", "publication_status"], name="%(class)s_cpub")]

    def natural_key(self):
        return (self.country.iso2, self.slug)

    natural_key.dependencies = ["countries.country"]
