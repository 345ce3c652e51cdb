"""API viewsets for barriers, sector figures and public participation items.

Countries themselves, with their whole profile and links to every collection, are served by the site
layer (`ngomonitor.api`), which knows every resource.
"""

from core.api.viewsets import PublicViewSet

from .filters import BarrierFilter, PublicParticipationItemFilter, SectorFigureFilter
from .models import Barrier, PublicParticipationItem, SectorFigure
from .serializers import BarrierSerializer, PublicParticipationItemSerializer, SectorFigureSerializer


class BarrierViewSet(PublicViewSet):
    """Legal barriers by category, with the laws and constitutional articles they cite."""

    queryset = Barrier.objects.all()
    serializer_class = BarrierSerializer
    filterset_class = BarrierFilter
    search_fields = ("title", "summary", "narrative")
    ordering_fields = ("category", "title", "order")


class SectorFigureViewSet(PublicViewSet):
    """Figures the narrative states (numbers of organizations, amounts, fees, deadlines), with their sentence."""

    queryset = SectorFigure.objects.all()
    serializer_class = SectorFigureSerializer
    filterset_class = SectorFigureFilter
    search_fields = ("metric", "printed_value", "unit", "sentence")
    ordering_fields = ("metric", "value", "as_of", "period_end", "order")


class PublicParticipationItemViewSet(PublicViewSet):
    """Laws, institutions and mechanisms of public participation."""

    queryset = PublicParticipationItem.objects.all()
    serializer_class = PublicParticipationItemSerializer
    filterset_class = PublicParticipationItemFilter
    search_fields = ("name",)
    ordering_fields = ("name", "kind", "order")
