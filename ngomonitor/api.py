"""The public API under /api/v1/: the router over every registered resource, the country resource (the
hub that links to all the others, with the whole profile in one response), the whole-dataset download,
and the OpenAPI schema with its Swagger UI and Redoc pages (served from drf-spectacular-sidecar, no CDN)."""

from csp.decorators import csp_update
from django.http import Http404
from django.urls import include, path, re_path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.routers import APIRootView, DefaultRouter
from rest_framework.views import APIView

from codebook.api import PanelView
from core.api.params import StrictQueryMixin
from core.api.renderers import BrowsableAPIRenderer, JSONRenderer
from core.api.viewsets import PublicViewSet
from core.filters import COUNTRY_CODE
from countries.filters import CountryListFilter
from countries.models import Country

from .dataset import DatasetRenderer, build_dataset_zip
from .profile import country_profile
from .registry import PROFILE_ENTRIES, RESOURCES, Resource
from .serializers import CountryProfileSerializer, CountryResourceSerializer

app_name = "api"


CODE_PARAMETER = OpenApiParameter(
    "code",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The country's ISO 3166 alpha-2 code, in any case: kz (as the API's own URLs write it) or KZ.",
)


@extend_schema_view(
    **{
        action: extend_schema(parameters=[CODE_PARAMETER])
        for action in ("retrieve", "update", "partial_update", "destroy")
    }
)
class CountryViewSet(PublicViewSet):
    """Countries covered, looked up by ISO 3166 alpha-2 code in any case (`/api/v1/countries/kz/`)."""

    queryset = Country.objects.all()
    serializer_class = CountryResourceSerializer
    filterset_class = CountryListFilter
    search_fields = ("name", "iso2", "iso3", "region")
    ordering_fields = ("name", "iso2", "region")
    lookup_field = "iso2"
    lookup_url_kwarg = "code"

    def get_object(self):
        code = self.kwargs[self.lookup_url_kwarg]
        try:
            if not COUNTRY_CODE.fullmatch(code):
                raise Country.DoesNotExist
            country = self.get_queryset().get(iso2__iexact=code)
        except Country.DoesNotExist as exc:
            raise Http404("No published country with this ISO 3166 alpha-2 code.") from exc
        self.check_object_permissions(self.request, country)
        return country

    @extend_schema(
        parameters=[CODE_PARAMETER],
        summary="The whole country profile",
        description="Every section of the country's report, in report order, in one response (a fixed number "
        "of queries, whatever the size of the profile). Sections hold the same records as the lists.",
        responses=CountryProfileSerializer,
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, BrowsableAPIRenderer])
    def profile(self, request, code=None):
        country = self.get_object()
        records = country_profile(country)
        data = {"country": country, "profile": records.summary}
        for entry in PROFILE_ENTRIES:
            data[entry.profile] = records.for_api(entry.profile)
        return Response(CountryProfileSerializer(data, context=self.get_serializer_context()).data)


# Every resource of the router, the country first.
API_RESOURCES = (Resource("countries", CountryViewSet, "Countries covered"), *RESOURCES)

EXTRA_ROOT_LINKS = {"panel": "panel", "dataset": "dataset", "schema": "schema", "docs": "docs", "redoc": "redoc"}
# Routes outside this router's namespace that the root lists too.
EXTRA_GLOBAL_LINKS = {"search": "api-search"}


class ApiRootView(StrictQueryMixin, APIRootView):
    """NGO Monitor API: every resource, plus the whole-dataset download, the OpenAPI schema and its docs."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        namespace = request.resolver_match.namespace
        for key, url_name in EXTRA_ROOT_LINKS.items():
            response.data[key] = reverse(f"{namespace}:{url_name}", request=request)
        for key, url_name in EXTRA_GLOBAL_LINKS.items():
            response.data[key] = reverse(url_name, request=request)
        return response


class Router(DefaultRouter):
    APIRootView = ApiRootView


router = Router()
for resource in API_RESOURCES:
    router.register(resource.prefix, resource.viewset, basename=resource.basename)


class DatasetView(StrictQueryMixin, APIView):
    """Every public record of every resource in one zip file: a CSV and a JSON file per resource, and a
    data dictionary describing every CSV column. Built from the same public querysets as the lists."""

    renderer_classes = [DatasetRenderer]
    permission_classes = [AllowAny]  # read-only: the view answers GET only

    @extend_schema(
        summary="Download the whole dataset",
        description="A zip file: `<resource>.csv` and `<resource>.json` for every resource, "
        "`data-dictionary.csv` (resource, column, type, description) and `README.txt`.",
        responses={(200, "application/zip"): bytes},
    )
    def get(self, request, *args, **kwargs):
        content = build_dataset_zip(API_RESOURCES, request)
        return Response(content, headers={"Content-Disposition": 'attachment; filename="ngomonitor-dataset.zip"'})


class NotFoundView(APIView):
    """Any other path under the API: a JSON 404, like the rest of the API (not the site's HTML page), whatever the
    method (OPTIONS too, which DRF would answer with metadata) and whatever the client accepts (a 406 would say
    the path exists in another format)."""

    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    schema = None

    def initial(self, request, *args, **kwargs):
        raise NotFound("No such API endpoint. The API root lists every resource.")


not_found = NotFoundView.as_view()


class SchemaView(StrictQueryMixin, SpectacularAPIView):
    """The OpenAPI schema (YAML; JSON with ?format=json): like every API endpoint, an unknown parameter is a 400 and
    an error is JSON (an unknown format was a 404 written in YAML)."""

    always_allowed_params = ("format", "lang", "version")  # the Swagger and Redoc pages pass lang and version on


# Redoc injects its styles at run time (styled-components): this one page allows inline styles, never scripts.
REDOC_CSP = {"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]}

urlpatterns = [
    path("panel/", PanelView.as_view(), name="panel"),
    path("dataset.zip", DatasetView.as_view(), name="dataset"),
    path("schema/", SchemaView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file, so the page needs no inline script.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
    path(
        "redoc/",
        csp_update(REDOC_CSP)(SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")),
        name="redoc",
    ),
    path("", include(router.urls)),
    # Deeper paths under a resource (/laws/1/nonsense/): JSON too. Only under our own prefixes, so that other
    # apps' /api/v1/ routes included after this module still resolve, and only paths ending in a slash, so
    # that CommonMiddleware still redirects /api/v1/laws/1 to /api/v1/laws/1/.
    re_path(rf"^(?:{'|'.join(resource.prefix for resource in API_RESOURCES)})/[\s\S]*/$", not_found),
]
