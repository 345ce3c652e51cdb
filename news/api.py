"""API viewsets for news items and reports (the profile's reports and links)."""

from core.api.viewsets import PublicViewSet

from .filters import NewsItemFilter, ResourceFilter
from .models import NewsItem, Resource
from .serializers import NewsItemSerializer, ResourceSerializer


class NewsItemViewSet(PublicViewSet):
    """News about the legal environment, newest first, with the laws and articles they concern."""

    queryset = NewsItem.objects.all()
    serializer_class = NewsItemSerializer
    filterset_class = NewsItemFilter
    search_fields = ("title", "summary", "printed_date")
    ordering_fields = ("published_on", "title", "order")


class ResourceViewSet(PublicViewSet):
    """Reports and links: UN UPR, special rapporteurs, State Department, IMF, ICNL."""

    queryset = Resource.objects.all()
    serializer_class = ResourceSerializer
    filterset_class = ResourceFilter
    search_fields = ("title", "description")
    ordering_fields = ("title", "kind", "order")
