"""One chronological axis for a country: laws, amendments, ratifications, rankings, initiatives and news.

The timeline page and the timeline chart both call `timeline_entries`, so they always show the same events.
Each kind costs exactly one query (whatever the number of events), and only published records appear.
"""

import datetime
from dataclasses import dataclass

from django.db import models

from core.choices import DatePrecision
from core.formatting import format_partial_date
from laws.models import ConstitutionalAmendment, Law, LegislativeInitiative, TreatyStatus
from news.models import NewsItem
from rankings.models import Ranking


class TimelineKind(models.TextChoices):
    LAW = "law", "Law adopted"
    AMENDMENT = "amendment", "Constitutional amendment"
    TREATY = "treaty", "Treaty ratified"
    RANKING = "ranking", "Ranking published"
    INITIATIVE = "initiative", "Initiative started"
    NEWS = "news", "News"


KIND_ORDER = {kind: position for position, kind in enumerate(TimelineKind.values)}


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    date: datetime.date
    precision: str
    title: str
    url: str

    @property
    def date_display(self):
        return format_partial_date(self.date, self.precision)

    @property
    def kind_label(self):
        return TimelineKind(self.kind).label

    @property
    def sort_key(self):
        return (self.date, KIND_ORDER[self.kind], self.title)


def _year_start(year):
    return datetime.date(year, 1, 1)


def _of(model, country, **lookups):
    """The country's published records of a model, each given the country object (their links need it)."""
    for record in model.objects.published().filter(country=country, **lookups):
        record.country = country  # the same object for every row: no query per link
        yield record


def _laws(country):
    for law in _of(Law, country, adopted_on__isnull=False):
        yield TimelineEntry(TimelineKind.LAW, law.adopted_on, law.adopted_precision, law.title, law.get_absolute_url())


def _amendments(country):
    for amendment in _of(ConstitutionalAmendment, country, adopted_on__isnull=False):
        yield TimelineEntry(
            TimelineKind.AMENDMENT,
            amendment.adopted_on,
            amendment.adopted_precision,
            amendment.title,
            amendment.get_absolute_url(),
        )


def _treaties(country):
    statuses = TreatyStatus.objects.published().for_list().filter(country=country, ratified=True, year__isnull=False)
    for status in statuses:
        yield TimelineEntry(
            TimelineKind.TREATY,
            _year_start(status.year),
            DatePrecision.YEAR,
            f"Ratified: {status.treaty}",
            status.treaty.get_absolute_url(),
        )


def _rankings(country):
    for ranking in Ranking.objects.published().select_related("country", "index").filter(country=country):
        value = ranking.printed_value or ranking.rank or ranking.score or ranking.status_text
        yield TimelineEntry(
            TimelineKind.RANKING,
            _year_start(ranking.year),
            DatePrecision.YEAR,
            f"{ranking.index.name}: {value}",
            ranking.get_absolute_url(),
        )


def _initiatives(country):
    for initiative in _of(LegislativeInitiative, country, started_on__isnull=False):
        yield TimelineEntry(
            TimelineKind.INITIATIVE,
            initiative.started_on,
            initiative.started_precision,
            initiative.title,
            initiative.get_absolute_url(),
        )


def _news(country):
    for item in _of(NewsItem, country):
        yield TimelineEntry(
            TimelineKind.NEWS, item.published_on, item.date_precision, item.title, item.get_absolute_url()
        )


def timeline_entries(country, kinds=None):
    """The country's dated events of the chosen kinds (default: all), oldest first."""
    kinds = set(kinds or TimelineKind.values)
    sources = {
        TimelineKind.LAW: _laws,
        TimelineKind.AMENDMENT: _amendments,
        TimelineKind.TREATY: _treaties,
        TimelineKind.RANKING: _rankings,
        TimelineKind.INITIATIVE: _initiatives,
        TimelineKind.NEWS: _news,
    }
    entries = [entry for kind, source in sources.items() if kind in kinds for entry in source(country)]
    return sorted(entries, key=lambda entry: entry.sort_key)
