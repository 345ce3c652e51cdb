"""Serializer bases: every field described (schema and data dictionary), relations as record links, the
country as its code, and writes that refuse fields that do not exist or cannot be written."""

import copy
import datetime
import json
from collections.abc import Mapping
from functools import cache, lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.db import models
from django.db.models.manager import BaseManager
from django.dispatch import receiver
from django.utils import timezone
from rest_framework import serializers
from rest_framework.fields import BooleanField, CharField, ChoiceField, DateTimeField, Field, IntegerField, SkipField
from rest_framework.relations import PKOnlyObject, RelatedField
from rest_framework.serializers import BaseSerializer
from rest_framework.settings import ISO_8601, api_settings
from rest_framework.utils.encoders import JSONEncoder

from core.models import DatePrecision, correction_kind_problem, date_problems, precision_field

from .fields import (
    ApiUrlField,
    CodeRelatedField,
    HtmlUrlField,
    OptionalURLField,
    RecordRefField,
    StrictCharField,
    api_detail_url,
)

# Field lists shared by the resources: identity first, then (per resource) its own fields, then bookkeeping.
RECORD_HEAD = ("id", "url", "html_url")
SCOPED_HEAD = (*RECORD_HEAD, "country", "slug", "order")
RECORD_TAIL = ("publication_status", "correction_note", "correction_kind", "created_at", "modified_at")

# A read-only field sent on a create with one of these values sends nothing (what a new record reads as).
NOTHING_SENT = (None, "", [], {})

# A record's identity and bookkeeping, accepted back in any form and never written: a client re-formats timestamps
# (a JavaScript Date, a Python datetime), reads through one host and writes through another, or clones a record
# into a new one, and none of that is data it expects kept.
BOOKKEEPING = ("id", "url", "html_url", "created_at", "modified_at")


def same_value(sent, read):
    """Whether a value sent back is the one read, however the request spelt it: a form or multipart write sends
    every value as text ("69" for 69, "true" for true, "1600.0" for 1600.0, "" for null)."""
    if sent == read or (sent == "" and read is None):  # a form cannot send null: it sends nothing
        return True
    if isinstance(sent, str) and not isinstance(read, dict | list):
        return sent == (read if isinstance(read, str) else json.dumps(read))
    return False


COMMON_HELP = {
    "id": "Identifier of the record; stable, used in its API URL.",
    "url": "This record in the API.",
    "slug": "Stable identifier, unique within the country (with the country code, the record's natural key).",
    "order": "Position in the source report's section.",
    "publication_status": "published or draft; the public API only ever returns published records.",
    "created_at": "When the record was created in NGO Monitor; records loaded from a report carry the report's date.",
    "modified_at": "When the record was last changed in NGO Monitor; records loaded from a report and not edited "
    "since carry the report's date.",
    "correction_note": "Where the source is wrong or garbled: what it printed and what is correct.",
    "correction_kind": "What the correction note fixes: typo (a printed error) or fact (a date, number, name or "
    "claim); empty when there is no note.",
}


def describe_model_field(model, source):
    """A description for a serializer field that has none: the model field's help text or verbose name."""
    if model is None or not source or source == "*":
        return ""
    try:
        field = model._meta.get_field(source.split(".")[0])
    except Exception:  # noqa: BLE001 - a property or method: nothing to read
        return ""
    text = getattr(field, "help_text", "") or str(getattr(field, "verbose_name", "")).capitalize()
    return f"{text}." if text and not text.endswith(".") else text


FIELD_PROTOTYPES = {}


def copy_field(field):
    """A fresh copy of an unbound prototype field, for one serializer instance to bind.

    DRF deep-copies declared fields, which rebuilds each from its arguments (validators, choices and all):
    about half the cost of a profile's fields. A field without parts of its own only needs its own attributes,
    and its own lists and dictionaries (validators, error messages, choices), so that changing one serializer's
    field never changes another's; binding sets its name and parent on the copy. A field holding other fields
    (a nested serializer, a list, a many-valued relation) is copied whole, or its parts would stay bound to the
    prototype (and read no request from it).
    """
    if isinstance(field, BaseSerializer) or hasattr(field, "child") or hasattr(field, "child_relation"):
        return copy.deepcopy(field)
    # `copy.copy`'s own steps (a new object of the class, the attributes copied over), without its protocol lookups
    # and DRF's `Field.__new__`, whose recorded arguments the attributes overwrite anyway: a profile copies some 400
    # fields per request.
    clone = object.__new__(type(field))
    attributes = clone.__dict__
    attributes.update(field.__dict__)
    for name, value in attributes.items():
        if type(value) in (list, dict):
            attributes[name] = value.copy()
    return clone


# Fields whose `to_representation` returns a value of this type unchanged (`str(value)`, `int(value)`...).
UNCHANGED_TYPES = {
    CharField.to_representation: str,
    IntegerField.to_representation: int,
    BooleanField.to_representation: bool,
}


def iso_datetime(field):
    """A DateTimeField that writes ISO 8601 in the current time zone, as DRF's default settings do."""
    output_format = getattr(field, "format", api_settings.DATETIME_FORMAT)
    return (
        type(field).to_representation is DateTimeField.to_representation
        and isinstance(output_format, str)
        and output_format.lower() == ISO_8601
        and not hasattr(field, "timezone")
        and settings.USE_TZ
    )


def read_step(field):
    """How the fast path reads one field: (name, attribute, kind, field).

    attribute: the one attribute read with plain `getattr` (a field of DRF's own `get_attribute` and a
    single-step source), a tuple of them for a dotted source ("question.text": one `getattr` each), "*" for the
    whole instance, or None (DRF's `get_attribute`). kind: the type the field
    hands back unchanged, "choice" (a ChoiceField: the stored string's choice key), "datetime" (an aware
    datetime in ISO 8601, in the current time zone), or None (the field's own `to_representation`).
    """
    attribute = None
    reads = type(field).get_attribute
    # A relation reads as any field does unless it reads a key alone (`use_pk_only_optimization`: DRF's own way).
    if reads is Field.get_attribute or (reads is RelatedField.get_attribute and not field.use_pk_only_optimization()):
        if field.source == "*":
            attribute = "*"
        elif len(field.source_attrs) == 1:
            attribute = field.source_attrs[0]
        elif field.source_attrs:
            attribute = tuple(field.source_attrs)
    method = type(field).to_representation
    kind = UNCHANGED_TYPES.get(method)
    if method is ChoiceField.to_representation:
        kind = "choice"
    elif iso_datetime(field):
        kind = "datetime"
    return field.field_name, attribute, kind, field


def read_path(instance, attributes, field):
    """A dotted source read one `getattr` a step, as DRF's `get_attribute` reads a chain of plain attributes; at any
    surprise (a missing attribute, None or a mapping on the way, a callable) DRF's own reading, errors included."""
    value = instance
    try:
        for attribute in attributes:
            if value is None or isinstance(value, Mapping):
                return field.get_attribute(instance)
            value = getattr(value, attribute)
            if callable(value) and not isinstance(value, BaseManager):
                return field.get_attribute(instance)
    except Exception:  # noqa: BLE001 - DRF's own reading gives the right answer or error
        return field.get_attribute(instance)
    return value


class FastReadMixin:
    """DRF's `Serializer.to_representation`, with the same output, at about half the cost per field.

    A country profile reads some ten thousand fields. DRF walks each field's source through a general
    `get_attribute` (mappings, dotted paths, callables, error messages) and calls its `to_representation`,
    even for a plain model column that is already a string. Here each field's way of reading is worked out
    once per serializer instance (a list's child serves every row): a single-attribute source is one `getattr`
    (a dotted one, one a step; a relation's too, unless DRF reads its key alone; a related manager is handed on as
    DRF hands it), a string, integer or boolean column is taken as it is, and a timestamp is written in the time
    zone current when the serializer first writes (DRF asks for it again for every timestamp; a serializer lives
    for one request, and the time zone does not change while it writes). Anything else,
    and any surprise (a missing attribute, a callable, a mapping instance, a naive datetime), goes through DRF's
    own code, errors included. A test compares the two on every record of the profile.
    """

    @property
    def _read_steps(self):
        steps = self.__dict__.get("_fast_read_steps")
        if steps is None:
            steps = self.__dict__["_fast_read_steps"] = self._new_read_steps()
            self.__dict__["_fast_read_timezone"] = timezone.get_current_timezone() if settings.USE_TZ else None
        return steps

    def _new_read_steps(self):
        return [read_step(field) for field in self._readable_fields]

    def to_representation(self, instance):
        if isinstance(instance, Mapping):
            return super().to_representation(instance)
        ret = {}
        for name, attribute, kind, field in self._read_steps:
            try:
                if type(attribute) is str and attribute != "*":
                    try:
                        value = getattr(instance, attribute)
                    except Exception:  # noqa: BLE001 - DRF's own reading gives the right answer or error
                        value = field.get_attribute(instance)
                    else:
                        if type(value) is kind:  # a column's string, number or flag as stored: never a callable
                            ret[name] = value
                            continue
                        if callable(value) and not isinstance(value, BaseManager):
                            value = field.get_attribute(instance)
                elif attribute is None:
                    value = field.get_attribute(instance)
                elif attribute == "*":
                    value = instance
                else:
                    value = read_path(instance, attribute, field)
            except SkipField:
                continue
            if value is None or (isinstance(value, PKOnlyObject) and value.pk is None):
                ret[name] = None
            elif kind is None:
                ret[name] = field.to_representation(value)
            elif kind == "choice" and type(value) is str:
                ret[name] = field.choice_strings_to_values.get(value, value)
            elif kind == "datetime":
                ret[name] = self._iso_datetime(field, value)
            elif type(value) is kind:
                ret[name] = value
            else:
                ret[name] = field.to_representation(value)
        return ret

    def _iso_datetime(self, field, value):
        if not isinstance(value, datetime.datetime) or value.utcoffset() is None:
            return field.to_representation(value)
        try:
            return iso_text(value, self.__dict__["_fast_read_timezone"])
        except OverflowError:  # a date at the calendar's edge: DRF's own message
            return field.to_representation(value)


@lru_cache(maxsize=8192)
def iso_text(value, zone):
    """An aware datetime in ISO 8601 in a time zone, UTC as "Z" (DRF's writing), remembered: every record has two
    timestamps, and the records loaded from a report share them (a profile wrote the same few some 1,500 times).
    Equal instants are equal keys, and write alike in one zone, whatever zone each was read in."""
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


# The field classes whose reading needs nothing of the serializer that holds them: `to_representation` reads the
# value and the field's own settings (never its parent, context or root), and a value that cannot be read fails
# with a message naming the field and its serializer's class. One bound copy per serializer class serves every
# instance of it (`DescribedSerializerMixin._read_steps`).
CONTEXT_FREE_READS = frozenset(
    {
        CharField.to_representation,
        IntegerField.to_representation,
        BooleanField.to_representation,
        ChoiceField.to_representation,
        DateTimeField.to_representation,
        serializers.DateField.to_representation,
        serializers.DecimalField.to_representation,
        serializers.FloatField.to_representation,
    }
)


# What a subclass of one of those classes may define and still be shared: how it is built and how it writes, never
# how it reads (a subclass's `default_timezone` or `quantize` could read the context that a shared field lacks).
WRITE_SIDE = frozenset(
    {
        "__module__", "__qualname__", "__doc__", "__firstlineno__", "__static_attributes__", "_spectacular_annotation",
        "__init__", "default_error_messages", "to_internal_value", "validate_empty_values", "run_validation",
    }
)  # fmt: skip


def reads_without_context(field):
    """Whether a prototype field reads a value the same whichever serializer instance holds it: one of the
    `CONTEXT_FREE_READS` classes (or a subclass adding only `WRITE_SIDE` members) reading through DRF's own
    `get_attribute`, with no default (a callable default reads the context: `CurrentUserDefault`)."""
    if type(field).get_attribute is not Field.get_attribute or field.default is not serializers.empty:
        return False
    for klass in type(field).__mro__:
        if vars(klass).get("to_representation") in CONTEXT_FREE_READS:
            return True
        if set(vars(klass)) - WRITE_SIDE:
            return False
    return False


READ_PLANS = {}


@receiver(setting_changed)
def forget_read_plans(setting, **kwargs):
    """A timestamp's step depends on USE_TZ and DRF's DATETIME_FORMAT (`iso_datetime`): a test that changes either
    reads with steps worked out afresh."""
    if setting in ("USE_TZ", "REST_FRAMEWORK"):
        READ_PLANS.clear()


def read_plan(serializer_class, prototypes):
    """A serializer class's reading of its prototype fields, worked out once per process: (name, step), where a
    step is `read_step` of a bound field shared by every instance (`reads_without_context`), or None for a field
    each instance binds for itself. Write-only fields are left out, as DRF's `_readable_fields` leaves them."""
    known = READ_PLANS.get(serializer_class)
    if known is not None and known[0] is prototypes:
        return known[1]
    holder = object.__new__(serializer_class)  # a parent to name in messages: no instance, no context
    holder.parent = None
    plan = []
    for name, prototype in prototypes.items():
        if prototype.write_only:
            continue
        shared = None
        if reads_without_context(prototype):
            shared = copy_field(prototype)
            shared.bind(name, holder)
            shared = read_step(shared)
        plan.append((name, shared))
    plan = tuple(plan)
    READ_PLANS[serializer_class] = (prototypes, plan)  # the plan of these prototypes (a test may build others)
    return plan


@cache
def reads_its_prototypes(serializer_class):
    """Whether a serializer class reads exactly its prototype fields in order: it chooses them no other way (by
    overriding `get_fields`, `fields` or `_readable_fields`: a class may add fields, or hide some from a reader)."""
    return (
        serializer_class.get_fields is DescribedSerializerMixin.get_fields
        and serializer_class.fields is serializers.Serializer.fields
        and serializer_class._readable_fields is serializers.Serializer._readable_fields
    )


class DescribedSerializerMixin(FastReadMixin):
    """Give every field a description (shown in the schema and in the dataset's data dictionary)."""

    def get_fields(self):
        # A serializer class's fields depend on its declaration only: build them (model introspection and all)
        # once per class, and hand each instance fresh copies, as DRF does with the declared fields.
        return {name: copy_field(field) for name, field in self._prototypes().items()}

    def _prototypes(self):
        prototypes = FIELD_PROTOTYPES.get(type(self))
        if prototypes is None:
            prototypes = FIELD_PROTOTYPES[type(self)] = self.build_described_fields()
        return prototypes

    def _new_read_steps(self):
        """`FastReadMixin`'s steps, without binding a copy of every field for every serializer: a plain column's
        field (`reads_without_context`) is bound once per class, and only the others (links, nested records,
        fields of the project's own) are copied and bound for this instance, as DRF would. A profile built some
        25 serializers of 15 to 25 fields per request, each field copied, bound and inspected."""
        if "fields" in self.__dict__ or not reads_its_prototypes(type(self)):
            # already bound (a write's answer, a test), or fields chosen otherwise: read the bound fields
            return super()._new_read_steps()
        prototypes = self._prototypes()
        steps = []
        for name, shared in read_plan(type(self), prototypes):
            if shared is None:
                field = copy_field(prototypes[name])
                field.bind(name, self)
                shared = read_step(field)
            steps.append(shared)
        return steps

    def build_described_fields(self):
        fields = super().get_fields()
        model = getattr(getattr(self, "Meta", None), "model", None)
        for name, field in fields.items():
            if not field.help_text:
                field.help_text = COMMON_HELP.get(name) or describe_model_field(model, field.source or name) or name
                field._kwargs["help_text"] = field.help_text  # what a copy is rebuilt from (Field.__deepcopy__)
        return fields


class DescribedModelSerializer(DescribedSerializerMixin, serializers.ModelSerializer):
    """A model serializer whose fields are all described; used for records nested in others.

    Relations read as record links; a relation to a model with an `api_code_field` (the country: "KZ")
    reads and writes as that code.
    """

    serializer_related_field = RecordRefField
    # A web address the report does not give reads as null, never "" (which is not a URI).
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.URLField: OptionalURLField,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
    }

    def build_relational_field(self, field_name, relation_info):
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        code_field = getattr(relation_info.related_model, "api_code_field", None)
        if code_field:
            kwargs["slug_field"] = code_field
            kwargs.setdefault("help_text", getattr(relation_info.related_model, "api_code_help", ""))
            return CodeRelatedField, kwargs
        return field_class, kwargs


class PublicRecordSerializer(DescribedModelSerializer):
    """Base of every resource's serializer: `url` (API) and `html_url` (web page) beside the model fields.

    `url` is declared rather than built (DRF's `build_url_field`) so that it stays the record's API address on a
    model that has a `url` column of its own (a news item's original article, which its serializer names `link`):
    DRF would have given the column that name.
    """

    url = ApiUrlField(help_text=COMMON_HELP["url"])
    html_url = HtmlUrlField()

    def to_internal_value(self, data):
        # A misspelt field, or a read-only one sent with a new value, would otherwise be dropped without a word.
        if hasattr(data, "keys"):
            errors = {name: ["No such field."] for name in sorted(set(data) - set(self.fields))}
            errors.update(self.read_only_problems(data))
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def update(self, instance, validated_data):
        """Links to records no read shows (drafts, which a many-valued link leaves out) are kept when a write sends
        the links as read: a barrier sent back whole lost its link to a draft law, which moving a law to draft
        promises to keep. Such a link is changed in admin, where drafts show. (A single link to a draft reads as
        null, and null sent back leaves it: `RecordRefField.validate_empty_values`.)"""
        for field in self.fields.values():
            if field.read_only or field.source not in validated_data:
                continue
            if isinstance(field, serializers.ManyRelatedField) and isinstance(field.child_relation, RecordRefField):
                sent = list(validated_data[field.source])
                current = getattr(instance, field.source).all()
                hidden = current.exclude(pk__in=current.model.objects.published().values("pk"))
                validated_data[field.source] = [*sent, *(record for record in hidden if record not in sent)]
        return super().update(instance, validated_data)

    def read_only_problems(self, data):
        """{name: [message]} for each read-only field sent with a value this write would not keep.

        DRF drops read-only fields from a write without a word: an answer posted with its citations was a 201 with
        none, and the client never learnt. A record read from the API and sent back whole is still a write of its
        writable fields, so a read-only field is refused only when its value differs from what the API returns for
        the record (`read_values`; on a create, where a record has no parts or derived values yet, anything but
        nothing at all: null, "", [] or {}). The record's identity and timestamps (`BOOKKEEPING`) are never refused.
        """
        problems = {}
        for name, field in self.fields.items():
            if field.read_only and name in data and not self.kept(name, field, data[name]):
                problems[name] = [
                    f"Read-only: {self.read_only_reason(name, field)}. Nothing was saved; leave it out, or send it "
                    "back as the API returns it."
                ]
        return problems

    def kept(self, name, field, sent):
        """Whether a read-only field's value sent in a write is what the record reads as (so nothing is lost)."""
        if name == "url" and self.url_is_a_column():
            # a news item's original article: writing `url` once set the column, which the API now calls `link`;
            # the record's own API address (on any host) is the only `url` a write may carry
            if sent in NOTHING_SENT:
                return True
            own = api_detail_url(self.instance, None) if self.instance is not None else None
            return isinstance(sent, str) and own is not None and urlsplit(sent).path == own
        if name in BOOKKEEPING:
            return True
        if self.instance is None and not hasattr(field, "values_read"):
            return sent in NOTHING_SENT
        return any(same_value(sent, read) for read in self.read_values(field))

    def read_values(self, field):
        """What a read of the API gives for `field` on this record, as JSON parses it (a decimal as a float), so it
        compares with what a client sends back.

        A field whose value depends on the read's parameters rather than the record (an answer's `in_force_stated`,
        set by `as_of`) lists every value it can read as (`values_read`). A record's parts (a ranking's sub-scores)
        read as a public read shows them, drafts left out, or as a write's answer shows them, drafts included.
        """
        if hasattr(field, "values_read"):
            return field.values_read
        try:
            value = field.get_attribute(self.instance)
        except SkipField:
            return [None]
        reads = [value]
        if isinstance(value, models.Manager) and hasattr(value, "published"):
            reads.append(value.published())
        shown = (None if read is None else field.to_representation(read) for read in reads)
        return [json.loads(json.dumps(read, cls=JSONEncoder)) for read in shown]

    def url_is_a_column(self):
        """Whether the model has a `url` column of its own (a news item's original article, written as `link`)."""
        return any(field.name == "url" for field in self.Meta.model._meta.fields)

    def read_only_reason(self, name, field):
        """Why a field cannot be written, and where to change what it shows, if anywhere: the serializer's own
        word (`Meta.read_only_reasons`), else the API address of a model with a `url` column of its own, else one
        read off the field (a related record's field, a record's parts, a value derived from others)."""
        reasons = getattr(self.Meta, "read_only_reasons", {})
        if name in reasons:
            return reasons[name]
        model = self.Meta.model
        if name == "url" and self.url_is_a_column():
            # a news item's original article: writing `url` once set the column, which the API now calls `link`
            return "the record's address in the API. Write the original's web address as link"
        if isinstance(field, serializers.ListSerializer):
            return f"its {name} are edited in admin, on the {model._meta.verbose_name}'s page"
        if len(field.source_attrs) > 1:
            return f"read from the {model._meta.verbose_name}'s {field.source_attrs[0]}; change it there"
        return f"derived from the {model._meta.verbose_name}'s other fields"

    def validate(self, attrs):
        """The model rules a ModelSerializer does not run: dates a record of the law can carry, each with its
        precision (`date_problems`), and a correction note needs its kind, and the reverse."""
        attrs = super().validate(attrs)
        model = self.Meta.model
        pairs = {}  # each date field and its precision field, both ways
        for field in model._meta.concrete_fields:
            precision = precision_field(model, field.name)
            if precision is not None:
                pairs[field.name], pairs[precision] = precision, field.name
                # a full date sent alone is a date to the day (a client that knows less says month or year)
                stored = getattr(self.instance, precision, "") if self.instance is not None else ""
                if attrs.get(field.name) is not None and precision not in attrs and not stored:
                    attrs[precision] = DatePrecision.DAY
        problems = date_problems(
            model, lambda name: attrs[name] if name in attrs else getattr(self.instance, name, None)
        )
        # only what this write touches: a record stored before the rule stays editable in its other fields
        problems = {name: message for name, message in problems.items() if {name, pairs.get(name)} & set(attrs)}
        if problems:
            raise serializers.ValidationError({name: [message] for name, message in problems.items()})
        if "correction_note" in self.fields or "correction_kind" in self.fields:
            current = {name: getattr(self.instance, name, "") for name in ("correction_note", "correction_kind")}
            merged = {**current, **attrs}
            problem = correction_kind_problem(merged.get("correction_note"), merged.get("correction_kind"))
            if problem:
                raise serializers.ValidationError({"correction_kind": [problem]})
        return attrs
