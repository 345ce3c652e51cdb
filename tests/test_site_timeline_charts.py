"""The timeline puts every dated event on one axis; the charts are SVG with text alternatives, from the data."""

import datetime
import re
from decimal import Decimal

import pytest

from countries.models import Country, SectorFigure
from laws.models import ConstitutionalAmendment, Law, LegislativeInitiative, TreatyStatus
from news.models import NewsItem
from ngomonitor.charts import figure_series, ranking_rows
from ngomonitor.timeline import TimelineKind, timeline_entries
from rankings.models import Ranking, RankingIndex

pytestmark = pytest.mark.django_db


def kz():
    return Country.objects.get(iso2="KZ")


def test_the_timeline_holds_every_dated_event_of_each_kind():
    country = kz()
    entries = timeline_entries(country)
    by_kind = {kind: [entry for entry in entries if entry.kind == kind] for kind in TimelineKind.values}
    published = {
        TimelineKind.LAW: Law.objects.published().filter(country=country, adopted_on__isnull=False),
        TimelineKind.AMENDMENT: ConstitutionalAmendment.objects.published().filter(
            country=country, adopted_on__isnull=False
        ),
        TimelineKind.TREATY: TreatyStatus.objects.published().filter(
            country=country, ratified=True, year__isnull=False
        ),
        TimelineKind.RANKING: Ranking.objects.published().filter(country=country),
        TimelineKind.INITIATIVE: LegislativeInitiative.objects.published().filter(
            country=country, started_on__isnull=False
        ),
        TimelineKind.NEWS: NewsItem.objects.published().filter(country=country),
    }
    for kind, queryset in published.items():
        assert len(by_kind[kind]) == queryset.count() > 0, kind
    assert [entry.sort_key for entry in entries] == sorted(entry.sort_key for entry in entries)


def test_the_timeline_page_shows_the_same_entries_with_their_precision(client):
    response = client.get("/countries/kz/timeline/")
    assert response.status_code == 200
    html = response.content.decode()
    entries = timeline_entries(kz())
    assert html.count('class="timeline__entry') == len(entries)
    iccpr = TreatyStatus.objects.get(country__iso2="KZ", treaty__abbreviation="ICCPR")
    assert f'<time datetime="{iccpr.year}">{iccpr.year}</time>' in html  # a ratification: year precision only
    month_news = NewsItem.objects.published().for_country("KZ").filter(date_precision="month").first()
    stamp = f"{month_news.published_on:%Y-%m}"
    assert f'<time datetime="{stamp}">{month_news.published_on:%B %Y}</time>' in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html


def test_the_timeline_filters_by_kind(client):
    response = client.get("/countries/kz/timeline/", {"kind": ["treaty", "amendment"]})
    assert response.status_code == 200
    kinds = {entry.kind for entry in response.context["entries"]}
    assert kinds == {TimelineKind.TREATY, TimelineKind.AMENDMENT}
    assert client.get("/countries/kz/timeline/", {"kind": "gossip"}).status_code == 400


def test_rankings_are_normalised_on_each_index_scale():
    rankings = Ranking.objects.published().for_country("KZ").select_related("index").prefetch_related("subscores")
    rows = {row.label: row for row in ranking_rows(rankings)}
    fragile = rows["Foreign Policy: Fragile States Index"]
    assert fragile.reading == "position 69 among 179 (1 = best)"  # 111 counted from 179 (best) down to 1
    assert fragile.score_100 == 62
    hdi = rows["UN Human Development Index"]
    assert hdi.reading == "position 67 among 193 (1 = best)" and hdi.score_100 == 66
    political = rows["Freedom House: Freedom in the World: Political Rights"]
    civil = rows["Freedom House: Freedom in the World: Civil Liberties"]
    assert political.score_100 == 13 and civil.score_100 == 30  # 5 of 40 and 18 of 60


def test_a_reversed_scale_puts_a_better_rank_higher(client):
    index = RankingIndex.objects.get(slug="fragile-states")
    ranking = Ranking.objects.get(country__iso2="KZ", index=index)
    ranking.rank = 170
    ranking.save()
    html = client.get("/countries/kz/").content.decode()
    assert "position 10 among 179 (1 = best)" in html


def test_the_sector_chart_comes_from_sector_figure_rows(client):
    html = client.get("/countries/kz/").content.decode()
    assert "Registered CSOs (organizations): 1997: 1,600; 2016: ~14,500; 2023: 23,335." in html
    figure = SectorFigure.objects.get(country__iso2="KZ", slug="registered-csos-2023-04")
    figure.value, figure.printed_value, figure.as_of = Decimal(30000), "30,000", datetime.date(2024, 4, 1)
    figure.save()
    html = client.get("/countries/kz/").content.decode()
    assert "2016: ~14,500; 2024: 30,000." in html
    chart = re.search(r'<svg[^>]*aria-labelledby="figure-chart-0-title[^"]*".*?</svg>', html, re.S).group(0)
    assert '<title id="figure-chart-0-title">Registered CSOs by year</title>' in chart
    assert "30,000" in chart


def test_a_metric_stated_in_two_years_becomes_a_series(synthetic_profile):
    series = figure_series(synthetic_profile.figures)
    assert [(s.metric, [p[0] for p in s.points]) for s in series] == [("Registered CSOs", [1997, 2016, 2023])]


def test_charts_have_a_text_alternative(client):
    html = client.get("/countries/kz/").content.decode()
    for chart in re.findall(r"<svg.*?</svg>", html, re.S):
        assert 'role="img"' in chart and "<title id=" in chart and "<desc id=" in chart
    assert "<caption>Rankings as printed" in html  # the table beside the ranking chart
