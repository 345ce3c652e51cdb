"""The dates the codebook can speak for: each country's report is a snapshot of the law on its date.

An answer whose start the source does not state is known to be in force on the report's date (or until its stated
end), not since when; and no report speaks for a date after its own. The pages, the comparison and the panel show
values on other dates too (the site's rule: an undated answer counts as in force before its end), but say where a
value on a date is not the source's own statement.
"""

from django.utils import timezone
from django.utils.formats import date_format

from countries.models import CountryProfile

from .models import AnswerStatus


def report_dates():
    """{country id: the date of its published report}."""
    return dict(CountryProfile.objects.published().values_list("country_id", "last_updated"))


def default_date(dates):
    """The date the codebook's pages show by default: the latest report's (no report speaks for later); today if
    no report is dated."""
    return max(dates.values(), default=None) or timezone.localdate()


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
