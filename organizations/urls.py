from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("countries/<str:code>/organizational-forms/", views.FormListView.as_view(), name="form-list"),
    path(
        "countries/<str:code>/organizational-forms/<slug:slug>/",
        views.FormDetailView.as_view(),
        name="form-detail",
    ),
]
