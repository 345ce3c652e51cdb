"""Organizational forms of non-commercial organizations: the list and each form's page."""

from countries.views import CountryListView, CountryRecordDetailView

from .filters import OrganizationalFormFilter
from .models import OrganizationalForm


class FormListView(CountryListView):
    title = "Organizational forms"
    model = OrganizationalForm
    filterset_class = OrganizationalFormFilter
    template_name = "organizations/form_list.html"
    sorts = {"name": ("Name (A–Z)", ["name"])}


class FormDetailView(CountryRecordDetailView):
    model = OrganizationalForm
    template_name = "organizations/form_detail.html"
