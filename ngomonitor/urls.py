"""Root URLs: the public site, the API under /api/v1/, and admin."""

from django.contrib import admin
from django.urls import include, path

from search.views import SearchAPIView

from .views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("admin/", admin.site.urls),
    path("api/v1/search/", SearchAPIView.as_view(), name="api-search"),
    path("api/v1/", include("ngomonitor.api")),
    path("", include("countries.urls")),
    path("", include("laws.urls")),
    path("", include("organizations.urls")),
    path("", include("news.urls")),
    path("", include("search.urls")),
]
