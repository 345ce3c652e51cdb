from django.urls import path

from . import views
from .feeds import AllNewsFeed, CountryNewsFeed

app_name = "news"
urlpatterns = [
    path("news/", views.AllNewsListView.as_view(), name="all"),
    path("news/feed/", AllNewsFeed(), name="feed"),
    path("countries/<str:code>/news/", views.NewsListView.as_view(), name="list"),
    path("countries/<str:code>/news/feed/", CountryNewsFeed(), name="country-feed"),
    path("countries/<str:code>/news/<slug:slug>/", views.NewsDetailView.as_view(), name="detail"),
]
