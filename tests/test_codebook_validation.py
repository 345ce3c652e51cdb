"""An editor codes the law as typed, dated values: a value that does not fit its question's type is refused with
a message on the field (in admin and in the API alike), and readers see the value as they would say it."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from codebook.models import Answer, AnswerStatus, AnswerType, Qualifier
from tests.factories import AnswerFactory, CountryFactory, QuestionFactory

pytestmark = pytest.mark.django_db

CHOICES = [{"value": "notification", "label": "Notification"}, {"value": "permission", "label": "Permission"}]


def question(answer_type, **extra):
    return QuestionFactory(key=f"q_{answer_type}", answer_type=answer_type, **extra)


def with_precisions(values):
    """The values, each date of the period stated to the day unless its precision is given."""
    precisions = {f"{name}_precision": "day" for name in ("valid_from", "valid_to") if values.get(name)}
    return {**precisions, **values}


def answer(answer_type, question_extra=None, **values):
    """An unsaved answer to a question of the type, with only the given value fields set."""
    return Answer(
        country=CountryFactory(iso2="QC"),
        question=question(answer_type, **(question_extra or {})),
        **with_precisions(values),
    )


def problems(record):
    try:
        record.clean()
    except ValidationError as error:
        return {name: " ".join(messages) for name, messages in error.message_dict.items()}
    return {}


VALID = [
    (AnswerType.BOOLEAN, {}, {"value_boolean": False}),
    (AnswerType.INTEGER, {}, {"value_number": Decimal(10)}),
    (AnswerType.DECIMAL, {}, {"value_number": Decimal("2.5")}),
    (AnswerType.DURATION, {"unit": "days"}, {"value_number": Decimal(5)}),
    (AnswerType.MONEY, {"unit": ""}, {"value_number": Decimal(200), "unit": "MCI"}),
    (AnswerType.MONEY, {"unit": "KZT"}, {"value_number": Decimal(200)}),
    (AnswerType.CHOICE, {"choices": CHOICES}, {"value_text": "notification"}),
    (AnswerType.TEXT, {}, {"value_text": "Only citizens"}),
    (AnswerType.TEXT, {}, {"status": AnswerStatus.NOT_STATED}),
]


@pytest.mark.parametrize(
    "answer_type,question_extra,values", VALID, ids=[f"{t}-{i}" for i, (t, _, _) in enumerate(VALID)]
)
def test_a_value_of_the_question_s_type_is_accepted(answer_type, question_extra, values):
    assert problems(answer(answer_type, question_extra, **values)) == {}


INVALID = [
    (AnswerType.BOOLEAN, {}, {}, {"value_boolean"}),
    (AnswerType.BOOLEAN, {}, {"value_boolean": True, "value_number": Decimal(1)}, {"value_number"}),
    (AnswerType.BOOLEAN, {}, {"value_boolean": True, "value_text": "yes"}, {"value_text"}),
    (AnswerType.INTEGER, {}, {"value_number": Decimal("10.5")}, {"value_number"}),
    (AnswerType.INTEGER, {}, {"value_text": "ten"}, {"value_number", "value_text"}),
    (AnswerType.DECIMAL, {}, {}, {"value_number"}),
    (AnswerType.DURATION, {}, {"value_boolean": True}, {"value_number", "value_boolean"}),
    (AnswerType.MONEY, {"unit": ""}, {"value_number": Decimal(200)}, {"unit"}),
    (AnswerType.CHOICE, {"choices": CHOICES}, {"value_text": "registration"}, {"value_text"}),
    (AnswerType.CHOICE, {"choices": CHOICES}, {}, {"value_text"}),
    (AnswerType.TEXT, {}, {"value_text": "   "}, {"value_text"}),
    (AnswerType.INTEGER, {}, {"status": AnswerStatus.NOT_STATED, "value_number": Decimal(10)}, {"value_number"}),
    (AnswerType.BOOLEAN, {}, {"status": AnswerStatus.NOT_STATED, "value_boolean": False}, {"value_boolean"}),
]


@pytest.mark.parametrize(
    "answer_type,question_extra,values,fields", INVALID, ids=[f"{t}-{i}" for i, (t, _, _, _) in enumerate(INVALID)]
)
def test_a_value_of_another_type_is_refused_naming_the_field(answer_type, question_extra, values, fields):
    found = problems(answer(answer_type, question_extra, **values))
    assert set(found) == fields
    assert all(found.values())


def test_a_choice_error_names_the_allowed_values():
    found = problems(answer(AnswerType.CHOICE, {"choices": CHOICES}, value_text="registration"))
    assert found["value_text"] == "'registration' is not one of the question's choices (notification, permission)."


def test_a_period_cannot_end_before_it_starts():
    record = answer(
        AnswerType.INTEGER,
        value_number=Decimal(10),
        valid_from=datetime.date(2020, 1, 2),
        valid_to=datetime.date(2020, 1, 1),
    )
    assert set(problems(record)) == {"valid_to"}
    record.valid_to = record.valid_from  # a one-day period is a period
    assert problems(record) == {}


@pytest.mark.parametrize(
    "answer_type,question_extra,values,shown",
    [
        (AnswerType.INTEGER, {"unit": "citizens"}, {"value_number": Decimal(10), "qualifier": Qualifier.AT_LEAST},
         "at least 10 citizens"),
        (AnswerType.MONEY, {"unit": "KZT"}, {"value_number": Decimal(200), "unit": "MCI",
                                             "qualifier": Qualifier.AT_MOST}, "up to 200 MCI"),
        (AnswerType.DECIMAL, {"unit": "%"}, {"value_number": Decimal("2.50")}, "2.5 %"),
        (AnswerType.DURATION, {"unit": "days"}, {"value_number": Decimal(5), "qualifier": Qualifier.APPROXIMATELY},
         "about 5 days"),
        (AnswerType.BOOLEAN, {}, {"value_boolean": True}, "Yes"),
        (AnswerType.BOOLEAN, {}, {"value_boolean": False}, "No"),
        (AnswerType.CHOICE, {"choices": CHOICES}, {"value_text": "notification"}, "Notification"),
        (AnswerType.TEXT, {}, {"value_text": "Citizens only"}, "Citizens only"),
        (AnswerType.INTEGER, {}, {"status": AnswerStatus.NOT_STATED}, "Not stated in the source"),
    ],
)  # fmt: skip
def test_a_value_reads_as_a_reader_says_it(answer_type, question_extra, values, shown):
    assert answer(answer_type, question_extra, **values).value_display == shown


@pytest.mark.parametrize(
    "answer_type,values,typed",
    [
        (AnswerType.BOOLEAN, {"value_boolean": False}, False),
        (AnswerType.INTEGER, {"value_number": Decimal("10.0000")}, 10),
        (AnswerType.DECIMAL, {"value_number": Decimal("2.5000")}, 2.5),
        (AnswerType.CHOICE, {"value_text": "notification"}, "notification"),
        (AnswerType.INTEGER, {"status": AnswerStatus.NOT_STATED}, None),
    ],
)
def test_the_value_is_typed_by_the_question(answer_type, values, typed):
    value = answer(answer_type, {"choices": CHOICES}, **values).value
    assert value == typed and type(value) is type(typed)


def test_in_force_keeps_the_answers_of_a_day_on_both_ends_of_their_period():
    country = CountryFactory(iso2="QC")
    old = AnswerFactory(country=country, note="old", valid_from=None, valid_to=datetime.date(2015, 6, 15))
    new = AnswerFactory(country=country, question=old.question, note="new", valid_from=datetime.date(2015, 6, 16))
    later = AnswerFactory(country=country, note="later", valid_from=datetime.date(2020, 1, 1))

    def in_force(day):
        return sorted(Answer.objects.filter(country=country).in_force(datetime.date.fromisoformat(day)).values_list(
            "note", flat=True))  # fmt: skip

    assert in_force("1990-01-01") == ["old"]  # no start stated: in force for as long as the source says nothing else
    assert in_force("2015-06-15") == ["old"]  # on its last day
    assert in_force("2015-06-16") == ["new"]  # on its first day
    assert in_force("2019-12-31") == ["new"]  # a question answered only from 2020 has no answer before it
    assert in_force("2020-01-01") == ["later", "new"]
    assert list(Answer.objects.filter(pk__in=[old.pk, new.pk, later.pk]).answered().order_by("note")) == [
        later, new, old,
    ]  # fmt: skip


def admin_answer_form(country, question, **values):
    """The admin's answer form as a browser posts it: every field, no citations, the given values."""
    return {
        "country": country.pk, "question": question.pk, "status": "answered", "value_boolean": "unknown",
        "value_number": "", "value_text": "", "unit": "", "qualifier": "", "valid_from": "",
        "valid_from_precision": "", "valid_to": "", "valid_to_precision": "", "note": "", "correction_note": "",
        "correction_kind": "", "publication_status": "published", "change_reason": "",
        "citations-TOTAL_FORMS": "0", "citations-INITIAL_FORMS": "0", "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000", **values,
    }  # fmt: skip


def test_the_admin_form_shows_a_wrong_type_on_its_field(client):
    admin = User.objects.create_superuser("chief", password="not-used-here")
    client.force_login(admin)
    record = AnswerFactory(country=CountryFactory(iso2="QC"), question=question(AnswerType.BOOLEAN), value_number=None,
                           value_boolean=True, qualifier="")  # fmt: skip
    url = f"/admin/codebook/answer/{record.pk}/change/"
    assert client.get(url).status_code == 200
    data = admin_answer_form(record.country, record.question, value_number="10", valid_from="2015-01-01",
                             valid_from_precision="day")  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with its errors
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"value_boolean", "value_number"}
    record.refresh_from_db()
    assert record.value_boolean is True and record.value_number is None


MESSAGES = [
    (AnswerType.BOOLEAN, {}, {}, {"value_boolean": "A yes or no question needs a yes/no value (value_boolean)."}),
    (
        AnswerType.INTEGER,
        {},
        {"value_number": Decimal("10.5")},
        {"value_number": "A whole number is needed, not 10.5."},
    ),
    (
        AnswerType.INTEGER,
        {},
        {"value_number": Decimal(-3)},  # "at least -3 citizens" showed on every page
        {"value_number": "A number of the codebook cannot be negative, not -3."},
    ),
    (
        AnswerType.DECIMAL,
        {},
        {"value_number": Decimal(90), "valid_from": datetime.date(2020, 3, 15), "valid_from_precision": "month"},
        {"valid_from": "A date known only to the month is written as its first day: 2020-03-01, not 2020-03-15."},
    ),
    (
        AnswerType.MONEY,
        {"unit": ""},
        {"value_number": Decimal(200)},
        {"unit": "An amount of money needs its currency or index (e.g. KZT, MCI), here or on the question."},
    ),
    (
        AnswerType.CHOICE,
        {"choices": []},
        {"value_text": "registration"},
        {"value_text": "'registration' is not one of the question's choices (none defined)."},
    ),
    (
        AnswerType.TEXT,
        {},
        {"status": AnswerStatus.NOT_STATED, "value_text": "Only citizens"},
        {"value_text": "An answer not stated in the source carries no value."},
    ),
]


@pytest.mark.parametrize(
    "answer_type,question_extra,values,expected", MESSAGES, ids=[f"{t}-{i}" for i, (t, _, _, _) in enumerate(MESSAGES)]
)
def test_the_message_tells_the_editor_what_the_question_needs(answer_type, question_extra, values, expected):
    assert problems(answer(answer_type, question_extra, **values)) == expected


def test_the_message_of_a_period_ending_before_it_starts():
    record = answer(
        AnswerType.INTEGER,
        value_number=Decimal(10),
        valid_from=datetime.date(2020, 1, 2),
        valid_to=datetime.date(2020, 1, 1),
    )
    assert problems(record) == {"valid_to": "The end of the period cannot come before its start."}


def test_two_answers_of_a_country_to_a_question_cannot_start_alike(client):
    """Of two answers in force, the later start applies; two with the same start (two undated, say) left each page to
    pick its own, so the codebook, the comparison and the panel showed three different values. Refused in admin,
    where the message names the answer already there; editing that answer itself stays possible."""
    country = CountryFactory(iso2="QC", name="Codeland")
    undated = AnswerFactory(country=country, value_number=Decimal(10), valid_from=None)
    dated = AnswerFactory(country=country, question=undated.question, value_number=Decimal(3),
                          valid_from=datetime.date(2020, 5, 1), valid_from_precision="month")  # fmt: skip

    def twin(**period):
        period = with_precisions(period)
        return problems(Answer(country=country, question=undated.question, value_number=Decimal(12), **period))

    assert twin(valid_from=None) == {
        "valid_from": "Codeland already has an answer to this question starting on a date not stated in the source "
        "(at least 10 citizens). Edit that answer, or give this one the date it takes effect."
    }
    assert "starting on May 2020 (at least 3 citizens)" in twin(valid_from=datetime.date(2020, 5, 1))["valid_from"]
    assert twin(valid_from=datetime.date(2024, 1, 1)) == {}  # a later start: it applies from then on
    assert problems(undated) == problems(dated) == {}  # an answer is not its own twin
    other_country = Answer(country=CountryFactory(iso2="QD"), question=undated.question, value_number=Decimal(12))
    assert problems(other_country) == {}

    client.force_login(User.objects.create_superuser("chief", password="not-used-here"))
    data = admin_answer_form(country, undated.question, value_number="13", qualifier="at_least")
    response = client.post("/admin/codebook/answer/add/", data)
    assert response.status_code == 200  # the form again, with its error
    assert set(response.context["adminform"].form.errors) == {"valid_from"}
    assert Answer.objects.filter(country=country).count() == 2
    response = client.post(f"/admin/codebook/answer/{undated.pk}/change/", data)
    assert response.status_code == 302
    undated.refresh_from_db()
    assert undated.value_number == 13


# A question's own rules: choices that fit its type, and no edit that leaves an answer already coded unfit.
BAD_CHOICES = [
    (AnswerType.CHOICE, {"a": 1}, "A one-of-choices question lists its choices"),
    (AnswerType.CHOICE, [], "A one-of-choices question lists its choices"),
    (AnswerType.CHOICE, ["quarterly", "annual"], 'not "quarterly"'),
    (AnswerType.CHOICE, [{"label": "Quarterly"}], 'not {"label": "Quarterly"}'),
    (AnswerType.CHOICE, [{"value": "", "label": "Nothing"}], "Each choice is"),
    (AnswerType.CHOICE, [{"value": 3, "label": "Three"}], "Each choice is"),
    (AnswerType.CHOICE, [{"value": "a", "label": "A", "colour": "red"}], "Each choice is"),
    (AnswerType.CHOICE, [{"value": "a", "label": "A"}, {"value": "a", "label": "Again"}], "a is given twice"),
    (AnswerType.INTEGER, CHOICES, "Only a one-of-choices question takes choices"),
]


@pytest.mark.parametrize("answer_type,choices,message", BAD_CHOICES, ids=[str(c) for _, c, _ in BAD_CHOICES])
def test_malformed_choices_are_refused_with_the_shape_they_need(answer_type, choices, message):
    """Choices such as {"a": 1} were stored, and the next search index update failed on them (a 500 in admin)."""
    found = problems(QuestionFactory.build(key="q_bad", answer_type=answer_type, choices=choices))
    assert set(found) == {"choices"} and message in found["choices"]


def test_well_formed_choices_pass():
    assert problems(QuestionFactory.build(key="q_ok", answer_type=AnswerType.CHOICE, choices=CHOICES, unit="")) == {}


def coded_choice_question():
    """A choice question with one answer coded "permission" in Questland since 2015."""
    record = question(AnswerType.CHOICE, choices=CHOICES, unit="")
    AnswerFactory(country=CountryFactory(iso2="QC", name="Questland"), question=record, value_number=None,
                  qualifier="", value_text="permission")  # fmt: skip
    return record


def test_taking_away_a_choice_an_answer_uses_is_refused_naming_the_answer():
    """Accepted before: the public pages then showed the answer's raw code ("annual") instead of its label."""
    record = coded_choice_question()
    record.choices = CHOICES[:1]
    found = problems(record)
    assert set(found) == {"choices"}
    assert "leave 1 answer(s) already coded" in found["choices"]
    assert (
        "Questland, from January 1, 2015 (Permission): 'permission' is not one of the question's choices"
        in (found["choices"])
    )
    record.choices = [*CHOICES, {"value": "ban", "label": "Banned"}]  # adding one breaks nothing
    assert problems(record) == {}


def test_changing_the_type_of_a_question_with_answers_is_refused_on_the_type():
    """Accepted before: a "No" answer to a question turned into a whole number read as no value at all."""
    record = question(AnswerType.BOOLEAN, unit="")
    AnswerFactory(country=CountryFactory(iso2="QC"), question=record, value_number=None, qualifier="",
                  value_boolean=False)  # fmt: skip
    record.answer_type, record.unit = AnswerType.INTEGER, "citizens"
    found = problems(record)
    assert set(found) == {"answer_type"}
    assert (
        "takes no yes/no value (value_boolean). A whole number question needs a number (value_number). Change"
        in found["answer_type"]
    )
    record.refresh_from_db()
    assert record.answer_type == AnswerType.BOOLEAN


def test_the_admin_refuses_the_change_with_a_form_error_and_keeps_the_question(admin_client):
    from tests.support import admin_form_data

    record = coded_choice_question()
    url = f"/admin/codebook/question/{record.pk}/change/"
    for choices in ('{"a": 1}', '[{"value": "notification", "label": "Notification"}]'):
        response = admin_client.post(url, admin_form_data(admin_client.get(url), choices=choices))
        assert response.status_code == 200 and "choices" in response.context["adminform"].form.errors
    record.refresh_from_db()
    assert record.choices == CHOICES


def test_the_api_refuses_the_change_with_a_400_on_the_field():
    from tests.test_api_writes import token_client

    record = coded_choice_question()
    client = token_client("change_question")
    url = f"/api/v1/questions/{record.key}/"
    response = client.patch(url, {"choices": [{"value": "notification", "label": "Notification"}]}, format="json")
    assert response.status_code == 400 and "Questland" in response.json()["errors"]["choices"][0]
    response = client.patch(url, {"answer_type": "integer"}, format="json")
    assert response.status_code == 400 and "Only a one-of-choices question" in response.json()["errors"]["choices"][0]
    response = client.patch(url, {"answer_type": "integer", "choices": []}, format="json")
    assert (
        response.status_code == 400 and "needs a number (value_number)" in response.json()["errors"]["answer_type"][0]
    )
    response = client.patch(url, {"choices": [{"value": "a"}, {"value": "a"}]}, format="json")
    assert response.status_code == 400 and "a is given twice" in response.json()["errors"]["choices"][0]
    record.refresh_from_db()
    assert record.choices == CHOICES and record.answer_type == AnswerType.CHOICE
    added = [*CHOICES, {"value": "ban", "label": "Banned"}]
    assert client.patch(url, {"choices": added}, format="json").status_code == 200


def citation_forms(client, record):
    """The admin page of an answer with its citations, and its POST data as the browser would send it (`client`:
    signed in to admin)."""
    from tests.support import admin_form_data

    url = f"/admin/codebook/answer/{record.pk}/change/"
    return url, admin_form_data(client.get(url))


def two_cited_answer():
    from tests.factories import CitationFactory

    record = AnswerFactory(country=CountryFactory(iso2="QC"), question=question(AnswerType.INTEGER))
    first = CitationFactory(answer=record, order=0, pinpoint="Article 11")
    second = CitationFactory(answer=record, order=1, pinpoint="Article 12")
    return record, first, second


def pinpoints_in_order(record):
    return list(record.citations.order_by("order").values_list("pinpoint", "order"))


def test_an_editor_can_swap_two_citations_order(admin_client):
    """Swapping the orders was a 500: the first row saved took the other's place while it still held it."""
    record, first, second = two_cited_answer()
    url, data = citation_forms(admin_client, record)
    data.update({"citations-0-order": "1", "citations-1-order": "0"})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert pinpoints_in_order(record) == [("Article 12", 0), ("Article 11", 1)]
    # each citation's history holds its own move, at its final place
    assert first.history.first().order == 1 and second.history.first().order == 0


def test_a_citation_moved_past_the_last_place_and_another_into_its_place_saves(admin_client):
    """Stepping aside to the places after the last one held, the first row stepped into the place the other was
    asked for (3), while the other still held it: a 500."""
    record, first, second = two_cited_answer()
    url, data = citation_forms(admin_client, record)
    data.update({"citations-0-order": "3", "citations-1-order": "0"})
    assert admin_client.post(url, data).status_code == 302
    assert pinpoints_in_order(record) == [("Article 12", 0), ("Article 11", 3)]


def test_moving_a_citation_to_the_place_of_one_deleted_in_the_same_save_works(admin_client):
    record, first, second = two_cited_answer()
    url, data = citation_forms(admin_client, record)
    data.update({"citations-0-DELETE": "on", "citations-1-order": "0"})
    assert admin_client.post(url, data).status_code == 302
    assert pinpoints_in_order(record) == [("Article 12", 0)]


def test_two_citations_given_the_same_order_is_a_form_error_and_nothing_changes(admin_client):
    record, first, second = two_cited_answer()
    url, data = citation_forms(admin_client, record)
    data.update({"citations-1-order": "0", "citations-1-pinpoint": "Article 99"})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert errors == ["Please correct the duplicate data for order."]  # Django's own check of the formset
    assert pinpoints_in_order(record) == [("Article 11", 0), ("Article 12", 1)]


def test_an_answer_that_already_did_not_fit_does_not_block_the_question_s_edits():
    """A stored answer outside the choices (loaded from a file, say) blocked rewording the question, the error
    blamed on its unit."""
    record = coded_choice_question()
    Answer.objects.filter(question=record).update(value_text="zzz")  # already unfit, as a fixture could leave it
    record.text = "Reworded question"
    assert problems(record) == {}
    record.choices = [*CHOICES, {"value": "ban", "label": "Banned"}]
    assert problems(record) == {}
    record.unit = "days"  # no answer it fitted before is unfit now
    assert problems(record) == {}


# Overlapping periods: of two answers in force on a date the later start applies, so a stated end after the next
# answer's start silently lost the earlier answer's last months on every page, the comparison and the panel.
def kazakhstan_founders():
    """The seed's country and its minimum-founders question (answered without a stated start: not compared)."""
    from countries.models import Country
    from tests.factories import QuestionFactory as _  # noqa: F401  (the seed is loaded for every test database)

    answer = Answer.objects.select_related("country", "question").get(
        country__iso2="KZ", question__key="founders_minimum"
    )
    assert answer.valid_from is None and Country.objects.filter(iso2="KZ").exists()
    return answer.country, answer.question


def test_the_seeded_answers_pass_the_overlap_rule():
    """Loaded with the fixtures, before any rule: every seeded answer passes its model's rules, the overlap one
    included (the one ended answer, until December 2021, hands over to its successor from that month)."""
    seeded = Answer.objects.filter(country__iso2="KZ").select_related("country", "question")
    assert seeded.count() > 80
    assert {answer.pk: problems(answer) for answer in seeded if problems(answer)} == {}


def test_an_overlapping_period_is_a_form_error_in_admin_naming_the_answer(client):
    country, founders = kazakhstan_founders()
    client.force_login(User.objects.create_superuser("chief", password="not-used-here"))

    def add(**values):
        data = admin_answer_form(country, founders, value_number="12", qualifier="at_least", **values)
        return client.post("/admin/codebook/answer/add/", data)

    first = {"valid_from": "2023-02-01", "valid_from_precision": "day", "valid_to": "2024-06-01",
             "valid_to_precision": "day"}  # fmt: skip
    assert add(**first).status_code == 302
    response = add(valid_from="2024-01-01", valid_from_precision="day")
    assert response.status_code == 200  # the form again, with its error
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"valid_from"}
    assert errors["valid_from"][0].startswith(
        f"This period overlaps Kazakhstan's published answer to “{founders.text}” (February 1, 2023 to June 1, 2024: "
        "at least 12 citizens): the earlier answer's end comes after the later one's start"
    )
    assert add(valid_from="2024-06-01", valid_from_precision="day").status_code == 302  # on its end: a hand-over
    # a period ending past the next one's start is refused on its end, a draft is not compared
    earlier = {"valid_from": "2022-01-01", "valid_from_precision": "day", "valid_to": "2023-03-01",
               "valid_to_precision": "day"}  # fmt: skip
    response = add(**earlier)
    assert set(response.context["adminform"].form.errors) == {"valid_to"}
    assert add(**earlier, publication_status="draft").status_code == 302
    dated = Answer.objects.filter(country=country, question=founders, valid_from__isnull=False)
    assert sorted((a.valid_from.isoformat(), a.publication_status) for a in dated) == [
        ("2022-01-01", "draft"), ("2023-02-01", "published"), ("2024-06-01", "published"),
    ]  # fmt: skip

    # admin's publish action, which saves without the form, leaves the draft a draft and says why
    draft = dated.get(valid_from="2022-01-01")
    response = client.post(
        "/admin/codebook/answer/", {"action": "make_published", "_selected_action": [draft.pk]}, follow=True
    )
    shown = [str(message) for message in response.context["messages"]]
    assert not any(line.startswith("Published:") for line in shown)  # no success beside the refusal
    assert any(line.startswith("Not published, left as it was: “Kazakhstan: Minimum") and "overlaps" in line
               for line in shown)  # fmt: skip
    draft.refresh_from_db()
    assert draft.publication_status == "draft"


def test_an_overlapping_period_is_a_400_in_the_api_naming_the_answer():
    from tests.test_api_writes import token_client

    country, founders = kazakhstan_founders()
    client = token_client("add_answer", "change_answer")
    answer = {"country": "kz", "question": "founders_minimum", "value_number": 12, "qualifier": "at_least"}

    def post(**period):
        return client.post("/api/v1/answers/", {**answer, **period}, format="json")

    created = post(valid_from="2023-02-01", valid_from_precision="day", valid_to="2024-06-01",
                   valid_to_precision="day")  # fmt: skip
    assert created.status_code == 201, created.content
    response = post(valid_from="2024-01-01", valid_from_precision="day")
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {"valid_from"} and body["errors"]["valid_from"][0] in body["detail"]
    assert f"overlaps Kazakhstan's published answer to “{founders.text}”" in body["detail"]
    assert "(February 1, 2023 to June 1, 2024: at least 12 citizens)" in body["detail"]
    # the start to the year may be its last day, after the end in June 2024: not refused; to the day it is
    assert post(valid_from="2024-01-01", valid_from_precision="year", note="from 2024").status_code == 201
    url = created.json()["url"]
    assert client.patch(url, {"valid_to": "2024-09-01"}, format="json").status_code == 200  # within 2024 still
    assert set(client.patch(url, {"valid_to": "2025-02-01"}, format="json").json()["errors"]) == {"valid_to"}
    # a draft is compared with nothing until it is published
    draft = post(valid_from="2023-06-01", valid_from_precision="day", publication_status="draft")
    assert draft.status_code == 201, draft.content
    response = client.patch(draft.json()["url"], {"publication_status": "published"}, format="json")
    assert (
        response.status_code == 400
        and "February 1, 2023 to September 1, 2024" in response.json()["errors"]["valid_from"][0]
    )
    dated = Answer.objects.filter(country=country, question=founders, valid_from__isnull=False)
    assert sorted((a.valid_from.isoformat(), a.valid_to, a.publication_status) for a in dated) == [
        ("2023-02-01", datetime.date(2024, 9, 1), "published"), ("2023-06-01", None, "draft"),
        ("2024-01-01", None, "published"),
    ]  # fmt: skip


def test_an_open_end_gives_way_to_a_later_start_and_undated_answers_are_not_compared():
    """An open end states none (the rule in force on the report's date): a successor may start later, as the
    site reads them; an answer whose start is not stated is not compared (the seed's minimum founders is one)."""
    country, founders = kazakhstan_founders()

    def period(**values):
        return problems(Answer(country=country, question=founders, value_number=Decimal(12),
                               **with_precisions(values)))  # fmt: skip

    AnswerFactory(country=country, question=founders, value_number=Decimal(12), valid_from=datetime.date(2020, 1, 1),
                  valid_from_precision="day")  # fmt: skip
    assert period(valid_from=datetime.date(2025, 1, 1)) == {}
    assert period(valid_from=datetime.date(2019, 1, 1), valid_to=datetime.date(2020, 1, 1)) == {}  # a hand-over
    assert set(period(valid_from=datetime.date(2019, 1, 1), valid_to=datetime.date(2020, 1, 2))) == {"valid_to"}
    assert period(valid_from=datetime.date(2019, 1, 1), valid_to=datetime.date(2020, 1, 2),
                  publication_status="draft") == {}  # fmt: skip
    # the seed's undated answer (open: in force on the report's date) stands beside all of them, giving way to each
    assert Answer.objects.filter(country=country, question=founders, valid_from__isnull=True).count() == 1
