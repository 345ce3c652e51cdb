from django.urls import path

from ngomonitor.feeds import CountryNewsFeed

from . import views

app_name = "news"
urlpatterns = [
    path("countries/<str:code>/news/", views.NewsListView.as_view(), name="list"),
    path("countries/<str:code>/news/feed/", CountryNewsFeed(), name="country-feed"),
    path("countries/<str:code>/news/<slug:slug>/", views.NewsDetailView.as_view(), name="detail"),
]
