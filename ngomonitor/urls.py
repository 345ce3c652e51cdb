"""Root URLs: the public site, the API under /api/v1/, and admin."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from core.views import health, read_only
from search.views import SearchAPIView

from .api import not_found as api_not_found
from .sitemaps import sitemaps
from .views import (
    AboutView,
    CountryProfileView,
    CountryReportView,
    FaviconView,
    HomeView,
    RobotsView,
    TimelineView,
)

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("about/", AboutView.as_view(), name="about"),
    path("sitemap.xml", read_only(sitemap), {"sitemaps": sitemaps}, name="django.contrib.sitemaps.views.sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path(f"{settings.ADMIN_PATH}/", admin.site.urls),
    path("healthz", read_only(health), name="healthz"),
    path("api/v1/search/", SearchAPIView.as_view(), name="api-search"),
    path("api/v1/", include("ngomonitor.api")),
    path("countries/<str:code>/", CountryProfileView.as_view(), name="country-profile"),
    path("countries/<str:code>/report/", CountryReportView.as_view(), name="country-report"),
    path("countries/<str:code>/report/<slug:section>/", CountryReportView.as_view(), name="country-section"),
    path("countries/<str:code>/timeline/", TimelineView.as_view(), name="country-timeline"),
    path("", include("countries.urls")),
    path("", include("laws.urls")),
    path("", include("organizations.urls")),
    path("", include("rankings.urls")),
    path("", include("news.urls")),
    path("", include("codebook.urls")),
    path("", include("search.urls")),
    path("", include("editorial.urls")),
    # Any other path under /api/ ending in a slash (/api/v1/nonexistent/, /api/v2/): the API's JSON 404, not the
    # site's page; without the slash CommonMiddleware first redirects to it, as everywhere else.
    re_path(r"^api/(?:[\s\S]*/)?$", api_not_found),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
