from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from ngomonitor.views import CountryRecordDetailView

from .models import ConstitutionalArticle, Law, LegislativeInitiative, Treaty


class LawDetailView(CountryRecordDetailView):
    model = Law


class ArticleDetailView(CountryRecordDetailView):
    model = ConstitutionalArticle
    lookup_field = "number"


class InitiativeDetailView(CountryRecordDetailView):
    model = LegislativeInitiative


class TreatyDetailView(DetailView):
    template_name = "record_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Treaty.objects.published(), slug=self.kwargs["slug"])
