from django.urls import path

from countries.views import CountryRedirectView

from . import views

app_name = "laws"
urlpatterns = [
    path("countries/<str:code>/laws/", views.LawListView.as_view(), name="law-list"),
    path("countries/<str:code>/laws/<slug:slug>/", views.LawDetailView.as_view(), name="law-detail"),
    # the address a reader guesses for "the constitution": its articles, the part of it the report quotes
    path(
        "countries/<str:code>/constitution/",
        CountryRedirectView.as_view(pattern_name="laws:article-list"),
        name="constitution",
    ),
    path("countries/<str:code>/constitution/articles/", views.ArticleListView.as_view(), name="article-list"),
    path(
        "countries/<str:code>/constitution/articles/<str:number>/",
        views.ArticleDetailView.as_view(),
        name="article-detail",
    ),
    path("countries/<str:code>/initiatives/", views.InitiativeListView.as_view(), name="initiative-list"),
    path(
        "countries/<str:code>/initiatives/<slug:slug>/",
        views.InitiativeDetailView.as_view(),
        name="initiative-detail",
    ),
    path("countries/<str:code>/treaties/", views.TreatyStatusListView.as_view(), name="treaty-list"),
    path("treaties/", views.TreatyIndexView.as_view(), name="treaty-index"),
    path("treaties/<slug:slug>/", views.TreatyDetailView.as_view(), name="treaty-detail"),
]
