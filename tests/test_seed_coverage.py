"""Nothing of the report is lost: every line of the seed report is found in the seeded records.

Prose must appear verbatim in some text field. Table rows and titled lines are split into fields by the
fixtures; for those the printed line is rebuilt from the fields (a ranking from its index name, printed value
and scale; a treaty row from its printed name, Yes/No and year; a news headline from its title, printed date
and language), so a changed field makes the line go missing and this test fail.
"""

import re

import pytest
from django.apps import apps
from django.db import models

from countries.models import AtAGlanceRow, CountryProfile, Section, SectionKind
from laws.models import ConstitutionalArticle, LegalDefinition, TreatyStatus
from news.models import NewsItem
from rankings.models import Ranking
from tests.seed import SEED_REPORT
from tests.support import unavailable

CONTENT_APPS = ["countries", "laws", "organizations", "rankings", "news"]

# Lines that are page furniture rather than content, with the reason they are not stored.
FURNITURE = {
    "Back to Top": "a navigation link of the source web page",
    "General News": "the heading of the news section, which the site renders from NewsItem records",
    "Ranking Body Rank Ranking Scale": "the column headers of the rankings table, which the site draws itself",
    "(best – worst possible)": "the rankings table's scale column header (each scale is stored best and worst)",
    "Key International Agreements Ratification* Year": "the column headers of the treaties table",
    "Regional Treaties": "a row of the treaties table naming the kind of the treaties below it (Treaty.kind)",
    "* Category includes ratification, accession, or succession to the treaty": "the treaties table's "
    "footnote, which the site prints under every treaty table",
}
LANGUAGE_MARK = {"en": " (English)", "ru": " (Russian)", "kk": " (Kazakh)", "": ""}


def norm(text):
    """Compare text as a reader would: no-break spaces, list markers, spacing and end punctuation aside."""
    text = text.replace("\u00a0", " ")
    text = re.sub(r"^\s*(?:•|–|-|\d+[.)])\s+", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?:;\s*and|;|\.)$", "", text).strip()
    return text


def stored_text():
    """Every string of every seeded record, line by line, normalised."""
    lines = []
    for app in CONTENT_APPS:
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            fields = [f.name for f in model._meta.fields if isinstance(f, models.CharField | models.TextField)]
            for row in model.objects.values_list(*fields):
                lines.extend(norm(line) for value in row if value for line in value.split("\n"))
    return " \n ".join(lines)


def rebuilt_lines():
    """The printed form of the records that the fixtures split into fields."""
    lines = []
    for profile in CountryProfile.objects.all():
        lines.append(f"Last updated: {profile.last_updated.day} {profile.last_updated:%B %Y}")
    for row in AtAGlanceRow.objects.all():
        printed = "None" if row.none_stated else row.value.split(chr(10))[0]
        lines.append(f"{row.label} {printed}")
    for ranking in Ranking.objects.select_related("index"):
        first = ranking.printed_value.split("\n")[0]
        lines.append(f"{ranking.index.name} {first} {ranking.index.scale_printed}")
        lines.append(f"{ranking.index.name} {first}")
    for status in TreatyStatus.objects.select_related("treaty"):
        answer = "Yes" if status.ratified else "No"
        lines.append(f"{status.printed_name} {answer} {status.year or ''}")
    for article in ConstitutionalArticle.objects.all():
        lines.append(f"Article {article.number}. {article.text}")
    for item in NewsItem.objects.all():
        lines.append(f"{item.title} ({item.printed_date}){LANGUAGE_MARK[item.language]}")
    for definition in LegalDefinition.objects.all():
        lines.append(f"{definition.term}: “{definition.definition}”")
        lines.append(f"{definition.term}: “{definition.definition}” {definition.note}")
    headings = [label for _, label in SectionKind.choices] + list(Section.objects.values_list("title", flat=True))
    lines.extend(heading.lower() for heading in headings)
    return {norm(line) for line in lines}


def definition_lead_ins():
    """Lines like 'The new law defines “charity” as “…”': the quoted definition is stored; the lead-in is short."""
    return [norm(d) for d in LegalDefinition.objects.values_list("definition", flat=True)]


@pytest.mark.django_db
def test_every_line_of_the_report_is_in_the_seeded_records():
    text = stored_text()
    rebuilt = rebuilt_lines()
    definitions = definition_lead_ins()
    missing = []
    for number, raw in enumerate(SEED_REPORT.read_text(encoding="utf-8").splitlines(), start=1):
        line = norm(raw)
        if not line or line in FURNITURE:
            continue
        if line in text or line in rebuilt or line.lower() in rebuilt:
            continue
        if any(d and d in line and len(line) - len(d) < 60 for d in definitions):
            continue
        missing.append(f"{number}: {line[:100]}")
    assert missing == [], "\n".join(missing)


@pytest.mark.django_db
def test_the_coverage_check_notices_a_lost_paragraph():
    """The check above is only worth something if removing text makes it fail."""
    item = NewsItem.objects.get(country__iso2="KZ", title__startswith="Kazakhstan Arrests Former Interior Minister")
    lost = norm(item.summary)
    assert lost in stored_text()
    item.summary = ""
    item.save()
    assert lost not in stored_text()


def test_the_kept_copy_of_the_report_is_the_shared_seed():
    shared = SEED_REPORT.parents[4] / "shared/seed" / SEED_REPORT.name
    if not shared.exists():
        unavailable(f"no shared seed beside the checkout ({shared})")
    assert SEED_REPORT.read_bytes() == shared.read_bytes()
