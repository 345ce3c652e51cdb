"""The country report as pages: one page per section of the report, and all of them on one page.

The profile (`/countries/kz/`) is a summary a researcher reads in one screen; each section of the report has
its own page (`/countries/kz/report/barriers/`), linked from the profile's contents, and the whole report is
on one page too (`/countries/kz/report/`), for printing and for searching in the page. Every record without
a page of its own links to its section's page (`countries.models.section_url`).

`report_sections(records, kinds)` loads only what the requested sections show: each section kind has a
loader that reads the profile selector (`ngomonitor.profile`) in the shape the page needs, so a section page
costs a few queries and the whole report a fixed number, whatever the data size.
"""

from dataclasses import dataclass, field

from codebook.related import barrier_subject, rule_counts
from countries.models import SectionKind, section_anchor

from .charts import figure_series, ranking_rows

SECTION_KINDS = SectionKind.values
SECTION_BY_ANCHOR = {section_anchor(kind): kind for kind in SECTION_KINDS}


@dataclass
class ReportSection:
    """One section of the report on a page: heading, anchor, narrative passages, its records (`parts`) and
    the figures its text states (shown folded at its end)."""

    kind: str
    title: str
    passages: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    parts: dict = field(default_factory=dict)

    @property
    def anchor(self):
        """The section's id on the page and the last part of its page's URL."""
        return section_anchor(self.kind)

    @property
    def template(self):
        return f"countries/sections/{self.kind}.html"


def passage_shows_title(passage, section_title):
    """A passage's own heading is shown unless it repeats the section's heading or the passage's first words
    (the report's "Relevant provisions in the Constitution include:" needs no heading saying the same)."""
    title = passage.title.strip().lower()
    return title != section_title.strip().lower() and not passage.body.strip().lower().startswith(title)


def _lines(records, part):
    return records.part(part).for_list()


def _overview(records):
    """The overview narrative, and the counts the report states in several years (from every section)."""
    return {"profile": records.summary, "series": figure_series(records.listed("sector_figures"))}


def _rankings(records):
    return {"rows": ranking_rows(_lines(records, "rankings"))}


def _laws(records):
    return {"entries": _lines(records, "law_list"), "other_laws": records.other_laws().for_list()}


def _public_benefit(records):
    return {"definitions": _lines(records, "legal_definitions"), "tax_provisions": _lines(records, "tax_provisions")}


def _barriers(records):
    """Each barrier with the number of the codebook's rules on its subject in force on the report's date, which its
    page shows (none for a part of a barrier: its rules are the whole barrier's; see `codebook.related`). The
    report links to them rather than printing them: the whole report is the report, and 66 rules' tables made it a
    third slower and 33 KB longer."""
    barriers = list(records.part("barriers").for_page())
    subjects = {barrier_subject(barrier) for barrier in barriers if not barrier.part} - {None}
    counts = rule_counts(records.country, subjects, records.rules_date) if subjects else {}
    pairs = [(barrier, 0 if barrier.part else counts.get(barrier_subject(barrier), 0)) for barrier in barriers]
    return {"barriers": pairs, "rules_date": records.rules_date}


def _reports(records):
    return {"reports": _lines(records, "reports"), "profile": records.summary}


def _one(part, name):
    def load(records):
        return {name: _lines(records, part)}

    return load


LOADERS = {
    SectionKind.OVERVIEW: _overview,
    SectionKind.AT_A_GLANCE: _one("at_a_glance", "rows"),
    SectionKind.KEY_INDICATORS: _one("key_indicators", "indicators"),
    SectionKind.RANKINGS: _rankings,
    SectionKind.TREATIES: _one("treaty_statuses", "statuses"),
    SectionKind.CONSTITUTION: _one("constitutional_articles", "articles"),
    SectionKind.AMENDMENTS: _one("constitutional_amendments", "amendments"),
    SectionKind.LAWS: _laws,
    SectionKind.INITIATIVES: _one("initiatives", "initiatives"),
    SectionKind.ORGANIZATIONAL_FORMS: _one("organizational_forms", "forms"),
    SectionKind.PUBLIC_BENEFIT: _public_benefit,
    SectionKind.BARRIERS: _barriers,
    SectionKind.PUBLIC_PARTICIPATION: _one("public_participation", "items"),
    SectionKind.REPORTS: _reports,
    SectionKind.NEWS: _one("news", "news"),
}


def report_sections(records, kinds=SECTION_KINDS):
    """The given sections of a country's report, in report order, each with its passages, records and figures.

    A figure stated under a published barrier is shown with that barrier (see the barriers' `for_page()`), so
    it is left out of its own section's figures (its barrier is joined to it: `for_list()`).
    """
    labels = dict(SectionKind.choices)
    sections = {kind: ReportSection(kind, labels[kind]) for kind in SECTION_KINDS if kind in kinds}
    for passage in _lines(records, "sections").filter(kind__in=list(sections)):
        passage.show_title = passage_shows_title(passage, labels[passage.kind])
        sections[passage.kind].passages.append(passage)
    if SectionKind.OVERVIEW in sections:  # its series reads every figure: the sections' come from the same rows
        figures = [figure for figure in records.listed("sector_figures") if figure.section in sections]
    else:
        figures = _lines(records, "sector_figures").filter(section__in=list(sections))
    for figure in figures:
        if figure.barrier is None or not figure.barrier.is_published:
            sections[figure.section].figures.append(figure)
    for kind, section in sections.items():
        section.parts = LOADERS[kind](records)
    return list(sections.values())


def neighbours(kind):
    """The sections before and after `kind` in report order, as (kind, title) or None."""
    labels = dict(SectionKind.choices)
    position = SECTION_KINDS.index(kind)
    before = SECTION_KINDS[position - 1] if position > 0 else None
    after = SECTION_KINDS[position + 1] if position + 1 < len(SECTION_KINDS) else None
    return tuple(ReportSection(other, labels[other]) if other else None for other in (before, after))


# One line under each entry of the profile's contents: what the section holds.
SECTION_SUMMARIES = {
    SectionKind.OVERVIEW: "How civil society and its legal environment developed; the number of CSOs over time.",
    SectionKind.AT_A_GLANCE: "The report's one-table summary: forms, registration body, barriers in a line each.",
    SectionKind.KEY_INDICATORS: "Population, life expectancy, literacy, religious and ethnic groups, GDP.",
    SectionKind.RANKINGS: "International rankings and indices, each on its own scale.",
    SectionKind.TREATIES: "Which human rights treaties the country has ratified, and when.",
    SectionKind.CONSTITUTION: "The constitution and its articles on rights and freedoms.",
    SectionKind.AMENDMENTS: "The 2022 constitutional amendments.",
    SectionKind.LAWS: "The report's numbered list of laws and regulations, and other acts it cites.",
    SectionKind.INITIATIVES: "Draft laws and regulations pending, and where they stand.",
    SectionKind.ORGANIZATIONAL_FORMS: "The legal forms of non-commercial organizations, and registration.",
    SectionKind.PUBLIC_BENEFIT: "Charity law, definitions, charitable status, tax benefits.",
    SectionKind.BARRIERS: "Legal barriers to entry, activity, speech, international contact, resources, assembly.",
    SectionKind.PUBLIC_PARTICIPATION: "Laws, institutions and mechanisms of public participation.",
    SectionKind.REPORTS: "UN, U.S. State Department, IMF and ICNL reports on the country.",
    SectionKind.NEWS: "News on the legal environment, newest first.",
}


def report_contents():
    """The contents of the report: every section (title, anchor, one-line summary), in report order."""
    labels = dict(SectionKind.choices)
    return [(ReportSection(kind, labels[kind]), SECTION_SUMMARIES[kind]) for kind in SECTION_KINDS]
