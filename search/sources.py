"""What is searchable: one `Source` per content model, saying how a public record becomes a search document.

Each source starts from the model's `.published()` queryset, so the index holds exactly what the public may
see. A document depends only on its record and the record's country: that is the invariant the signals in
`search.signals` keep (a record's save re-indexes the record, a country's save re-indexes the country).
Every hit links to the record's `get_absolute_url()`: its own page, or the section of the profile that shows it.
"""

import re
from dataclasses import dataclass

from codebook.models import Answer, AnswerStatus
from countries.models import Barrier, CountryProfile, Section, SectorFigure
from laws.models import (
    ConstitutionalAmendment,
    ConstitutionalArticle,
    Law,
    LegalDefinition,
    LegislativeInitiative,
    TreatyStatus,
)
from news.models import NewsItem, Resource
from organizations.models import OrganizationalForm, TaxProvision

# Characters the PostgreSQL highlighter uses to mark matches; they are stripped from indexed text so that
# every one of them in a headline is a marker.
MARK_START = "\x02"
MARK_STOP = "\x03"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# Block marks at a line's start, emphasis and code marks; an underscore only where it opens or closes emphasis, not
# inside a word (a question's key, "see assembly_de_facto_approval", was indexed and shown "assemblydefactoapproval").
_MARKDOWN_MARKS = re.compile(r"(^|\s)[#>*-]+\s|[*`]{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)", re.MULTILINE)


def plain_text(value):
    """Markdown as plain text for matching and snippets: links keep their words, markup goes."""
    value = _CONTROL.sub(" ", value or "")
    value = _MARKDOWN_LINK.sub(r"\1", value)
    value = _MARKDOWN_MARKS.sub(r"\1", value)
    return re.sub(r"\s+", " ", value).strip()


def join(*parts):
    return " · ".join(part for part in (plain_text(p) for p in parts) if part)


def year_of(*dates):
    return next((d.year for d in dates if d), None)


@dataclass(frozen=True)
class Source:
    """How one content model is indexed: its record type, its public queryset and its document fields."""

    record_type: str
    label: str
    model: type
    document: callable
    # Rank multiplier: primary legal records (laws, articles, barriers, definitions...) are what a researcher
    # looks for, so narrative passages, figures, reports and dated news about the same words rank a little lower.
    prior: float = 1.0

    def queryset(self):
        return self.model.objects.published().for_link()

    def build(self, record):
        """The document's fields for one public record."""
        fields = self.document(record)
        country = record.country
        return {
            "record_type": self.record_type,
            "country": country,
            "country_code": country.iso2,
            "country_name": country.name,
            "year": fields.get("year"),
            "title": plain_text(fields["title"])[:600],
            "summary": plain_text(fields.get("summary", "")),
            # The correction note says what a garbled source meant ("AAstana" is Astana): searchable too.
            "body": " ".join(filter(None, (plain_text(fields.get("body", "")), plain_text(record.correction_note)))),
            "url": record.get_absolute_url(),
            "position": getattr(record, "order", 0) or 0,
            "weight": fields.get("weight", 1.0),
        }


def _law(law):
    return {
        "title": law.title,
        "summary": join(law.short_title, law.get_kind_display(), law.number, law.issuer, law.adopted_display),
        "body": law.summary,
        "year": year_of(law.adopted_on),
    }


def _article(article):
    # An article's text is short and is the record itself, so it weighs as a summary, not as narrative.
    return {
        "title": f"Article {article.number} of the Constitution",
        "summary": plain_text(article.text),
    }


def _amendment(amendment):
    articles = f"Article {amendment.article_numbers}" if amendment.article_numbers else ""
    return {
        "title": amendment.title,
        "summary": join("Constitutional amendment", articles, amendment.adopted_display),
        "body": amendment.summary,
        "year": year_of(amendment.adopted_on),
    }


def _initiative(initiative):
    return {
        "title": initiative.title,
        "summary": join(initiative.get_stage_display(), initiative.status_text),
        "body": initiative.description,
        "year": year_of(initiative.started_on, initiative.status_as_of),
    }


def _barrier(barrier):
    return {
        "title": barrier.title,
        "summary": join(barrier.get_category_display(), barrier.summary),
        "body": barrier.narrative,
    }


def _section(section):
    return {
        "title": section.title,
        "summary": section.get_kind_display(),
        "body": section.body,
    }


def _profile(profile):
    updated = profile.last_updated
    return {
        "title": profile.title,
        "summary": join("Overview", f"Last updated {updated:%B} {updated.day}, {updated.year}"),
        "body": join(profile.overview, profile.contact_note),
        "year": profile.last_updated.year,
    }


def _form(form):
    return {
        "title": form.name,
        "summary": join("Organizational form", form.code_article),
        "body": form.description,
    }


def _definition(definition):
    # "Sponsorship (form of charity)": a bare term says too little in a list of hits.
    kind = definition.get_kind_display().lower()
    return {
        "title": f"{definition.term} ({kind})",
        "summary": definition.added_display,
        "body": join(definition.definition, definition.note),
        "year": year_of(definition.added_on),
    }


def _tax(provision):
    return {
        "title": f"{provision.article} {provision.title}".strip(),
        "summary": join("Tax provision", provision.get_kind_display()),
        "body": provision.summary,
    }


def _figure(figure):
    return {
        "title": figure.metric,
        "summary": join(figure.printed_value, figure.unit, figure.as_of_display),
        "body": figure.sentence,
        "year": year_of(figure.as_of) or figure.period_end,
    }


def _resource(resource):
    return {
        "title": resource.title,
        "summary": join("Report", resource.get_kind_display()),
        "body": resource.description,
    }


def _news(item):
    return {
        "title": item.title,
        "summary": join(item.summary),
        "body": "",
        "year": item.published_on.year,
    }


def _treaty_status(status):
    # "unratified" is the word `search.vocabulary` maps "not ratified" to ("not" is a stop word in PostgreSQL).
    treaty = status.treaty
    state = (
        f"ratified {status.year}"
        if status.ratified and status.year
        else "ratified"
        if status.ratified
        else "not ratified"
    )
    return {
        "title": f"{treaty.abbreviation or treaty.name}: {state}".strip(),
        "summary": join("Treaty status", treaty.get_kind_display()),
        "body": join(treaty.name, status.printed_name, "" if status.ratified else "unratified"),
        "year": status.year,
    }


# Rank multipliers of codebook answers beside each other (SearchDocument.weight): the question's words are the same
# in each of its answers, so a rule the report does not state, or one that has ended, came first as often as not.
NOT_STATED_WEIGHT = 0.5
ENDED_WEIGHT = 0.75


def _answer_weight(answer):
    if answer.status == AnswerStatus.NOT_STATED:
        return NOT_STATED_WEIGHT
    return ENDED_WEIGHT if answer.valid_to else 1.0


def _answer(answer):
    # The question travels with its answer (a question alone belongs to no country): "founders" finds the
    # country's minimum, "notification" the regime the answer names.
    question = answer.question
    return {
        "title": answer.headline,
        "summary": join("Codebook", question.get_category_display(), answer.period_display),
        "body": join(answer.note, question.coding_rules),
        "year": year_of(answer.valid_from),
        # "how many founders does an association need?" found "Minimum age of a founder...: Not stated" first
        "weight": _answer_weight(answer),
    }


SOURCES = (
    Source("law", "Laws", Law, _law),
    Source("constitutional_article", "Constitutional articles", ConstitutionalArticle, _article),
    Source("constitutional_amendment", "Constitutional amendments", ConstitutionalAmendment, _amendment),
    Source("initiative", "Legislative initiatives", LegislativeInitiative, _initiative),
    Source("barrier", "Legal barriers", Barrier, _barrier),
    Source("section", "Report sections", Section, _section, prior=0.85),
    Source("profile", "Country profiles", CountryProfile, _profile, prior=0.85),
    Source("organizational_form", "Organizational forms", OrganizationalForm, _form),
    Source("legal_definition", "Legal definitions", LegalDefinition, _definition),
    Source("tax_provision", "Tax provisions", TaxProvision, _tax),
    Source("sector_figure", "Sector figures", SectorFigure, _figure, prior=0.7),
    Source("report", "Reports and links", Resource, _resource, prior=0.85),
    Source("news", "News", NewsItem, _news, prior=0.7),
    Source("treaty_status", "Treaty ratifications", TreatyStatus, _treaty_status),
    Source("codebook_answer", "Codebook answers", Answer, _answer),
)
SOURCES_BY_TYPE = {source.record_type: source for source in SOURCES}
SOURCES_BY_MODEL = {source.model: source for source in SOURCES}
RECORD_TYPE_LABELS = {source.record_type: source.label for source in SOURCES}
