"""API viewsets for organizational forms and tax provisions."""

from core.api.viewsets import PublicViewSet

from .filters import OrganizationalFormFilter, TaxProvisionFilter
from .models import OrganizationalForm, TaxProvision
from .serializers import OrganizationalFormSerializer, TaxProvisionSerializer


class OrganizationalFormViewSet(PublicViewSet):
    """Organizational forms of non-commercial organizations."""

    queryset = OrganizationalForm.objects.all()
    serializer_class = OrganizationalFormSerializer
    filterset_class = OrganizationalFormFilter
    search_fields = ("name", "code_article", "description")
    ordering_fields = ("name", "order")


class TaxProvisionViewSet(PublicViewSet):
    """Tax Code provisions on non-commercial organizations and their donors."""

    queryset = TaxProvision.objects.all()
    serializer_class = TaxProvisionSerializer
    filterset_class = TaxProvisionFilter
    search_fields = ("article", "title", "summary")
    ordering_fields = ("article", "title", "kind", "order")
