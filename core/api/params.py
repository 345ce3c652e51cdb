"""Strict query parameters: an unknown parameter, a boolean that is not true/false, an ordering field off
the whitelist or a NUL in a search is a 400 that says so. A typo must never silently return unfiltered data."""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import F
from django.http import Http404
from django_filters import MultipleChoiceFilter
from rest_framework import exceptions, renderers
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.settings import api_settings

from ..filters import misread_booleans
from .errors import bad_parameters
from .renderers import JSONRenderer

# The longest `?search=` a list takes, as the site-wide search does (`search.serializers`): each word is one more
# condition over every searched field, and a thousand words went past SQLite's limit on a query's depth (a 500).
SEARCH_MAX_CHARACTERS = 500
SEARCH_MAX_WORDS = 32


class StrictSearchFilter(SearchFilter):
    """`?search=` over the view's `search_fields`; refuses characters no database can compare (NUL), and a search
    longer than any question (`SEARCH_MAX_CHARACTERS`, `SEARCH_MAX_WORDS`)."""

    search_description = (
        "Words to look for (case-insensitive, every word must match) in the resource's text fields: at most "
        f"{SEARCH_MAX_WORDS} words and {SEARCH_MAX_CHARACTERS} characters."
    )

    def get_search_terms(self, request):
        value = request.query_params.get(self.search_param, "")
        if "\x00" in value:
            raise bad_parameters("The search term may not contain NUL characters.", [self.search_param])
        if len(value) > SEARCH_MAX_CHARACTERS:
            raise bad_parameters(
                f"The search may be at most {SEARCH_MAX_CHARACTERS} characters long, not {len(value)}.",
                [self.search_param],
            )
        terms = super().get_search_terms(request)
        if len(terms) > SEARCH_MAX_WORDS:
            raise bad_parameters(
                f"The search may have at most {SEARCH_MAX_WORDS} words (or quoted phrases), not {len(terms)}.",
                [self.search_param],
            )
        return terms

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        if params:
            fields = ", ".join(f.lstrip("^=@$") for f in getattr(view, "search_fields", ()))
            params[0]["description"] = f"{self.search_description} Searched fields: {fields}."
            params[0]["schema"] = {**params[0]["schema"], "maxLength": SEARCH_MAX_CHARACTERS}
        return params


def nulls_last(model, field):
    """An ordering field as `order_by` takes it, with no value (NULL: an undated law) last in either direction.
    SQLite sorts NULL first and PostgreSQL last, so the same request listed the undated laws first on one database
    and last on the other; the HTML lists put them last too. An end that is NULL because the period is still open
    (a model's `open_ended_fields`: an answer's `valid_to`) is the latest of all, so it sorts last going up and
    first going down."""
    name = field.removeprefix("-")
    try:
        model_field = model._meta.get_field(name.split("__")[0])
        for part in name.split("__")[1:]:
            model_field = model_field.related_model._meta.get_field(part)
    except (FieldDoesNotExist, AttributeError):
        return field  # an annotation or a property the view orders by: left as the view declares it
    if model_field.is_relation or not model_field.null:
        return field
    if not field.startswith("-"):
        return F(name).asc(nulls_last=True)
    if name in getattr(model, "open_ended_fields", ()):
        return F(name).desc(nulls_first=True)
    return F(name).desc(nulls_last=True)


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=` limited to the view's whitelist; an unknown field is a 400, not silently ignored.

    The primary key is appended so that pages never overlap when the chosen field has ties; empty values come
    last in either direction, on every database (`nulls_last`).
    """

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if not params:
            return self.get_default_ordering(view)
        fields = [param.strip() for param in params.split(",") if param.strip()]
        allowed = self.allowed_fields(view)
        unknown = [field for field in fields if field.removeprefix("-") not in allowed]  # "--title" too
        if unknown or not fields:
            raise bad_parameters(
                f"Unknown ordering field(s): {', '.join(unknown) or params}. "
                f"Allowed: {', '.join(allowed)} (prefix with '-' for descending).",
                [self.ordering_param],
                allowed=allowed,
            )
        return [*(nulls_last(queryset.model, field) for field in fields), "pk"]

    @staticmethod
    def allowed_fields(view):
        return list(getattr(view, "ordering_fields", ()))

    def get_schema_operation_parameters(self, view):
        allowed = self.allowed_fields(view)
        if not allowed:
            return []
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Sort by these fields, comma-separated; prefix with '-' for descending. "
                f"Allowed: {', '.join(allowed)}. Unknown fields are a 400.",
                # A comma-separated list (form style, not exploded) of the allowed fields, either direction.
                "schema": {
                    "type": "array",
                    "items": {"type": "string", "enum": [f"{sign}{field}" for field in allowed for sign in ("", "-")]},
                },
                "style": "form",
                "explode": False,
            }
        ]


class NamedFormatMixin:
    """An API view's unknown `?format=` (or suffix) is a 404 naming the formats it offers, not DRF's bare
    "Not found."."""

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404 as exc:
            offered = ", ".join(dict.fromkeys(renderer.format for renderer in self.get_renderers()))
            requested = request.query_params.get(api_settings.URL_FORMAT_OVERRIDE) or self.format_kwarg
            raise exceptions.NotFound(f"Unknown format {requested!r}. This endpoint offers: {offered}.") from exc


class StrictQueryMixin(NamedFormatMixin):
    """For any API view: refuse query parameters it does not understand, and answer errors in JSON even when
    the caller asked for CSV or a zip file."""

    always_allowed_params = ("format",)
    # A parameter given with no value ("?country=") is a 400 too, rather than silently no filter; only a search
    # may be empty (it then matches everything, as its description says).
    may_be_empty_params = ("search", "q")

    def allowed_query_params(self):
        return list(self.always_allowed_params)

    def repeatable_query_params(self):
        """Parameters that may be given more than once (a filter matching any of several values); any other given
        twice is a 400, not "the last one wins" (?country=KZ&country=XX read as XX, silently)."""
        return ()

    def check_query_params(self, request):
        allowed = self.allowed_query_params()
        unknown = sorted(set(request.query_params) - set(allowed))
        if unknown:
            raise bad_parameters(
                f"Unknown query parameter(s): {', '.join(unknown)}. Allowed: {', '.join(allowed)}.",
                errors={name: ["Unknown parameter."] for name in unknown},
                allowed=allowed,  # never empty: `format` always is
            )
        with_nul = sorted(name for name, values in request.query_params.lists() if any("\x00" in v for v in values))
        if with_nul:
            # PostgreSQL refuses NUL in a query; a filter's form says so itself, a plain parameter here.
            raise bad_parameters(
                f"{', '.join(with_nul)}: a NUL character (%00) is not allowed in a parameter.",
                errors={name: ["A NUL character (%00) is not allowed."] for name in with_nul},
            )
        repeatable = self.repeatable_query_params()
        repeated = sorted(
            name for name, values in request.query_params.lists() if len(values) > 1 and name not in repeatable
        )
        if repeated:
            raise bad_parameters(
                f"Query parameter(s) given more than once: {', '.join(repeated)}. Give each once"
                + (f" (only {', '.join(repeatable)} may repeat)." if repeatable else "."),
                errors={name: ["Give this parameter once."] for name in repeated},
            )
        empty = sorted(
            name
            for name, values in request.query_params.lists()
            if name not in self.may_be_empty_params and any(value == "" for value in values)
        )
        if empty:
            raise bad_parameters(
                f"Empty query parameter(s): {', '.join(empty)}. Give a value or leave the parameter out.",
                errors={name: ["Give a value or leave the parameter out."] for name in empty},
            )

    def initial(self, request, *args, **kwargs):
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            # DRF asks who is calling before whether the endpoint takes the method at all: an anonymous DELETE of
            # a read-only endpoint (the profile) read 401, as if signing in would help. A 405 with Allow, for anyone.
            self.format_kwarg = self.get_format_suffix(**kwargs)
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)
        self.check_query_params(request)

    def finalize_response(self, request, response, *args, **kwargs):
        renderer = getattr(request, "accepted_renderer", None)
        if response.exception and not isinstance(renderer, renderers.JSONRenderer | BrowsableAPIRenderer):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


def multiple_choice_params(filterset_class):
    """A FilterSet's parameters that may repeat: its filters matching any of several values."""
    return [name for name, filter_ in filterset_class.base_filters.items() if isinstance(filter_, MultipleChoiceFilter)]


def check_boolean_filters(filterset_class, request):
    """django-filter reads any word but true/false as "no filter"; an analyst should learn it was not applied."""
    misread = misread_booleans(filterset_class, request.query_params)
    if misread:
        name, value = misread[0]
        raise bad_parameters(f"{name} must be true or false, not {value!r}.", [name])
