"""A researcher reads a country: key facts first on the profile, then the report, a section a page or whole.

These tests read the database (the seeded Kazakhstan fixtures plus a synthetic country) and check that the
profile opens with what matters (ratings on their own scales, the report's "At a glance" table, recent changes
in the law, the report's contents), that every section has its page, that the whole report shows each
published record with its correction note (facts in full, printed errors as a marker listed once at the end),
and that nothing that is a draft shows.
"""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from core.choices import CorrectionKind
from countries.models import (
    AtAGlanceRow,
    Barrier,
    Country,
    CountryProfile,
    PublicParticipationItem,
    Section,
    SectionKind,
    SectorFigure,
    section_anchor,
)
from editorial.content import country_lookup
from laws.models import (
    ConstitutionalAmendment,
    ConstitutionalArticle,
    Law,
    LawListEntry,
    LegalDefinition,
    LegislativeInitiative,
    TreatyStatus,
)
from news.models import NewsItem, Resource
from organizations.models import OrganizationalForm, TaxProvision
from rankings.models import IndicatorBreakdown, KeyIndicator, Ranking, RankingSubScore
from tests.seed import seeded_records

pytestmark = pytest.mark.django_db

CORRECTED_MODELS = [
    CountryProfile, SectorFigure, ConstitutionalArticle, LawListEntry, TreatyStatus, RankingSubScore, NewsItem,
    Barrier, KeyIndicator, IndicatorBreakdown, Section, ConstitutionalAmendment, LegislativeInitiative,
    OrganizationalForm, LegalDefinition, TaxProvision, Resource, AtAGlanceRow, PublicParticipationItem,
]  # fmt: skip
SECTION_ANCHORS = [section_anchor(kind) for kind in SectionKind.values]


@pytest.fixture
def countries(synthetic_profile):
    """The seeded country and a synthetic one with drafts."""
    return [Country.objects.get(iso2="KZ"), synthetic_profile.country]


DRAFT_SLUGS = {"secret-draft-law", "secret-draft-news"}  # build_profile's two drafts


def record_country(fields):
    """The country code of a fixture record: its own, or its parent's (a sub-score's ranking...)."""
    key = fields.get("country") or fields.get("ranking") or fields.get("indicator")
    return key[0]


def expected_records(model, country):
    """The records of `country` its report must show, taken from the data, not from `published()`: for the
    seeded country those of the fixture files, for the synthetic one all that build_profile made but its drafts."""
    if country.iso2 == "KZ":
        pks = [pk for pk, fields in seeded_records(model) if record_country(fields) == "KZ"]
        assert pks, model
        return list(model.objects.filter(pk__in=pks))
    rows = model.objects.filter(**{country_lookup(model): country})
    if any(field.name == "slug" for field in model._meta.fields):
        rows = rows.exclude(slug__in=DRAFT_SLUGS)
    assert rows, model
    return list(rows)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def profile_html(client, country):
    return page(client, country.get_absolute_url())


def report_html(client, country):
    return page(client, reverse("country-report", kwargs={"code": country.iso2.lower()}))


def section_html(client, country, anchor):
    return page(client, reverse("country-section", kwargs={"code": country.iso2.lower(), "section": anchor}))


def test_the_whole_report_shows_every_published_record_of_the_country(client, countries):
    for country in countries:
        html = report_html(client, country)
        for figure in expected_records(SectorFigure, country):
            assert escape(figure.printed_value) in html, figure
            assert escape(figure.sentence) in html, figure
        for status in expected_records(TreatyStatus, country):
            assert status.treaty.get_absolute_url() in html, status
        for model in (ConstitutionalArticle, Law, NewsItem, Barrier, LegislativeInitiative, OrganizationalForm):
            for record in expected_records(model, country):
                assert f'href="{record.get_absolute_url()}"' in html, record
        for entry in expected_records(LawListEntry, country):
            assert f'id="law-entry-{entry.position}" value="{entry.position}"' in html
            assert escape(entry.printed_text) in html, entry
        for ranking in expected_records(Ranking, country):
            assert escape(ranking.index.name) in html
        for indicator in expected_records(KeyIndicator, country):
            assert escape(indicator.name) in html
        for amendment in expected_records(ConstitutionalAmendment, country):
            assert f'id="amendment-{amendment.slug}"' in html
        for definition in expected_records(LegalDefinition, country):
            assert escape(definition.term) in html and escape(definition.definition) in html
        for provision in expected_records(TaxProvision, country):
            assert escape(provision.title) in html
        for item in expected_records(PublicParticipationItem, country):
            assert escape(item.name) in html
        for resource in expected_records(Resource, country):
            assert escape(resource.title) in html
        for row in expected_records(AtAGlanceRow, country):
            assert escape(row.label) in html


def test_the_report_has_its_sections_in_report_order_and_a_page_for_each(client, countries):
    for country in countries:
        html = report_html(client, country)
        positions = [html.index(f'<section id="{anchor}" class="report-section"') for anchor in SECTION_ANCHORS]
        assert positions == sorted(positions)
        toc = html[html.index('class="toc"') : html.index("</nav>", html.index('class="toc"'))]
        assert re.findall(r'href="#([\w-]+)"', toc) == SECTION_ANCHORS
        for barrier in expected_records(Barrier, country):
            assert f'id="barrier-{barrier.slug}"' in html
        # Each section on its own page: its title as the page's h1, and the sections before and after it.
        for position, (_kind, title) in enumerate(SectionKind.choices):
            html = section_html(client, country, SECTION_ANCHORS[position])
            assert f'<h1 id="{SECTION_ANCHORS[position]}-heading">{escape(title)}</h1>' in html
            assert html.count("<h1") == 1
            if position > 0:
                assert (
                    f'rel="prev" href="/countries/{country.iso2.lower()}/report/{SECTION_ANCHORS[position - 1]}/"'
                    in html
                )
            if position < len(SECTION_ANCHORS) - 1:
                assert (
                    f'rel="next" href="/countries/{country.iso2.lower()}/report/{SECTION_ANCHORS[position + 1]}/"'
                    in html
                )


def test_an_unknown_section_is_a_404(client):
    assert client.get("/countries/kz/report/no-such-section/").status_code == 404
    assert client.get("/countries/zz/report/overview/").status_code == 404  # no such country


def test_the_profile_opens_with_key_facts_then_the_contents_of_the_report(client):
    country = Country.objects.get(iso2="KZ")
    html = profile_html(client, country)
    key_facts = html[html.index('id="key-facts-heading"') : html.index('id="toc-heading"')]
    # The headline ratings, each on its own scale as printed (no index turned into another's terms).
    assert "Fragile States Index" in key_facts and "111 on a scale from 179 (best) to 1 (worst)" in key_facts
    assert "5 on a scale from 40 (best) to 0 (worst)" in key_facts
    assert "position 69 among 179" not in html
    # The report's own summary table, "None" as an explicit sentence.
    for row in AtAGlanceRow.objects.published().filter(country=country):
        assert escape(row.label) in key_facts
    assert key_facts.count("No barriers stated in the report’s summary") == 3
    assert ">None<" not in html
    # What changed recently in the law, and the news: the latest dated events, newest first, linked. The heading
    # says news too: a news item ("former minister arrested") is not a change in the law.
    recent = key_facts[key_facts.index('id="recent-heading"') :]
    assert recent.startswith('id="recent-heading">Recent changes and news</h3>')
    latest_news = NewsItem.objects.published().filter(country=country).order_by("-published_on").first()
    assert f'href="{latest_news.get_absolute_url()}"' in recent
    assert "The law on Online Platforms and Online Advertising" in recent
    # a rule coming into force is a change in the law too (the newest one, September 2023, was left out)
    assert '<time datetime="2023-09-10">September 10, 2023</time>' in recent and "Rule in force" in recent
    # Then every section of the report, each a link to its page.
    toc = html[html.index('id="toc-heading"') : html.index("</nav>", html.index('id="toc-heading"'))]
    for anchor in SECTION_ANCHORS:
        assert f'href="/countries/kz/report/{anchor}/"' in toc
    assert 'href="/countries/kz/report/"' in html  # and the whole report on one page


def test_the_profile_states_when_it_was_last_updated_and_where_it_comes_from(client, countries):
    for country in countries:
        profile = CountryProfile.objects.get(country=country)
        html = profile_html(client, country)
        assert f'Last updated <time datetime="{profile.last_updated.isoformat()}">' in html
        assert escape(profile.source) in html


def test_a_correction_of_fact_shows_in_full_and_a_printed_error_as_a_marker_listed_once(client, countries):
    facts = typos = 0
    for country in countries:
        html = report_html(client, country)
        end = html[html.index('id="printed-errors-heading"') :] if "printed-errors-heading" in html else ""
        for model in CORRECTED_MODELS:
            for record in (record for record in expected_records(model, country) if record.correction_note):
                note = escape(record.correction_note)
                if record.correction_kind == CorrectionKind.TYPO:
                    assert f'<p class="correction" role="note"><strong>Correction:</strong> {note}</p>' not in html
                    assert end.count(f">{note} <a href=") == 1, (model, record)  # listed once, however often printed
                    typos += 1
                else:
                    assert f'<p class="correction" role="note"><strong>Correction:</strong> {note}</p>' in html, record
                    facts += 1
    seeded_notes = sum(
        1 for model in CORRECTED_MODELS for _, fields in seeded_records(model) if fields["correction_note"]
    )
    assert facts + typos == seeded_notes + 1 > 30  # the fixture files' notes, and the synthetic sub-score's
    assert facts > 0 and typos > 0


def test_the_same_printed_error_is_noted_once_per_page(client):
    """ "AAstana" is printed in two figures of one barrier: one marker, one entry in the list."""
    figure = SectorFigure.objects.get(country__iso2="KZ", slug="regional-pa-minimum-oblasts")
    note = figure.correction_note
    assert SectorFigure.objects.filter(country__iso2="KZ", correction_note=note).count() == 2
    html = page(client, figure.get_absolute_url())
    marker = re.findall(
        r'class="typo-marker" id="(printed-error-\d+)-ref" href="#\1"[^>]*>[^<]*<span[^>]*>([^<]*)</span>', html
    )
    assert [text for _, text in marker].count(escape(note)) == 1
    # each entry of the list leads back to its marker (on a phone, tapping the marker jumps to the list)
    listed = re.findall(r'<li id="(printed-error-\d+)" value="\d+">([^<]*) <a href="#\1-ref"', html)
    assert [text for _, text in listed].count(escape(note)) == 1
    assert dict(marker)[[a for a, t in listed if t == escape(note)][0]] == escape(note)


def test_drafts_never_reach_the_profile_or_the_report(client, countries):
    country = Country.objects.get(iso2="ZZ")
    for html in (profile_html(client, country), report_html(client, country)):
        assert "Secret draft" not in html
        assert "secret-draft" not in html


def test_rich_text_is_rendered_from_markdown_and_sanitised(client, countries):
    html = section_html(client, Country.objects.get(iso2="ZZ"), "overview")
    assert "<strong>diverse</strong>" in html
    assert "<script>alert" not in html


def test_kazakhstan_report_reads_like_the_report(client):
    """The seeded report: each index on its own scale, sub-scores on theirs, the CSO counts as worded."""
    country = Country.objects.get(iso2="KZ")
    html = section_html(client, country, "rankings")
    assert "111 on a scale from 179 (best) to 1 (worst)" in html  # Fragile States: 179 is best
    assert "5 on a scale from 40 (best) to 0 (worst)" in html and "18 on a scale from 60 (best) to 0 (worst)" in html
    assert "67 on a scale from 1 (best) to 193 (worst)" in html
    html = section_html(client, country, "overview")
    assert "1997 · CSOs in Kazakhstan: <strong>1,600</strong>" in html
    assert "2023 · Registered CSOs: <strong>23,335</strong>" in html


def test_layout_leftovers_of_the_source_are_gone(client):
    """Table headers and duplicated lines of the source's layout are not shown as prose."""
    html = report_html(client, Country.objects.get(iso2="KZ"))
    assert "Ranking Body Rank Ranking Scale" not in html
    assert "Key International Agreements Ratification" not in html
    assert "Regional Treaties" not in html
    assert html.count("Relevant provisions in the Constitution") == 1
    assert html.count("The World Factbook") == 1
    assert html.count("Category includes ratification, accession, or succession to the treaty") == 1
    for resource in Resource.objects.published().filter(country__iso2="KZ"):
        assert html.count(escape(resource.title)) == 1  # the reports are listed once


def test_a_figure_under_a_draft_barrier_still_shows_in_its_section(client, countries):
    barrier = Barrier.objects.get(country__iso2="ZZ", slug="barrier-1")
    barrier.publication_status = "draft"
    barrier.save()
    html = section_html(client, Country.objects.get(iso2="ZZ"), "barriers")
    assert "Barrier number 1" not in html
    assert "Minimum founders 1" in html


def test_the_whole_report_shows_a_figure_once_under_its_barrier_or_else_in_its_section(client, countries):
    """The whole report reads the figures once, for the overview's series and every section's figures: a figure
    under a published barrier shows with it and not again in its section; under a draft barrier, in its section."""
    country = Country.objects.get(iso2="ZZ")
    barrier = Barrier.objects.get(country=country, slug="barrier-1")
    html = report_html(client, country)
    assert "Barrier number 1" in html
    assert html.count("Minimum founders 1") == 1
    barrier.publication_status = "draft"
    barrier.save()
    html = report_html(client, country)
    assert "Barrier number 1" not in html
    assert html.count("Minimum founders 1") == 1
