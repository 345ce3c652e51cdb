"""API viewsets for laws, the constitution, initiatives, treaties and legal definitions.

What each list row loads is the model QuerySet's `for_list()`; what is public is its `published()`.
"""

from core.api.viewsets import PublicViewSet

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

    queryset = Law.objects.all()
    serializer_class = LawSerializer
    filterset_class = LawFilter
    search_fields = ("title", "short_title", "number", "issuer", "summary")
    ordering_fields = ("adopted_on", "title", "kind", "status", "order")


class ConstitutionalArticleViewSet(PublicViewSet):
    """Articles of the constitution, with the text the report quotes."""

    queryset = ConstitutionalArticle.objects.all()
    serializer_class = ConstitutionalArticleSerializer
    filterset_class = ConstitutionalArticleFilter
    search_fields = ("number", "text")
    ordering_fields = ("sort_key", "number")


class ConstitutionalAmendmentViewSet(PublicViewSet):
    """Amendments to the constitution and the articles they change."""

    queryset = ConstitutionalAmendment.objects.all()
    serializer_class = ConstitutionalAmendmentSerializer
    filterset_class = ConstitutionalAmendmentFilter
    search_fields = ("title", "summary", "article_numbers")
    ordering_fields = ("adopted_on", "number", "order", "title")


class LegislativeInitiativeViewSet(PublicViewSet):
    """Pending legislative and regulatory initiatives and where they stand."""

    queryset = LegislativeInitiative.objects.all()
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

    queryset = TreatyStatus.objects.all()
    serializer_class = TreatyStatusSerializer
    filterset_class = TreatyStatusFilter
    search_fields = ("treaty__name", "treaty__abbreviation", "printed_name")
    ordering_fields = ("year", "ratified", "treaty__name", "treaty__order")


class LegalDefinitionViewSet(PublicViewSet):
    """Terms the laws define, with the law that defines them and the law that added them."""

    queryset = LegalDefinition.objects.all()
    serializer_class = LegalDefinitionSerializer
    filterset_class = LegalDefinitionFilter
    search_fields = ("term", "definition", "note")
    ordering_fields = ("term", "added_on", "order")
