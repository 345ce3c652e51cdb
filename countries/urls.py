from django.urls import path

from . import views

app_name = "countries"
urlpatterns = [
    path("countries/<str:code>/", views.CountryDetailView.as_view(), name="detail"),
    path("countries/<str:code>/barriers/<slug:slug>/", views.BarrierDetailView.as_view(), name="barrier-detail"),
]
