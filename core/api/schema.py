"""What the OpenAPI schema says beyond drf-spectacular's defaults: the error responses every endpoint can
give (with the shared error body), a description and format hint for every filter parameter, and the
shape of a record link."""

from django_filters import BooleanFilter, DateFilter, MultipleChoiceFilter
from django_filters.utils import label_for_filter
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from rest_framework.permissions import SAFE_METHODS

from .errors import ErrorSerializer
from .fields import RecordRefField, RecordRefSerializer

ERROR_DESCRIPTIONS = {
    "400": "Bad request: an unknown query parameter, a malformed value (date, number, boolean, choice, page, "
    "page_size, ordering) or invalid input on write. `detail` says which.",
    "401": "Authentication needed (writes only): send a token (`Authorization: Token <key>`) or a session.",
    "403": "Not allowed: the user lacks the model permission for this write.",
    "404": "Not found: no such published record, an unknown format, or a page past the last one.",
    "429": "Too many requests: slow down; the Retry-After header says how many seconds to wait.",
    "409": "Conflict: on a delete, the record is still referred to by others (a law cited by codebook answers), "
    "so it was not deleted, and `detail` names them; on a write, another saved at the same moment took what this "
    "one needed (a unique key): reload and try again.",
}

FILTER_FORMAT_HINTS = (
    (DateFilter, "Date as YYYY-MM-DD, inclusive."),
    (BooleanFilter, "true or false."),
    (MultipleChoiceFilter, "Repeat the parameter to match any of several values."),
)


class DescribedDjangoFilterExtension(DjangoFilterExtension):
    """Describe every filter parameter: its label (or the model field's name) and the format it takes."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)
        label = filter_field.label or label_for_filter(
            model, filter_field.field_name, filter_field.lookup_expr, filter_field.exclude
        )
        hints = [hint for filter_class, hint in FILTER_FORMAT_HINTS if isinstance(filter_field, filter_class)]
        if getattr(filter_field, "lookup_expr", "") == "iexact":
            hints.append("Case-insensitive.")
        help_text = str(filter_field.extra.get("help_text") or "")
        for parameter in parameters:
            description = parameter.get("description") or str(label)
            # drf-spectacular already describes a filter by its help text, where it has one: said once
            extra = [help_text] if help_text and help_text not in description else []
            parameter["description"] = " ".join([description.rstrip(".") + ".", *extra, *hints])
        return parameters


WRITE_NOTE = "**Needs an editor's token** (`Authorization: Token <key>`): the public may read, not write."


PAGINATION_HEADERS = {
    "Link": {
        "description": 'The next and previous pages, as `<url>; rel="next", <url>; rel="prev"` (RFC 8288); absent on '
        "a list that fits one page.",
        "schema": {"type": "string"},
    },
    "X-Total-Count": {"description": "How many records match, over all pages.", "schema": {"type": "integer"}},
}


class PublicAutoSchema(AutoSchema):
    """Document the error responses every endpoint can give, with the shared error body, and say on every
    write operation that it needs an editor's token."""

    def get_description(self):
        description = super().get_description()
        if self.method in SAFE_METHODS:
            return description
        return f"{WRITE_NOTE}\n\n{description}".strip()

    def get_auth(self):
        """Reading is open: a safe method lists "no authentication" ({}) beside the token and session schemes,
        so clients and fuzzers know an anonymous GET is answered."""
        auth = super().get_auth()
        if self.method in SAFE_METHODS and auth and {} not in auth:
            auth = [*auth, {}]
        return auth

    def _get_response_headers_for_code(self, status_code, direction="response"):
        """A paginated list's 200 also carries its pages as headers (`PublicPagination.get_paginated_response`)."""
        headers = super()._get_response_headers_for_code(status_code, direction)
        if str(status_code) == "200" and self._is_list_view() and self._get_paginator() is not None:
            headers.update(PAGINATION_HEADERS)
        return headers

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        error_body = {"application/json": {"schema": self.resolve_serializer(ErrorSerializer, "response").ref}}
        codes = ["400", "404", "429"]
        if self.method not in SAFE_METHODS:
            codes += ["401", "403"]
        if self.method not in SAFE_METHODS:
            codes.append("409")
        for code in codes:
            if code not in responses:
                responses[code] = {"description": ERROR_DESCRIPTIONS[code], "content": error_body}
        return responses


class RecordRefFieldExtension(OpenApiSerializerFieldExtension):
    target_class = RecordRefField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return build_basic_type(OpenApiTypes.INT)
        schema = auto_schema.resolve_serializer(RecordRefSerializer, direction).ref
        return {**schema, "nullable": True} if self.target.allow_null else schema


# Query parameters that may be empty (a search for nothing matches everything); every other one may not.
MAY_BE_EMPTY = {"search"}
NO_NUL = "^[^\\u0000]*$"


def strict_inputs(result, generator, request, public):
    """Postprocessing hook: say in the schema what the API enforces, so clients and fuzzers agree with it.

    - A query parameter with an empty value is a 400 (`StrictQueryMixin`): plain string parameters have
      `minLength: 1`, lists `minItems: 1`; the search's `q` is required and not blank.
    - A write with a field the resource does not have is a 400: request bodies allow no other properties.
    """
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") != "query":
                    continue
                if schema.get("type") == "string" and not {"enum", "format", "pattern"} & set(schema):
                    schema["pattern"] = NO_NUL  # a NUL byte is refused (PostgreSQL cannot compare it)
                if parameter["name"] in MAY_BE_EMPTY:
                    continue
                if "" in schema.get("enum", ()):  # a model's blank choice: as a filter, empty is a 400
                    schema["enum"] = [value for value in schema["enum"] if value != ""]
                if schema.get("type") == "string" and "enum" not in schema and "format" not in schema:
                    schema["minLength"] = 1
                if schema.get("type") == "array":  # "?ordering=" is an empty value too
                    schema["minItems"] = 1
                if parameter["name"] == "q":  # the search box: words to look for, required
                    schema["pattern"] = r"\S"
                    parameter["required"] = True
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    return result
