"""The timeline puts every dated event on one axis; the charts are SVG with text alternatives, from the data."""

import datetime
import re
from decimal import Decimal

import pytest

from countries.models import Country, SectorFigure
from laws.models import TreatyStatus
from news.models import NewsItem
from ngomonitor.charts import figure_series, ranking_rows
from ngomonitor.timeline import TimelineKind, timeline_entries
from rankings.models import Ranking, RankingIndex
from tests.seed import seeded

pytestmark = pytest.mark.django_db


def kz():
    return Country.objects.get(iso2="KZ")


def test_the_timeline_holds_every_dated_event_of_each_kind():
    """As many entries of each kind as the fixture files hold dated records of it."""
    entries = timeline_entries(kz())
    by_kind = {kind: [entry for entry in entries if entry.kind == kind] for kind in TimelineKind.values}
    expected = {
        TimelineKind.LAW: [law for law in seeded("laws.law", country="KZ") if law["adopted_on"]],
        TimelineKind.AMENDMENT: [a for a in seeded("laws.constitutionalamendment", country="KZ") if a["adopted_on"]],
        TimelineKind.TREATY: [s for s in seeded("laws.treatystatus", country="KZ") if s["ratified"] and s["year"]],
        TimelineKind.RANKING: seeded("rankings.ranking", country="KZ"),
        TimelineKind.INITIATIVE: [i for i in seeded("laws.legislativeinitiative", country="KZ") if i["started_on"]],
        TimelineKind.NEWS: seeded("news.newsitem", country="KZ"),
        TimelineKind.RULE: [
            answer
            for answer in seeded("codebook.answer", country="KZ")
            if answer["valid_from"] and answer["status"] == "answered"  # not the start of a period with no value
        ],
    }
    assert set(expected) == set(TimelineKind.values)
    for kind, records in expected.items():
        # The Kazakhstan codebook comes in a fixture file of its own: until it is there, no rule is on the timeline.
        assert len(by_kind[kind]) == len(records) > 0 or (kind == TimelineKind.RULE and not records), kind
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
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="group"' in html


def test_the_timeline_filters_by_kind(client):
    response = client.get("/countries/kz/timeline/", {"kind": ["treaty", "amendment"]})
    assert response.status_code == 200
    kinds = {entry.kind for entry, _ in response.context["entries"]}
    assert kinds == {TimelineKind.TREATY, TimelineKind.AMENDMENT}
    assert client.get("/countries/kz/timeline/", {"kind": "gossip"}).status_code == 400


def test_each_ranking_stays_on_its_own_scale():
    """No index is put into another's terms: a rank is read on its scale as printed, with its bar's marker
    placed between that scale's worst (left) and best (right) ends."""
    rankings = Ranking.objects.published().for_country("KZ").select_related("index").prefetch_related("subscores")
    rows = {row.label: row for row in ranking_rows(rankings)}
    fragile = rows["Foreign Policy: Fragile States Index"]
    assert fragile.reading == "111 on a scale from 179 (best) to 1 (worst)"  # the Fragile States scale runs 179 to 1
    assert (fragile.best, fragile.worst) == ("179", "1")
    assert round(fragile.position, 3) == round(110 / 178, 3)
    hdi = rows["UN Human Development Index"]
    assert hdi.reading == "67 on a scale from 1 (best) to 193 (worst)" and round(hdi.position, 3) == round(126 / 192, 3)
    political = rows["Freedom House: Freedom in the World: Political Rights"]
    civil = rows["Freedom House: Freedom in the World: Civil Liberties"]
    assert political.reading == "5 on a scale from 40 (best) to 0 (worst)" and political.position == 5 / 40
    assert civil.reading == "18 on a scale from 60 (best) to 0 (worst)" and civil.position == 18 / 60
    status = rows["Freedom House: Freedom in the World"]
    assert status.position is None and status.bar == ""
    assert status.reading == "A status on the index's scale: Free/Partly Free/Not Free"


def test_a_better_rank_on_a_reversed_scale_moves_the_marker_towards_the_best_end(client):
    index = RankingIndex.objects.get(slug="fragile-states")
    ranking = Ranking.objects.get(country__iso2="KZ", index=index)
    ranking.rank, ranking.printed_value = 170, "170 (2023)"
    ranking.save()
    html = client.get("/countries/kz/report/rankings/").content.decode()
    assert "170 on a scale from 179 (best) to 1 (worst)" in html
    row = {r.label: r for r in ranking_rows([ranking])}["Foreign Policy: Fragile States Index"]
    assert row.position > 0.9


def test_the_cso_chart_comes_from_sector_figure_rows_each_named_as_printed(client):
    html = client.get("/countries/kz/report/overview/").content.decode()
    assert "Number of CSOs, as the report counts them" in html
    assert "1997 · CSOs in Kazakhstan: <strong>1,600</strong>" in html
    assert "2023 · Registered CSOs: <strong>23,335</strong>" in html
    figure = SectorFigure.objects.get(country__iso2="KZ", slug="registered-csos-2023-04")
    figure.value, figure.printed_value, figure.as_of = Decimal(30000), "30,000", datetime.date(2024, 4, 1)
    figure.save()
    html = client.get("/countries/kz/report/overview/").content.decode()
    assert "2024 · Registered CSOs: <strong>30,000</strong>" in html
    assert "2023 · Registered CSOs" not in html


def test_a_metric_stated_in_two_years_becomes_a_series(synthetic_profile):
    series = figure_series(synthetic_profile.figures)
    assert [(s.title, [p.year for p in s.points]) for s in series] == [
        ("Number of CSOs, as the report counts them", [1997, 2016, 2023])
    ]
    assert [p.metric for p in series[0].points] == ["Registered CSOs"] * 3
    assert series[0].points[-1].position == 1.0  # the largest count fills its bar


def test_chart_words_are_html_and_the_timeline_chart_has_a_text_alternative(client):
    """Bars carry no words (hidden from assistive technology, the words are the HTML beside them); the
    timeline's SVG has a title and a description, and each dot links to its year in the list."""
    html = client.get("/countries/kz/report/rankings/").content.decode()
    bars = re.findall(r"<svg.*?</svg>", html, re.S)
    assert bars and all('aria-hidden="true"' in bar and "<text" not in bar for bar in bars)
    html = client.get("/countries/kz/timeline/").content.decode()
    chart = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'role="group"' in chart and "<title id=" in chart and "<desc id=" in chart
    for year in re.findall(r'<a href="#year-(\d{4})"', chart):
        assert f'id="year-{year}"' in html
    assert "Scroll sideways for earlier years" in html


def test_each_rating_leads_to_its_index_s_page_unless_the_index_is_a_draft(client):
    """Found by a reader's review: the index pages (every country's rank, the scale) were in the sitemap only."""
    html = client.get("/countries/kz/report/rankings/").content.decode()
    assert '<a href="/rankings/fragile-states/">Foreign Policy: Fragile States Index</a>' in html
    assert client.get("/rankings/fragile-states/").status_code == 200
    index = RankingIndex.objects.get(slug="fragile-states")
    index.publication_status = "draft"
    index.save()
    html = client.get("/countries/kz/report/rankings/").content.decode()
    assert 'href="/rankings/fragile-states/"' not in html
    assert '<a href="/rankings/ti-cpi/">' in html


def test_each_kind_of_event_has_its_own_colour_and_a_legend_names_them(client):
    """Found by a reader's review: "Rule in force" was drawn in the laws' blue, and on a phone the lane labels
    scroll away with the chart (the legend, shown on small screens, names each colour)."""
    html = client.get("/countries/kz/timeline/").content.decode()
    legend = dict(
        (label.strip(), colour)
        for colour, label in re.findall(r'<li><svg [^>]*><circle [^>]*fill="(#[0-9a-f]{6})"/></svg>([^<]+)</li>', html)
    )
    assert {"Law adopted", "Rule in force", "News"} <= set(legend)
    assert len(set(legend.values())) == len(legend)  # a colour per kind
    chart = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    for label, colour in legend.items():
        assert re.search(rf'aria-label="\d{{4}}: \d+ × {label}"><circle [^>]*fill="{colour}"', chart), label
    # the same colour whatever else is shown
    rules_only = client.get("/countries/kz/timeline/", {"kind": "rule"}).content.decode()
    assert f'fill="{legend["Rule in force"]}"' in re.search(r"<svg.*?</svg>", rules_only, re.S).group(0)
