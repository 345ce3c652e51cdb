"""The codebook: what the law *requires*, as questions with typed, dated, cited answers per country.

Why: the report states rules in sentences ("at least ten citizens", "five days' notice"). A researcher wants
them as data that can be filtered, compared across countries and followed over time, each value traceable to
the law and the report's own sentence. A `Question` is one coded variable (stable `key`, type, unit, coding
rules); an `Answer` is one country's value for one period (`valid_from`/`valid_to`, partial dates like the rest
of the model); each answer rests on one or more `Citation`s: the law record, the pinpoint ("Article 11") and
the report's verbatim sentence. A question the report does not answer gets an answer with status
"not stated in the source" and no value, never an inferred one.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from core.choices import Status
from core.models import ContentModel, DatePrecision
from core.querysets import PublishedQuerySet


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


class QuestionQuerySet(PublishedQuerySet):
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


class AnswerQuerySet(PublishedQuerySet):
    def published(self):
        # An answer is public only if its question and its country are public too.
        return (
            super()
            .published()
            .filter(question__publication_status=Status.PUBLISHED, country__publication_status=Status.PUBLISHED)
        )

    def get_by_natural_key(self, country_code, question_key, valid_from):
        return self.get(country__iso2=country_code, question__key=question_key, valid_from=valid_from)


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

    class Meta:
        ordering = ["country", "question__category", "question__order", "question__key", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "question", "valid_from"], name="codebook_answer_country_question_from"
            )
        ]

    def __str__(self):
        return f"{self.country}: {self.question.key}"

    def natural_key(self):
        return (self.country.iso2, self.question.key, self.valid_from.isoformat() if self.valid_from else None)

    natural_key.dependencies = ["countries.country", "codebook.question"]


class CitationQuerySet(models.QuerySet):
    def get_by_natural_key(self, country_code, question_key, valid_from, order):
        return self.get(
            answer__country__iso2=country_code,
            answer__question__key=question_key,
            answer__valid_from=valid_from,
            order=order,
        )


class Citation(models.Model):
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

    def natural_key(self):
        return (*self.answer.natural_key(), self.order)

    natural_key.dependencies = ["codebook.answer", "laws.law"]
