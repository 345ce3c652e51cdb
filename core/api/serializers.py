"""Serializer bases: every field described (schema and data dictionary), relations as record links, the
country as its code, and writes that refuse fields that do not exist."""

import copy

from django.db import models
from rest_framework import serializers

from core.models import correction_kind_problem

from .fields import ApiUrlField, CodeRelatedField, HtmlUrlField, OptionalURLField, RecordRefField, StrictCharField

# Field lists shared by the resources: identity first, then (per resource) its own fields, then bookkeeping.
RECORD_HEAD = ("id", "url", "html_url")
SCOPED_HEAD = (*RECORD_HEAD, "country", "slug", "order")
RECORD_TAIL = ("publication_status", "correction_note", "correction_kind", "created_at", "modified_at")

COMMON_HELP = {
    "id": "Identifier of the record; stable, used in its API URL.",
    "url": "This record in the API.",
    "slug": "Stable identifier, unique within the country (with the country code, the record's natural key).",
    "order": "Position in the source report's section.",
    "publication_status": "published or draft; the public API only ever returns published records.",
    "created_at": "When the record was created.",
    "modified_at": "When the record was last changed.",
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


class DescribedSerializerMixin:
    """Give every field a description (shown in the schema and in the dataset's data dictionary)."""

    def get_fields(self):
        # A serializer class's fields depend on its declaration only: build them (model introspection and all)
        # once per class, and hand each instance fresh copies, as DRF does with the declared fields.
        prototypes = FIELD_PROTOTYPES.get(type(self))
        if prototypes is None:
            prototypes = FIELD_PROTOTYPES[type(self)] = self.build_described_fields()
        return copy.deepcopy(prototypes)

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
    """Base of every resource's serializer: `url` (API) and `html_url` (web page) beside the model fields."""

    html_url = HtmlUrlField()

    def build_url_field(self, field_name, model_class):
        return ApiUrlField, {"help_text": COMMON_HELP["url"]}

    def to_internal_value(self, data):
        # A misspelt field would otherwise be dropped without a word; read-only fields may be sent back as read.
        unknown = sorted(set(data) - set(self.fields)) if hasattr(data, "keys") else []
        if unknown:
            raise serializers.ValidationError({name: ["No such field."] for name in unknown})
        return super().to_internal_value(data)

    def validate(self, attrs):
        """The model rules a ModelSerializer does not run: a correction note needs its kind, and the reverse."""
        attrs = super().validate(attrs)
        if "correction_note" in self.fields or "correction_kind" in self.fields:
            current = {name: getattr(self.instance, name, "") for name in ("correction_note", "correction_kind")}
            merged = {**current, **attrs}
            problem = correction_kind_problem(merged.get("correction_note"), merged.get("correction_kind"))
            if problem:
                raise serializers.ValidationError({"correction_kind": [problem]})
        return attrs
