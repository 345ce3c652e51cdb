"""The Kazakhstan codebook fixture (fixtures/kazakhstan/codebook.json), checked through the ORM on the seeded
test database.

Every citation quotes the seed report verbatim; every answered answer has a value of its question's type, in
that type's field only, and rests on a citation; a question the report does not answer is "not stated", with no
value and no citation. The spot checks are literals read off the report, not taken from the fixture.
"""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from codebook.models import Answer, AnswerStatus, AnswerType, Category, Citation, Qualifier, Question
from laws.models import Law
from tests.seed import FIXTURES, SEED_REPORT

pytestmark = pytest.mark.django_db

CODEBOOK = FIXTURES / "kazakhstan/codebook.json"
NUMBER_TYPES = {AnswerType.INTEGER, AnswerType.DECIMAL, AnswerType.MONEY, AnswerType.DURATION}


def kz_answers():
    return Answer.objects.filter(country__iso2="KZ").select_related("question")


def report_text():
    return Path(SEED_REPORT).read_text(encoding="utf-8")


def answer(key, valid_from=None):
    return kz_answers().get(question__key=key, valid_from=valid_from)


# ---------------------------------------------------------------- the fixture as a whole


def test_every_quote_is_verbatim_in_the_report():
    text = report_text()
    citations = Citation.objects.filter(answer__country__iso2="KZ")
    assert citations.count() >= 60
    missing = [(c.answer.question.key, c.quote[:80]) for c in citations if c.quote not in text]
    assert missing == []


def test_every_answered_answer_has_a_citation_and_one_typed_value():
    problems = []
    for a in kz_answers().filter(status=AnswerStatus.ANSWERED):
        t = a.question.answer_type
        filled = {
            "boolean": a.value_boolean is not None,
            "number": a.value_number is not None,
            "text": a.value_text != "",
        }
        expected = "boolean" if t == AnswerType.BOOLEAN else "number" if t in NUMBER_TYPES else "text"
        if not a.citations.exists():
            problems.append((a.question.key, "no citation"))
        if [name for name, is_set in filled.items() if is_set] != [expected]:
            problems.append((a.question.key, f"{t} answer fills {filled}"))
        if t in NUMBER_TYPES and not a.unit:
            problems.append((a.question.key, "number without a unit"))
        if t == AnswerType.CHOICE and a.value_text not in [c["value"] for c in a.question.choices]:
            problems.append((a.question.key, f"{a.value_text!r} is not one of the choices"))
        if t != AnswerType.CHOICE and a.question.choices:
            problems.append((a.question.key, "choices on a question that is not a choice"))
    assert problems == []


def test_not_stated_answers_carry_no_value_and_no_citation():
    not_stated = kz_answers().filter(status=AnswerStatus.NOT_STATED)
    assert not_stated.count() >= 3
    for a in not_stated:
        assert (a.value_boolean, a.value_number, a.value_text, a.unit, a.qualifier) == (None, None, "", "", ""), a
        assert a.valid_to is None, a
        # undated, or dated where the report stops stating an earlier answer's value (the NCO database deadline,
        # stated for the Rules' first year only): never a period of its own in the middle of stated ones
        earlier = kz_answers().filter(question=a.question, status=AnswerStatus.ANSWERED)
        starts = [b.valid_from for b in earlier]
        assert a.valid_from is None or (starts and all(b is None or b < a.valid_from for b in starts)), a
        assert not a.citations.exists(), a


def test_enough_questions_and_every_category_used():
    assert Question.objects.count() >= 30
    assert set(Question.objects.values_list("category", flat=True)) == set(Category.values)
    # Every question has exactly one Kazakhstan answer per period, and at least one.
    assert not Question.objects.exclude(answers__country__iso2="KZ").exists()


def test_every_citation_law_is_a_kazakhstan_law():
    law_ids = set(Citation.objects.exclude(law=None).values_list("law", flat=True))
    assert len(law_ids) >= 10
    assert set(Law.objects.filter(pk__in=law_ids, country__iso2="KZ").values_list("pk", flat=True)) == law_ids


def test_every_answer_passes_full_clean_and_dates_are_consistent():
    for a in kz_answers():
        a.full_clean()
        assert bool(a.valid_from) == bool(a.valid_from_precision), a
        assert bool(a.valid_to) == bool(a.valid_to_precision), a
        if a.valid_from and a.valid_to:
            assert a.valid_from < a.valid_to, a
        assert bool(a.correction_note) == bool(a.correction_kind), a
    for q in Question.objects.all():
        q.full_clean()


def test_loading_the_codebook_twice_changes_nothing():
    def snapshot():
        return (
            Question.objects.count(),
            Answer.objects.count(),
            Citation.objects.count(),
            sorted(Answer.objects.values_list("pk", "status", "value_boolean", "value_number", "value_text")),
            sorted(Citation.objects.values_list("pk", "answer", "law", "pinpoint", "quote", "order")),
        )

    before = snapshot()
    call_command("loaddata", str(CODEBOOK), verbosity=0)
    once = snapshot()
    call_command("loaddata", str(CODEBOOK), verbosity=0)
    assert once == before
    assert snapshot() == once


# ---------------------------------------------------------------- spot checks, read off the report


def test_founders_at_least_ten_citizens_and_no_foreign_founders():
    a = answer("founders_minimum")
    assert (a.value_number, a.unit, a.qualifier) == (Decimal(10), "citizens", Qualifier.AT_LEAST)
    first = a.citations.get(order=0)
    assert (first.law.slug, first.pinpoint) == ("law-on-public-associations", "Article 11")
    assert answer("founders_foreigners_allowed").value_boolean is False
    assert answer("founders_minimum_age").status == AnswerStatus.NOT_STATED


def test_registration():
    assert answer("registration_authority").value_text == "Ministry of Justice"
    fee = answer("registration_fee")
    assert (fee.value_number, fee.unit, fee.qualifier) == (Decimal(50), "USD", Qualifier.APPROXIMATELY)
    reduced = answer("registration_fee_reduced")
    assert (reduced.value_number, reduced.unit) == (Decimal(15), "USD")
    filing = answer("registration_filing_deadline")
    assert (filing.value_number, filing.unit) == (Decimal(2), "months")
    usual = answer("registration_duration_usual")
    assert (usual.value_number, usual.unit, usual.qualifier) == (Decimal(5), "working days", "approximately")
    assert answer("registration_refusal_written_reasons").value_boolean is True
    assert answer("unregistered_activity_liability").value_text == "administrative_and_criminal"
    assert answer("territorial_regional_min_oblasts").value_number == 2
    assert answer("territorial_national_min_oblasts").value_number == 9


def test_assembly_regimes_lead_times_and_penalties():
    assert answer("assembly_regime_picket").value_text == "notification"
    assert answer("assembly_regime_rally").value_text == "notification"
    assert answer("assembly_regime_demonstration").value_text == "permit"
    rally = answer("assembly_notice_days_rally")
    assert (rally.value_number, rally.unit) == (Decimal(5), "days")
    assert rally.correction_kind == "fact" and "five working days" in rally.correction_note
    assert answer("assembly_notice_days_demonstration").value_number == 10
    assert answer("assembly_decision_days_notification").value_number == 3
    assert answer("assembly_decision_days_permit").value_number == 7
    assert answer("assembly_spontaneous_allowed").value_boolean is False
    assert answer("assembly_picket_max_participants").value_number == 1
    fine = answer("assembly_max_fine_individual")
    assert (fine.value_number, fine.unit, fine.qualifier) == (Decimal(70), "MCI", Qualifier.AT_MOST)
    assert answer("assembly_max_fine_legal_entity").value_number == 150
    arrest = answer("assembly_max_arrest_days")
    assert (arrest.value_number, arrest.unit, arrest.qualifier) == (Decimal(25), "days", Qualifier.AT_MOST)
    assert arrest.citations.get(order=0).pinpoint == "Article 488"


def test_foreign_funding_reporting_went_from_quarterly_to_semiannual_in_december_2021():
    periods = list(kz_answers().filter(question__key="foreign_funding_reporting_frequency").order_by("value_text"))
    assert [(p.value_text, p.valid_from, p.valid_to) for p in periods] == [
        ("quarterly", None, datetime.date(2021, 12, 1)),
        ("semiannual", datetime.date(2021, 12, 1), None),
    ]
    assert periods[1].valid_from_precision == "month"
    assert answer("foreign_funding_labelling", datetime.date(2016, 7, 1)).value_boolean is True
    assert answer("foreign_funding_max_fine").status == AnswerStatus.NOT_STATED


def test_tax_and_charity():
    cap = answer("tax_corporate_donor_deduction_cap")
    assert (cap.value_number, cap.qualifier) == (Decimal(4), Qualifier.AT_MOST)
    assert answer("tax_individual_donor_incentives").value_boolean is False
    assert answer("tax_sso_income_share_min").value_number == 90
    report = answer("charitable_annual_report", datetime.date(2022, 7, 4))
    assert (report.value_boolean, report.valid_from_precision) == (True, "day")
    assert answer("charitable_status_procedure").value_boolean is False


def test_nco_database_deadline_keeps_the_misprinted_year_in_the_quote_only():
    a = answer("nco_database_deadline")
    assert a.value_text == "31 March"
    assert a.correction_kind == "typo" and "2016" in a.correction_note
    assert "March 31, 2006" in a.citations.get(order=0).quote


def test_a_value_of_one_reads_in_the_singular(client):
    answers = client.get("/api/v1/answers/", {"country": "KZ", "question": "assembly_picket_max_participants"}).json()
    assert [a["value_display"] for a in answers["results"]] == ["1 person"]
    answers = client.get("/api/v1/answers/", {"country": "KZ", "question": "assembly_notice_days_demonstration"}).json()
    assert [a["value_display"] for a in answers["results"]] == ["10 days"]
