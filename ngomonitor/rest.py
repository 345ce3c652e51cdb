"""Building blocks shared by every API resource: base serializer and viewset, strict query parameters,
pagination, CSV output, throttles, error format and the schema additions that document all of it.

Why one module: each resource's viewset (`<app>/api.py`) and serializer (`<app>/serializers.py`) only says
what is particular to it (queryset, fields, search and ordering fields); everything an analyst can rely on
across resources (the same parameters, the same errors, the same CSV flattening) is decided here, once.
"""

import csv
import io
import json

from django.http import Http404
from django.urls import reverse
from django_filters import BooleanFilter, DateFilter, MultipleChoiceFilter
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import label_for_filter
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers, viewsets
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import SAFE_METHODS
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import exception_handler

from countries.models import section_anchor

from .models import Status

API_NAMESPACE = "api"
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
BOOLEAN_VALUES = {"true": True, "True": True, "false": False, "False": False}


def api_detail_url(obj, request=None):
    """The API URL of a record, by the router's naming convention (`api:<model_name>-detail`)."""
    path = reverse(f"{API_NAMESPACE}:{obj._meta.model_name}-detail", kwargs={"pk": obj.pk})
    return request.build_absolute_uri(path) if request is not None else path


def html_path(obj, anchor=""):
    """The public web page of a record: its own page if it has one, else its section of the country page."""
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    country = getattr(obj, "country", None)
    if country is None:
        return None
    return f"{country.get_absolute_url()}#{anchor}" if anchor else country.get_absolute_url()


def absolute(request, path):
    if path is None:
        return None
    return request.build_absolute_uri(path) if request is not None else path


# --- Errors ----------------------------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    """The body of every error response (documented in the schema for 400, 401, 403, 404 and 429)."""

    detail = serializers.CharField(help_text="What went wrong, in one sentence.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For invalid input: the messages for each parameter or field.",
    )
    allowed = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="For unknown query parameters: the parameters this endpoint accepts.",
    )


def _flatten_messages(detail):
    """Turn DRF's nested error detail into {name: [messages]} with plain strings."""
    if isinstance(detail, dict):
        return {str(key): [str(m) for m in _as_list(value)] for key, value in detail.items()}
    return {"non_field_errors": [str(m) for m in _as_list(detail)]}


def _as_list(value):
    if isinstance(value, list | tuple):
        return [item for sub in value for item in _as_list(sub)]
    if isinstance(value, dict):
        return [f"{key}: {msg}" for key, sub in value.items() for msg in _as_list(sub)]
    return [value]


def api_exception_handler(exc, context):
    """DRF's handler, then one body shape for every error: `detail`, plus `errors` for invalid input."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten_messages(exc.detail)
        summary = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in errors.items())
        response.data = {"detail": f"Invalid input. {summary}", "errors": errors}
    elif not isinstance(response.data, dict):
        response.data = {"detail": str(response.data)}
    return response


# --- Query parameters ------------------------------------------------------------------------------------


class StrictSearchFilter(SearchFilter):
    """`?search=` over the view's `search_fields`; refuses characters no database can compare (NUL)."""

    search_description = "Words to look for (case-insensitive, every word must match) in the resource's text fields."

    def get_search_terms(self, request):
        value = request.query_params.get(self.search_param, "")
        if "\x00" in value:
            raise exceptions.ParseError({"detail": "The search term may not contain NUL characters."})
        return super().get_search_terms(request)

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        fields = ", ".join(f.lstrip("^=@$") for f in getattr(view, "search_fields", ()))
        params[0]["description"] = f"{self.search_description} Searched fields: {fields}."
        return params


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=` limited to the view's whitelist; an unknown field is a 400, not silently ignored.

    The primary key is appended so that pages never overlap when the chosen field has ties.
    """

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if not params:
            return self.get_default_ordering(view)
        fields = [param.strip() for param in params.split(",") if param.strip()]
        allowed = self.allowed_fields(view)
        unknown = [field for field in fields if field.lstrip("-") not in allowed]
        if unknown or not fields:
            raise exceptions.ParseError(
                {
                    "detail": f"Unknown ordering field(s): {', '.join(unknown) or params}. "
                    f"Allowed: {', '.join(allowed)} (prefix with '-' for descending).",
                    "allowed": allowed,
                }
            )
        return [*fields, "pk"]

    @staticmethod
    def allowed_fields(view):
        return list(getattr(view, "ordering_fields", ()))

    def get_schema_operation_parameters(self, view):
        allowed = self.allowed_fields(view)
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Sort by these fields, comma-separated; prefix with '-' for descending. "
                f"Allowed: {', '.join(allowed)}. Unknown fields are a 400.",
                "schema": {"type": "string"},
            }
        ]


def whole_number(text):
    """ASCII digits only: str.isdigit() also accepts characters such as '²' that int() refuses."""
    return text.isascii() and text.isdigit()


class PublicPagination(PageNumberPagination):
    """Page-number pagination where bad values are errors: the caller learns their request was not honoured."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    invalid_page_message = "There is no page {page_number}: {message}."

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        if not whole_number(raw) or not 1 <= int(raw) <= self.max_page_size:
            raise exceptions.ParseError(
                {"detail": f"page_size must be a whole number from 1 to {self.max_page_size}, not {raw!r}."}
            )
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and raw not in self.last_page_strings and not (whole_number(raw) and int(raw) >= 1):
            raise exceptions.ParseError({"detail": f"page must be a whole number from 1, not {raw!r}."})
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response_schema(self, schema):
        envelope = super().get_paginated_response_schema(schema)
        described = envelope["properties"]
        described["count"]["description"] = "How many records match, over all pages."
        described["next"]["description"] = "The next page's URL, or null on the last page."
        described["previous"]["description"] = "The previous page's URL, or null on the first page."
        described["results"]["description"] = "The records of this page."
        return envelope

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, from 1 (or 'last'). Not a number or 0: 400; past the last page: 404.",
                "schema": {"type": "string", "pattern": r"^([1-9][0-9]*|last)$"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Results per page, 1 to {self.max_page_size} (default {self.page_size}). "
                "Anything else is a 400.",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


# --- CSV -------------------------------------------------------------------------------------------------


def _nested_serializer(field):
    """The serializer whose fields become sub-columns of `field`, or None for a plain value."""
    if isinstance(field, serializers.ListSerializer):
        field = field.child
    elif isinstance(field, serializers.ManyRelatedField):
        field = field.child_relation
    if isinstance(field, RecordRefField):
        return RecordRefSerializer()
    if isinstance(field, serializers.Serializer):
        return field
    return None


def serializer_columns(serializer, prefix=""):
    """(column name, field) for every readable leaf of a serializer; nested records become `name.sub` columns."""
    columns = []
    for name, field in serializer.fields.items():
        if field.write_only:
            continue
        nested = _nested_serializer(field)
        if nested is not None:
            columns += serializer_columns(nested, f"{prefix}{name}.")
        else:
            columns.append((f"{prefix}{name}", field))
    return columns


def _pick(data, parts):
    if isinstance(data, list):
        return [_pick(item, parts) for item in data]
    if data is None or not parts:
        return data
    return _pick(data.get(parts[0]) if isinstance(data, dict) else None, parts[1:])


def csv_cell(value):
    """One spreadsheet cell: lists joined with ' | ', booleans as true/false, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " | ".join(csv_cell(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_csv(header, rows):
    """UTF-8 CSV text: a header row, then one line per row of cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def records_to_csv(column_names, records):
    """Serialized records (dicts) as CSV, one line each, columns picked by their dotted names."""
    paths = [name.split(".") for name in column_names]
    return write_csv(column_names, ([csv_cell(_pick(record, path)) for path in paths] for record in records))


class CSVRenderer(BaseRenderer):
    """`?format=csv`: the records of a list page (or one record) as flat columns, named after the JSON fields.

    Columns come from the serializer, not from the data, so an empty page still has its header row.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        view = (renderer_context or {}).get("view")
        if isinstance(data, dict) and "results" in data:
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        columns = [name for name, _ in serializer_columns(view.get_serializer())]
        return records_to_csv(columns, rows).encode(self.charset)


# --- Throttling ------------------------------------------------------------------------------------------


class SettingsRateMixin:
    """Read the rate from the settings at each request (DRF binds it at import), so deployments and tests
    that change REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] take effect."""

    def get_rate(self):
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError as exc:
            raise exceptions.APIException(f"No throttle rate set for scope {self.scope!r}.") from exc


class AnonThrottle(SettingsRateMixin, AnonRateThrottle):
    pass


class UserThrottle(SettingsRateMixin, UserRateThrottle):
    pass


THROTTLE_CLASSES = [AnonThrottle, UserThrottle]


# --- Schema ----------------------------------------------------------------------------------------------

ERROR_DESCRIPTIONS = {
    "400": "Bad request: an unknown query parameter, a malformed value (date, number, boolean, choice, page, "
    "page_size, ordering) or invalid input on write. `detail` says which.",
    "401": "Authentication needed (writes only): send a token (`Authorization: Token <key>`) or a session.",
    "403": "Not allowed: the user lacks the model permission for this write.",
    "404": "Not found: no such published record, an unknown format, or a page past the last one.",
    "429": "Too many requests: slow down; the Retry-After header says how many seconds to wait.",
}


FILTER_FORMAT_HINTS = (
    (DateFilter, "Date as YYYY-MM-DD, inclusive."),
    (BooleanFilter, "true or false."),
    (MultipleChoiceFilter, "Repeat the parameter to match any of several values."),
)


class DescribedDjangoFilterExtension(DjangoFilterExtension):
    """Describe every filter parameter: its label (or the model field's name) and the format it takes.

    Unknown values of any of these parameters are a 400, which the descriptions say where it matters.
    """

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        label = filter_field.label or label_for_filter(
            model, filter_field.field_name, filter_field.lookup_expr, filter_field.exclude
        )
        hints = [hint for filter_class, hint in FILTER_FORMAT_HINTS if isinstance(filter_field, filter_class)]
        if getattr(filter_field, "lookup_expr", "") == "iexact":
            hints.append("Case-insensitive.")
        for parameter in parameters:
            description = parameter.get("description") or str(label)
            parameter["description"] = " ".join([description.rstrip(".") + ".", *hints])
        return parameters


class PublicAutoSchema(AutoSchema):
    """Document the error responses every endpoint can give, with the shared error body."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        error_body = {"application/json": {"schema": self.resolve_serializer(ErrorSerializer, "response").ref}}
        codes = ["400", "404", "429"]
        if self.method not in SAFE_METHODS:
            codes += ["401", "403"]
        for code in codes:
            if code not in responses:
                responses[code] = {"description": ERROR_DESCRIPTIONS[code], "content": error_body}
        return responses


# --- Serializers -----------------------------------------------------------------------------------------


class RecordRefSerializer(serializers.Serializer):
    """How one record names another: enough to read it in place and to follow it."""

    id = serializers.IntegerField(help_text="Identifier of the related record (use it to link on write).")
    title = serializers.CharField(help_text="The related record's title or name.")
    url = serializers.URLField(help_text="The related record in the API.")
    html_url = serializers.URLField(allow_null=True, help_text="The related record on the public web site.")


class RecordRefField(serializers.PrimaryKeyRelatedField):
    """A link to another record: read as {id, title, url, html_url}, written as the record's id.

    A related record that is not published reads as null (and is left out of many-valued links by the
    viewsets' published prefetches), so drafts never leak through the records that cite them.
    """

    def use_pk_only_optimization(self):
        return False

    def to_representation(self, value):
        if getattr(value, "publication_status", Status.PUBLISHED) != Status.PUBLISHED:
            return None
        request = self.context.get("request")
        return {
            "id": value.pk,
            "title": str(value),
            "url": api_detail_url(value, request),
            "html_url": absolute(request, html_path(value)),
        }


class RecordRefFieldExtension(OpenApiSerializerFieldExtension):
    target_class = RecordRefField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return build_basic_type(OpenApiTypes.INT)
        schema = auto_schema.resolve_serializer(RecordRefSerializer, direction).ref
        return {**schema, "nullable": True} if self.target.allow_null else schema


class CountryCodeField(serializers.SlugRelatedField):
    """The country as its ISO 3166 alpha-2 code ("KZ"); accepted in any case on write."""

    def __init__(self, **kwargs):
        from countries.models import Country

        kwargs.setdefault("queryset", Country.objects.all())
        kwargs.setdefault("help_text", "ISO 3166 alpha-2 code of the country the record belongs to.")
        super().__init__(slug_field="iso2", **kwargs)

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


@extend_schema_field({"type": "string", "format": "uri", "nullable": True})
class HtmlUrlField(serializers.Field):
    """The record's page on the public web site (its own page, or its section of the country page)."""

    def __init__(self, anchor="", **kwargs):
        self.anchor = anchor
        kwargs.update(source="*", read_only=True)
        kwargs.setdefault("help_text", "This record on the public web site.")
        super().__init__(**kwargs)

    def to_representation(self, value):
        anchor = self.anchor(value) if callable(self.anchor) else self.anchor
        return absolute(self.context.get("request"), html_path(value, section_anchor(anchor)))


# Field lists shared by the resources: identity first, then (per resource) its own fields, then bookkeeping.
RECORD_HEAD = ("id", "url", "html_url")
SCOPED_HEAD = (*RECORD_HEAD, "country", "slug", "order")
RECORD_TAIL = ("publication_status", "correction_note", "created_at", "modified_at")

COMMON_HELP = {
    "id": "Identifier of the record; stable, used in its API URL.",
    "url": "This record in the API.",
    "slug": "Stable identifier, unique within the country (with the country code, the record's natural key).",
    "order": "Position in the source report's section.",
    "publication_status": "published or draft; the public API only ever returns published records.",
    "created_at": "When the record was created.",
    "modified_at": "When the record was last changed.",
    "correction_note": "Where the source is wrong or garbled: what it printed and what is correct.",
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


class DescribedSerializerMixin:
    """Give every field a description (shown in the schema and in the dataset's data dictionary)."""

    def get_fields(self):
        fields = super().get_fields()
        model = getattr(getattr(self, "Meta", None), "model", None)
        for name, field in fields.items():
            if not field.help_text:
                field.help_text = COMMON_HELP.get(name) or describe_model_field(model, field.source or name) or name
        return fields


class DescribedModelSerializer(DescribedSerializerMixin, serializers.ModelSerializer):
    """A model serializer whose fields are all described; used for records nested in the profile."""

    serializer_related_field = RecordRefField

    def build_relational_field(self, field_name, relation_info):
        from countries.models import Country

        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        if relation_info.related_model is Country:
            return CountryCodeField, kwargs
        return field_class, kwargs


class PublicRecordSerializer(DescribedModelSerializer):
    """Base of every resource's serializer: `url` (API) and `html_url` (web page) beside the model fields.

    A record without a page of its own links to its section of the country page: set `html_anchor` to the
    section's `SectionKind` value (or a function of the record returning one).
    """

    html_anchor = ""
    html_url = HtmlUrlField()

    def get_fields(self):
        fields = super().get_fields()
        if isinstance(fields.get("html_url"), HtmlUrlField):
            fields["html_url"].anchor = self.html_anchor
        return fields

    def build_url_field(self, field_name, model_class):
        return ApiUrlField, {"help_text": COMMON_HELP["url"]}

    def to_internal_value(self, data):
        # A misspelt field would otherwise be dropped without a word; read-only fields may be sent back as read.
        unknown = sorted(set(data) - set(self.fields)) if hasattr(data, "keys") else []
        if unknown:
            raise serializers.ValidationError({name: ["No such field."] for name in unknown})
        return super().to_internal_value(data)


# --- Viewsets --------------------------------------------------------------------------------------------


class StrictQueryMixin:
    """For any API view: refuse query parameters it does not understand (a typo must not silently return
    unfiltered data), answer errors in JSON with one body shape, and throttle."""

    throttle_classes = THROTTLE_CLASSES
    always_allowed_params = ("format",)

    def get_exception_handler(self):
        return api_exception_handler

    def allowed_query_params(self):
        return list(self.always_allowed_params)

    def check_query_params(self, request):
        allowed = self.allowed_query_params()
        unknown = sorted(set(request.query_params) - set(allowed))
        if unknown:
            raise exceptions.ParseError(
                {
                    "detail": f"Unknown query parameter(s): {', '.join(unknown)}. "
                    f"Allowed: {', '.join(allowed) or 'none'}.",
                    "allowed": allowed,
                }
            )

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.check_query_params(request)

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404 as exc:
            offered = ", ".join(renderer.format for renderer in self.get_renderers())
            requested = request.query_params.get(api_settings.URL_FORMAT_OVERRIDE) or self.format_kwarg
            raise exceptions.NotFound(f"Unknown format {requested!r}. This endpoint offers: {offered}.") from exc

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are always JSON, even when the caller asked for CSV or a zip file.
        renderer = getattr(request, "accepted_renderer", None)
        if response.exception and not isinstance(renderer, JSONRenderer | BrowsableAPIRenderer):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class PublicViewSet(StrictQueryMixin, viewsets.ModelViewSet):
    """A resource of the public API: anyone reads published records, editors with model permissions write.

    Subclasses set `queryset` (every record, with its related rows fetched) and `serializer_class`,
    `filterset_class`, `search_fields` and `ordering_fields`. Reads start from `.published()`; writes see
    drafts too, so an editor can create a draft and publish it later.
    """

    # Token first, so that an anonymous write is a 401 saying which scheme to use (`WWW-Authenticate: Token`).
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    pagination_class = PublicPagination
    filter_backends = [DjangoFilterBackend, StrictSearchFilter, StrictOrderingFilter]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    schema = PublicAutoSchema()
    search_fields = ()
    ordering_fields = ()
    list_params = ("page", "page_size", "search", "ordering")

    @classmethod
    def public_queryset(cls):
        """What the public may see of this resource, related rows fetched: the list, the profile and the
        dataset download all start here."""
        return cls.queryset.all().published()

    def get_queryset(self):
        if self.request is not None and self.request.method not in SAFE_METHODS:
            return self.queryset.all()
        return self.public_queryset()

    def allowed_query_params(self):
        allowed = super().allowed_query_params()
        if self.action == "list":
            allowed += list(self.filterset_class.base_filters)
            allowed += [p for p in self.list_params if p != "search" or self.search_fields]
        return allowed

    def check_query_params(self, request):
        super().check_query_params(request)
        if self.action != "list":
            return
        for name, filter_ in self.filterset_class.base_filters.items():
            # django-filter reads any other word as "no filter"; an analyst should learn it was not applied.
            if isinstance(filter_, BooleanFilter):
                for value in request.query_params.getlist(name):
                    if value and value not in BOOLEAN_VALUES:
                        raise exceptions.ParseError({"detail": f"{name} must be true or false, not {value!r}."})
