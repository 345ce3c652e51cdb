"""The public API under /api/v1/: the router over every resource, the whole-dataset download, and the
OpenAPI schema with its Swagger UI and Redoc pages (served from drf-spectacular-sidecar, no CDN)."""

from django.urls import include, path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.decorators import api_view, permission_classes, schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.routers import APIRootView, DefaultRouter
from rest_framework.views import APIView

from countries.api import BarrierViewSet, CountryViewSet, PublicParticipationItemViewSet, SectorFigureViewSet
from laws.api import (
    ConstitutionalAmendmentViewSet,
    ConstitutionalArticleViewSet,
    LawViewSet,
    LegalDefinitionViewSet,
    LegislativeInitiativeViewSet,
    TreatyStatusViewSet,
    TreatyViewSet,
)
from news.api import NewsItemViewSet, ResourceViewSet
from organizations.api import OrganizationalFormViewSet, TaxProvisionViewSet
from rankings.api import KeyIndicatorViewSet, RankingIndexViewSet, RankingViewSet

from .dataset import DatasetRenderer, build_dataset_zip
from .rest import THROTTLE_CLASSES, PublicAutoSchema, StrictQueryMixin

app_name = "api"

# Every resource, by its URL prefix. Route names are `api:<model_name>-list` / `-detail`.
RESOURCES = (
    ("countries", CountryViewSet),
    ("laws", LawViewSet),
    ("constitutional-articles", ConstitutionalArticleViewSet),
    ("constitutional-amendments", ConstitutionalAmendmentViewSet),
    ("initiatives", LegislativeInitiativeViewSet),
    ("treaties", TreatyViewSet),
    ("treaty-statuses", TreatyStatusViewSet),
    ("organizational-forms", OrganizationalFormViewSet),
    ("legal-definitions", LegalDefinitionViewSet),
    ("tax-provisions", TaxProvisionViewSet),
    ("barriers", BarrierViewSet),
    ("public-participation-items", PublicParticipationItemViewSet),
    ("rankings", RankingViewSet),
    ("ranking-indices", RankingIndexViewSet),
    ("key-indicators", KeyIndicatorViewSet),
    ("sector-figures", SectorFigureViewSet),
    ("news", NewsItemViewSet),
    ("reports", ResourceViewSet),
)

EXTRA_ROOT_LINKS = {"dataset": "dataset", "schema": "schema", "docs": "docs", "redoc": "redoc"}
# Routes outside this router's namespace that the root lists too.
EXTRA_GLOBAL_LINKS = {"search": "api-search"}


class ApiRootView(APIRootView):
    """NGO Monitor API: every resource, plus the whole-dataset download, the OpenAPI schema and its docs."""

    throttle_classes = THROTTLE_CLASSES

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
for prefix, viewset in RESOURCES:
    router.register(prefix, viewset, basename=viewset.queryset.model._meta.model_name)


class DatasetView(StrictQueryMixin, APIView):
    """Every public record of every resource in one zip file: a CSV and a JSON file per resource, and a
    data dictionary describing every CSV column. Built from the same public querysets as the lists."""

    renderer_classes = [DatasetRenderer]
    permission_classes = [AllowAny]  # read-only: the view answers GET only
    schema = PublicAutoSchema()

    @extend_schema(
        summary="Download the whole dataset",
        description="A zip file: `<resource>.csv` and `<resource>.json` for every resource, "
        "`data-dictionary.csv` (resource, column, type, description) and `README.txt`.",
        responses={(200, "application/zip"): bytes},
    )
    def get(self, request, *args, **kwargs):
        content = build_dataset_zip(RESOURCES, request)
        return Response(content, headers={"Content-Disposition": 'attachment; filename="ngomonitor-dataset.zip"'})


@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
@schema(None)
def not_found(request, *args, **kwargs):
    """Any other path under a resource: a JSON 404, like the rest of the API (not the site's HTML page)."""
    raise NotFound("No such API endpoint. The API root lists every resource.")


urlpatterns = [
    path("dataset.zip", DatasetView.as_view(), name="dataset"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"), name="redoc"),
    path("", include(router.urls)),
    # Deeper paths under a resource (/laws/1/nonsense/): JSON too. Only under our own prefixes, so that other
    # apps' /api/v1/ routes included after this module still resolve, and only paths ending in a slash, so
    # that CommonMiddleware still redirects /api/v1/laws/1 to /api/v1/laws/1/.
    re_path(rf"^(?:{'|'.join(prefix for prefix, _ in RESOURCES)})/.*/$", not_found),
]
