from django.urls import path

from . import views

app_name = "codebook"
urlpatterns = [
    path("codebook/", views.CodebookView.as_view(), name="index"),
    path("codebook/<slug:key>/", views.QuestionDetailView.as_view(), name="question-detail"),
    path("compare/", views.CompareView.as_view(), name="compare"),
]
