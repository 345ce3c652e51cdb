from django.urls import path

from core.views import read_only

from . import views
from .feeds import AllNewsFeed, CountryNewsFeed

app_name = "news"
urlpatterns = [
    path("news/", views.AllNewsListView.as_view(), name="all"),
    path("news/feed/", read_only(AllNewsFeed()), name="feed"),
    path("countries/<str:code>/news/", views.NewsListView.as_view(), name="list"),
    path("countries/<str:code>/news/feed/", read_only(CountryNewsFeed()), name="country-feed"),
    path("countries/<str:code>/news/<slug:slug>/", views.NewsDetailView.as_view(), name="detail"),
]
