"""Server-rendered charts, readable on a phone: the words in HTML, the shapes in small SVGs.

Rankings and figures are rows of HTML text (the value as printed, its scale) with a bar drawn in SVG beside
them, so labels keep the page's font size at any width; the timeline is one SVG in a sideways-scrolling
frame. SVG is built with `format_html`, so every label from the database is escaped; no JavaScript, no
library. Each builder takes records the view has loaded (no queries here).
"""

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.formatting import format_number

from .timeline import TimelineKind

INK = "#1b1b1b"
MUTED = "#555"
GRID = "#c9ced6"
BAR = "#0b5394"
SERIES = ["#0b5394", "#a3410d", "#1e6b30", "#6a3d9a", "#8a6d00", "#b0124a", "#00707a"]


def _svg(chart_id, width, height, title, description, body):
    """The SVG shell: a named group (title) with a description, scaled to its container. A group, not an
    image: its dots are links, and an image's children are presentational."""
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" role="group" '
        'aria-labelledby="{id}-title {id}-desc" class="chart" font-family="system-ui, sans-serif" font-size="13">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        w=width,
        h=height,
        id=chart_id,
        title=title,
        desc=description,
        body=body,
    )


def _c(coordinate):
    """A coordinate with one decimal (format_html escapes its arguments first, so format them here)."""
    return f"{coordinate:.1f}"


# Rankings ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RankingRow:
    """One ranking or sub-score on its own scale, as the report prints it.

    No index is turned into another's terms: a rank stays a rank on its scale (Fragile States 111 on a scale
    from 179, best, to 1, worst), a score a score on its scale. `position` (0 worst end, 1 best end) only
    places the marker on the row's own bar.
    """

    label: str
    year: int
    printed: str
    best: str
    worst: str
    reading: str
    position: float | None
    noted: tuple = ()  # the records whose correction notes belong with the row
    url: str = ""  # the index's own page (its every country and year), when it is published

    @property
    def bar(self):
        return scale_bar(self.position) if self.position is not None else ""

    @property
    def shows_year(self):
        """The year beside the label, unless the value as printed already gives it ("67 (2023)")."""
        return str(self.year) not in self.printed


def _reading(value, best, worst):
    return f"{format_number(value)} on a scale from {format_number(best)} (best) to {format_number(worst)} (worst)"


def _position(value, best, worst):
    if value is None or best is None or worst is None or best == worst:
        return None
    return float((Decimal(value) - Decimal(worst)) / (Decimal(best) - Decimal(worst)))


def _row(label, year, printed, value, best, worst, noted, scale_printed="", url=""):
    if value is not None and best is not None and worst is not None:
        reading = _reading(value, best, worst)
    elif scale_printed:
        reading = f"A status on the index's scale: {scale_printed}"
    else:
        reading = ""
    return RankingRow(
        label,
        year,
        printed,
        format_number(best) if best is not None else "",
        format_number(worst) if worst is not None else "",
        reading,
        _position(value, best, worst),
        tuple(noted),
        url,
    )


def ranking_rows(rankings):
    """A row for each ranking and each of its sub-scores, from rankings with `index` and `subscores` loaded."""
    rows = []
    for ranking in rankings:
        index = ranking.index
        url = index.get_absolute_url() if index.is_published else ""
        value = ranking.rank if ranking.rank is not None else ranking.score
        printed = ranking.printed_value or (format_number(value) if value is not None else ranking.status_text)
        rows.append(
            _row(
                index.name,
                ranking.year,
                printed,
                value,
                index.scale_best,
                index.scale_worst,
                (ranking, index),
                index.scale_printed,
                url=url,
            )
        )
        for sub in ranking.subscores.all():
            rows.append(
                _row(
                    f"{index.name}: {sub.name}",
                    ranking.year,
                    format_number(sub.score),
                    sub.score,
                    sub.scale_best,
                    sub.scale_worst,
                    (sub,),
                    url=url,
                )
            )
    return rows


def scale_bar(position):
    """A bar from the worst end (left) to the best end (right) of one scale, with a marker at `position`.

    Only shapes: the words (value, scale ends) are HTML beside it, so they stay legible at any width.
    """
    x = max(0.0, min(1.0, position)) * 100
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 10" preserveAspectRatio="none" class="scale-bar" '
        'aria-hidden="true" focusable="false"><rect x="0" y="3" width="100" height="4" fill="#eef1f5" stroke="{}" '
        'stroke-width=".3"/><rect x="0" y="3" width="{}" height="4" fill="{}"/><rect x="{}" y="0" width="1.6" '
        'height="10" fill="{}"/></svg>',
        GRID,
        _c(x),
        BAR,
        _c(max(0.0, x - 0.8)),
        INK,
    )


# Sector figures ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigurePoint:
    year: int
    value: Decimal
    printed: str
    metric: str  # the point's own name, as the report words it ("CSOs", "Registered CSOs"...)
    position: float = 0.0  # the bar's length, relative to the series' largest value

    @property
    def bar(self):
        return scale_bar(self.position)


@dataclass(frozen=True)
class FigureSeries:
    title: str
    unit: str
    points: list  # FigurePoint, by year

    @property
    def slug(self):
        return "".join(char if char.isalnum() else "-" for char in self.title.lower()).strip("-")


QUALIFIER_MARKS = {
    "approximately": "~",
    "nearly": "~",
    "at_least": "≥",
    "no_less_than": "≥",
    "more_than": ">",
    "up_to": "≤",
}

# Counts the report states in different sentences, worded differently ("By 1997, the number of CSOs had
# reached 1,600", "nearly 14,500 non-governmental organizations are registered", "there are 23,335 registered
# CSOs"). Which metrics belong to one series is decided here, by their wording; every value still comes from
# a SectorFigure row and each point keeps its own wording. Figures whose metric is worded the same way in
# several years form a series on their own.
NAMED_SERIES = [
    (
        "Number of CSOs, as the report counts them",
        "organizations",
        re.compile(
            r"^(registered )?(csos|ngos|ncos|non-governmental organizations|non-commercial organizations)"
            r"( in [\w ]+)?( \(news, [^)]*\))?$",
            re.IGNORECASE,
        ),
    ),
]


def _figure_year(figure):
    if figure.as_of:
        return figure.as_of.year
    return figure.period_end or figure.period_start


def _printed(figure):
    """The printed value, marked when the source says "nearly", "at least" and so on."""
    mark = QUALIFIER_MARKS.get(figure.qualifier, "")
    return figure.printed_value if figure.printed_value.startswith(mark) else f"{mark}{figure.printed_value}"


def _series_key(figure):
    metric, unit = figure.metric.strip(), figure.unit.strip()
    for title, series_unit, pattern in NAMED_SERIES:
        if unit.lower() == series_unit and pattern.match(metric):
            return (title.lower(), series_unit), (title, series_unit)
    return (metric.lower(), unit.lower()), (metric, unit)


def figure_series(figures):
    """Figures of one metric (or one named series) in two or more years, as series of points by year."""
    grouped = defaultdict(dict)
    names = {}
    for figure in figures:
        year = _figure_year(figure)
        if year is None:
            continue
        key, name = _series_key(figure)
        names.setdefault(key, name)
        grouped[key].setdefault(year, figure)
    series = []
    for key, by_year in grouped.items():
        if len(by_year) < 2:
            continue
        top = max(figure.value for figure in by_year.values()) or 1
        points = [
            FigurePoint(year, figure.value, _printed(figure), figure.metric, float(figure.value / top))
            for year, figure in sorted(by_year.items())
        ]
        series.append(FigureSeries(*names[key], points))
    return sorted(series, key=lambda item: item.title)


# Timeline ------------------------------------------------------------------------------------------------


def lane_colour(kind):
    """A kind of event's colour, the same on every timeline whichever kinds it shows (one per kind: "Rule in force"
    was drawn in the laws' blue when all seven showed)."""
    return SERIES[list(TimelineKind).index(kind) % len(SERIES)]


def shown_kinds(entries):
    """The kinds of event among the entries, in the chart's lane order (the order of `TimelineKind`)."""
    shown = {entry.kind for entry in entries}
    return [kind for kind in TimelineKind if kind in shown]


def timeline_legend(entries):
    """(label, colour) of each kind of event the chart shows, in its lanes' order: on a phone the chart scrolls
    sideways and its lane labels scroll away, so the colours say which lane a dot is in."""
    return [(kind.label, lane_colour(kind)) for kind in shown_kinds(entries)]


def timeline_chart(entries, chart_id="timeline-chart"):
    """One lane per kind of event, one dot per year, its area proportional to the number of events; each dot
    links to that year in the list of events below the chart (`year_anchors`)."""
    if not entries:
        return ""
    counts = defaultdict(int)
    for entry in entries:
        counts[(entry.kind, entry.date.year)] += 1
    kinds = shown_kinds(entries)
    first = min(year for _, year in counts)
    last = max(year for _, year in counts)
    width, left, right, lane, top = 640, 190, 20, 34, 12
    height = top + len(kinds) * lane + 30

    def x(year):
        return left + (year - first) / ((last - first) or 1) * (width - left - right)

    parts = []
    for row, kind in enumerate(kinds):
        y = top + row * lane + lane / 2
        colour = lane_colour(kind)
        parts.append(
            format_html(
                '<text x="0" y="{ty}" fill="{ink}">{label}</text>'
                '<line x1="{l}" y1="{y}" x2="{r}" y2="{y}" stroke="{grid}"/>',
                ty=_c(y + 4),
                y=_c(y),
                l=left,
                r=width - right,
                grid=GRID,
                ink=INK,
                label=kind.label,
            )
        )
        dots = sorted((year, count) for (k, year), count in counts.items() if k == kind)
        parts.append(
            format_html_join(
                "",
                '<a href="#year-{}" aria-label="{}: {} × {}"><circle cx="{}" cy="{}" r="{}" fill="{}" '
                'fill-opacity="0.8"><title>{}: {} × {}</title></circle></a>',
                (
                    (year, year, count, kind.label, _c(x(year)), _c(y), _c(3 + 2.5 * math.sqrt(count)), colour)
                    + (year, count, kind.label)
                    for year, count in dots
                ),
            )
        )
    step = max(1, math.ceil((last - first) / 8))
    ticks = sorted({*range(first, last + 1, step), last})
    parts.append(
        format_html_join(
            "",
            '<text x="{}" y="{}" fill="' + MUTED + '" text-anchor="middle">{}</text>',
            ((_c(x(year)), height - 8, year) for year in ticks),
        )
    )
    description = f"{len(entries)} events from {first} to {last}: " + "; ".join(
        f"{kind.label}: {sum(c for (k, _), c in counts.items() if k == kind)}" for kind in kinds
    )
    return _svg(chart_id, width, height, "Timeline of events by kind and year", description, mark_safe("".join(parts)))


def year_anchors(entries):
    """(entry, anchor) pairs: the first event of each year carries the id the chart's dots link to."""
    seen = set()
    rows = []
    for entry in entries:
        year = entry.date.year
        rows.append((entry, "" if year in seen else f"year-{year}"))
        seen.add(year)
    return rows
