"""The search page and the search API: validate parameters, run the search, render. Nothing else."""

from html import escape
from urllib.parse import quote_plus, urlencode

from django.utils.safestring import mark_safe
from django.views.generic import TemplateView
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.errors import ErrorSerializer
from core.api.params import NamedFormatMixin

from .engine import FACETS, PageOutOfRange, run_search
from .serializers import DEFAULT_PAGE_SIZE, SearchParamsSerializer, SearchResultsSerializer

FACET_TITLES = {"type": "Record type", "country": "Country", "year": "Year"}
FACET_NOUNS = {"type": "record types", "country": "countries", "year": "years"}
FACET_SHOWN = 10
PARAMETERS = tuple(SearchParamsSerializer().fields)  # the order links list parameters in


def _query_string(params, **changes):
    """The page's parameters with some changed (None drops one); page 1 and the default size are left out."""
    merged = {**params, **changes}
    if merged.get("page") == 1:
        merged.pop("page")
    if merged.get("page_size") == DEFAULT_PAGE_SIZE:
        merged.pop("page_size")
    present = sorted((key for key, value in merged.items() if value not in (None, "")), key=PARAMETERS.index)
    return "?" + urlencode([(key, merged[key]) for key in present])


# The parameters as the page names them: a reader saw "q: Ensure this field has no more than 500 characters."
PARAMETER_LABELS = {
    "q": "Search words",
    "type": "Record type",
    "country": "Country",
    "year": "Year",
    "page": "Page",
    "page_size": "Results per page",
}


def _messages(errors):
    """Validation errors as one line per parameter: 'Page: Ensure this value is greater than or equal to 1.'"""
    return [f"{PARAMETER_LABELS.get(name, name)}: {' '.join(map(str, messages))}" for name, messages in errors.items()]


def _choice_links(params, name):
    """The link that chooses a value of facet `name` (None: drops the choice) from the first page, as
    `_query_string` writes it, with the other parameters encoded once: a common word's two hundred country links
    were two hundred encodings of the same query."""
    present = [key for key in _query_string(params, page=None, **{name: None})[1:].split("&") if key]
    order = PARAMETERS.index(name)
    before = "&".join(pair for pair in present if PARAMETERS.index(pair.split("=")[0]) < order)
    after = "&".join(pair for pair in present if PARAMETERS.index(pair.split("=")[0]) > order)

    def link(value):
        chosen = f"{name}={quote_plus(str(value))}" if value not in (None, "") else ""  # as urlencode writes it
        return "?" + "&".join(part for part in (before, chosen, after) if part)

    return link


def _facet_links(results, params):
    """Each facet value with the link that selects it (or, when selected, unselects it).

    A facet shows its `FACET_SHOWN` values with the most hits (years: the newest ones) and the chosen one, in the
    facet's own order; the others are folded under "N more": with two hundred countries a common word's country
    facet was the whole page. Counts are written here as `intcomma` writes them in English (the site's language):
    its localised formatting of two hundred and fifty numbers was a fifth of the page's time.
    """
    facets = []
    for name in FACETS:
        link = _choice_links(params, name)
        values = [
            {
                "label": value.label,
                "count": f"{value.count:,}",
                "selected": value.selected,
                "url": link(None if value.selected else value.value),
            }
            for value in results.facets.get(name, [])
        ]
        shown, more = values, []
        if len(values) > FACET_SHOWN + 1:
            ranked = range(len(values))  # years come newest first; the others by hits (stable: ties keep order)
            if name != "year":
                counts = [value.count for value in results.facets[name]]
                ranked = sorted(ranked, key=lambda index: -counts[index])
            keep = set(ranked[:FACET_SHOWN]) | {index for index, value in enumerate(values) if value["selected"]}
            shown = [value for index, value in enumerate(values) if index in keep]
            more = [value for index, value in enumerate(values) if index not in keep]
            if len(more) < 2:  # the chosen value was among the folded: "1 more" would hide nothing worth hiding
                shown, more = values, []
        facets.append(
            {
                "title": FACET_TITLES[name],
                "values_html": _items_html(shown),
                "more_html": _items_html(more),
                "more_label": f"{len(more)} more {FACET_NOUNS[name]}",
            }
        )
    return facets


def _items_html(values):
    """Facet values as list items. Written here rather than by a template loop, which spent a third of the page's
    time on a common word's 250 values (ten template nodes each), with the standard library's `escape` (Django's is
    the same, wrapped for lazy strings: 1,200 wrapped calls were as slow as the loop). Every value is escaped."""
    items = []
    for value in values:
        url, label = escape(value["url"]), escape(value["label"])
        if value["selected"]:
            items.append(f'<li class="selected"><a href="{url}" aria-current="true">{label}</a>')
        else:
            items.append(f'<li><a href="{url}">{label}</a>')
        items.append(f' <span class="count">({escape(value["count"])})</span></li>')
    return mark_safe("".join(items))  # noqa: S308 - built from escaped values


class SearchView(TemplateView):
    """/search/?q=...: ranked, highlighted hits with facets and pages; bad parameters are a 400 page."""

    template_name = "search/results.html"

    def get(self, request, *args, **kwargs):
        params = SearchParamsSerializer(data=request.GET)
        if not params.is_valid():
            context = self.get_context_data(errors=_messages(params.errors), q=request.GET.get("q", ""))
            return self.render_to_response(context, status=400)
        data = params.validated_data
        if not data["q"]:
            # a link that narrows a search but has no words (?type=law) showed an empty page
            hint = "Type the words to search for: the type, country and year narrow a search." if request.GET else ""
            return self.render_to_response(self.get_context_data(q="", hint=hint))
        try:
            results = run_search(data)
        except PageOutOfRange as exc:
            return self.render_to_response(self.get_context_data(errors=[str(exc)], q=data["q"]), status=404)
        return self.render_to_response(
            self.get_context_data(
                q=data["q"],
                results=results,
                facets=_facet_links(results, data),
                previous_url=_query_string(data, page=results.page - 1) if results.has_previous else "",
                next_url=_query_string(data, page=results.page + 1) if results.has_next else "",
            )
        )


class SearchAPIView(NamedFormatMixin, APIView):
    """GET /api/v1/search/: the same search as the page, as JSON, throttled and erring like the rest of the API."""

    permission_classes = [AllowAny]  # read-only: the view answers GET only

    @extend_schema(
        operation_id="search",
        summary="Full-text search across every published record",
        description=(
            "Searches laws, constitutional articles and amendments, legislative initiatives, legal barriers, "
            "report sections and profile overviews, organizational forms, legal definitions, tax provisions, "
            "sector figures, reports and news. Results are ranked (title matches weigh most), highlighted "
            "(`<mark>` in escaped HTML) and counted per facet; each facet's counts ignore that facet's own "
            "filter so other values can be chosen. Unknown parameters, an empty or over-long query, control "
            "characters and pages past the end are 400 errors. Typo tolerance (`corrections`) uses trigram "
            "similarity on PostgreSQL and close-match word lists on SQLite."
        ),
        parameters=[SearchParamsSerializer],
        responses={
            200: SearchResultsSerializer,
            400: OpenApiResponse(
                ErrorSerializer,
                description="A bad parameter, an empty or over-long query, or a page past the last: `detail` says "
                "which and why, `errors` lists the messages per parameter.",
            ),
        },
        tags=["search"],
    )
    def get(self, request):
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        if not data["q"]:
            raise ValidationError({"q": ["Enter words to search for."]})
        try:
            results = run_search(data)
        except PageOutOfRange as exc:
            raise NotFound(str(exc)) from exc  # like every list: a page past the last one is a 404
        return Response(SearchResultsSerializer(results).data)
