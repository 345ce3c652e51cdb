from django.urls import path

from . import views

app_name = "rankings"
urlpatterns = [
    path("rankings/", views.RankingIndexListView.as_view(), name="index-list"),
    path("rankings/<slug:slug>/", views.RankingIndexDetailView.as_view(), name="index-detail"),
]
