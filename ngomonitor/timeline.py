"""One chronological axis for a country: laws, amendments, ratifications, rankings, initiatives and news.

The timeline page and the timeline chart both call `timeline_entries`, so they always show the same events.
Each kind costs exactly one query (whatever the number of events), and only published records appear.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.urls import reverse

from laws.models import ConstitutionalAmendment, Law, LegislativeInitiative, TreatyStatus
from news.models import NewsItem
from ngomonitor.models import DatePrecision, Status, format_partial_date
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


def _laws(country):
    for law in Law.objects.published().filter(country=country, adopted_on__isnull=False):
        law.country = country  # get_absolute_url needs the country; it is the same object for all rows
        yield TimelineEntry(TimelineKind.LAW, law.adopted_on, law.adopted_precision, law.title, law.get_absolute_url())


def _amendments(country, profile_url):
    for amendment in ConstitutionalAmendment.objects.published().filter(country=country, adopted_on__isnull=False):
        yield TimelineEntry(
            TimelineKind.AMENDMENT,
            amendment.adopted_on,
            amendment.adopted_precision,
            amendment.title,
            f"{profile_url}#amendment-{amendment.slug}",
        )


def _treaties(country):
    statuses = TreatyStatus.objects.published().filter(country=country, ratified=True, year__isnull=False)
    for status in statuses.select_related("treaty"):
        yield TimelineEntry(
            TimelineKind.TREATY,
            _year_start(status.year),
            DatePrecision.YEAR,
            f"Ratified: {status.treaty}",
            status.treaty.get_absolute_url(),
        )


def _rankings(country, profile_url):
    rankings = Ranking.objects.published().filter(country=country, index__publication_status=Status.PUBLISHED)
    for ranking in rankings.select_related("index"):
        value = ranking.printed_value or ranking.rank or ranking.score or ranking.status_text
        yield TimelineEntry(
            TimelineKind.RANKING,
            _year_start(ranking.year),
            DatePrecision.YEAR,
            f"{ranking.index.name}: {value}",
            f"{profile_url}#rankings",
        )


def _initiatives(country):
    initiatives = LegislativeInitiative.objects.published().filter(country=country, started_on__isnull=False)
    for initiative in initiatives:
        initiative.country = country
        yield TimelineEntry(
            TimelineKind.INITIATIVE,
            initiative.started_on,
            initiative.started_precision,
            initiative.title,
            initiative.get_absolute_url(),
        )


def _news(country):
    for item in NewsItem.objects.published().filter(country=country):
        item.country = country
        url = item.get_absolute_url()
        yield TimelineEntry(TimelineKind.NEWS, item.published_on, item.date_precision, item.title, url)


def timeline_entries(country, kinds=None):
    """The country's dated events of the chosen kinds (default: all), oldest first."""
    kinds = set(kinds or TimelineKind.values)
    profile_url = reverse("countries:detail", kwargs={"code": country.iso2.lower()})
    sources = {
        TimelineKind.LAW: lambda: _laws(country),
        TimelineKind.AMENDMENT: lambda: _amendments(country, profile_url),
        TimelineKind.TREATY: lambda: _treaties(country),
        TimelineKind.RANKING: lambda: _rankings(country, profile_url),
        TimelineKind.INITIATIVE: lambda: _initiatives(country),
        TimelineKind.NEWS: lambda: _news(country),
    }
    entries = [entry for kind, source in sources.items() if kind in kinds for entry in source()]
    return sorted(entries, key=lambda entry: entry.sort_key)
