"""The dates the codebook can speak for: each country's report is a snapshot of the law on its date.

An answer whose start the source does not state is known to be in force on the report's date (or until its stated
end), not since when; and no report speaks for a date after its own. The pages, the comparison and the panel show
values on earlier dates too (the site's rule: an undated answer counts as in force before its end, but not before
the adoption of the laws it cites: `AnswerQuerySet.with_start`), but say where a value on a date is not the source's
own statement. A date after the latest report of the countries asked for is
refused alike by the panel (`from`), the answers' `as_of` and the comparison's date (`after_reports`): the answers
list took `as_of=2099-01-01` and listed every answer "in force", which a reader takes for the source's statement.
"""

from django.utils import timezone
from django.utils.formats import date_format

from countries.models import Country, CountryProfile

from .models import AnswerStatus


def report_dates():
    """{country id: the date of its published report}."""
    return dict(CountryProfile.objects.published().values_list("country_id", "last_updated"))


def default_date(dates):
    """The date the codebook's pages show by default: the latest report's (no report speaks for later); today if
    no report is dated."""
    return max(dates.values(), default=None) or timezone.localdate()


def last_day(country_id, dates):
    """The last day a country's answers can be read as the source's for: its report's date, or for a country with
    no dated report the latest report's (`default_date`). The panel's rows for a country end with its year."""
    return dates.get(country_id) or default_date(dates)


def country_ids(code):
    """The ids of the published country with this ISO code (any case), or () when no code is given: every country."""
    return list(Country.objects.published().filter(iso2__iexact=code).values_list("pk", flat=True)) if code else ()


def after_reports(day, dates, countries=()):
    """Why no report of the countries asked for (their ids; none: every country) speaks for `day`, or "" when one
    does: a report is a snapshot of the law on its date and cannot say what is in force later. The one rule of the
    panel, the answers' `as_of` and the comparison, each of which words its own 400 around this reason."""
    last = max((last_day(country, dates) for country in countries), default=None) or default_date(dates)
    if day <= last:
        return ""
    whose = "the latest report of the countries asked for" if countries else "the latest report"
    return (
        f"No report speaks for a date after {date_format(last, 'F j, Y')} ({last.isoformat()}), the date of "
        f"{whose}: the source cannot say what is in force later."
    )


def unreported_countries(day, dates):
    """The ids of the countries whose report is older than `day` (which `after_reports` allows, a later report of
    another country speaking for it): the answers' `as_of` leaves them out, as the panel has no row for a country
    after its report's year; the pages show them with a `date_note` instead."""
    return [country for country in dates if last_day(country, dates) < day]


def stated_on(answer, day, report_date):
    """Whether the source states the answer's value for `day`: its start is stated, or `day` is the report's own
    date. An answer whose start it does not state is carried back to earlier days (never before a law it cites), as
    the rule it most likely was, but that is the site's reading, not the source's: the panel's and the answers'
    `in_force_stated`."""
    return answer.valid_from is not None or day == report_date


def date_note(answer, on_date, report_date):
    """Why a value shown for `on_date` is not the source's own statement, or "" when it is (or when the answer
    states no value: there is nothing to qualify)."""
    if answer.status == AnswerStatus.NOT_STATED:
        return ""
    if report_date is not None and on_date > report_date:
        # unless the report dates it beyond itself ("from 1 January 2025", "until 2026"): stated, not carried on
        dated_beyond = (answer.valid_from and answer.valid_from > report_date) or (
            answer.valid_to and answer.valid_to >= on_date
        )
        return (
            ""
            if dated_beyond
            else f"after the report of {date_format(report_date, 'F j, Y')}: not known whether still in force"
        )
    if answer.valid_from is None and (report_date is None or on_date < report_date):
        return "not known to apply on this date"  # beside "date not stated in the source" or "until ..."
    return ""


def note_dates(answers, on_date, dates):
    """Give each answer shown for `on_date` its `date_note` (see `date_note`); the answers, for chaining."""
    for answer in answers:
        answer.date_note = date_note(answer, on_date, dates.get(answer.country_id))
    return answers
