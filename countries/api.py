"""API viewsets for countries (with the whole profile in one response), barriers, sector figures and public
participation items."""

from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from laws.api import (
    ConstitutionalAmendmentViewSet,
    ConstitutionalArticleViewSet,
    LawViewSet,
    LegalDefinitionViewSet,
    LegislativeInitiativeViewSet,
    TreatyStatusViewSet,
)
from laws.models import ConstitutionalArticle, Law, LawListEntry
from news.api import NewsItemViewSet, ResourceViewSet
from ngomonitor.models import Status, published_rows
from ngomonitor.rest import PublicViewSet
from organizations.api import OrganizationalFormViewSet, TaxProvisionViewSet
from rankings.api import KeyIndicatorViewSet, RankingViewSet

from .filters import BarrierFilter, CountryListFilter, PublicParticipationItemFilter, SectorFigureFilter
from .models import AtAGlanceRow, Barrier, Country, CountryProfile, PublicParticipationItem, Section, SectorFigure
from .serializers import (
    BarrierSerializer,
    CountryProfileSerializer,
    CountrySerializer,
    PublicParticipationItemSerializer,
    SectorFigureSerializer,
)


class BarrierViewSet(PublicViewSet):
    """Legal barriers by category, with the laws and constitutional articles they cite."""

    queryset = Barrier.objects.select_related("country").prefetch_related(
        Prefetch("cited_laws", queryset=published_rows(Law, "country")),
        Prefetch("cited_articles", queryset=published_rows(ConstitutionalArticle, "country")),
    )
    serializer_class = BarrierSerializer
    filterset_class = BarrierFilter
    search_fields = ("title", "summary", "narrative")
    ordering_fields = ("category", "title", "order")


class SectorFigureViewSet(PublicViewSet):
    """Figures the narrative states (numbers of organizations, amounts, fees, deadlines), with their sentence."""

    queryset = SectorFigure.objects.select_related("country", "barrier__country", "related_law__country")
    serializer_class = SectorFigureSerializer
    filterset_class = SectorFigureFilter
    search_fields = ("metric", "printed_value", "unit", "sentence")
    ordering_fields = ("metric", "value", "as_of", "period_end", "order")


class PublicParticipationItemViewSet(PublicViewSet):
    """Laws, institutions and mechanisms of public participation."""

    queryset = PublicParticipationItem.objects.select_related("country", "law__country")
    serializer_class = PublicParticipationItemSerializer
    filterset_class = PublicParticipationItemFilter
    search_fields = ("name",)
    ordering_fields = ("name", "kind", "order")


def country_records(model, country, *select_related):
    """The published rows of a profile-only model (no endpoint of its own) for one country."""
    return published_rows(model, *select_related).filter(country=country)


# The profile's sections that are resources of their own: (field, viewset).
PROFILE_RESOURCES = (
    ("key_indicators", KeyIndicatorViewSet),
    ("rankings", RankingViewSet),
    ("treaty_statuses", TreatyStatusViewSet),
    ("constitutional_articles", ConstitutionalArticleViewSet),
    ("constitutional_amendments", ConstitutionalAmendmentViewSet),
    ("laws", LawViewSet),
    ("initiatives", LegislativeInitiativeViewSet),
    ("organizational_forms", OrganizationalFormViewSet),
    ("legal_definitions", LegalDefinitionViewSet),
    ("tax_provisions", TaxProvisionViewSet),
    ("barriers", BarrierViewSet),
    ("public_participation", PublicParticipationItemViewSet),
    ("sector_figures", SectorFigureViewSet),
    ("reports", ResourceViewSet),
    ("news", NewsItemViewSet),
)


class CountryViewSet(PublicViewSet):
    """Countries covered, looked up by ISO 3166 alpha-2 code in any case (`/api/v1/countries/kz/`)."""

    queryset = Country.objects.all()
    serializer_class = CountrySerializer
    filterset_class = CountryListFilter
    search_fields = ("name", "iso2", "iso3", "region")
    ordering_fields = ("name", "iso2", "region")
    lookup_field = "iso2"
    lookup_url_kwarg = "code"

    def get_object(self):
        code = self.kwargs[self.lookup_url_kwarg]
        try:
            if not (len(code) == 2 and code.isascii() and code.isalpha()):
                raise Country.DoesNotExist
            country = self.get_queryset().get(iso2__iexact=code)
        except Country.DoesNotExist as exc:
            raise Http404("No published country with this ISO 3166 alpha-2 code.") from exc
        self.check_object_permissions(self.request, country)
        return country

    @extend_schema(
        summary="The whole country profile",
        description="Every section of the country's report, in report order, in one response (a fixed number "
        "of queries, whatever the size of the profile). Sections hold the same records as the lists.",
        responses=CountryProfileSerializer,
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, BrowsableAPIRenderer])
    def profile(self, request, code=None):
        country = self.get_object()
        # The serializer's field order is the report order; here, only where each section comes from.
        data = {name: viewset.public_queryset().filter(country=country) for name, viewset in PROFILE_RESOURCES}
        data.update(
            country=country,
            profile=country_records(CountryProfile, country).first(),
            at_a_glance=country_records(AtAGlanceRow, country),
            law_list=country_records(LawListEntry, country, "law__country").filter(
                law__publication_status=Status.PUBLISHED
            ),
            sections=country_records(Section, country),
        )
        serializer = CountryProfileSerializer(data, context=self.get_serializer_context())
        return Response(serializer.data)
