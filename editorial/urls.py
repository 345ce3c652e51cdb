from django.urls import path

from . import views
from .feeds import CountryChangesFeed

app_name = "editorial"
urlpatterns = [
    path("countries/<str:code>/changes/", views.CountryChangesView.as_view(), name="country-changes"),
    path("countries/<str:code>/changes/feed/", CountryChangesFeed(), name="country-changes-feed"),
    path("corrections/new/", views.CorrectionCreateView.as_view(), name="correction-new"),
    path("corrections/thanks/", views.CorrectionThanksView.as_view(), name="correction-thanks"),
]
