from django.urls import path

from . import views

app_name = "countries"
urlpatterns = [
    path("countries/", views.AllCountriesListView.as_view(), name="all"),
    path("countries/<str:code>/barriers/", views.BarrierListView.as_view(), name="barrier-list"),
    path("countries/<str:code>/barriers/<slug:slug>/", views.BarrierDetailView.as_view(), name="barrier-detail"),
]
