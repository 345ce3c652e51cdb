"""API viewsets for news items and reports (the profile's reports and links)."""

from django.db.models import Prefetch

from laws.models import ConstitutionalArticle, Law, LegislativeInitiative
from ngomonitor.models import published_rows
from ngomonitor.rest import PublicViewSet

from .filters import NewsItemFilter, ResourceFilter
from .models import NewsItem, Resource
from .serializers import NewsItemSerializer, ResourceSerializer


class NewsItemViewSet(PublicViewSet):
    """News about the legal environment, newest first, with the laws and articles they concern."""

    queryset = NewsItem.objects.select_related("country").prefetch_related(
        Prefetch("related_laws", queryset=published_rows(Law, "country")),
        Prefetch("related_articles", queryset=published_rows(ConstitutionalArticle, "country")),
        Prefetch("related_initiatives", queryset=published_rows(LegislativeInitiative, "country")),
    )
    serializer_class = NewsItemSerializer
    filterset_class = NewsItemFilter
    search_fields = ("title", "summary", "printed_date")
    ordering_fields = ("published_on", "title", "order")


class ResourceViewSet(PublicViewSet):
    """Reports and links: UN UPR, special rapporteurs, State Department, IMF, ICNL."""

    queryset = Resource.objects.select_related("country")
    serializer_class = ResourceSerializer
    filterset_class = ResourceFilter
    search_fields = ("title", "description")
    ordering_fields = ("title", "kind", "order")
