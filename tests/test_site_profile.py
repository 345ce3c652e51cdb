"""A researcher reads a country profile: every section in report order, every record the database holds.

These tests read the database (the seeded Kazakhstan fixtures plus a synthetic country) and check that the
profile page shows each published figure, treaty, article, law, news item and the rest, with the correction
notes where the source is wrong, and nothing that is a draft.
"""

import re

import pytest
from django.utils.html import escape

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

pytestmark = pytest.mark.django_db

CORRECTED_MODELS = [
    CountryProfile, SectorFigure, ConstitutionalArticle, LawListEntry, TreatyStatus, RankingSubScore, NewsItem,
    Barrier, KeyIndicator, IndicatorBreakdown, Section, ConstitutionalAmendment, LegislativeInitiative,
    OrganizationalForm, LegalDefinition, TaxProvision, Resource, AtAGlanceRow, PublicParticipationItem,
]  # fmt: skip


@pytest.fixture
def countries(synthetic_profile):
    """Every published country: the seeded ones and a synthetic one with drafts."""
    return list(Country.objects.published())


def profile_html(client, country):
    response = client.get(country.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_profile_shows_every_published_record_of_the_country(client, countries):
    for country in countries:
        html = profile_html(client, country)
        mine = {"country": country}
        for figure in SectorFigure.objects.published().filter(**mine):
            assert escape(figure.printed_value) in html, figure
            assert escape(figure.sentence) in html, figure
        for status in TreatyStatus.objects.published().filter(**mine).select_related("treaty"):
            assert status.treaty.get_absolute_url() in html, status
        for model in (ConstitutionalArticle, Law, NewsItem, Barrier, LegislativeInitiative, OrganizationalForm):
            for record in model.objects.published().filter(**mine):
                assert f'href="{record.get_absolute_url()}"' in html, record
        for entry in LawListEntry.objects.published().filter(**mine):
            assert f'id="law-entry-{entry.position}" value="{entry.position}"' in html
            assert escape(entry.printed_text) in html, entry
        for ranking in Ranking.objects.published().filter(**mine).select_related("index"):
            assert escape(ranking.index.name) in html
        for indicator in KeyIndicator.objects.published().filter(**mine):
            assert escape(indicator.name) in html
        for amendment in ConstitutionalAmendment.objects.published().filter(**mine):
            assert f'id="amendment-{amendment.slug}"' in html
        for definition in LegalDefinition.objects.published().filter(**mine):
            assert escape(definition.term) in html and escape(definition.definition) in html
        for provision in TaxProvision.objects.published().filter(**mine):
            assert escape(provision.title) in html
        for item in PublicParticipationItem.objects.published().filter(**mine):
            assert escape(item.name) in html
        for resource in Resource.objects.published().filter(**mine):
            assert escape(resource.title) in html
        for row in AtAGlanceRow.objects.published().filter(**mine):
            assert escape(row.label) in html


def test_sections_come_in_report_order_with_a_table_of_contents_and_back_to_top_links(client, countries):
    for country in countries:
        html = profile_html(client, country)
        anchors = [section_anchor(kind) for kind in SectionKind.values]  # the ids the API's html links point at
        positions = [html.index(f'<section id="{anchor}"') for anchor in anchors]
        assert positions == sorted(positions)
        toc = html[html.index('class="toc"') : html.index("</nav>", html.index('class="toc"'))]
        assert [a for a in re.findall(r'href="#([\w-]+)"', toc) if not a.startswith("barrier-")] == anchors
        for barrier in Barrier.objects.published().filter(country=country):
            assert f'href="#barrier-{barrier.slug}"' in toc and f'id="barrier-{barrier.slug}"' in html
        assert html.count('href="#top">Back to top</a>') >= len(anchors)


def test_the_profile_states_when_it_was_last_updated_and_where_it_comes_from(client, countries):
    for country in countries:
        profile = CountryProfile.objects.get(country=country)
        html = profile_html(client, country)
        assert f'Last updated <time datetime="{profile.last_updated.isoformat()}">' in html
        assert escape(profile.source) in html


def test_values_the_source_got_wrong_show_with_a_visible_correction_note(client, countries):
    notes = 0
    for country in countries:
        html = profile_html(client, country)
        for model in CORRECTED_MODELS:
            published = model.objects.published()
            field = "country" if hasattr(model, "country") else None
            rows = published.filter(country=country) if field else published
            if model is RankingSubScore:
                rows = published.filter(ranking__country=country)
            if model is IndicatorBreakdown:
                rows = published.filter(indicator__country=country)
            for record in rows.exclude(correction_note=""):
                assert escape(record.correction_note) in html, (model, record)
                notes += 1
        assert '<p class="correction" role="note"><strong>Correction:</strong>' in html
    assert notes > 0


def test_drafts_never_reach_the_profile(client, countries):
    html = profile_html(client, Country.objects.get(iso2="ZZ"))
    assert "Secret draft" not in html
    assert "secret-draft" not in html


def test_rich_text_is_rendered_from_markdown_and_sanitised(client, countries):
    html = profile_html(client, Country.objects.get(iso2="ZZ"))
    assert "<strong>diverse</strong>" in html
    assert "<script>alert" not in html


def test_kazakhstan_profile_reads_like_the_report(client):
    """The seeded profile: the figures the brief names, the Fragile States scale reversed, sub-score scales."""
    country = Country.objects.get(iso2="KZ")
    html = profile_html(client, country)
    assert "Civic Freedom Monitor: Kazakhstan" in html
    assert "position 69 among 179 (1 = best)" in html  # Fragile States: 111 on 179 (best) .. 1 (worst)
    assert "5 on a 0 (worst) to 40 (best) scale" in html and "18 on a 0 (worst) to 60 (best) scale" in html
    assert "Registered CSOs (organizations): 1997: 1,600; 2016: ~14,500; 2023: 23,335." in html


def test_a_figure_under_a_draft_barrier_still_shows_in_its_section(client, countries):
    barrier = Barrier.objects.get(country__iso2="ZZ", slug="barrier-1")
    barrier.publication_status = "draft"
    barrier.save()
    html = profile_html(client, Country.objects.get(iso2="ZZ"))
    assert "Barrier number 1" not in html
    assert "Minimum founders 1" in html
