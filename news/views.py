from ngomonitor.views import CountryRecordDetailView

from .models import NewsItem


class NewsDetailView(CountryRecordDetailView):
    model = NewsItem
