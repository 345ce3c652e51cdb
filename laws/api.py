"""API viewsets for laws, the constitution, initiatives, treaties and legal definitions."""

from django.db.models import Prefetch

from ngomonitor.models import published_rows
from ngomonitor.rest import PublicViewSet

from .filters import (
    ConstitutionalAmendmentFilter,
    ConstitutionalArticleFilter,
    LawFilter,
    LegalDefinitionFilter,
    LegislativeInitiativeFilter,
    TreatyFilter,
    TreatyStatusFilter,
)
from .models import (
    ConstitutionalAmendment,
    ConstitutionalArticle,
    Law,
    LegalDefinition,
    LegislativeInitiative,
    Treaty,
    TreatyStatus,
)
from .serializers import (
    ConstitutionalAmendmentSerializer,
    ConstitutionalArticleSerializer,
    LawSerializer,
    LegalDefinitionSerializer,
    LegislativeInitiativeSerializer,
    TreatySerializer,
    TreatyStatusSerializer,
)


class LawViewSet(PublicViewSet):
    """Laws and other legal acts (codes, decrees, orders, rules), one record per act."""

    queryset = Law.objects.select_related("country")
    serializer_class = LawSerializer
    filterset_class = LawFilter
    search_fields = ("title", "short_title", "number", "issuer", "summary")
    ordering_fields = ("adopted_on", "title", "kind", "status", "order")


class ConstitutionalArticleViewSet(PublicViewSet):
    """Articles of the constitution, with the text the report quotes."""

    queryset = ConstitutionalArticle.objects.select_related("country", "constitution__country")
    serializer_class = ConstitutionalArticleSerializer
    filterset_class = ConstitutionalArticleFilter
    search_fields = ("number", "text")
    ordering_fields = ("sort_key", "number")


class ConstitutionalAmendmentViewSet(PublicViewSet):
    """Amendments to the constitution and the articles they change."""

    queryset = ConstitutionalAmendment.objects.select_related("country", "amending_law__country").prefetch_related(
        Prefetch("articles", queryset=published_rows(ConstitutionalArticle, "country"))
    )
    serializer_class = ConstitutionalAmendmentSerializer
    filterset_class = ConstitutionalAmendmentFilter
    search_fields = ("title", "summary", "article_numbers")
    ordering_fields = ("adopted_on", "number", "order", "title")


class LegislativeInitiativeViewSet(PublicViewSet):
    """Pending legislative and regulatory initiatives and where they stand."""

    queryset = LegislativeInitiative.objects.select_related("country").prefetch_related(
        Prefetch("related_laws", queryset=published_rows(Law, "country"))
    )
    serializer_class = LegislativeInitiativeSerializer
    filterset_class = LegislativeInitiativeFilter
    search_fields = ("title", "description", "status_text")
    ordering_fields = ("started_on", "status_as_of", "title", "stage", "order")


class TreatyViewSet(PublicViewSet):
    """International and regional agreements (not country-specific; see treaty-statuses)."""

    queryset = Treaty.objects.all()
    serializer_class = TreatySerializer
    filterset_class = TreatyFilter
    search_fields = ("name", "abbreviation")
    ordering_fields = ("name", "abbreviation", "kind", "order")


class TreatyStatusViewSet(PublicViewSet):
    """Whether a country has ratified each treaty, and when."""

    queryset = TreatyStatus.objects.select_related("country", "treaty")
    serializer_class = TreatyStatusSerializer
    filterset_class = TreatyStatusFilter
    search_fields = ("treaty__name", "treaty__abbreviation", "printed_name")
    ordering_fields = ("year", "ratified", "treaty__name", "treaty__order")


class LegalDefinitionViewSet(PublicViewSet):
    """Terms the laws define, with the law that defines them and the law that added them."""

    queryset = LegalDefinition.objects.select_related("country", "law__country", "added_by__country")
    serializer_class = LegalDefinitionSerializer
    filterset_class = LegalDefinitionFilter
    search_fields = ("term", "definition", "note")
    ordering_fields = ("term", "added_on", "order")
