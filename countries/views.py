from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from ngomonitor.views import CountryRecordDetailView

from .models import Barrier, Country


class CountryDetailView(DetailView):
    template_name = "countries/country_detail.html"
    context_object_name = "country"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Country.objects.published().select_related("profile"), iso2__iexact=self.kwargs["code"]
        )


class BarrierDetailView(CountryRecordDetailView):
    model = Barrier
