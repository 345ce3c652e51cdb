"""How API records name themselves and each other: their API URL, their web page, and links to related
records as {id, title, url, html_url}."""

from collections.abc import Mapping

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from core.choices import Status
from core.urls import reverse

API_NAMESPACE = "api"


def api_detail_url(obj, request=None):
    """The API URL of a record, by the router's naming convention (`api:<model_name>-detail`).

    A model whose API looks records up by something else than the primary key says so with
    `api_url_kwargs()` (countries are found by their ISO code).
    """
    kwargs = obj.api_url_kwargs() if hasattr(obj, "api_url_kwargs") else {"pk": obj.pk}
    path = reverse(f"{API_NAMESPACE}:{obj._meta.model_name}-detail", kwargs=kwargs)
    return absolute(request, path)


def absolute(request, path):
    """`request.build_absolute_uri(path)`, without parsing again, for the site's own paths (a profile holds
    about two thousand of them): they are ASCII, start with one slash and hold no dot segments."""
    if path is None or request is None:
        return path
    if path.startswith("/") and not path.startswith("//") and "/." not in path and path.isascii():
        base = getattr(request, "_absolute_base", None)
        if base is None:
            base = request._absolute_base = request.build_absolute_uri("/")[:-1]
        return base + path
    return request.build_absolute_uri(path)


def html_url(obj, request=None):
    """The record's public web page (`get_absolute_url`: its own page or its section of the profile)."""
    return absolute(request, obj.get_absolute_url())


class RecordRefSerializer(serializers.Serializer):
    """How one record names another: enough to read it in place and to follow it."""

    id = serializers.IntegerField(help_text="Identifier of the related record (use it to link on write).")
    title = serializers.CharField(help_text="The related record's title or name.")
    url = serializers.URLField(help_text="The related record in the API.")
    html_url = serializers.URLField(help_text="The related record on the public web site.")


class RecordRefListField(serializers.ManyRelatedField):
    """Links to other records, drafts left out: a write's answer, read from the record as saved rather than through
    the published prefetches, listed each link to a draft as null, which sent back again was a 400."""

    def to_representation(self, iterable):
        return [link for link in super().to_representation(iterable) if link is not None]


class RecordRefField(serializers.PrimaryKeyRelatedField):
    """A link to another record: read as {id, title, url, html_url}, written as the record's id (or as read).

    A related record that is not published reads as null (and is left out of many-valued links by the
    published prefetches of the QuerySets), so drafts never leak through the records that cite them.
    """

    @classmethod
    def many_init(cls, *args, **kwargs):
        listed = {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
        return RecordRefListField(child_relation=cls(*args, **kwargs), **listed)

    def use_pk_only_optimization(self):
        return False

    def validate_empty_values(self, data):
        # A link to a draft reads as null: sent back as read, it stays as it is (changed in admin, where drafts show)
        instance = getattr(self.parent, "instance", None) if isinstance(self.parent, serializers.Serializer) else None
        if data is None and instance is not None and not isinstance(instance, list):
            linked = getattr(instance, self.source, None)
            if linked is not None and self.to_representation(linked) is None:
                return (True, linked)
        return super().validate_empty_values(data)

    def to_internal_value(self, data):
        # A record sent back as read names its links as read, {id, title, url, html_url}: "Expected pk value,
        # received dict" refused the round trip of nine resources.
        if isinstance(data, Mapping) and "id" in data:
            data = data["id"]
        return super().to_internal_value(data)

    def to_representation(self, value):
        if getattr(value, "publication_status", Status.PUBLISHED) != Status.PUBLISHED:
            return None
        request = self.context.get("request")
        return {
            "id": value.pk,
            "title": str(value),
            "url": api_detail_url(value, request),
            "html_url": html_url(value, request),
        }


class CodeRelatedField(serializers.SlugRelatedField):
    """A related record by its code (a country as "KZ"); accepted in any case on write.

    Used for relations to a model that declares `api_code_field` (see `DescribedModelSerializer`).
    """

    def to_internal_value(self, data):
        return super().to_internal_value(str(data).upper())


@extend_schema_field(OpenApiTypes.URI)
class ApiUrlField(serializers.Field):
    """The record's own API URL (without the request's ?format=, unlike DRF's hyperlinks: exports stay clean)."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return api_detail_url(value, self.context.get("request"))


@extend_schema_field(OpenApiTypes.URI)
class HtmlUrlField(serializers.Field):
    """The record's page on the public web site (its own page, or its section of the country page)."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", "This record on the public web site.")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return html_url(value, self.context.get("request"))


class OptionalURLField(serializers.URLField):
    """A web address the source may not give: read as null when there is none (never an empty string, which
    is not a URI), written as a URL, null or ""."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("allow_blank", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None

    def to_internal_value(self, data):
        return "" if data is None else super().to_internal_value(data)

    def validate_empty_values(self, data):
        if data is None:
            return (True, "")
        return super().validate_empty_values(data)


class StrictCharField(serializers.CharField):
    """Text on write must be a JSON string: DRF would turn 0 or true into "0" or "True" and store it."""

    default_error_messages = {"not_a_string": "Must be a string, not {kind}."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string", kind=type(data).__name__)
        return super().to_internal_value(data)
