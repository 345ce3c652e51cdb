"""The seeded Kazakhstan profile, checked against the seed report it was copied from.

Covers the country, its profile, the at-a-glance table, sections, barriers, public participation items,
organizational forms and tax provisions.
"""

import datetime
import re

import pytest
from django.core.management import call_command

from countries.models import (
    AtAGlanceRow,
    Barrier,
    BarrierCategory,
    Country,
    CountryProfile,
    PublicParticipationItem,
    Section,
    SectionKind,
)
from organizations.models import OrganizationalForm, TaxProvision
from tests.seed import SEED_REPORT

SEED_FILE = SEED_REPORT

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seed_lines():
    return SEED_FILE.read_text(encoding="utf-8").split("\n")


def _content(line):
    """A line without its list marker (source bullets '•', '–', 'N.'; Markdown '-')."""
    return re.sub(r"^\s*(?:[•–-]|\d+\.)\s+", "", line).strip()


@pytest.fixture(scope="module")
def seed_contents(seed_lines):
    return {_content(line) for line in seed_lines if line.strip()}


def _lines(text):
    return [_content(line) for line in text.split("\n") if line.strip()]


def kz():
    return Country.objects.get(iso2="KZ")


# ---------------------------------------------------------------- country and profile


def test_country():
    country = kz()
    assert (country.name, country.slug, country.iso3, country.region) == (
        "Kazakhstan",
        "kazakhstan",
        "KAZ",
        "Central Asia",
    )
    assert country.is_published


def test_profile_fields():
    profile = CountryProfile.objects.get(country__iso2="KZ")
    assert profile.title == "Civic Freedom Monitor: Kazakhstan"
    assert profile.last_updated == datetime.date(2024, 5, 30)
    assert profile.source == "International Center for Not-for-Profit Law (ICNL), Civic Freedom Monitor"
    assert profile.source_url == ""
    assert profile.source_file == "kazakhstan-civic-freedom-monitor.txt"
    assert profile.contact_note.startswith("While we aim to maintain information that is as current")
    assert profile.contact_note.endswith("write to ICNL at ngomonitor@icnl.org.")


def test_profile_last_updated_matches_seed(seed_lines):
    printed = seed_lines[0].removeprefix("Last updated: ")
    assert datetime.datetime.strptime(printed, "%d %B %Y").date() == kz().profile.last_updated


def test_every_overview_paragraph_is_in_the_profile(seed_lines):
    """The overview is everything between the 'Last updated' line and the at-a-glance table."""
    end = next(i for i, line in enumerate(seed_lines) if line.startswith("Organizational Forms "))
    paragraphs = [line for line in seed_lines[1:end] if line.strip()]
    assert len(paragraphs) == 7
    overview = kz().profile.overview
    for paragraph in paragraphs:
        assert paragraph in overview, paragraph[:80]
    # Nothing else, and in report order.
    assert overview == "\n\n".join(paragraphs)


def test_profile_notes_overview_slips():
    note = kz().profile.correction_note
    assert "biannual" in note and "biennial" in note
    assert "improved the regulation" in note


# ---------------------------------------------------------------- at a glance


def test_at_a_glance_rows():
    rows = list(AtAGlanceRow.objects.filter(country__iso2="KZ").order_by("order"))
    assert [row.label for row in rows] == [
        "Organizational Forms",
        "Registration Body",
        "Barriers to Entry",
        "Barriers to Activities",
        "Barriers to Speech and/or Advocacy",
        "Barriers to International Contact",
        "Barriers to Resources",
        "Barriers to Assembly",
    ]
    assert [row.barrier_category for row in rows] == [
        "",
        "",
        BarrierCategory.ENTRY,
        BarrierCategory.ACTIVITY,
        BarrierCategory.SPEECH,
        BarrierCategory.INTERNATIONAL,
        BarrierCategory.RESOURCES,
        BarrierCategory.ASSEMBLY,
    ]
    by_label = {row.label: row.value for row in rows}
    assert by_label["Registration Body"] == "Ministry of Justice"
    # The report prints "None": stored as an empty value flagged "no barriers stated", never the word.
    none_stated = [row.label for row in rows if row.none_stated]
    assert none_stated == [
        "Barriers to Speech and/or Advocacy",
        "Barriers to International Contact",
        "Barriers to Resources",
    ]
    assert all(by_label[label] == "" for label in none_stated)
    assert by_label["Barriers to Entry"] == (
        "Unregistered public associations are prohibited. Foreign citizens and stateless persons cannot form "
        "public associations.\n\nA minimum of 10 citizens required to form public associations"
    )


def test_at_a_glance_values_are_verbatim(seed_lines):
    for row in AtAGlanceRow.objects.filter(country__iso2="KZ"):
        first, *rest = ("None" if row.none_stated else row.value).split("\n\n")
        assert f"{row.label} {first}" in seed_lines, row.label
        for part in rest:
            assert part in seed_lines, part


# ---------------------------------------------------------------- sections


def _kind_index(kind):
    return list(SectionKind.values).index(kind)


def test_section_counts_per_kind():
    counts = {}
    for section in Section.objects.filter(country__iso2="KZ"):
        counts[section.kind] = counts.get(section.kind, 0) + 1
    assert counts == {
        SectionKind.KEY_INDICATORS: 1,
        SectionKind.CONSTITUTION: 2,
        SectionKind.AMENDMENTS: 1,
        SectionKind.LAWS: 1,
        SectionKind.INITIATIVES: 1,
        SectionKind.ORGANIZATIONAL_FORMS: 4,
        SectionKind.PUBLIC_BENEFIT: 7,
        SectionKind.PUBLIC_PARTICIPATION: 5,
    }


def test_sections_read_in_report_order(seed_lines):
    sections = sorted(Section.objects.filter(country__iso2="KZ"), key=lambda s: (_kind_index(s.kind), s.order))
    positions = []
    for section in sections:
        first = _lines(section.body)[0]
        positions.append(next(i for i, line in enumerate(seed_lines) if _content(line) == first))
    assert positions == sorted(positions)
    # Orders are 1..n within each kind.
    for kind in {s.kind for s in sections}:
        orders = [s.order for s in sections if s.kind == kind]
        assert orders == list(range(1, len(orders) + 1)), kind


def test_section_bodies_are_verbatim(seed_contents):
    for section in Section.objects.filter(country__iso2="KZ"):
        assert section.title and section.body, section.slug
        for line in _lines(section.body):
            assert line in seed_contents, (section.slug, line[:80])


@pytest.mark.parametrize(
    "slug, kind, start",
    [
        ("key-indicators-source", "key_indicators", "Source: The World Factbook."),
        ("constitutional-framework", "constitution", "The Constitution of Kazakhstan was adopted on"),
        ("constitution-relevant-provisions", "constitution", "Relevant provisions in the Constitution"),
        ("amendments-2022-overview", "amendments", "Below is an overview of some of the 2022 amendments"),
        ("laws-intro", "laws", "Relevant national-level laws and regulations"),
        ("initiatives-footer", "initiatives", "Please help keep us informed; if you are aware of pending"),
        ("organizational-forms-overview", "organizational_forms", "The Civil Code (CC) of Kazakhstan"),
        ("registration-with-ministry-of-justice", "organizational_forms", "All legal entities created"),
        ("most-popular-forms", "organizational_forms", "The most popular forms of NCOs are as follows:"),
        ("registered-csos-april-2023", "organizational_forms", "According to the Ministry of Information"),
        ("law-on-charity-adoption", "public_benefit", "On November 16, 2015, the President signed"),
        ("charitable-organization-status", "public_benefit", "The Law defines “charitable organization”"),
        ("charity-reporting-requirements-2022", "public_benefit", "The new amendments to the Law on Charity"),
        ("charity-foreign-funding-reporting", "public_benefit", "Moreover, the Law established additional"),
        ("tax-code-charitable-aid", "public_benefit", "The Tax Code contains a definition"),
        ("public-participation-constitution", "public_participation", "The Constitution states that"),
        ("public-participation-in-practice", "public_participation", "Legislation governing public"),
    ],
)
def test_named_sections(slug, kind, start):
    section = Section.objects.get(country__iso2="KZ", slug=slug)
    assert section.kind == kind
    assert section.body.startswith(start)


def test_constitutional_framework_notes_missing_space():
    section = Section.objects.get(country__iso2="KZ", slug="constitutional-framework")
    assert "June 5, 2022.The provisions" in section.body
    assert "June 5, 2022.The provisions" in section.correction_note


# ---------------------------------------------------------------- barriers

BARRIER_SLUGS = [
    "entry",
    "activity",
    "speech",
    "international",
    "resources",
    "resources-foreign-funding",
    "resources-domestic-funding",
    "assembly",
]


def _barrier(slug):
    return Barrier.objects.for_api().get(country__iso2="KZ", slug=slug)


def _law_slugs(barrier):
    return {law.slug for law in barrier.cited_laws.all()}


def test_barrier_records():
    barriers = list(Barrier.objects.filter(country__iso2="KZ").order_by("order"))
    assert [b.slug for b in barriers] == BARRIER_SLUGS
    assert [b.title for b in barriers] == [
        "Barriers to Entry",
        "Barriers to Operational Activity",
        "Barriers to Speech/Advocacy",
        "Barriers to International Contact",
        "Barriers to Resources",
        "Foreign Funding",
        "Domestic Funding",
        "Barriers to Assembly",
    ]
    assert [(b.category, b.part) for b in barriers][4:7] == [
        ("resources", ""),
        ("resources", "foreign_funding"),
        ("resources", "domestic_funding"),
    ]
    for barrier in barriers:
        assert barrier.is_published


def test_barrier_summaries_match_at_a_glance():
    glance = {row.barrier_category: row for row in AtAGlanceRow.objects.filter(country__iso2="KZ")}
    for barrier in Barrier.objects.filter(country__iso2="KZ", part=""):
        row = glance[barrier.category]
        assert (barrier.summary, barrier.none_stated) == (row.value, row.none_stated), barrier.slug
    for category in ("speech", "international", "resources"):
        assert (_barrier(category).summary, _barrier(category).none_stated) == ("", True)


def test_barrier_narratives_are_whole_and_verbatim(seed_lines, seed_contents):
    headings = {b.title for b in Barrier.objects.filter(country__iso2="KZ")}
    for barrier in Barrier.objects.filter(country__iso2="KZ").exclude(slug="resources"):
        lines = _lines(barrier.narrative)
        assert lines, barrier.slug
        for line in lines:
            assert line in seed_contents, (barrier.slug, line[:80])
        # The narrative runs from its heading to the next heading: nothing left out.
        start = next(i for i, line in enumerate(seed_lines) if _content(line) == barrier.title)
        end = next(
            i
            for i in range(start + 1, len(seed_lines))
            if _content(seed_lines[i]) in headings | {"Public Participation"}
        )
        expected = [_content(line) for line in seed_lines[start + 1 : end] if line.strip()]
        assert lines == expected, barrier.slug


def test_barrier_citations():
    assert _law_slugs(_barrier("entry")) == {
        "law-on-public-associations",
        "law-on-registration-of-legal-entities",
        "tax-code",
    }
    assert _law_slugs(_barrier("activity")) == {
        "law-on-public-associations",
        "code-on-administrative-offences",
        "cso-database-rules-2015",
        "misd-order-402",
    }
    assert _law_slugs(_barrier("speech")) == {
        "law-on-public-associations",
        "law-on-elections",
        "law-on-online-platforms",
        "tax-code",
        "entrepreneurial-code",
        "law-on-mass-media",
    }
    assert _law_slugs(_barrier("resources-foreign-funding")) == {"law-on-payments"}
    assert _law_slugs(_barrier("resources-domestic-funding")) == {
        "law-on-noncommercial-organizations",
        "tax-code",
    }
    assembly = _barrier("assembly")
    assert {
        "constitution",
        "law-on-peaceful-assemblies",
        "code-on-administrative-offences",
        "law-on-state-of-emergency",
        "law-on-state-of-war",
        "law-on-countering-terrorism",
    } == _law_slugs(assembly)
    assert [a.number for a in assembly.cited_articles.all()] == ["32"]
    assert "(Article 32 of the Constitution)" in assembly.narrative
    for slug in BARRIER_SLUGS:
        if slug != "assembly":
            assert not _barrier(slug).cited_articles.exists(), slug


def test_barrier_bullets_are_markdown():
    speech = _barrier("speech").narrative
    assert "\n- disseminate information about their activities;\n" in speech
    assert "•" not in speech


def test_quirk_aastana():
    entry = _barrier("entry")
    assert "cities of AAstana, Almaty and Shymkent" in entry.narrative
    assert "AAstana" in entry.correction_note and "Astana" in entry.correction_note


def test_quirk_deadline_2006_and_double_full_stop():
    activity = _barrier("activity")
    assert "before the deadline of March 31, 2006." in activity.narrative
    assert "clarified and improved. . Since 2016" in activity.narrative
    note = activity.correction_note
    assert "March 31, 2006" in note and "March 31, 2016" in note and "December 2015" in note
    assert "“. .”" in note


def test_quirk_stray_quotes_in_assembly():
    assembly = _barrier("assembly")
    assert "and “‘On countering terrorism’”" in assembly.narrative
    assert "On countering terrorism" in assembly.correction_note


def test_barriers_without_quirks_have_no_note():
    for slug in ["speech", "international", *BARRIER_SLUGS[5:7]]:
        assert _barrier(slug).correction_note == "", slug


def test_the_assembly_barrier_s_summary_carries_the_at_a_glance_note_word_for_word():
    """The barriers list printed "Advance permission requirement (five working days)" with no note: the note that
    the narrative says notification (five days) and coordination (ten) stood only beside the at-a-glance row."""
    note = _barrier("assembly").correction_note
    row = AtAGlanceRow.objects.get(country__iso2="KZ", slug="barriers-to-assembly")
    for quoted in ("Advance permission requirement (five working days)", "no later than five days prior",
                   "no later than 10 days prior"):  # fmt: skip
        assert f"“{quoted}”" in note and f"“{quoted}”" in row.correction_note and quoted in SEED_FILE.read_text()
    assert "On countering terrorism" in note  # the narrative's printed error, still noted


def test_resources_none_at_a_glance_is_noted_against_the_law_on_payments():
    """At a glance prints "Barriers to Resources: None" while the report describes the Law on Payments' reporting,
    labelling and penalties, "actively used against CSOs"; a reader saw "No barriers" with nothing to say so."""
    row = AtAGlanceRow.objects.get(country__iso2="KZ", slug="barriers-to-resources")
    for record in (_barrier("resources"), row):
        assert record.none_stated
        assert record.correction_kind == "fact"
        assert "Law on Payments" in record.correction_note and "actively used against CSOs" in record.correction_note
        for quoted in re.findall("“([^”]+)”", record.correction_note):
            assert quoted.rstrip(".") in SEED_FILE.read_text(), quoted


# ---------------------------------------------------------------- public participation


def _items(kind):
    return list(PublicParticipationItem.objects.filter(country__iso2="KZ", kind=kind).order_by("order"))


def test_public_participation_counts():
    assert len(_items("law")) == 13
    assert len(_items("institution")) == 7
    assert len(_items("mechanism")) == 5
    orders = list(PublicParticipationItem.objects.filter(country__iso2="KZ").values_list("order", flat=True))
    assert sorted(orders) == list(range(1, 26))


def test_public_participation_laws(seed_lines):
    laws = _items("law")
    assert all(item.law_id for item in laws)
    start = next(i for i, line in enumerate(seed_lines) if line.startswith("Laws and legal measures"))
    printed = [line for line in seed_lines[start + 1 : start + 16] if line.startswith("  • ")]
    assert len(printed) == 13
    for item, line in zip(laws, printed, strict=True):
        assert re.sub(r"(; and|;|\.)$", "", line.removeprefix("  • ")) == item.name
    by_name = {item.name: item for item in laws}
    environmental = by_name["Environmental Code"]
    assert environmental.law.slug == "ecological-code"
    assert "Ecological Code" in environmental.correction_note
    assert by_name["Regulations of the Senate and Mazhilis"].law.slug == "regulations-of-senate-and-mazhilis"
    assert laws[-2].law.slug == "moj-order-849"
    assert by_name["Law on Access to Information"].law.slug == "law-on-access-to-information"


def test_public_participation_institutions_and_mechanisms(seed_lines):
    institutions = [item.name for item in _items("institution")]
    assert institutions[0] == "public councils under state bodies"
    assert "the National Chamber of Entrepreneurs (“Atameken”)" in institutions
    assert institutions[-1] == "ombudsmen for human rights and children’s rights and business"
    sentence = next(line for line in seed_lines if line.startswith("Some of the several institutions"))
    for name in institutions:
        assert name in sentence
    mechanisms = [item.name for item in _items("mechanism")]
    assert mechanisms == [
        "public examination",
        "public hearings",
        "public monitoring of government bodies",
        "citizen appeals",
        "access to information on the activities of state bodies",
    ]


# ---------------------------------------------------------------- organizational forms and tax provisions


def test_most_popular_forms():
    forms = list(OrganizationalForm.objects.filter(country__iso2="KZ", is_most_popular=True).order_by("order"))
    assert len(forms) == 6
    assert [f.code_article for f in forms] == [f"Article {n} of the CC" for n in range(105, 111)]
    assert [f.name for f in forms][:5] == [
        "Institutions",
        "Public associations",
        "Foundations",
        "Consumer cooperatives",
        "Religious associations",
    ]
    assert all(f.basis == "civil_code" and f.law.slug == "civil-code" for f in forms)
    for form, number in zip(forms, range(105, 111), strict=True):
        assert f"(Article {number} of the CC)" in form.description
    public_associations = forms[1]
    assert "Local public associations are associations operating within the borders of one region" in (
        public_associations.description
    )
    assert public_associations.description.endswith("(Article 7 of the PA Law).")
    assert "prints no form name" in forms[0].correction_note


def test_forms_under_separate_laws():
    forms = OrganizationalForm.objects.filter(country__iso2="KZ", basis="separate_law")
    assert sorted(f.name for f in forms) == [
        "Bar associations",
        "Chambers of appraisers",
        "Chambers of commerce and industry",
        "Cooperatives of apartment owners",
        "Notary chambers",
        "Professional auditing organizations",
    ]
    for form in forms:
        assert (form.code_article, form.description, form.is_most_popular) == ("", "", False)


def test_tax_provisions(seed_contents):
    provisions = {p.slug: p for p in TaxProvision.objects.filter(country__iso2="KZ")}
    assert set(provisions) == {
        "article-289-2-exemption",
        "social-sphere-organizations",
        "sso-exemption",
        "donor-deduction",
    }
    assert all(p.law.slug == "tax-code" for p in provisions.values())
    exemption = provisions["article-289-2-exemption"]
    assert (exemption.kind, exemption.article) == ("exemption", "Article 289(2)")
    assert "charitable and sponsorship aid, gratuitously transferred property, subsidies, and donations" in (
        exemption.summary
    )
    sso = provisions["social-sphere-organizations"]
    assert (sso.kind, sso.article) == ("social_sphere", "Article 290")
    assert "no less than 90% of their gross annual income" in sso.summary
    sub_bullet = "\n    - at least 51% of the employees of the organization must qualify as having"
    assert sub_bullet in sso.summary
    assert "reduced to 35% for specialized organizations" in sso.summary
    deduction = provisions["donor-deduction"]
    assert deduction.kind == "donor_deduction"
    assert "up to 4% of their taxable income" in deduction.summary
    assert "There are no tax incentives for individual donors." in deduction.summary
    for provision in provisions.values():
        for line in _lines(provision.summary):
            assert line in seed_contents, (provision.slug, line[:80])


# ---------------------------------------------------------------- loading


# Records corrected after the first load carry the day of their correction as `modified_at`, so that a client
# fetching what changed since its last download sees them (slugs by model).
CORRECTED = {
    Barrier: {"activity": datetime.date(2026, 11, 27), "assembly": datetime.date(2026, 11, 27),
              "resources": datetime.date(2026, 11, 27)},
    AtAGlanceRow: {"barriers-to-resources": datetime.date(2026, 11, 27)},
}  # fmt: skip


def test_records_carry_the_fixed_timestamps():
    stamp = datetime.datetime(2024, 5, 30, tzinfo=datetime.UTC)
    for model in (Country, CountryProfile, AtAGlanceRow, Section, Barrier, PublicParticipationItem):
        for obj in model.objects.filter(**({"iso2": "KZ"} if model is Country else {"country__iso2": "KZ"})):
            corrected = CORRECTED.get(model, {}).get(getattr(obj, "slug", None))
            modified = datetime.datetime.combine(corrected, datetime.time(), datetime.UTC) if corrected else stamp
            assert (obj.created_at, obj.modified_at) == (stamp, modified), obj


def test_loading_again_changes_nothing():
    models = (
        Country,
        CountryProfile,
        AtAGlanceRow,
        Section,
        Barrier,
        PublicParticipationItem,
        OrganizationalForm,
        TaxProvision,
    )
    before = {m: m.objects.count() for m in models}
    assert before[Section] > 0
    call_command("load_fixtures", verbosity=0)
    assert {m: m.objects.count() for m in models} == before
    assert kz().profile.last_updated == datetime.date(2024, 5, 30)
