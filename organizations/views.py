from ngomonitor.views import CountryRecordDetailView

from .models import OrganizationalForm


class FormDetailView(CountryRecordDetailView):
    model = OrganizationalForm
