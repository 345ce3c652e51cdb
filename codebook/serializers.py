"""API representation of the codebook: questions, and answers with their citations."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import ApiUrlField, HtmlUrlField
from core.api.serializers import RECORD_HEAD, RECORD_TAIL, DescribedSerializerMixin, PublicRecordSerializer
from core.choices import Status
from countries.models import BarrierCategory

from .dates import stated_on
from .models import Answer, AnswerType, Category, Citation, Question

TYPED_VALUE_SCHEMA = {
    "oneOf": [{"type": "boolean"}, {"type": "number"}, {"type": "string"}],
    "nullable": True,
    "description": "The answer's value, typed by the question's answer_type: a boolean (boolean), a number "
    "(integer, decimal, money, duration), a string (choice, text), or null when the source states none.",
}


@extend_schema_field(TYPED_VALUE_SCHEMA)
class TypedValueField(serializers.Field):
    """The answer's value as JSON types it (true, 10, "notification"); in CSV as its plain text."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True, help_text=TYPED_VALUE_SCHEMA["description"])
        super().__init__(**kwargs)

    def to_representation(self, answer):
        return answer.value


BARRIER_CATEGORY_HELP = (
    "The key of the barrier on the same subject, as the barriers spell it (activity, speech, international...), "
    "to join the two; empty for tax, public benefit and participation, which have no barrier."
)


def barrier_category_field(**kwargs):
    return serializers.ChoiceField(
        choices=BarrierCategory.choices, allow_blank=True, read_only=True, help_text=BARRIER_CATEGORY_HELP, **kwargs
    )


class QuestionSerializer(PublicRecordSerializer):
    choices = serializers.ListField(
        child=serializers.DictField(child=serializers.CharField()),
        required=False,
        help_text='For choice questions: [{"value": ..., "label": ...}, ...]; empty for the others.',
    )
    barrier_category = barrier_category_field()

    class Meta:
        model = Question
        fields = (
            *RECORD_HEAD,
            "key",
            "text",
            "category",
            "barrier_category",
            "answer_type",
            "unit",
            "choices",
            "coding_rules",
            "covers",
            "compare_with",
            "order",
            *RECORD_TAIL,
        )
        extra_kwargs = {
            "text": {"help_text": "The question in plain words."},
        }

    def validate(self, attrs):
        """The model's own rules (`Question.clean`: choices that fit the type, and no edit that leaves an answer
        already coded unfit), as in admin: a 400 naming the field."""
        attrs = super().validate(attrs)
        names = ("answer_type", "choices", "unit")
        current = {name: getattr(self.instance, name) for name in names} if self.instance else {}
        merged = {**current, **{name: value for name, value in attrs.items() if name in names}}
        try:
            Question(pk=self.instance.pk if self.instance else None, **merged).clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        return attrs


class CitedLawSerializer(DescribedSerializerMixin, serializers.Serializer):
    """The law an answer cites, named as every record names another (`id`, `url`, `html_url`; null if the law
    is not published), with its slug and full title. It had no `id` to join on, and its API link only as
    `api_url`, which stays for the clients that read it."""

    id = serializers.IntegerField(help_text="Identifier of the law (join on it with the laws list).")
    slug = serializers.SlugField(help_text="The law's slug, unique within its country.")
    title = serializers.CharField(
        help_text="The law's full title as the report gives it (other records name a law by its short title)."
    )
    url = ApiUrlField(help_text="The law in the API.")
    api_url = ApiUrlField(help_text="The law in the API, as `url` (kept for existing clients).")
    html_url = HtmlUrlField(help_text="The law's page on the public web site.")

    def to_representation(self, law):
        if law is None or law.publication_status != Status.PUBLISHED:
            return None
        return super().to_representation(law)


class CitationSerializer(DescribedSerializerMixin, serializers.ModelSerializer):
    law = CitedLawSerializer(read_only=True, allow_null=True, help_text="The law cited, or null.")

    class Meta:
        model = Citation
        fields = ("law", "pinpoint", "quote", "order")
        extra_kwargs = {"quote": {"help_text": "The report's sentence the answer rests on, verbatim."}}


@extend_schema_field({"type": "boolean", "nullable": True})
class InForceStatedField(serializers.Field):
    """With `as_of`, whether the source states the answer's value for that day (`codebook.dates.stated_on`, the
    panel's `in_force_stated`): `as_of=1950-01-01` listed 22 answers "in force", among them rules the report dates
    decades later, with nothing to tell them from a stated value. Null without `as_of`."""

    # what a write may send back: the value depends on the read's `as_of`, not on the answer
    values_read = (None, True, False)

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, answer):
        as_of = getattr(self.context.get("request"), "codebook_as_of", None)
        if as_of is None:
            return None
        day, dates = as_of
        return stated_on(answer, day, dates.get(answer.country_id))


class AnswerSerializer(PublicRecordSerializer):
    question = serializers.SlugRelatedField(
        slug_field="key", queryset=Question.objects.all(), help_text="The question's key (write: the key)."
    )
    question_text = serializers.CharField(source="question.text", read_only=True, help_text="The question.")
    category = serializers.ChoiceField(
        choices=Category.choices, source="question.category", read_only=True, help_text="The question's category."
    )
    barrier_category = barrier_category_field(source="question.barrier_category")
    answer_type = serializers.ChoiceField(
        choices=AnswerType.choices,
        source="question.answer_type",
        read_only=True,
        help_text="The question's type: how to read the value.",
    )
    value = TypedValueField()
    value_display = serializers.CharField(
        read_only=True, help_text="The value as a reader says it: 'at least 10 citizens', 'Yes', 'Notification'."
    )
    value_unit = serializers.CharField(
        source="effective_unit",
        read_only=True,
        help_text="The value's unit: the answer's own (`unit`), else the question's; the panel's `unit` column.",
    )
    citations = CitationSerializer(many=True, read_only=True, help_text="Where the answer comes from.")
    in_force_stated = InForceStatedField(
        help_text="With `as_of`: whether the source states this value for that day (true when the answer's start is "
        "stated or the day is the report's own; false when an answer whose start the source does not state is "
        "carried back to an earlier day, never before the adoption of a law it cites). Null without `as_of`."
    )

    class Meta:
        model = Answer
        fields = (
            *RECORD_HEAD,
            "country",
            "question",
            "question_text",
            "category",
            "barrier_category",
            "answer_type",
            "status",
            "value",
            "value_boolean",
            "value_number",
            "value_text",
            "unit",
            "value_unit",
            "qualifier",
            "value_display",
            "valid_from",
            "valid_from_precision",
            "valid_to",
            "valid_to_precision",
            "in_force_stated",
            "note",
            "citations",
            *RECORD_TAIL,
        )
        # Where to change what the read-only fields show, for the 400 of a write that sends one changed.
        read_only_reasons = {
            "citations": "an answer's citations are edited in admin, on the answer's page (Citations)",
            "value": "write it as value_boolean, value_number or value_text, as the question's answer_type says",
            "value_display": "written from the value, its unit and its qualifier",
            "value_unit": "write the answer's own unit as unit; otherwise it is the question's",
        }
        # Not DRF's check of the unique (country, question, valid_from): `validate` makes the same one, undated
        # answers included, with a message naming the answer already there.
        validators = []
        extra_kwargs = {
            "valid_from": {
                "help_text": "The rule's start as the report dates it: the day it took effect where the report "
                "says so, otherwise the day it was adopted (the first day of the month or year if the report is less "
                "precise; see valid_from_precision); null: the report dates neither."
            },  # fmt: skip
            "valid_to": {"help_text": "In force until (inclusive); null: still in force."},
        }

    def validate(self, attrs):
        """The model's own rules (`Answer.clean`: the value fits the question's type, the period runs forward,
        starts where no other answer of the country to the question starts and, published, overlaps none of its
        published answers), as in admin: a 400 naming the field. The publication status is the record's too, as
        sent or stored: a draft's period is compared with nothing until it is published."""
        attrs = super().validate(attrs)
        names = (
            "country", "question", "status", "value_boolean", "value_number", "value_text", "unit", "valid_from",
            "valid_from_precision", "valid_to", "valid_to_precision", "publication_status",
        )  # fmt: skip
        current = {name: getattr(self.instance, name) for name in names} if self.instance else {}
        merged = {**current, **{name: value for name, value in attrs.items() if name in names}}
        pk = self.instance.pk if self.instance else None
        try:
            Answer(pk=pk, **{name: value for name, value in merged.items() if value is not None}).clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        return attrs
