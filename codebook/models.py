"""The codebook: what the law *requires*, as questions with typed, dated, cited answers per country.

Why: the report states rules in sentences ("at least ten citizens", "five days' notice"). A researcher wants
them as data that can be filtered, compared across countries and followed over time, each value traceable to
the law and the report's own sentence. A `Question` is one coded variable (stable `key`, type, unit, coding
rules); an `Answer` is one country's value for one period (`valid_from`/`valid_to`, partial dates like the rest
of the model); each answer rests on one or more `Citation`s: the law record, the pinpoint ("Article 11") and
the report's verbatim sentence. A question the report does not answer gets an answer with status
"not stated in the source" and no value, never an inferred one.
"""

import datetime
import json
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull, LessThan, LessThanOrEqual
from simple_history.models import HistoricalRecords

from core.choices import Status
from core.formatting import format_number, format_partial_date
from core.loading import DirectFromDb
from core.models import ContentModel, DatePrecision, last_day
from core.querysets import PublishedQuerySet, in_parent_order
from core.urls import reverse
from countries.models import BarrierCategory


class Category(models.TextChoices):
    ENTRY = "entry", "Entry: founding and registration"
    OPERATIONAL = "operational_activity", "Operational activity"
    SPEECH = "speech_advocacy", "Speech and advocacy"
    INTERNATIONAL = "international_contact", "International contact"
    RESOURCES = "resources", "Resources"
    ASSEMBLY = "assembly", "Assembly"
    TAX = "tax", "Tax"
    PUBLIC_BENEFIT = "public_benefit", "Public benefit and charitable status"
    PARTICIPATION = "participation", "Participation in public affairs"


# The first six categories are the report's six barrier headings, whose keys the barriers spell differently
# (`activity`, not `operational_activity`): a barrier's page shows its category's rules, and every answer names
# its barrier's key so that the two tables join. Tax, public benefit and participation have no barrier.
BARRIER_CATEGORIES = {
    BarrierCategory.ENTRY: Category.ENTRY,
    BarrierCategory.ACTIVITY: Category.OPERATIONAL,
    BarrierCategory.SPEECH: Category.SPEECH,
    BarrierCategory.INTERNATIONAL: Category.INTERNATIONAL,
    BarrierCategory.RESOURCES: Category.RESOURCES,
    BarrierCategory.ASSEMBLY: Category.ASSEMBLY,
}
CATEGORY_BARRIERS = {category: barrier for barrier, category in BARRIER_CATEGORIES.items()}


class AnswerType(models.TextChoices):
    BOOLEAN = "boolean", "Yes or no"
    INTEGER = "integer", "Whole number"
    DECIMAL = "decimal", "Decimal number"
    MONEY = "money", "Amount of money"
    DURATION = "duration", "Duration"
    CHOICE = "choice", "One of the choices"
    TEXT = "text", "Text"


class AnswerStatus(models.TextChoices):
    ANSWERED = "answered", "Answered"
    NOT_STATED = "not_stated", "Not stated in the source"


class Qualifier(models.TextChoices):
    """How the source bounds the value: "at least ten citizens", "fines of up to 200 MCI", "about 30 days"."""

    EXACT = "", "Exactly"
    APPROXIMATELY = "approximately", "Approximately"
    AT_LEAST = "at_least", "At least"
    AT_MOST = "at_most", "At most (up to)"


# How a qualifier reads before a value: "at least 10 citizens", "up to 200 MCI".
QUALIFIER_WORDS = {Qualifier.APPROXIMATELY: "about", Qualifier.AT_LEAST: "at least", Qualifier.AT_MOST: "up to"}
NUMBER_TYPES = (AnswerType.INTEGER, AnswerType.DECIMAL, AnswerType.MONEY, AnswerType.DURATION)


class QuestionQuerySet(PublishedQuerySet):
    def for_page(self):
        """A question's page: every published answer, each country's periods in order, with its citations."""
        # Undated answers first on every database (PostgreSQL would sort them last).
        in_order = ("country__name", F("valid_from").asc(nulls_first=True))
        return self.with_published(
            "answers", "country", rows=lambda rows: rows.with_start().with_citations().order_by(*in_order)
        )

    def get_by_natural_key(self, key):
        return self.get(key=key)


class Question(ContentModel):
    key = models.SlugField(max_length=80, unique=True, help_text="Stable identifier, e.g. founders_minimum.")
    text = models.CharField(
        "question", max_length=300, help_text="In plain words: 'Minimum number of founders of a public association'."
    )
    category = models.CharField(max_length=30, choices=Category.choices, db_index=True)
    answer_type = models.CharField(max_length=10, choices=AnswerType.choices, db_index=True)
    unit = models.CharField(
        max_length=40,
        blank=True,
        help_text="Unit of a number or duration ('citizens', 'days', 'working days', 'months'); for money the "
        "usual currency or index ('KZT', 'MCI': the monthly calculation index).",
    )
    choices = models.JSONField(
        default=list,
        blank=True,
        help_text='For one-of-choices questions: [{"value": "notification", "label": "Notification"}, ...].',
    )
    coding_rules = models.TextField(help_text="What counts as yes, which legal form or case the question covers.")
    covers = models.CharField(
        max_length=300, blank=True, help_text="The legal form or case coded, e.g. 'public associations'."
    )
    compare_with = models.CharField(
        max_length=300,
        blank=True,
        help_text="A widely used dataset that codes the same concept, e.g. 'V-Dem: CSO entry and exit (v2cseeorgs)'.",
    )
    order = models.PositiveIntegerField(default=0, help_text="Position within its category.")

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["category", "order", "key"]

    def __str__(self):
        return self.text

    def natural_key(self):
        return (self.key,)

    def get_absolute_url(self):
        return reverse("codebook:question-detail", kwargs={"key": self.key})

    def api_url_kwargs(self):
        return {"key": self.key}

    @property
    def barrier_category(self):
        """The key of the barrier on the same subject (`activity` for operational activity), or "" (tax...)."""
        return CATEGORY_BARRIERS.get(self.category, "")

    @property
    def choice_labels(self):
        """{value: label} of a one-of-choices question."""
        return {choice.get("value"): choice.get("label") or choice.get("value") for choice in self.choices or []}

    def clean(self):
        """The choices fit the answer type, and a change of type, choices or unit leaves every answer already coded
        valid: an answer "No" to a question turned into a whole number read as no value at all, and a choice taken
        away showed its answers' raw code ("annual") on the public pages."""
        super().clean()
        problem = choices_problem(self.answer_type, self.choices)
        if problem:
            raise ValidationError({"choices": problem})
        stored = Question._base_manager.filter(pk=self.pk).first() if self.pk is not None else None
        field = changed_rule_field(stored, self) if stored is not None else None
        if field is not None:
            broken = answers_broken_by(self, stored)
            if broken:
                if field == "choices":
                    broken += " To rename a choice, add the new one, move the answers to it, then remove the old one."
                raise ValidationError({field: broken})


def start_citations():
    """The citations an answer's `start` is read from (`AnswerQuerySet.with_start`), for the answer of the outer
    query: those of a published, dated law adopted before the answer's end, the latest adoption first (of two laws
    adopted alike, the first cited, as `Answer.start_law` picks it)."""
    return Citation.objects.filter(
        # the answer's own end, read from the outer row (a join back to the answer cost a scan per row)
        IsNull(OuterRef("valid_to"), True) | LessThan(F("law__adopted_on"), OuterRef("valid_to")),
        answer=OuterRef("pk"),
        law__publication_status=Status.PUBLISHED,
        law__adopted_on__isnull=False,
    ).order_by("-law__adopted_on", "order")


class AnswerQuerySet(PublishedQuerySet):
    def published(self):
        # An answer is public only if its question and its country are public too (a country in hand: see
        # `country_checked_in_hand`).
        queryset = super().published().filter(question__publication_status=Status.PUBLISHED)
        if self.country_checked_in_hand():
            return queryset
        return queryset.filter(country__publication_status=Status.PUBLISHED)

    def answered(self):
        return self.filter(status=AnswerStatus.ANSWERED)

    def with_start(self):
        """Each answer's `start`: its stated start (`valid_from`), or for an answer whose start the source does not
        state, the latest adoption date of the published laws it cites that came before its end (the rule rests on
        them, so it is not in force before them and the source says nothing of earlier years; a law adopted on or
        after the end is the one that ended it), or None when it cites no such law (then it counts as in force
        before its end: see `in_force`)."""
        return self.annotate(start=Coalesce("valid_from", Subquery(start_citations().values("law__adopted_on")[:1])))

    def with_start_shown(self):
        """`with_start`, and `start_law_precision`: how precisely the source dates the law an undated answer's
        `start` is (`start_shown`), without loading the answer's citations. A page that says why a cell is blank
        ("not in force before May 25, 2020") would otherwise invent a day for a law the source dates to the month."""
        precision = Subquery(start_citations().values("law__adopted_precision")[:1])
        return self.with_start().annotate(start_law_precision=precision)

    def in_force(self, on_date):
        """The answers in force on a date: begun on or before it (`with_start`: undated and resting on no dated law,
        "not stated in the source", counts as begun) and not ended before it, one per country and question: of two
        in force that day (a rule ending in December 2021 and its successor from December 2021, both coded to the
        month), the later start, and of two starting alike, the one whose start the source states (`in_force_on`
        is the same rule in Python). A question answered only from a later date has no answer before that date.
        The answer in force is chosen among the published answers: call it on published ones (a draft is never it)."""
        # `start` is a subquery that SQL repeats wherever it is named (PostgreSQL ran it eleven times per answer):
        # "not yet begun" reads it once (a start not stated counts as the date itself), and the answer in force is
        # the first of its country's and question's current answers by start, latest first (none stated last), then
        # stated before derived (`valid_from` set first). The constraints leave no two answers alike on both.
        current = LessThanOrEqual(Coalesce("start", Value(on_date, output_field=models.DateField())), on_date) & (
            Q(valid_to__isnull=True) | Q(valid_to__gte=on_date)
        )
        first = (
            self.model.objects.published()
            .with_start()
            .filter(current, country=OuterRef("country"), question=OuterRef("question"))
            .order_by(F("start").desc(nulls_last=True), F("valid_from").desc(nulls_last=True))
            .values("pk")[:1]
        )
        return self.with_start().filter(current, pk=Subquery(first))

    def with_citations(self):
        """Each answer's citations, with the law each cites (and its country, for the law's link)."""
        citations = in_parent_order(Citation.objects.select_related("law__country"), "answer")
        return self.prefetch_related(Prefetch("citations", queryset=citations))

    def for_link(self):
        return self.select_related("question", "country")

    def for_api(self):
        return self.for_link().with_citations()

    def get_by_natural_key(self, country_code, question_key, valid_from):
        return self.get(country__iso2=country_code, question__key=question_key, valid_from=valid_from)


def in_force_on(answers, day):
    """Of one country's answers to one question (loaded `with_start()`), the one in force on `day`: the rule of
    `AnswerQuerySet.in_force` (the later start; of two starting alike, the one whose start is stated). For a page
    that holds every period of a cell anyway: the panel's years, the grids' blank cells (`codebook.views`)."""
    current = [answer for answer in answers if answer.is_in_force(day)]
    return max(
        current, key=lambda answer: (answer.start or datetime.date.min, answer.valid_from is not None), default=None
    )


UNDATED_CONSTRAINT = "codebook_answer_one_undated"


class Answer(ContentModel):
    country = models.ForeignKey("countries.Country", on_delete=models.CASCADE, related_name="codebook_answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    status = models.CharField(max_length=12, choices=AnswerStatus.choices, default=AnswerStatus.ANSWERED, db_index=True)
    value_boolean = models.BooleanField("yes/no", null=True, blank=True)
    value_number = models.DecimalField(
        "number", max_digits=20, decimal_places=4, null=True, blank=True, help_text="Integer, decimal, money, duration."
    )
    value_text = models.TextField("text or choice", blank=True, help_text="A choice's value, or a text answer.")
    unit = models.CharField(
        max_length=40, blank=True, help_text="The value's unit or currency when it differs from the question's."
    )
    qualifier = models.CharField(max_length=15, choices=Qualifier.choices, blank=True)
    valid_from = models.DateField(null=True, blank=True, db_index=True, help_text="Empty: not stated in the source.")
    valid_from_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    valid_to = models.DateField(null=True, blank=True, db_index=True, help_text="Empty: still in force.")
    valid_to_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    note = models.TextField(blank=True, help_text="The coder's remark: which case the value covers, a caveat.")

    objects = AnswerQuerySet.as_manager()

    open_ended_fields = ("valid_to",)  # no end: still in force (the API's ordering, `core.api.params.nulls_last`)

    class Meta:
        # an undated answer first, on every database (SQLite sorted NULL first, PostgreSQL last)
        ordering = [
            "country", "question__category", "question__order", "question__key", F("valid_from").asc(nulls_first=True)
        ]  # fmt: skip
        constraints = [
            models.UniqueConstraint(
                fields=["country", "question", "valid_from"], name="codebook_answer_country_question_from"
            ),
            # The same for answers whose start is not stated, which the constraint above cannot see (SQL holds no
            # two NULLs equal). `clean()` says so with a message naming the other answer; this catches two saves
            # at the same moment.
            models.UniqueConstraint(
                fields=["country", "question"],
                condition=Q(valid_from__isnull=True),
                name=UNDATED_CONSTRAINT,
            ),
        ]

    def __str__(self):
        """How admin, its history and the public Updates page name the answer: the question in words (its key,
        "founders_minimum", is a column name to a reader), and the period's start, which tells its answers apart."""
        start = f" (from {self.valid_from_display})" if self.valid_from else ""
        return f"{self.country}: {self.question.text}{start}"

    def natural_key(self):
        return (self.country.iso2, self.question.key, self.valid_from.isoformat() if self.valid_from else None)

    natural_key.dependencies = ["countries.country", "codebook.question"]

    @property
    def anchor(self):
        """The answer's element on its question's page: one per country and period."""
        start = self.valid_from.isoformat() if self.valid_from else "undated"
        return f"answer-{self.country.iso2.lower()}-{start}"

    def get_absolute_url(self):
        return f"{self.question.get_absolute_url()}#{self.anchor}"

    @property
    def title(self):
        """The country and the period: how the question's page heads the answer ("Kazakhstan, since 2015")."""
        return f"{self.country.name}, {self.period_display}"

    @property
    def valid_from_display(self):
        return format_partial_date(self.valid_from, self.valid_from_precision)

    @property
    def valid_to_display(self):
        return format_partial_date(self.valid_to, self.valid_to_precision)

    @property
    def _question_and_value(self):
        text = self.question.text
        return f"{text} {self.value_display}" if text.endswith("?") else f"{text}: {self.value_display}"

    @property
    def headline(self):
        """The question and its answer in one line, as search hits and the timeline title them: "Which state body
        registers NCOs? Ministry of Justice", "Minimum number of founders ...: at least 10 citizens", and a rule that
        has ended says so ("Quarterly (until December 2021)"), or a reader takes it for the rule in force."""
        return self.dated_headline if self.valid_to else self._question_and_value

    @property
    def dated_headline(self):
        """`headline` with the answer's period, whichever it is ("...: Yes (date not stated in the source)"), where
        a list gives every period of a question."""
        return f"{self._question_and_value} ({self.period_display})"

    @property
    def period_display(self):
        if self.valid_from and self.valid_to:
            return f"{self.valid_from_display} to {self.valid_to_display}"
        if self.valid_from:
            return f"since {self.valid_from_display}"
        if self.valid_to:
            return f"until {self.valid_to_display}"
        return "date not stated in the source"

    def get_constraints(self):
        """The constraints form validation checks: not the undated one, which `clean()` checks with a better
        message (the form would show both)."""
        return [
            (model, [c for c in constraints if c.name != UNDATED_CONSTRAINT])
            for model, constraints in super().get_constraints()
        ]

    @property
    def start_law(self):
        """For an answer whose start the source does not state, the law it is not in force before, or None: the law
        whose adoption is its `start` (loaded `with_start()`, with its citations)."""
        if self.valid_from is not None or self.start is None:
            return None
        return next(citation.law for citation in self.law_citations if citation.law.adopted_on == self.start)

    @property
    def start_note(self):
        law = self.start_law
        if law is None:
            return ""
        name = str(law) if str(law).lower().startswith("the ") else f"the {law}"  # "the PA Law", "The Tax Code"
        return f"Start not stated in the source; not in force before {name} ({law.adopted_display})."

    @property
    def since_display(self):
        """Since when the rule applies, as a line of rules shows it beside the value: the researcher's "how many
        founders, and since when?" was a click away, on the question's page. The stated start; for a start the
        source does not state, the adoption of the law it rests on as a bound, never as its start (loaded
        `with_start()`). Nothing for a rule the source does not state: its value already says so."""
        if self.status == AnswerStatus.NOT_STATED:
            return ""
        if self.valid_from is not None:
            return self.valid_from_display
        law = self.start_law
        if law is not None:
            return f"not stated; not before {law.adopted_display}"
        return "not stated in the source"

    @property
    def start_shown(self):
        """The answer's `start` as precisely as the source dates it (loaded `with_start_shown()`): its stated start,
        or the adoption of the law it rests on; "" for neither."""
        if self.valid_from is not None:
            return self.valid_from_display
        return format_partial_date(self.start, self.start_law_precision)

    @property
    def not_yet_note(self):
        """Why no rule is shown on a date before this answer's start (loaded `with_start_shown()`), where the
        codebook holds no earlier rule: the rule's stated start, or for a rule whose start the source does not state,
        the adoption of the law it rests on, before which it is not in force (the assembly rules of the 2020 law
        read "not coded" in 2019, with no word of why)."""
        if self.valid_from is not None:
            return f"applies from {self.start_shown}"
        return f"not in force before {self.start_shown}, when the law it rests on was adopted"

    @property
    def start_display(self):
        return f"on {self.valid_from_display}" if self.valid_from else "on a date not stated in the source"

    def same_start(self):
        """Another answer of this country to this question that starts when this one does, or None.

        Where two answers are in force on a date, the later start applies (the panel, the codebook and the
        comparison all read them so); two with the same start leave nothing to choose by, and each page would show
        a different one. The database's unique constraint on (country, question, valid_from) cannot see it when
        the start is not stated: SQL holds no two NULLs equal.
        """
        if not (self.country_id and self.question_id):
            return None
        # valid_from=None reads "IS NULL"; excluding pk=None (an answer not saved yet) excludes nothing.
        others = Answer.objects.filter(
            country_id=self.country_id, question_id=self.question_id, valid_from=self.valid_from
        )
        return others.exclude(pk=self.pk).select_related("question").first()

    def overlapped(self):
        """The published answer of this country to this question whose period overlaps this one's, or None; only for
        a published answer with a stated start (`valid_from`).

        Of two answers in force on a date the later start applies (pages, comparison, panel, `as_of`): an answer
        from January 2024 beside one of February 2023 to June 2024 silently cut the older one's last months, which
        the source states. So two periods overlap when the earlier-starting one has a stated end after the other's
        start. `valid_to` is inclusive (an answer is in force on its last day, `in_force`), but an end on the day
        the next answer starts is a hand-over, not an overlap: the seed's reporting "quarterly until December 2021"
        and "semiannual from December 2021", on which day the later start applies. An open end (`valid_to` null)
        states none: the rule was in force on the report's date, and a later start is where it gives way (a report
        of May 2024 states a rule in force and its successor "from 1 January 2025"); so the later answer is not
        refused. A start the source gives to the month or year only may stand for its last day ("from 2024" beside
        an end in June 2024 may be a hand-over): the editor is never made to invent a day the source does not state.

        Not compared: drafts (work in progress: a successor may be drafted before its predecessor's end is set; it
        is checked when it is published, in admin, the API or admin's publish action), and answers whose start the
        source does not state (valid_from null): nothing says since when they apply, the site reads them as giving
        way to any dated answer (the later start applies; the seed's first-year deadline of the NCO database to its
        "not stated" answer from 2017), and no two of them may stand beside each other (`UNDATED_CONSTRAINT`)."""
        if not (self.is_published and self.valid_from and self.country_id and self.question_id):
            return None

        def runs_past(earlier, later):  # the earlier's stated end comes after whichever day the later's start is
            return earlier.valid_to is not None and last_day(later.valid_from, later.valid_from_precision) < (
                earlier.valid_to
            )

        # those that may overlap, read before the exact rule (the starts' precision) on a handful of rows
        nearby = Q(valid_from__lt=self.valid_from, valid_to__gt=self.valid_from)
        if self.valid_to is not None:
            nearby |= Q(valid_from__gt=self.valid_from, valid_from__lt=self.valid_to)
        others = Answer.objects.filter(
            nearby,
            country_id=self.country_id,
            question_id=self.question_id,
            publication_status=Status.PUBLISHED,
        ).exclude(pk=self.pk)
        for other in others.select_related("country", "question").order_by("valid_from"):
            earlier, later = (other, self) if other.valid_from < self.valid_from else (self, other)
            if runs_past(earlier, later):
                return other
        return None

    def overlap_problems(self):
        """{field: message} naming the published answer this one's period overlaps (`overlapped`), or {}: on the
        start if it begins inside that answer's period, else on the end, which runs past that answer's start."""
        other = self.overlapped()
        if other is None:
            return {}
        field = "valid_from" if self.valid_from > other.valid_from else "valid_to"
        return {
            field: f"This period overlaps {other.country}'s published answer to “{other.question.text}” "
            f"({other.period_display}: {other.value_display}): the earlier answer's end comes after the later one's "
            "start, and on the days between, the pages, the comparison and the panel would show the later one only. "
            "End the earlier answer on or before the day the later one starts (an end on that day hands over), or "
            "keep this one a draft."
        }

    def publication_problem(self):
        """Why this answer cannot be published as it is (admin's publish action, which saves without its form)."""
        return " ".join(self.overlap_problems().values())

    # --- the citations each version of the answer holds (core.history's "parts" of a version) -------------------

    def record_version_parts(self, version):
        """Make `version` (one of this answer's) hold the answer's citations as they are now.

        A citation is a row of its own, edited in the answer's form: the answer's history showed an edit of a quote
        as a save with no change, and a revert of the answer left its citations as they were. Now each version
        holds them, so its history shows what a save changed in them, and a revert restores them."""
        HistoricalAnswerCitation.objects.filter(version_id=version.pk).delete()
        HistoricalAnswerCitation.objects.bulk_create(
            HistoricalAnswerCitation(version_id=version.pk, **dict(zip(PART_FIELDS, citation.as_tuple(), strict=True)))
            for citation in Citation.objects.filter(answer=self).order_by("order")
        )

    @staticmethod
    def version_parts(versions):
        """{history id: {"citations": (citation as a tuple, ...)}} of those versions that recorded their parts: one
        query for all (a history page compares every version with the one before)."""
        recorded = {version.history_id: {"citations": []} for version in versions if version.links_recorded}
        rows = HistoricalAnswerCitation.objects.filter(version_id__in=recorded).order_by("version_id", "order")
        for row in rows:
            recorded[row.version_id]["citations"].append(row.as_tuple())
        return {pk: {name: tuple(items) for name, items in parts.items()} for pk, parts in recorded.items()}

    @staticmethod
    def describe_version_parts(parts):
        """{history id: {"citations": (line, ...)}} of `version_parts`' answer, a line per citation in the same
        order, as a history page shows them: "1. PA Law, Article 11: “A minimum of 10 citizens…”". One query for the
        laws of all of them; a law deleted since is named by its number, and a revert leaves it out."""
        from laws.models import Law

        cited = {law_id for held in parts.values() for _, law_id, _, _ in held["citations"] if law_id}
        laws = Law._base_manager.in_bulk(cited)

        def line(order, law_id, pinpoint, quote):
            law = laws.get(law_id, f"deleted law #{law_id}, left out on a revert") if law_id else "no law named"
            short = quote if len(quote) <= 80 else quote[:79].rstrip() + "…"
            return f"{order}. {law}{', ' + pinpoint if pinpoint else ''}: “{short}”"

        return {
            pk: {"citations": tuple(line(*citation) for citation in held["citations"])} for pk, held in parts.items()
        }

    def restore_version_parts(self, version):
        """Give the answer back the citations `version` holds (a revert), place by place (`order`, unique per
        answer): a citation at a place the version holds is changed to the version's, kept as it is if alike; one
        at a place it does not hold is removed; a place only the version holds gets a new citation. Each change is a
        version in the citations' own history, with the revert's reason. A law deleted since is left out (the
        citation keeps its quote and pinpoint): the version keeps its number only."""
        from laws.models import Law

        wanted = {row.order: row for row in HistoricalAnswerCitation.objects.filter(version_id=version.pk)}
        existing = set(
            Law._base_manager.filter(pk__in={row.law_id for row in wanted.values()}).values_list("pk", flat=True)
        )
        reason = getattr(self, "_change_reason", None)
        current = {citation.order: citation for citation in Citation.objects.filter(answer=self)}
        for order, citation in current.items():
            if order not in wanted:
                citation._change_reason = reason
                citation.delete()
        for order, row in sorted(wanted.items()):
            citation = current.get(order) or Citation(answer=self, order=order)
            values = {
                "law_id": row.law_id if row.law_id in existing else None,
                "pinpoint": row.pinpoint,
                "quote": row.quote,
            }
            if citation.pk is not None and all(getattr(citation, name) == value for name, value in values.items()):
                continue
            for name, value in values.items():
                setattr(citation, name, value)
            citation._change_reason = reason
            citation.save()

    def is_in_force(self, day):
        """The rule of `AnswerQuerySet.in_force`, for answers loaded `with_start()`."""
        return (self.start is None or self.start <= day) and (self.valid_to is None or self.valid_to >= day)

    @property
    def law_citations(self):
        """The citations that name a published law, one per law and pinpoint: what a line listing the answer's laws
        shows (the prefetched citations, filtered here, so a template needs no condition and joins them without a
        stray separator; two sentences quoted from one law read "Law on Payments; Law on Payments" before)."""
        seen, cited = set(), []
        for citation in self.citations.all():
            if citation.law and citation.law.is_published and (citation.law_id, citation.pinpoint) not in seen:
                seen.add((citation.law_id, citation.pinpoint))
                cited.append(citation)
        return cited

    @property
    def no_law_note(self):
        """What a line listing the answer's laws says when it names none: that the report's sentence names no law,
        or, for a rule the report does not state, that (there is no sentence to name one)."""
        return (
            "not stated in the source"
            if self.status == AnswerStatus.NOT_STATED
            else "none named where the report states it"
        )

    @property
    def effective_unit(self):
        return self.unit or self.question.unit

    @property
    def value(self):
        """The value as JSON would type it: a boolean, a number (whole for whole-number questions), a string,
        or None when the source states no value."""
        if self.status == AnswerStatus.NOT_STATED:
            return None
        kind = self.question.answer_type
        if kind == AnswerType.BOOLEAN:
            return self.value_boolean
        if kind in NUMBER_TYPES:
            if self.value_number is None:
                return None
            number = Decimal(self.value_number)
            return int(number) if number == number.to_integral_value() else float(number)
        return self.value_text or None

    @property
    def value_display(self):
        """The value as a reader says it: "at least 10 citizens", "Yes", "Notification"."""
        if self.status == AnswerStatus.NOT_STATED:
            return AnswerStatus.NOT_STATED.label
        kind = self.question.answer_type
        if kind == AnswerType.BOOLEAN:
            shown = {True: "Yes", False: "No"}.get(self.value_boolean, "")
        elif kind in NUMBER_TYPES:
            shown = "" if self.value_number is None else f"{format_number(self.value_number)} {self.unit_for_number}"
        elif kind == AnswerType.CHOICE:
            shown = self.question.choice_labels.get(self.value_text, self.value_text)
        else:
            shown = self.value_text
        words = QUALIFIER_WORDS.get(self.qualifier, "")
        return " ".join(part for part in (words, shown.strip()) if part)

    @property
    def unit_for_number(self):
        """The unit as the number needs it: "1 person", "1 day", but "5 days" and "70 MCI"."""
        unit = self.effective_unit
        if self.value_number == 1 and unit in SINGULAR_UNITS:
            return SINGULAR_UNITS[unit]
        return unit

    def clean(self):
        """The value must fit the question's type; a "not stated" answer carries no value at all; the period runs
        forward, starts where no other answer of the country to the question starts and, published, overlaps none
        of its published answers (`overlapped`)."""
        super().clean()
        errors = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = "The end of the period cannot come before its start."
        twin = self.same_start()
        if twin is not None:
            errors["valid_from"] = (
                f"{self.country} already has an answer to this question starting {twin.start_display} "
                f"({twin.value_display}). Edit that answer, or give this one the date it takes effect."
            )
        elif "valid_to" not in errors:
            errors.update(self.overlap_problems())
        question = self.question if self.question_id else None
        if question is not None:
            errors.update(value_problems(self, question))
        if errors:
            raise ValidationError(errors)


VALUE_FIELDS = ("value_boolean", "value_number", "value_text")
# The value fields as an editor reads them (the form's labels); the API names the field in brackets after them.
VALUE_WORDS = {"value_boolean": "yes/no value", "value_number": "number", "value_text": "text or choice"}
# Plural units of the codebook and their singular, for a value of exactly one.
SINGULAR_UNITS = {
    unit: unit.removesuffix("s")
    for unit in ("persons", "citizens", "days", "working days", "hours", "months", "years", "items", "grounds")
} | {"oblasts": "oblast", "founders": "founder", "members": "member"}


def value_problems(answer, question):
    """{field: message} for a value that does not fit the question's type (shared by admin forms and the API)."""
    given = {
        "value_boolean": answer.value_boolean is not None,
        "value_number": answer.value_number is not None,
        "value_text": bool((answer.value_text or "").strip()),
    }
    if answer.status == AnswerStatus.NOT_STATED:
        return {name: "An answer not stated in the source carries no value." for name in VALUE_FIELDS if given[name]}
    kind = question.answer_type
    wanted = {
        AnswerType.BOOLEAN: "value_boolean",
        AnswerType.CHOICE: "value_text",
        AnswerType.TEXT: "value_text",
    }.get(kind, "value_number")
    label = AnswerType(kind).label.lower() if kind in AnswerType.values else kind
    problems = {
        name: f"A {label} question takes no {VALUE_WORDS[name]} ({name})."
        for name in VALUE_FIELDS
        if given[name] and name != wanted
    }
    if not given[wanted]:
        problems[wanted] = f"A {label} question needs a {VALUE_WORDS[wanted]} ({wanted})."
    elif wanted == "value_number" and answer.value_number < 0:
        # every number the codebook holds is a count, a duration, an amount or a share: "at least -3 citizens" is a slip
        problems["value_number"] = (
            f"A number of the codebook cannot be negative, not {format_number(answer.value_number)}."
        )
    elif kind == AnswerType.INTEGER and answer.value_number != int(answer.value_number):
        problems["value_number"] = f"A whole number is needed, not {format_number(answer.value_number)}."
    elif kind == AnswerType.CHOICE and answer.value_text not in question.choice_labels:
        allowed = ", ".join(question.choice_labels) or "none defined"
        problems["value_text"] = f"{answer.value_text!r} is not one of the question's choices ({allowed})."
    if kind == AnswerType.MONEY and not (answer.unit or question.unit):
        problems["unit"] = "An amount of money needs its currency or index (e.g. KZT, MCI), here or on the question."
    return problems


CHOICES_SHAPE = '[{"value": "notification", "label": "Notification"}, ...]'


def choices_problem(answer_type, choices):
    """Why a question's choices do not fit its answer type, or "" (shared by admin forms and API writes)."""
    if answer_type != AnswerType.CHOICE:
        return "" if not choices else "Only a one-of-choices question takes choices: clear them or change the type."
    if not isinstance(choices, list) or not choices:
        return f"A one-of-choices question lists its choices: {CHOICES_SHAPE}."
    values = []
    for choice in choices:
        value, label = (choice.get("value"), choice.get("label", "")) if isinstance(choice, dict) else (None, None)
        if set(choice if isinstance(choice, dict) else ()) - {"value", "label"} or not isinstance(label, str):
            value = None
        if not isinstance(value, str) or not value.strip():
            return f'Each choice is {{"value": text, "label": text}}, not {json.dumps(choice)}: {CHOICES_SHAPE}.'
        values.append(value)
    repeated = sorted({value for value in values if values.count(value) > 1})
    if repeated:
        return f"Each choice's value must differ from the others': {', '.join(repeated)} is given twice."
    return ""


def answers_broken_by(question, stored, shown=3):
    """A message naming the answers already coded (drafts included) that fit the question as stored but would not
    fit it as edited, or "". An answer that already did not fit is no reason to refuse an edit."""
    broken = []
    answers = Answer.objects.filter(question_id=question.pk).select_related("country", "question")
    for answer in answers.order_by("country__name", "valid_from", "pk"):
        problems = value_problems(answer, question)
        if problems and not value_problems(answer, stored):
            period = f"from {answer.valid_from_display}" if answer.valid_from else "undated"
            problem = " ".join(problems.values()).rstrip(".")
            broken.append(f"{answer.country.name}, {period} ({answer.value_display}): {problem}")
    if not broken:
        return ""
    more = f"; and {len(broken) - shown} more" if len(broken) > shown else ""
    return (
        f"This change would leave {len(broken)} answer(s) already coded that no longer fit the question: "
        f"{'; '.join(broken[:shown])}{more}. Change or remove those answers first."
    )


def changed_rule_field(stored, question):
    """The field of a question's edit that decides what its answers may be (its type, else its choices, else its
    unit), or None when the edit changes none of them (rewording the question checks no answer)."""
    for name in ("answer_type", "choices", "unit"):
        if getattr(stored, name) != getattr(question, name):
            return name
    return None


class CitationQuerySet(models.QuerySet):
    def published(self):
        """Citations of public answers (the answer, its question and its country published): what a law's page
        lists (`with_published` finds this through the law's `codebook_citations`)."""
        return self.filter(
            answer__publication_status=Status.PUBLISHED,
            answer__question__publication_status=Status.PUBLISHED,
            answer__country__publication_status=Status.PUBLISHED,
        )

    def get_by_natural_key(self, country_code, question_key, valid_from, order):
        return self.get(
            answer__country__iso2=country_code,
            answer__question__key=question_key,
            answer__valid_from=valid_from,
            order=order,
        )


class Citation(DirectFromDb):
    """Where an answer comes from: the law, the pinpoint in it, and the report's sentence, verbatim."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="citations")
    law = models.ForeignKey(
        "laws.Law", on_delete=models.PROTECT, null=True, blank=True, related_name="codebook_citations"
    )
    pinpoint = models.CharField(max_length=200, blank=True, help_text="E.g. 'Article 11', 'Para 2, Article 2'.")
    quote = models.TextField(help_text="The report's sentence the answer rests on, verbatim.")
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["answer", "order"]
        constraints = [models.UniqueConstraint(fields=["answer", "order"], name="codebook_citation_answer_order")]

    def __str__(self):
        return self.pinpoint or self.quote[:60]

    def as_tuple(self):
        """What a version of its answer holds of it (`PART_FIELDS`)."""
        return tuple(getattr(self, name) for name in PART_FIELDS)

    def natural_key(self):
        return (*self.answer.natural_key(), self.order)

    natural_key.dependencies = ["codebook.answer", "laws.law"]


PART_FIELDS = ("order", "law_id", "pinpoint", "quote")  # what a version holds of each citation, in this order


class HistoricalAnswerCitation(models.Model):
    """One citation as a version of its answer held it (see `Answer.record_version_parts`).

    The law is kept by its id alone (`law_id`): a law deleted later leaves the version readable ("deleted law
    #12")."""

    version = models.ForeignKey(
        "codebook.HistoricalAnswer", on_delete=models.CASCADE, related_name="recorded_citations"
    )
    order = models.PositiveIntegerField(default=0)
    law_id = models.PositiveBigIntegerField(
        null=True,
        blank=True,
        help_text="The law cited, by its id: not a relation, so a law deleted since leaves the "
        "version whole (readable, and written out by a backup's dump, which a relation's natural key stopped).",
    )
    pinpoint = models.CharField(max_length=200, blank=True)
    quote = models.TextField()

    invalidates_responses = False  # history: nothing the public reads

    class Meta:
        ordering = ["version", "order"]

    def __str__(self):
        return f"{self.order}. {self.pinpoint or self.quote[:60]}"

    def as_tuple(self):
        return tuple(getattr(self, name) for name in PART_FIELDS)
