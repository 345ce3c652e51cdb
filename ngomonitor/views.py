"""Site-wide pages: home, plus the generic record page the apps' detail routes start from."""

from django.http import Http404
from django.views.generic import DetailView, ListView

from countries.models import Country


class HomeView(ListView):
    """The countries we cover, with their profile's last-updated date."""

    template_name = "home.html"
    context_object_name = "countries"

    def get_queryset(self):
        return Country.objects.published().select_related("profile").order_by("name")


class CountryRecordDetailView(DetailView):
    """A published record of one country, found by the URL's country code and slug (or another key)."""

    lookup_field = "slug"
    template_name = "record_detail.html"

    def get_queryset(self):
        return self.model.objects.published().for_country(self.kwargs["code"]).select_related("country")

    def get_object(self, queryset=None):
        queryset = queryset if queryset is not None else self.get_queryset()
        try:
            return queryset.get(**{self.lookup_field: self.kwargs[self.lookup_field]})
        except self.model.DoesNotExist as exc:
            raise Http404(f"No {self.model._meta.verbose_name} found.") from exc
