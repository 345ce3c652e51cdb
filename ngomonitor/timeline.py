"""One chronological axis for a country: laws, amendments, ratifications, rankings, initiatives, news and the
dates from which the codebook's rules are in force.

The timeline page and the timeline chart both call `timeline_entries`, so they always show the same events.
Each kind costs exactly one query (whatever the number of events), and only published records appear.
"""

import datetime
from dataclasses import dataclass

from django.db import models

from codebook.models import Answer
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
    RULE = "rule", "Rule in force"


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


def _dated(kind, model, date, precision):
    """Events of a model whose records carry a partial date (`date` + its `precision` field) and a title."""

    def entries(country):
        records = model.objects.published().filter(country=country, **{f"{date}__isnull": False})
        for record in records:
            record.country = country  # the same object for every row: no query per link
            yield TimelineEntry(
                kind, getattr(record, date), getattr(record, precision), record.title, record.get_absolute_url()
            )

    return entries


def _yearly(kind, records, title):
    """Events known by their year only (a ratification, a ranking's edition): dated January 1 of that year."""
    for record in records:
        yield TimelineEntry(
            kind, _year_start(record.year), DatePrecision.YEAR, title(record), record.get_absolute_url()
        )


def _treaties(country):
    statuses = TreatyStatus.objects.published().for_list().filter(country=country, ratified=True, year__isnull=False)
    return _yearly(TimelineKind.TREATY, statuses, lambda status: f"Ratified: {status.treaty}")


def _ranking_title(ranking):
    return f"{ranking.index.name}: {ranking.printed_value or ranking.rank or ranking.score or ranking.status_text}"


def _rankings(country):
    rankings = Ranking.objects.published().select_related("country", "index").filter(country=country)
    return _yearly(TimelineKind.RANKING, rankings, _ranking_title)


def _rules(country):
    """A codebook answer with a start date is an event: from then, the rule it states is in force. Not an answer
    "not stated in the source" that starts a period the report gives no value for (Kazakhstan's NCO database
    deadline, stated for the Rules' first year only): no rule comes into force then."""
    answers = (
        Answer.objects.published()
        .answered()
        .select_related("question")
        .filter(country=country, valid_from__isnull=False)
    )
    for answer in answers:
        answer.country = country  # the same object for every row: no query per link
        yield TimelineEntry(
            TimelineKind.RULE,
            answer.valid_from,
            answer.valid_from_precision,
            f"Rule in force: {answer.headline}",
            answer.get_absolute_url(),
        )


SOURCES = {
    TimelineKind.LAW: _dated(TimelineKind.LAW, Law, "adopted_on", "adopted_precision"),
    TimelineKind.AMENDMENT: _dated(TimelineKind.AMENDMENT, ConstitutionalAmendment, "adopted_on", "adopted_precision"),
    TimelineKind.TREATY: _treaties,
    TimelineKind.RANKING: _rankings,
    TimelineKind.INITIATIVE: _dated(TimelineKind.INITIATIVE, LegislativeInitiative, "started_on", "started_precision"),
    TimelineKind.NEWS: _dated(TimelineKind.NEWS, NewsItem, "published_on", "date_precision"),
    TimelineKind.RULE: _rules,
}


def timeline_entries(country, kinds=None):
    """The country's dated events of the chosen kinds (default: all), oldest first."""
    kinds = set(kinds or TimelineKind.values)
    entries = [entry for kind, source in SOURCES.items() if kind in kinds for entry in source(country)]
    return sorted(entries, key=lambda entry: entry.sort_key)
