from django.urls import path

from . import views

app_name = "news"
urlpatterns = [
    path("countries/<str:code>/news/<slug:slug>/", views.NewsDetailView.as_view(), name="detail"),
]
