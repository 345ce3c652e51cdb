from django.urls import path

from core.views import read_only

from . import views
from .feeds import CountryChangesFeed

app_name = "editorial"
urlpatterns = [
    path("countries/<str:code>/changes/", views.CountryChangesView.as_view(), name="country-changes"),
    path("countries/<str:code>/changes/feed/", read_only(CountryChangesFeed()), name="country-changes-feed"),
    path("corrections/new/", views.CorrectionCreateView.as_view(), name="correction-new"),
    path("corrections/thanks/", views.CorrectionThanksView.as_view(), name="correction-thanks"),
]
