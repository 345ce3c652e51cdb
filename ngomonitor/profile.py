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

# The parts other parts name (by a foreign key or a many-to-many link), each loaded before those that follow it.
LINKED_PARTS = ("laws", "constitutional_articles", "initiatives")


class CountryProfileRecords:
    """The parts of one country's profile, each a lazy QuerySet of the country's published records."""

    def __init__(self, country):
        self.country = country
        self._models = {entry.profile: entry.model for entry in PROFILE_ENTRIES}
        self._loaded = {}
        self._listed = {}

    def part(self, name):
        """The published records of one part (a registry `profile` key), unshaped. The country first, so that
        `published()` reads its status from the object in hand (`country_checked_in_hand`)."""
        return self._models[name].objects.of_country(self.country).published()

    def for_api(self, name):
        """One part as the API gives it (`for_api()`), evaluated once. Its rows take the country, and the laws,
        articles and initiatives they name, from those loaded for the whole profile (`knowing`): a joined copy per
        row cost a third of the profile's time."""
        if name not in self._loaded:
            known = {type(self.country): {self.country.pk: self.country}}
            for linked in LINKED_PARTS[: LINKED_PARTS.index(name) if name in LINKED_PARTS else None]:
                known[self._models[linked]] = {record.pk: record for record in self.for_api(linked)}
            self._loaded[name] = list(self.part(name).for_api().knowing(known))
        return self._loaded[name]

    def listed(self, name):
        """One part as an HTML list shows it (`for_list()`), read once for the page that asks twice: the whole
        report shows every figure in the overview's series and the figures of each section under it."""
        if name not in self._listed:
            self._listed[name] = list(self.part(name).for_list())
        return self._listed[name]

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
