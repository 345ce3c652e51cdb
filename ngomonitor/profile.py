"""The country profile selector: which published records make up each part of a country's report.

The profile page and the API profile both start here, so they always show the same records. The selector
decides *which* records (published, this country's, in report order, plus the rules of each part: a line
of the law list needs its law published; "other laws" are those the numbered list does not name); each
surface decides *how much* to load through the QuerySets' named shapes (`for_list()`, `for_api()`,
`for_page()`), since a page line shows less than an API record.
"""

from functools import cached_property

from codebook.related import report_rules_date
from core.choices import Status
from countries.models import CountryProfile

from .registry import PROFILE_ENTRIES


class CountryProfileRecords:
    """The parts of one country's profile, each a lazy QuerySet of the country's published records."""

    def __init__(self, country):
        self.country = country
        self._models = {entry.profile: entry.model for entry in PROFILE_ENTRIES}

    def part(self, name):
        """The published records of one part (a registry `profile` key), unshaped."""
        return self._models[name].objects.published().of_country(self.country)

    @cached_property
    def _laws_for_api(self):
        return list(self.part("laws").for_api())

    def for_api(self, name):
        """One part as the API gives it (`for_api()`), evaluated. Its rows take the country and the laws from
        those loaded once for the whole profile (`knowing`), instead of a joined copy per row."""
        if name == "laws":
            return self._laws_for_api
        known = {
            type(self.country): {self.country.pk: self.country},
            self._models["laws"]: {law.pk: law for law in self._laws_for_api},
        }
        return list(self.part(name).for_api().knowing(known))

    @cached_property
    def summary(self):
        """The report itself (title, date, overview, source), or None if it is not published."""
        return CountryProfile.objects.published().filter(country=self.country).first()

    @cached_property
    def rules_date(self):
        """The date the codebook's rules are shown for: the report's, or today without one."""
        return report_rules_date(self.summary)

    def other_laws(self):
        """Laws the report cites outside its numbered list."""
        return self.part("laws").exclude(list_entries__publication_status=Status.PUBLISHED)


def country_profile(country):
    return CountryProfileRecords(country)
