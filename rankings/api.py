"""API viewsets for ranking indices, rankings and key indicators."""

from core.api.viewsets import PublicViewSet

from .filters import KeyIndicatorFilter, RankingFilter, RankingIndexFilter
from .models import KeyIndicator, Ranking, RankingIndex
from .serializers import KeyIndicatorSerializer, RankingIndexSerializer, RankingSerializer


class RankingIndexViewSet(PublicViewSet):
    """Rankings and indices, with their scales (not country-specific; see rankings)."""

    queryset = RankingIndex.objects.all()
    serializer_class = RankingIndexSerializer
    filterset_class = RankingIndexFilter
    search_fields = ("name", "publisher")
    ordering_fields = ("name", "publisher", "order")


class RankingViewSet(PublicViewSet):
    """A country's place in an index in one year, with sub-scores."""

    queryset = Ranking.objects.all()
    serializer_class = RankingSerializer
    filterset_class = RankingFilter
    search_fields = ("index__name", "status_text", "printed_value")
    ordering_fields = ("year", "rank", "score", "index__order", "index__name")


class KeyIndicatorViewSet(PublicViewSet):
    """Key indicators (population, life expectancy...), with breakdowns."""

    queryset = KeyIndicator.objects.all()
    serializer_class = KeyIndicatorSerializer
    filterset_class = KeyIndicatorFilter
    search_fields = ("name", "text_value", "printed_value", "source")
    ordering_fields = ("name", "year", "order")
