"""Server-rendered SVG charts, each paired with a text alternative (a table or a list on the page).

Charts are plain SVG strings built with `format_html`, so every label coming from the database is escaped;
no JavaScript and no external library is involved. Each builder takes records that the view has already
loaded (no queries here) and returns markup ready for the template.
"""

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.formatting import format_number

from .timeline import TimelineKind

INK = "#1b1b1b"
MUTED = "#555"
GRID = "#c9ced6"
BAR = "#0b5394"
SERIES = ["#0b5394", "#a3410d", "#1e6b30", "#6a3d9a", "#8a6d00", "#b0124a"]


def _svg(chart_id, width, height, title, description, body):
    """The SVG shell: an image with an accessible name (title) and description, scaled to its container."""
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" role="img" '
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
    """One bar: a ranking or a sub-score, with its 0-100 "better is higher" value and a plain reading."""

    label: str
    year: int
    printed: str
    scale: str
    reading: str
    normalised: Decimal | None
    correction_note: str = ""

    @property
    def score_100(self):
        """The normalised value as a whole number (half up), the same in the table and the chart."""
        if self.normalised is None:
            return None
        return int(Decimal(self.normalised).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _position_reading(value, best, worst):
    """ "111 on a 179 (best) to 1 (worst) scale" reads as "69th of 179 from the best"."""
    count = int(abs(worst - best)) + 1
    position = int(abs(Decimal(value) - best)) + 1
    return f"position {position} among {count} (1 = best)"


def _scale(best, worst):
    return f"{format_number(best)} – {format_number(worst)}" if best is not None and worst is not None else ""


def ranking_rows(rankings):
    """Rows for the rankings chart and its table, from rankings with `index` and `subscores` loaded."""
    rows = []
    for ranking in rankings:
        index = ranking.index
        if ranking.rank is not None and index.scale_best is not None and index.scale_worst is not None:
            reading = _position_reading(ranking.rank, index.scale_best, index.scale_worst)
        elif ranking.score is not None:
            reading = f"score {format_number(ranking.score)}"
        else:
            reading = ranking.status_text or "status only"
        value = ranking.rank if ranking.rank is not None else ranking.score
        printed = ranking.printed_value or (format_number(value) if value is not None else ranking.status_text)
        rows.append(
            RankingRow(
                index.name,
                ranking.year,
                printed,
                index.scale_printed or _scale(index.scale_best, index.scale_worst),
                reading,
                ranking.normalised,
                ranking.correction_note or index.correction_note,
            )
        )
        for sub in ranking.subscores.all():
            rows.append(
                RankingRow(
                    f"{index.name}: {sub.name}",
                    ranking.year,
                    format_number(sub.score),
                    sub.scale_printed or _scale(sub.scale_best, sub.scale_worst),
                    f"{format_number(sub.score)} on a {format_number(sub.scale_worst)} (worst) to "
                    f"{format_number(sub.scale_best)} (best) scale",
                    sub.normalised,
                    sub.correction_note,
                )
            )
    return rows


def ranking_chart(rows, chart_id="rankings-chart"):
    """Horizontal bars, 0 (worst possible) to 100 (best possible), one per ranking or sub-score."""
    rows = [row for row in rows if row.normalised is not None]
    if not rows:
        return ""
    width, left, right, row_height, top = 480, 8, 60, 46, 28
    span = width - left - right
    parts = [
        format_html(
            '<text x="{}" y="16" fill="{}">0 = worst possible</text>'
            '<text x="{}" y="16" fill="{}" text-anchor="end">100 = best possible</text>',
            left,
            MUTED,
            left + span,
            MUTED,
        )
    ]
    for position, row in enumerate(rows):
        y = top + position * row_height
        length = max(float(row.normalised) / 100 * span, 1.5)
        parts.append(
            format_html(
                '<g><text x="{x}" y="{ty}" fill="{ink}">{label} ({year})</text>'
                '<rect x="{x}" y="{by}" width="{span}" height="14" fill="#eef1f5" stroke="{grid}"/>'
                '<rect x="{x}" y="{by}" width="{length}" height="14" fill="{bar}"><title>{label} ({year}): '
                "{reading}</title></rect>"
                '<text x="{vx}" y="{vy}" fill="{ink}">{value}</text></g>',
                x=left,
                ty=y + 12,
                by=y + 18,
                span=span,
                length=_c(length),
                vx=left + span + 6,
                vy=y + 30,
                ink=INK,
                grid=GRID,
                bar=BAR,
                label=row.label,
                year=row.year,
                reading=row.reading,
                value=row.score_100,
            )
        )
    height = top + len(rows) * row_height
    description = "; ".join(f"{row.label} {row.year}: {row.reading}, {row.score_100} of 100" for row in rows)
    title = "Rankings, normalised to 0 (worst) – 100 (best)"
    return _svg(chart_id, width, height, title, description, mark_safe("".join(parts)))


# Sector figures ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureSeries:
    metric: str
    unit: str
    points: list  # [(year, value, printed_value)] sorted by year

    @property
    def slug(self):
        return "".join(char if char.isalnum() else "-" for char in self.metric.lower()).strip("-")


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
# a SectorFigure row. Figures whose metric is worded the same way in several years form a series on their own.
NAMED_SERIES = [
    (
        "Registered CSOs",
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


def _point(figure):
    """(year, value, label): the label is the printed value, marked when the source says "nearly" etc."""
    mark = QUALIFIER_MARKS.get(figure.qualifier, "")
    printed = figure.printed_value if figure.printed_value.startswith(mark) else f"{mark}{figure.printed_value}"
    return (_figure_year(figure), figure.value, printed)


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
        if _figure_year(figure) is None:
            continue
        key, name = _series_key(figure)
        names.setdefault(key, name)
        point = _point(figure)
        grouped[key].setdefault(point[0], point)
    series = [
        FigureSeries(*names[key], sorted(by_year.values())) for key, by_year in grouped.items() if len(by_year) >= 2
    ]
    return sorted(series, key=lambda item: item.metric)


def figure_chart(series, chart_id):
    """A line over the years with each point labelled as the source printed it."""
    width, height, left, right, top, bottom = 400, 220, 40, 30, 24, 36
    years = [year for year, _, _ in series.points]
    values = [float(value) for _, value, _ in series.points]
    first, last = min(years), max(years)
    top_value = max(values) * 1.15 or 1

    def x(year):
        return left + (year - first) / ((last - first) or 1) * (width - left - right)

    def y(value):
        return top + (1 - value / top_value) * (height - top - bottom)

    parts = [
        format_html(
            '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="{g}"/><line x1="{l}" y1="{t}" x2="{l}" y2="{b}" '
            'stroke="{g}"/><text x="{tx}" y="{zy}" fill="{m}" text-anchor="end">0</text>',
            l=left,
            r=width - right,
            t=top,
            b=height - bottom,
            g=GRID,
            m=MUTED,
            tx=left - 6,
            zy=height - bottom + 4,
        )
    ]
    line = " ".join(f"{x(year):.1f},{y(float(value)):.1f}" for year, value, _ in series.points)
    parts.append(format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>', line, BAR))
    for year, value, printed in series.points:
        parts.append(
            format_html(
                '<circle cx="{cx}" cy="{cy}" r="4" fill="{bar}"><title>{year}: {printed}</title></circle>'
                '<text x="{cx}" y="{ly}" fill="{ink}" text-anchor="middle">{printed}</text>'
                '<text x="{cx}" y="{yy}" fill="{muted}" text-anchor="middle">{year}</text>',
                cx=_c(x(year)),
                cy=_c(y(float(value))),
                ly=_c(y(float(value)) - 9),
                yy=height - bottom + 18,
                bar=BAR,
                ink=INK,
                muted=MUTED,
                year=year,
                printed=printed,
            )
        )
    description = f"{series.metric} ({series.unit}) by year: " + "; ".join(
        f"{year}: {printed}" for year, _, printed in series.points
    )
    return _svg(chart_id, width, height, f"{series.metric} by year", description, mark_safe("".join(parts)))


# Timeline ------------------------------------------------------------------------------------------------


def timeline_chart(entries, chart_id="timeline-chart"):
    """One lane per kind of event, one dot per year, its area proportional to the number of events."""
    if not entries:
        return ""
    counts = defaultdict(int)
    for entry in entries:
        counts[(entry.kind, entry.date.year)] += 1
    kinds = [kind for kind in TimelineKind if any(k == kind for k, _ in counts)]
    first = min(year for _, year in counts)
    last = max(year for _, year in counts)
    width, left, right, lane, top = 640, 190, 20, 34, 12
    height = top + len(kinds) * lane + 30

    def x(year):
        return left + (year - first) / ((last - first) or 1) * (width - left - right)

    parts = []
    for row, kind in enumerate(kinds):
        y = top + row * lane + lane / 2
        colour = SERIES[row % len(SERIES)]
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
                '<circle cx="{}" cy="{}" r="{}" fill="{}" fill-opacity="0.8"><title>{}: {} × {}</title></circle>',
                (
                    (_c(x(year)), _c(y), _c(3 + 2.5 * math.sqrt(count)), colour, year, count, kind.label)
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
