"""The seeded Kazakhstan laws fixture (fixtures/kazakhstan/laws.json), checked through the ORM.

Covers the laws and the report's numbered law list, the quoted constitutional articles, the 2022 amendments,
the pending initiatives, the treaty table and the legal definitions, including every source quirk that the
fixture keeps as printed together with its correction note.
"""

import datetime

import pytest

from laws.models import (
    ConstitutionalAmendment,
    ConstitutionalArticle,
    Law,
    LawListEntry,
    LegalDefinition,
    LegislativeInitiative,
    Treaty,
    TreatyStatus,
)
from tests.seed import SEED_REPORT

pytestmark = pytest.mark.django_db


# List position -> Law slug, as agreed in the shared fixture brief.
LIST_SLUGS = {
    1: "civil-code",
    2: "tax-code",
    3: "labor-code",
    4: "criminal-code",
    5: "code-on-administrative-offences",
    6: "law-on-public-associations",
    7: "law-on-noncommercial-organizations",
    8: "law-on-registration-of-legal-entities",
    9: "law-on-professional-unions",
    10: "law-on-religious-activity",
    11: "law-on-peaceful-assemblies",
    12: "law-on-state-social-contracting",
    13: "law-on-state-procurements",
    14: "law-on-special-social-services",
    15: "law-on-rural-agricultural-cooperatives",
    16: "law-on-consumer-cooperatives",
    17: "law-on-housing-relations",
    18: "law-on-joint-stock-companies",
    19: "law-on-state-youth-policy",
    20: "law-on-social-protection-of-disabled-persons",
    21: "ecological-code",
    22: "law-on-banks",
    23: "law-on-tourist-activities",
    24: "law-on-protection-of-consumers-rights",
    25: "law-on-notarial-system",
    26: "law-on-advocatory-activities",
    27: "law-on-auditing-activities",
    28: "law-on-appraising-activities",
    29: "entrepreneurial-code",
    30: "rules-registration-public-service",
    31: "law-on-public-councils",
    32: "law-on-access-to-information",
    33: "law-on-charity",
    34: "law-on-payments",
    35: "mof-order-241",
    36: "mof-order-242",
    37: "mof-order-240",
    38: "law-on-volunteering",
    39: "law-on-aml-cft",
    40: "law-on-peaceful-assemblies",
    41: "law-on-legal-acts",
    42: "moj-order-849",
    43: "constitutional-law-on-human-rights-commissioner",
    44: "constitutional-law-on-constitutional-court",
    45: "law-of-july-4-2022",
    46: "law-on-online-platforms",
}

# Acts outside the numbered list that other fixture files link to.
EXTRA_SLUGS = [
    "constitution",
    "law-on-constitutional-amendments-2022",
    "law-on-elections",
    "law-on-mass-media",
    "cso-database-rules-2015",
    "misd-order-402",
    "mof-order-december-2021",
    "civil-society-concept-2025",
    "code-on-public-health",
    "law-on-considering-applications",
    "law-on-public-services",
    "law-on-local-government",
    "decree-human-rights-commissioner",
    "decree-child-rights-commissioner",
    "regulations-of-senate-and-mazhilis",
    "law-on-state-of-emergency",
    "law-on-state-of-war",
    "law-on-countering-terrorism",
    "volunteer-registry-order-2017",
    # further acts the report names
    "administrative-procedural-code",
    "tax-amendments-2017",
    "decree-on-further-measures-in-human-rights",
    "law-on-public-administration-enhancement",
]

ARTICLE_NUMBERS = ["4", "5", "14", "18", "20", "22", "23", "32", "33", "39"]


def kz_law(slug):
    return Law.objects.for_country("KZ").get(slug=slug)


# ---------------------------------------------------------------- counts


def test_law_counts():
    laws = Law.objects.for_country("KZ")
    assert laws.count() == len(set(LIST_SLUGS.values())) + len(EXTRA_SLUGS) == 68
    assert set(laws.values_list("slug", flat=True)) == set(LIST_SLUGS.values()) | set(EXTRA_SLUGS)
    assert laws.filter(list_entries__isnull=False).distinct().count() == 45
    assert laws.filter(kind="constitution").get().slug == "constitution"
    assert set(laws.filter(kind="constitutional_law").values_list("slug", flat=True)) == {
        "constitutional-law-on-human-rights-commissioner",
        "constitutional-law-on-constitutional-court",
    }


def test_list_entries_cover_positions_1_to_46():
    entries = LawListEntry.objects.for_country("KZ")
    assert entries.count() == 46
    assert list(entries.values_list("position", flat=True)) == list(range(1, 47))
    assert {e.position: e.law.slug for e in entries.select_related("law")} == LIST_SLUGS


def test_entries_11_and_40_are_one_law():
    e11 = LawListEntry.objects.get_by_natural_key("KZ", 11)
    e40 = LawListEntry.objects.get_by_natural_key("KZ", 40)
    assert e11.law_id == e40.law_id
    law = e11.law
    assert law.slug == "law-on-peaceful-assemblies"
    assert law.order == 11
    assert law.adopted_on == datetime.date(2020, 5, 25)
    assert sorted(law.list_entries.values_list("position", flat=True)) == [11, 40]
    assert e40.printed_text == "Law on Procedure of Organization and Conducting Peaceful Assemblies (May 25, 2020)"
    assert "#40" in law.correction_note and "#11" in law.correction_note
    assert "#40" in e11.correction_note and "#11" in e40.correction_note


def test_listed_laws_keep_list_order_and_extras_follow():
    for position, slug in LIST_SLUGS.items():
        if position != 40:
            assert kz_law(slug).order == position, slug
    assert all(kz_law(slug).order > 46 for slug in EXTRA_SLUGS)


def test_every_record_is_published_with_seed_timestamps():
    seeded = datetime.datetime(2024, 5, 30, tzinfo=datetime.UTC)
    for model in (
        Law,
        LawListEntry,
        ConstitutionalArticle,
        ConstitutionalAmendment,
        LegislativeInitiative,
        TreatyStatus,
        LegalDefinition,
    ):
        qs = model.objects.for_country("KZ")
        assert qs.exists()
        assert qs.count() == qs.published().count(), model.__name__
        assert not qs.exclude(created_at=seeded).exists(), model.__name__
    assert Treaty.objects.count() == Treaty.objects.published().count() == 11


# ---------------------------------------------------------------- laws: exact values


def test_printed_lines_are_exact():
    assert LawListEntry.objects.get_by_natural_key("KZ", 3).printed_text == (
        "The Labor Code of the Republic of Kazakhstan(May 15, 2007);"
    )
    assert LawListEntry.objects.get_by_natural_key("KZ", 1).printed_text == (
        "The Civil Code of the Republic of Kazakhstan, Part 1 (December 27, 1994);"
    )
    assert LawListEntry.objects.get_by_natural_key("KZ", 46).printed_text == (
        "The law on Online Platforms and Online Advertising (July 10, 2023)"
    )


@pytest.mark.parametrize(
    ("slug", "title", "date"),
    [
        ("civil-code", "The Civil Code of the Republic of Kazakhstan, Part 1", datetime.date(1994, 12, 27)),
        ("tax-code", "The Tax Code of the Republic of Kazakhstan", datetime.date(2017, 12, 25)),
        ("law-on-public-associations", "The Law “On Public Associations”", datetime.date(1996, 5, 31)),
        (
            "law-on-noncommercial-organizations",
            "The Law “On Noncommercial Organizations”",
            datetime.date(2001, 1, 16),
        ),
        ("law-on-charity", "Law on Charity", datetime.date(2015, 11, 16)),
        ("law-on-payments", "Law on Payments and Payment Systems", datetime.date(2016, 7, 26)),
        ("law-on-volunteering", "Law on Volunteering", datetime.date(2016, 12, 30)),
        ("ecological-code", "Ecological Code of the Republic of Kazakhstan", datetime.date(2007, 1, 9)),
        (
            "law-on-aml-cft",
            "Law on Introduction of Amendments to Some Legislative Acts on Issues of Countering "
            "Money Laundering and Financing of Terrorism (Law on AML/CFT)",
            datetime.date(2020, 5, 13),
        ),
        (
            "constitutional-law-on-constitutional-court",
            "Constitutional Law on the Constitutional Court of the Republic of Kazakhstan",
            datetime.date(2022, 11, 5),
        ),
        (
            "law-on-online-platforms",
            "The law on Online Platforms and Online Advertising",
            datetime.date(2023, 7, 10),
        ),
    ],
)
def test_listed_law_title_and_date(slug, title, date):
    law = kz_law(slug)
    assert law.title == title
    assert law.adopted_on == date
    assert law.adopted_precision == "day"


def test_short_titles_follow_the_narrative():
    expected = {
        "law-on-public-associations": "PA Law",
        "law-on-noncommercial-organizations": "NCO Law",
        "law-on-payments": "Law on Payments",
        "code-on-administrative-offences": "Administrative Code",
        "law-on-state-social-contracting": "Law on State Social Order, Grants, and Awards for NGOs",
        "law-on-volunteering": "Law on Volunteering Activities",
        "law-of-july-4-2022": "Law of July 4, 2022",
        "ecological-code": "Environmental Code",
    }
    for slug, short in expected.items():
        assert kz_law(slug).short_title == short, slug
    assert str(kz_law("law-on-public-associations")) == "PA Law"


def test_ministerial_orders():
    for slug, number in [
        ("mof-order-241", "No. 241"),
        ("mof-order-242", "No. 242"),
        ("mof-order-240", "No. 240"),
    ]:
        law = kz_law(slug)
        assert (law.kind, law.number, law.issuer) == ("order", number, "Ministry of Finance")
        assert law.adopted_on == datetime.date(2018, 2, 20)
    order = kz_law("moj-order-849")
    assert (order.kind, order.number, order.adopted_on) == ("order", "No. 849", datetime.date(2021, 9, 30))
    order = kz_law("misd-order-402")
    assert (order.number, order.adopted_on, order.status) == (
        "No. 402",
        datetime.date(2022, 9, 21),
        "in_force",
    )
    assert kz_law("volunteer-registry-order-2017").adopted_on == datetime.date(2017, 2, 22)


def test_partial_and_unknown_dates():
    rules = kz_law("cso-database-rules-2015")
    assert (rules.kind, rules.adopted_on, rules.adopted_precision) == (
        "rules",
        datetime.date(2015, 12, 1),
        "month",
    )
    assert rules.adopted_display == "December 2015"
    concept = kz_law("civil-society-concept-2025")
    assert (concept.kind, concept.adopted_on, concept.adopted_precision) == (
        "concept",
        datetime.date(2020, 8, 1),
        "month",
    )
    mof = kz_law("mof-order-december-2021")
    assert (mof.adopted_on, mof.adopted_precision) == (datetime.date(2021, 12, 1), "month")
    for slug in ("law-on-elections", "law-on-mass-media", "code-on-public-health", "law-on-state-of-war"):
        law = kz_law(slug)
        assert (law.adopted_on, law.adopted_precision, law.adopted_display) == (None, "", ""), slug


def test_kinds_of_extra_acts():
    assert kz_law("decree-human-rights-commissioner").kind == "decree"
    assert kz_law("decree-child-rights-commissioner").kind == "decree"
    assert kz_law("regulations-of-senate-and-mazhilis").kind == "regulation"
    assert kz_law("rules-registration-public-service").kind == "rules"
    assert kz_law("code-on-public-health").kind == "code"
    assert kz_law("law-on-constitutional-amendments-2022").adopted_on == datetime.date(2022, 6, 8)


def test_status_is_unknown_unless_the_report_says_otherwise():
    assert kz_law("labor-code").status == "unknown"
    assert kz_law("law-on-payments").status == "unknown"
    assert kz_law("law-on-online-platforms").status == "in_force"
    assert kz_law("code-on-administrative-offences").status == "in_force"
    assert kz_law("constitution").status == "amended"


def test_summaries_quote_the_report():
    assert kz_law("law-on-charity").summary.startswith(
        "On November 16, 2015, the President signed the Law on Charity, which for the first time established"
    )
    assert (
        "periodicity of mandatory reporting from quarterly to semiannual" in kz_law("mof-order-december-2021").summary
    )
    assert "Article 19 of the PA Law" in kz_law("law-on-public-associations").summary
    assert "came into effect on September 10, 2023" in kz_law("law-on-online-platforms").summary
    assert kz_law("labor-code").summary == ""


def test_constitution_summary_is_the_constitutional_framework_paragraph():
    constitution = kz_law("constitution")
    assert constitution.adopted_on == datetime.date(1995, 8, 30)
    summary = constitution.summary
    assert summary.startswith(
        "The Constitution of Kazakhstan was adopted on August 30, 1995, and amended several times"
    )
    assert "national referendum on June 5, 2022" in summary
    assert "came into force on January 1, 2023" in summary
    assert summary.endswith("throughout the text of the Constitution.")


# ---------------------------------------------------------------- constitution


def test_quoted_articles():
    articles = ConstitutionalArticle.objects.for_country("KZ")
    assert list(articles.values_list("number", flat=True)) == ARTICLE_NUMBERS
    assert [a.sort_key for a in articles] == [int(n) for n in ARTICLE_NUMBERS]
    assert all(a.constitution.slug == "constitution" for a in articles)
    art32 = articles.get(number="32")
    assert art32.text.startswith("Citizens of the Republic of Kazakhstan shall have the right to assemble peacefully")
    assert art32.text.endswith("protection of health, rights and freedoms of other persons.")
    assert articles.get(number="14").text.startswith("No one shall be subject to any discrimination")
    assert articles.get(number="39").text.startswith("Rights and freedoms of an individual and citizen may be limited")
    assert not any(a.text.startswith("Article") for a in articles)


def test_referendum_amendments():
    amendments = ConstitutionalAmendment.objects.for_country("KZ").filter(package="referendum_2022")
    assert list(amendments.values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert dict(amendments.values_list("number", "article_numbers")) == {
        1: "15",
        2: "43",
        3: "46, 91",
        4: "42",
        5: "",
        6: "",
    }
    # The report lists them as "some of the 2022 amendments", tying none to the law of June 8, 2022 (item 4's
    # wording is the one the September changes left): the year is what it states.
    for amendment in amendments:
        assert (amendment.adopted_on, amendment.adopted_precision) == (datetime.date(2022, 1, 1), "year")
        assert amendment.amending_law is None
        assert not amendment.articles.exists()
        assert amendment.get_package_display() == "2022 (the report's overview of some of the 2022 amendments)"
    first = amendments.get(number=1)
    assert first.summary.startswith("Article 15 provides that the death penalty is prohibited.")
    assert "“the death penalty is established by law as an exceptional measure" in first.summary
    assert amendments.get(number=5).summary.startswith(
        "Throughout the text of the Constitution, the Constitutional Council has been replaced by "
        "the Constitutional Court."
    )


def test_september_2022_amendments():
    changes = ConstitutionalAmendment.objects.for_country("KZ").filter(package="september_2022")
    assert changes.count() == 3
    assert ConstitutionalAmendment.objects.for_country("KZ").count() == 9
    for change in changes:
        assert change.adopted_on == datetime.date(2022, 9, 17)
        assert change.amending_law is None
    summaries = " ".join(changes.values_list("summary", flat=True))
    assert "presidential term from five to seven years" in summaries
    assert "from six to eight years" in summaries
    assert "“Nursultan” to “Astana”" in summaries


# ---------------------------------------------------------------- initiatives


def test_initiatives():
    initiatives = LegislativeInitiative.objects.for_country("KZ")
    assert list(initiatives.values_list("slug", flat=True)) == [
        "draft-nco-law",
        "public-associations-amendments",
        "law-on-public-control",
        "administrative-offences-access-to-information",
        "access-to-information-and-public-participation",
        "volunteer-registry-rules",
    ]
    assert set(initiatives.filter(assessment="positive").values_list("slug", flat=True)) == {
        "administrative-offences-access-to-information",
        "access-to-information-and-public-participation",
        "volunteer-registry-rules",
    }
    assert not initiatives.exclude(assessment__in=["positive", "not_assessed"]).exists()

    nco = initiatives.get(slug="draft-nco-law")
    assert (nco.started_on, nco.started_precision) == (datetime.date(2018, 1, 1), "year")
    assert (nco.status_as_of, nco.status_as_of_precision) == (datetime.date(2023, 7, 1), "month")
    assert nco.status_text == "As of July 2023, there was no news about the status of this initiative."
    assert nco.description.startswith("Since 2018, the government has worked on a concept for new amendments")
    assert [law.slug for law in nco.related_laws.all()] == ["law-on-noncommercial-organizations"]

    control = initiatives.get(slug="law-on-public-control")
    assert control.stage == "in_parliament"
    assert (control.started_on, control.started_precision) == (datetime.date(2020, 10, 1), "month")

    aoa = initiatives.get(slug="administrative-offences-access-to-information")
    assert set(aoa.related_laws.values_list("slug", flat=True)) == {
        "code-on-administrative-offences",
        "law-on-access-to-information",
    }
    volunteers = initiatives.get(slug="volunteer-registry-rules")
    assert set(volunteers.related_laws.values_list("slug", flat=True)) == {
        "volunteer-registry-order-2017",
        "law-on-volunteering",
    }
    assert volunteers.started_on == datetime.date(2023, 5, 24)


# ---------------------------------------------------------------- treaties


def test_treaties_and_statuses():
    assert Treaty.objects.filter(kind="international").count() == 10
    osce = Treaty.objects.get_by_natural_key("osce")
    assert (osce.kind, osce.name, osce.abbreviation) == (
        "regional",
        "Organization for Security and Co-operation in Europe",
        "OSCE",
    )
    statuses = TreatyStatus.objects.for_country("KZ")
    assert statuses.count() == 11
    years = {s.treaty.slug: (s.ratified, s.year) for s in statuses.select_related("treaty")}
    assert years == {
        "iccpr": (True, 2006),
        "iccpr-op1": (True, 2009),
        "icescr": (True, 2006),
        "op-icescr": (False, None),
        "icerd": (True, 1998),
        "cedaw": (True, 1998),
        "op-cedaw": (True, 2001),
        "crc": (True, 1994),
        "icrmw": (False, None),
        "crpd": (True, 2015),
        "osce": (True, 1992),
    }
    assert statuses.get(treaty__slug="iccpr").printed_name == (
        "International Covenant on Civil and Political Rights (ICCPR)"
    )


def test_crpd_printed_name_quirk():
    crpd = TreatyStatus.objects.get_by_natural_key("KZ", "crpd")
    assert "No Disabilities" in crpd.printed_name
    assert crpd.treaty.name == "Convention on the Rights of Persons with Disabilities"
    assert "“Convention on the Rights of Persons with Disabilities”" in crpd.correction_note


def test_osce_and_op_cedaw_printed_name_quirks():
    osce = TreatyStatus.objects.get_by_natural_key("KZ", "osce")
    assert osce.printed_name == "Organization for Security Co-operation in Europe"
    assert "Organization for Security and Co-operation in Europe" in osce.correction_note
    op_cedaw = TreatyStatus.objects.get_by_natural_key("KZ", "op-cedaw")
    assert "All Forms" not in op_cedaw.printed_name
    assert "All Forms of" in op_cedaw.correction_note
    clean = TreatyStatus.objects.for_country("KZ").exclude(treaty__slug__in=["crpd", "osce", "op-cedaw"])
    assert not clean.exclude(correction_note="").exists()


# ---------------------------------------------------------------- definitions


def test_definitions():
    definitions = LegalDefinition.objects.for_country("KZ")
    assert definitions.count() == 10
    forms = definitions.filter(kind="charity_form")
    assert list(forms.values_list("term", flat=True)) == [
        "Sponsorship",
        "Patronage activity",
        "Philanthropic activity",
        "Support to the small motherland",
    ]
    motherland = forms.get(slug="support-to-the-small-motherland")
    assert motherland.note.startswith("(The term “small motherland” refers to an administrative-territorial unit")

    charity = definitions.get(slug="charity")
    assert charity.definition.startswith("socially useful activities based on the rendering of charitable aid")
    assert charity.law.slug == "law-on-charity"
    assert (charity.added_on, charity.added_precision) == (datetime.date(2015, 11, 16), "day")

    for slug in ("corporate-philanthropy", "digital-philanthropy"):
        added = definitions.get(slug=slug)
        assert added.law.slug == "law-on-charity"
        assert added.added_by.slug == "law-of-july-4-2022"
        assert (added.added_on, added.added_precision, added.added_display) == (
            datetime.date(2022, 7, 1),
            "month",
            "July 2022",
        )
    assert definitions.get(slug="corporate-philanthropy").definition == (
        "voluntary activities of business entities to provide charitable assistance"
    )

    organization = definitions.get(slug="charitable-organization")
    assert organization.definition.startswith("noncommercial organization created for the purpose of charity")
    assert "guardian council (board of trustees)" in organization.note

    tax = definitions.get(slug="tax-code-charitable-aid")
    assert tax.law.slug == "tax-code"
    assert tax.definition.count("\n- ") == 6
    assert "- to an individual who has suffered as a result of an emergency situation;" in tax.definition


# ---------------------------------------------------------------- quirks kept as printed, with notes


def test_list_line_quirks_have_notes():
    e30 = LawListEntry.objects.get_by_natural_key("KZ", 30)
    assert e30.printed_text.endswith(
        "(Appendix 6 to the order of the Minister of Justice of the Republic of Kazakhstan (May 29, 2020)"
    )
    assert e30.printed_text.count("(") == e30.printed_text.count(")") + 1
    assert "parenthesis" in e30.correction_note
    assert "parenthesis" in kz_law("rules-registration-public-service").correction_note

    e42 = LawListEntry.objects.get_by_natural_key("KZ", 42)
    assert "acting Of the Minister" in e42.printed_text
    assert "acting Of" in e42.correction_note and "acting Minister of Justice" in e42.correction_note
    assert "acting Of" in kz_law("moj-order-849").correction_note

    quirky = {11, 30, 40, 42, 44}
    assert (
        set(LawListEntry.objects.for_country("KZ").exclude(correction_note="").values_list("position", flat=True))
        == quirky
    )


def test_narrative_quirks_have_notes():
    amendment = ConstitutionalAmendment.objects.for_country("KZ").get(package="referendum_2022", number=3)
    assert amendment.summary.endswith("eliminated in the new Constitution..")
    assert "double full stop" in amendment.correction_note

    rules = kz_law("cso-database-rules-2015")
    assert "deadline of March 31, 2006" in rules.summary
    assert "March 31, 2016" in rules.correction_note

    pa_law = kz_law("law-on-public-associations")
    assert "AAstana" in pa_law.summary and "“Astana”" in pa_law.correction_note

    assert "2022.The provisions" in kz_law("constitution").summary
    assert "no space" in kz_law("constitution").correction_note

    assert "“‘On countering terrorism’”" in kz_law("law-on-countering-terrorism").summary
    assert "Environmental Code" in kz_law("ecological-code").correction_note
    assert "for improved the regulation" in kz_law("civil-society-concept-2025").summary
    assert "garbled" in kz_law("civil-society-concept-2025").correction_note

    volunteers = LegislativeInitiative.objects.for_country("KZ").get(slug="volunteer-registry-rules")
    assert "monitors of the relevance" in volunteers.description
    assert "monitors of the relevance" in volunteers.correction_note
    assert (
        not LegislativeInitiative.objects.for_country("KZ")
        .exclude(slug="volunteer-registry-rules")
        .exclude(correction_note="")
    )


# ---------------------------------------------------------------- verbatim against the seed report


def test_quoted_text_is_verbatim():
    source = SEED_REPORT.read_text(encoding="utf-8")
    for entry in LawListEntry.objects.for_country("KZ"):
        assert f"{entry.position}. {entry.printed_text}\n" in source, entry.position
    for article in ConstitutionalArticle.objects.for_country("KZ"):
        assert f"Article {article.number}. {article.text}\n" in source, article.number
    for amendment in ConstitutionalAmendment.objects.for_country("KZ"):
        assert amendment.summary in source, amendment.slug
    for initiative in LegislativeInitiative.objects.for_country("KZ"):
        assert initiative.description in source, initiative.slug
    for status in TreatyStatus.objects.for_country("KZ"):
        assert f"\n{status.printed_name} " in source, status.treaty_id
    for definition in LegalDefinition.objects.for_country("KZ").exclude(slug="tax-code-charitable-aid"):
        assert definition.definition in source, definition.slug
