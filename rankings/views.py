"""A ranking index's page: its scale and where each country we cover stands in it."""

from core.views import RecordDetailView, RecordIndexView

from .models import RankingIndex


class RankingIndexDetailView(RecordDetailView):
    model = RankingIndex
    template_name = "rankings/index_detail.html"
    context_object_name = "index"


class RankingIndexListView(RecordIndexView):
    model = RankingIndex
    template_name = "rankings/index_list.html"
