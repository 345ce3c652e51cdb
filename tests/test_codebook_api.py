"""An analyst reads the codebook through the API: questions, answers in force on a date, each with the law, the
pinpoint and the report's sentence it rests on, and the country-year panel as JSON or a tidy CSV."""

import datetime
import importlib
import io
from decimal import Decimal

import pandas
import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from codebook.models import Answer
from core.choices import Status
from laws.models import Law
from tests.api_support import PANEL_COLUMNS
from tests.factories import (
    AnswerFactory,
    CitationFactory,
    CountryFactory,
    CountryProfileFactory,
    LawFactory,
    QuestionFactory,
    build_profile,
)
from tests.test_api_writes import token_client

pytestmark = pytest.mark.django_db

ANSWERS, QUESTIONS, PANEL = "/api/v1/answers/", "/api/v1/questions/", "/api/v1/panel/"
CHOICES = [{"value": "notification", "label": "Notification"}, {"value": "permission", "label": "Permission"}]


def day(text):
    return datetime.date.fromisoformat(text)


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def coded(db):
    """QA, a country with a founders minimum that changed on 2015-06-16, an assembly regime of choice, a boolean
    question the source does not answer, and a question answered only from 2020."""
    country = CountryFactory(iso2="QA", name="Codeland")
    law = LawFactory(country=country, slug="pa-law", title="Law on Public Associations")
    founders = QuestionFactory(key="t_founders_minimum", text="Minimum number of founders", unit="citizens")
    regime = QuestionFactory(
        key="assembly_regime", text="Regime for assemblies", category="assembly", answer_type="choice",
        choices=CHOICES, unit="",
    )  # fmt: skip
    foreign = QuestionFactory(key="foreign_founders", text="May foreigners found", answer_type="boolean", unit="")
    fee = QuestionFactory(key="t_registration_fee", text="Registration fee", answer_type="money", unit="MCI")
    old = AnswerFactory(
        country=country, question=founders, value_number=Decimal(10), valid_from=day("2001-01-01"),
        valid_from_precision="year", valid_to=day("2015-06-15"), valid_to_precision="day",
    )  # fmt: skip
    CitationFactory(answer=old, law=law, pinpoint="Article 11", quote="At least ten citizens may found it.", order=0)
    new = AnswerFactory(country=country, question=founders, value_number=Decimal(3), valid_from=day("2015-06-16"))
    CitationFactory(answer=new, law=law, pinpoint="Article 12", quote="Three citizens suffice.", order=0)
    AnswerFactory(
        country=country, question=regime, value_number=None, value_text="notification", qualifier="", valid_from=None,
        valid_from_precision="",
    )  # fmt: skip
    AnswerFactory(
        country=country, question=foreign, status="not_stated", value_number=None, qualifier="", valid_from=None,
        valid_from_precision="",
    )  # fmt: skip
    AnswerFactory(country=country, question=fee, value_number=Decimal(5), qualifier="", valid_from=day("2020-01-01"))
    return country


# ---------------------------------------------------------------- answers and questions


def test_an_answer_carries_its_typed_value_period_and_citations(client, coded):
    data = get(client, ANSWERS, country="qa", question="t_founders_minimum", ordering="valid_from")
    assert data["count"] == 2
    record = data["results"][0]
    assert {name: record[name] for name in (
        "country", "question", "question_text", "category", "answer_type", "status", "value", "value_boolean",
        "value_number", "value_text", "unit", "value_unit", "qualifier", "value_display", "valid_from",
        "valid_from_precision", "valid_to", "valid_to_precision",
    )} == {
        "country": "QA", "question": "t_founders_minimum", "question_text": "Minimum number of founders",
        "category": "entry", "answer_type": "integer", "status": "answered", "value": 10, "value_boolean": None,
        "value_number": 10.0, "value_text": "", "unit": "", "value_unit": "citizens", "qualifier": "at_least",
        "value_display": "at least 10 citizens", "valid_from": "2001-01-01", "valid_from_precision": "year",
        "valid_to": "2015-06-15", "valid_to_precision": "day",
    }  # fmt: skip
    assert record["html_url"] == "http://testserver/codebook/t_founders_minimum/#answer-qa-2001-01-01"
    [citation] = record["citations"]
    law = coded.law_set.get(slug="pa-law")
    assert citation == {
        "law": {
            "id": law.pk,
            "slug": "pa-law",
            "title": "Law on Public Associations",
            "url": f"http://testserver/api/v1/laws/{law.pk}/",
            "api_url": f"http://testserver/api/v1/laws/{law.pk}/",
            "html_url": "http://testserver/countries/qa/laws/pa-law/",
        },
        "pinpoint": "Article 11",
        "quote": "At least ten citizens may found it.",
        "order": 0,
    }


def test_values_are_typed_as_json_types(client, coded):
    values = {record["question"]: record["value"] for record in get(client, ANSWERS, country="QA", as_of="2021-01-01")[
        "results"]}  # fmt: skip
    assert values == {
        "t_founders_minimum": 3,
        "assembly_regime": "notification",
        "foreign_founders": None,
        "t_registration_fee": 5,
    }


@pytest.mark.parametrize(
    "as_of,expected",
    [
        ("2015-06-15", ["assembly_regime", "foreign_founders", "t_founders_minimum:10"]),  # the old rule's last day
        ("2015-06-16", ["assembly_regime", "foreign_founders", "t_founders_minimum:3"]),  # the new rule's first day
        ("2019-12-31", ["assembly_regime", "foreign_founders", "t_founders_minimum:3"]),  # the fee is coded from 2020
        ("2020-01-01", ["assembly_regime", "foreign_founders", "t_founders_minimum:3", "t_registration_fee:5"]),
    ],
)
def test_as_of_keeps_the_answers_in_force_on_that_day(client, coded, as_of, expected):
    results = get(client, ANSWERS, country="QA", as_of=as_of)["results"]
    found = sorted(r["question"] + (f":{r['value']}" if isinstance(r["value"], int) else "") for r in results)
    assert found == expected


@pytest.mark.parametrize("value", ["2020-13-01", "yesterday", "2020-02-30"])
def test_a_bad_as_of_date_is_a_400_naming_it(client, value):
    response = client.get(ANSWERS, {"as_of": value})
    assert response.status_code == 400
    assert "as_of" in response.json()["detail"]


def test_with_as_of_each_answer_says_whether_the_source_states_it_for_that_day(client, coded):
    """`as_of=1950-01-01` listed the seed's undated rules "in force" with nothing to tell them from stated ones; the
    panel's `in_force_stated` says it, by the same rule."""

    def stated(**params):
        return {r["question"]: r["in_force_stated"] for r in get(client, ANSWERS, **params)["results"]}

    assert stated(country="QA", as_of="2021-01-01") == {
        "t_founders_minimum": True,  # dated
        "t_registration_fee": True,
        "assembly_regime": False,  # undated: carried back from the report's date
        "foreign_founders": False,
    }
    assert set(stated(country="QA").values()) == {None}  # no day asked about
    assert set(stated(country="KZ", as_of="2024-05-30", page_size=100).values()) == {True}  # the report's own date
    long_ago = get(client, ANSWERS, country="KZ", as_of="1950-01-01", page_size=100)["results"]
    assert long_ago and not any(answer["in_force_stated"] for answer in long_ago)
    panel = get(client, PANEL, country="KZ", **{"from": "2017", "to": "2017"})
    by_question = {row["question"]: row["in_force_stated"] for row in panel}
    answers = stated(country="KZ", as_of="2017-12-31", page_size=100)
    assert answers == {question: by_question[question] for question in answers}


def test_as_of_after_the_reports_is_a_400_by_the_panel_s_rule(client, coded):
    """`as_of=2099-01-01` listed every answer as in force while the panel refused the year: no report speaks for
    it. Both now refuse a date after the latest report of the countries asked for, with the same reason."""
    CountryProfileFactory(country=coded, last_updated=day("2022-03-15"))  # the seed's report: May 30, 2024
    assert get(client, ANSWERS, as_of="2024-05-30")["count"]  # the latest report's own date
    late = client.get(ANSWERS, {"as_of": "2099-01-01"})
    assert late.status_code == 400
    reason = "No report speaks for a date after May 30, 2024 (2024-05-30), the date of the latest report:"
    assert late.json()["errors"]["as_of"][0].startswith(reason)
    # QA's own report is older: asked for QA alone, a date after it is refused, by the panel as by the answers
    answers = client.get(ANSWERS, {"as_of": "2023-01-01", "country": "QA"})
    years = client.get(PANEL, {"from": "2023", "country": "QA"})
    assert answers.status_code == years.status_code == 400
    message = answers.json()["errors"]["as_of"][0]
    assert message.startswith("No report speaks for a date after March 15, 2022")
    assert years.json()["errors"]["from"][0] == f"from=2023 is after the panel's last year. {message}"
    # with every country, the seed's report speaks for the date, but not QA's: no QA answer, as no QA panel row
    everyone = get(client, ANSWERS, as_of="2023-01-01")["count"]
    assert everyone == get(client, ANSWERS, as_of="2023-01-01", country="KZ")["count"] > 0
    assert get(client, ANSWERS, as_of="2022-03-15", country="QA")["count"]  # on QA's report's date: its answers
    assert {row["country"] for row in panel(client, **{"from": "2023"})} == {"KZ"}


def test_questions_are_found_by_key_and_filtered(client, coded):
    question = get(client, f"{QUESTIONS}assembly_regime/")
    assert question["choices"] == CHOICES and question["html_url"] == "http://testserver/codebook/assembly_regime/"
    assert [q["key"] for q in get(client, QUESTIONS, country="qa", category="assembly")["results"]] == [
        "assembly_regime"
    ]
    keys = {q["key"] for q in get(client, QUESTIONS, country="qa", search="foreigners")["results"]}
    assert keys == {"foreign_founders"}
    assert client.get(f"{QUESTIONS}no_such_question/").status_code == 404


def test_answers_come_as_csv_with_their_citations(client, coded):
    response = client.get(ANSWERS, {"country": "QA", "question": "t_founders_minimum", "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    table = pandas.read_csv(io.StringIO(response.content.decode()))
    assert list(table["citations.pinpoint"]) == ["Article 11", "Article 12"]
    assert list(table["value"]) == [10, 3]


# ---------------------------------------------------------------- drafts


def test_drafts_never_leak(client, coded):
    draft_question = QuestionFactory(key="secret_question", publication_status=Status.DRAFT)
    AnswerFactory(country=coded, question=draft_question, note="of a draft question")
    AnswerFactory(country=coded, note="a draft answer", publication_status=Status.DRAFT)
    hidden = CountryFactory(iso2="QH", publication_status=Status.DRAFT)
    AnswerFactory(country=hidden, note="of a draft country")
    draft_law = LawFactory(country=coded, slug="draft-law", publication_status=Status.DRAFT)
    cited = AnswerFactory(country=coded, note="cites a draft law", valid_from=None)
    CitationFactory(answer=cited, law=draft_law)

    notes = [record["note"] for record in get(client, ANSWERS, page_size=100)["results"]]
    assert not {"of a draft question", "a draft answer", "of a draft country"} & set(notes)
    assert "secret_question" not in {q["key"] for q in get(client, QUESTIONS, page_size=100)["results"]}
    assert client.get(f"{QUESTIONS}secret_question/").status_code == 404
    only_draft_answer = QuestionFactory(key="answered_in_draft_only")
    AnswerFactory(country=coded, question=only_draft_answer, publication_status=Status.DRAFT)
    assert "answered_in_draft_only" not in {q["key"] for q in get(client, QUESTIONS, country="QA")["results"]}
    [record] = [
        r for r in get(client, ANSWERS, country="QA", page_size=100)["results"] if r["note"] == "cites a draft law"
    ]
    assert record["citations"][0]["law"] is None  # the citation stays, the draft law does not show
    panel = get(client, PANEL, **{"from": "2020", "to": "2020"})
    assert {row["country"] for row in panel} >= {"QA"} and "QH" not in {row["country"] for row in panel}
    assert "secret_question" not in {row["question"] for row in panel}


# ---------------------------------------------------------------- writes


def test_an_editor_writes_an_answer_and_a_wrong_type_is_a_400_naming_the_field(coded):
    client = token_client("add_answer", "change_answer")
    answer = {
        "country": "qa", "question": "assembly_regime", "value_text": "permission", "valid_from": "2024-01-01",
        "valid_from_precision": "day",
    }  # fmt: skip
    response = client.post(ANSWERS, answer, format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["value"] == "permission" and created["value_display"] == "Permission"

    cases = [
        ({**answer, "valid_from": "2025-01-01", "value_text": "registration"}, "value_text"),
        ({**answer, "valid_from": "2025-01-01", "value_text": "", "value_number": 5}, "value_number"),
        ({**answer, "valid_from": "2025-01-01", "status": "not_stated"}, "value_text"),
        ({**answer, "valid_from": "2025-01-01", "valid_to": "2024-12-31", "valid_to_precision": "day"}, "valid_to"),
        ({**answer, "valid_from": "2025-01-01", "valid_from_precision": ""}, "valid_from_precision"),
        ({**answer, "valid_from": "0215-12-01"}, "valid_from"),
        (
            {
                **answer,
                "question": "t_registration_fee",
                "valid_from": "2025-01-01",
                "value_text": "",
                "value_number": "1.5",
            },
            None,
        ),  # fmt: skip
        (
            {
                **answer,
                "question": "t_founders_minimum",
                "valid_from": "2025-01-01",
                "value_text": "",
                "value_number": "1.5",
            },
            "value_number",
        ),  # fmt: skip
    ]
    for payload, field in cases:
        response = client.post(ANSWERS, payload, format="json")
        if field is None:
            assert response.status_code == 201, response.content
            continue
        assert response.status_code == 400, (payload, response.content)
        assert field in response.json()["errors"], (payload, response.json())
    response = client.patch(created["url"], {"value_text": "", "value_boolean": True}, format="json")
    assert response.status_code == 400 and set(response.json()["errors"]) == {"value_boolean", "value_text"}
    response = client.patch(created["url"], {"value_text": "notification"}, format="json")
    assert response.status_code == 200 and response.json()["value_display"] == "Notification"
    assert Answer.objects.get(pk=created["id"]).history.count() == 2


def test_as_of_on_a_changeover_day_gives_the_later_rule_only(client, coded):
    """Two rules coded to the month (until December 2021; from December 2021) are both in force on 1 December:
    the list gives the later, as the panel and the pages do (it gave both)."""
    question = QuestionFactory(key="t_report_frequency", answer_type="text", unit="")
    AnswerFactory(
        country=coded, question=question, value_number=None, value_text="quarterly", qualifier="", valid_from=None,
        valid_from_precision="", valid_to=day("2021-12-01"), valid_to_precision="month",
    )  # fmt: skip
    successor = AnswerFactory(
        country=coded, question=question, value_number=None, value_text="semiannual", qualifier="",
        valid_from=day("2021-12-01"), valid_from_precision="month",
    )  # fmt: skip

    def values(as_of):
        results = get(client, ANSWERS, country="QA", question="t_report_frequency", as_of=as_of)["results"]
        return [record["value"] for record in results]

    assert values("2021-11-30") == ["quarterly"]
    assert values("2021-12-01") == values("2022-01-01") == ["semiannual"]
    successor.publication_status = Status.DRAFT
    successor.save()
    assert values("2021-12-01") == ["quarterly"]  # a draft successor hides nothing


# ---------------------------------------------------------------- the panel


def panel(client, **params):
    return get(client, PANEL, **params)


def cells(rows):
    return [(row["year"], row["question"], row["value"]) for row in rows]


def test_the_panel_has_a_row_per_year_and_question_with_the_value_in_force_on_31_december(client, coded):
    rows = panel(client, country="QA", **{"from": "2014", "to": "2020"})
    assert list(rows[0]) == list(PANEL_COLUMNS)
    assert {row["reference_date"] for row in rows if row["year"] == 2015} == {"2015-12-31"}
    assert [(y, v) for y, q, v in cells(rows) if q == "t_founders_minimum"] == [
        (2014, 10), (2015, 3), (2016, 3), (2017, 3), (2018, 3), (2019, 3), (2020, 3),
    ]  # fmt: skip  # the change of June 2015 shows from 2015: the rule in force on 31 December
    # Undated answers count for every year; the fee, coded from 2020, has no row before it.
    assert [y for y, q, _ in cells(rows) if q == "assembly_regime"] == list(range(2014, 2021))
    assert [y for y, q, _ in cells(rows) if q == "foreign_founders"] == list(range(2014, 2021))
    assert [(y, v) for y, q, v in cells(rows) if q == "t_registration_fee"] == [(2020, 5)]
    assert {row["status"] for row in rows if row["question"] == "foreign_founders"} == {"not_stated"}
    fee = next(row for row in rows if row["question"] == "t_registration_fee")
    assert (fee["unit"], fee["value_number"], fee["valid_from"]) == ("MCI", 5.0, "2020-01-01")


def test_a_rule_that_ends_on_30_december_is_not_the_year_s_value(client, coded):
    question = QuestionFactory(key="notice_days", answer_type="duration", unit="days")
    AnswerFactory(country=coded, question=question, value_number=10, valid_from=day("2010-01-01"),
                  valid_to=day("2016-12-30"))  # fmt: skip
    AnswerFactory(country=coded, question=question, value_number=5, valid_from=day("2016-12-31"))
    AnswerFactory(country=coded, question=question, value_number=7, valid_from=day("2018-01-01"),
                  valid_to=day("2018-12-31"))  # fmt: skip
    rows = panel(client, country="qa", question="notice_days", **{"from": "2015", "to": "2019"})
    assert cells(rows) == [
        (2015, "notice_days", 10), (2016, "notice_days", 5), (2017, "notice_days", 5), (2018, "notice_days", 7),
        (2019, "notice_days", 5),
    ]  # fmt: skip  # 2018: of two rules in force, the later one; 2019: the 2018 rule has ended, the 2016 one goes on


def years(rows, question):
    return [row["year"] for row in rows if row["question"] == question]


def test_an_undated_rule_is_not_carried_back_before_the_law_it_cites(client, coded):
    """Found by an analyst's review: the rally regime of Kazakhstan's 2020 assemblies law read 'notification' in
    2015-2019, the years of the law before it. A rule resting on a law is not in force before that law; before it,
    the source says nothing."""
    law = LawFactory(country=coded, slug="assemblies-law", adopted_on=day("2010-05-25"))
    question = QuestionFactory(key="t_rally_regime", category="assembly", answer_type="choice", choices=CHOICES)
    rule = AnswerFactory(
        country=coded, question=question, value_number=None, value_text="notification", qualifier="",
        valid_from=None, valid_from_precision="",
    )  # fmt: skip
    CitationFactory(answer=rule, law=law, pinpoint="Article 10")
    rows = panel(client, country="QA", question="t_rally_regime", **{"from": "2005", "to": "2012"})
    assert [row["year"] for row in rows] == [2010, 2011, 2012]
    assert all(row["value"] == "notification" and not row["in_force_stated"] for row in rows)
    in_force = lambda date: [a["id"] for a in get(client, ANSWERS, country="QA", as_of=date)["results"]]  # noqa: E731
    assert rule.pk not in in_force("2010-05-24") and rule.pk in in_force("2010-05-25")
    # A draft law's date is not public, and a rule citing no dated law is carried back as before.
    law.publication_status = Status.DRAFT
    law.save()
    assert rule.pk in in_force("2001-01-01")


def test_a_stated_start_stands_whatever_the_law_s_date(client, coded):
    old = Answer.objects.get(country__iso2="QA", valid_from=day("2001-01-01"))  # cites the PA law, of May 2010
    assert old.pk in [a["id"] for a in get(client, ANSWERS, country="QA", as_of="2002-01-01")["results"]]


def test_the_panel_s_default_span_is_the_same_whatever_the_filters(client, coded):
    """So a cell is in every panel that selects it: the span does not follow the filters (it did: the founders
    question alone started in 2001, the whole panel earlier, an undated question alone in 2000)."""
    CountryProfileFactory(country=coded, last_updated=day("2031-02-01"))  # the latest report of all
    earliest = Answer.objects.published().exclude(valid_from=None).order_by("valid_from").first().valid_from.year
    whole = panel(client)
    assert min(row["year"] for row in whole) == earliest and max(row["year"] for row in whole) == 2031
    for question in ("t_founders_minimum", "assembly_regime", "t_registration_fee"):
        alone = panel(client, country="qa", question=question)
        assert (
            years(alone, question)
            == years(panel(client, country="QA"), question)
            == [row["year"] for row in whole if (row["country"], row["question"]) == ("QA", question)]
        )
    assert years(panel(client, country="QA", question="assembly_regime"), "assembly_regime")[0] == earliest
    assert years(panel(client, country="QA", question="t_founders_minimum"), "t_founders_minimum")[0] == 2001


def test_a_country_s_rows_end_on_its_report_s_date(client, coded):
    """The report cannot speak for later: no row after its year, and that year's value is the one on its date."""
    CountryProfileFactory(country=coded, last_updated=day("2022-03-15"))
    rows = panel(client, country="QA", **{"from": "2019", "to": "2026"})
    assert max(row["year"] for row in rows) == 2022
    assert {row["reference_date"] for row in rows if row["year"] == 2022} == {"2022-03-15"}
    assert {row["reference_date"] for row in rows if row["year"] == 2021} == {"2021-12-31"}
    kz = panel(client, country="KZ", **{"from": "2020", "to": "2030"})
    assert max(row["year"] for row in kz) == 2024
    assert {row["reference_date"] for row in kz if row["year"] == 2024} == {"2024-05-30"}  # the seed report's date


def test_an_undated_answer_carried_back_is_flagged_as_not_stated_for_that_year(client, coded):
    CountryProfileFactory(country=coded, last_updated=day("2022-03-15"))
    rows = panel(client, country="QA", **{"from": "2014", "to": "2022"})
    stated = {(row["year"], row["question"]): row["in_force_stated"] for row in rows}
    # the regime's start is not stated: the report states it for its own date only
    assert [stated[year, "assembly_regime"] for year in range(2014, 2023)] == [False] * 8 + [True]
    # dated answers are stated for every year of their period
    assert all(stated[year, "t_founders_minimum"] for year in range(2014, 2023))
    assert all(stated[year, "t_registration_fee"] for year in range(2020, 2023))


def test_one_year_asked_for_on_the_wrong_side_of_the_default_span_is_a_400(client, coded):
    CountryProfileFactory(country=coded, last_updated=day("2022-03-15"))
    earliest = Answer.objects.published().exclude(valid_from=None).order_by("valid_from").first().valid_from.year
    before = client.get(PANEL, {"to": str(earliest - 1)})
    assert before.status_code == 400 and "give from as well" in before.json()["detail"]
    for params in ({"from": "2030"}, {"from": "2030", "to": "2040"}):
        after = client.get(PANEL, params)
        assert after.status_code == 400, params
        # the seed's report is the latest
        assert "after the panel's last year. No report speaks for a date after May 30, 2024" in after.json()["detail"]
    assert panel(client, country="QA", **{"from": str(earliest - 5), "to": str(earliest - 1)})  # both given: fine


@pytest.mark.parametrize(
    "params,word",
    [
        ({"from": "20x0"}, "from"),
        ({"to": "0"}, "to"),
        ({"category": "sports"}, "category"),
        ({"question": "founders_minimun"}, "No published question with the key 'founders_minimun'"),
        ({"question": "t_founders_minimum", "country": "KAZ"}, "country"),
        ({"year": "2020"}, "year"),
        ({"from": "2020", "format": "csv", "to": "0"}, "to"),
    ],
)
def test_bad_panel_parameters_are_a_400_with_a_message(client, params, word):
    response = client.get(PANEL, params)
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert word in response.json()["detail"]


def test_the_panel_and_the_answers_filter_alike(client, coded):
    """Found by an analyst's review: a misspelt question key gave an empty panel (read as "never coded"), and
    several categories were a 400 on the panel but not on the answers list."""
    both = panel(client, category=["entry", "assembly"])
    assert {row["category"] for row in both} == {"entry", "assembly"}
    assert len(both) == len(panel(client, category="entry")) + len(panel(client, category="assembly"))
    assert panel(client, question="T_FOUNDERS_MINIMUM") == panel(client, question="t_founders_minimum") != []
    response = client.get(ANSWERS, {"question": "founders_minimun"})
    assert response.status_code == 400
    assert response.json()["errors"] == {"question": ["No published question with the key 'founders_minimun'."]}
    assert client.get(ANSWERS, {"question": "T_FOUNDERS_MINIMUM"}).json()["count"] == 2


def test_a_span_of_more_than_200_years_asked_for_is_a_400(client, coded):
    for params in ({"from": "412", "to": "8244"}, {"from": "1"}, {"to": "9999"}, {"from": "1826", "to": "2026"}):
        response = client.get(PANEL, {"country": "QA", **params})
        assert response.status_code == 400, params
        assert "at most 200 years" in response.json()["detail"]
    assert len({row["year"] for row in panel(client, country="QA", **{"from": "1825", "to": "2024"})}) == 200


def test_a_country_coded_since_long_ago_gets_its_whole_panel_by_default(client):
    country = CountryFactory(iso2="QD")
    AnswerFactory(country=country, valid_from=datetime.date(1791, 12, 15))
    rows = panel(client, country="QD")
    assert rows[0]["year"] == 1791 and rows[-1]["year"] == 2024  # to the latest report (the seed's)


def test_a_panel_of_more_rows_than_a_response_holds_is_a_400(client, coded, monkeypatch):
    everything = panel(client, country="QA")
    monkeypatch.setattr("codebook.api.PANEL_MAX_ROWS", len(everything))
    assert panel(client, country="QA") == everything  # at the limit: whole
    monkeypatch.setattr("codebook.api.PANEL_MAX_ROWS", len(everything) - 1)
    response = client.get(PANEL, {"country": "QA", "format": "csv"})
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert f"more than {len(everything) - 1:,} rows" in response.json()["detail"]


def test_panel_years_in_the_wrong_order_are_a_400_naming_both(client):
    """`from=2020&to=2010` was read as 2010-2020 (the years swapped, silently): a slip in either year gave a panel
    of other years than asked for. Now a 400 naming both; the same years in order are the seed's panel."""
    forward = panel(client, country="KZ", **{"from": "2010", "to": "2020"})
    assert {row["year"] for row in forward} == set(range(2010, 2021))
    for params in ({"from": "2020", "to": "2010"}, {"from": "2020", "to": "2010", "format": "csv"}):
        response = client.get(PANEL, {"country": "KZ", **params})
        assert response.status_code == 400 and response["Content-Type"] == "application/json"
        message = "from=2020 is after to=2010: give the first year as from and the last as to."
        assert response.json() == {"detail": message, "errors": {"from": [message], "to": [message]}}
    assert panel(client, country="KZ", **{"from": "2017", "to": "2017"})  # one year: from equal to to is fine


def test_the_panel_csv_loads_into_typed_columns(client, coded):
    response = client.get(PANEL, {"country": "QA", "from": "2014", "to": "2016", "format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    table = pandas.read_csv(io.StringIO(response.content.decode()), parse_dates=["reference_date", "valid_from"])
    assert tuple(table.columns) == PANEL_COLUMNS
    assert str(table["year"].dtype) == "int64"
    assert str(table["value_number"].dtype) == "float64"
    assert str(table["reference_date"].dtype).startswith("datetime64")
    assert str(table["valid_from"].dtype).startswith("datetime64")
    founders = table[table["question"] == "t_founders_minimum"]
    assert list(founders["year"]) == [2014, 2015, 2016] and list(founders["value_number"]) == [10.0, 3.0, 3.0]
    assert set(table["reference_date"].dt.strftime("%m-%d")) == {"12-31"}


# ---------------------------------------------------------------- fixed query counts


def measure(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(queries)


# URL, parameters -> queries (the country code checked, count and page of answers, their citations; with as_of, the
# reports' dates and the country's id, by which a date no report speaks for is refused; the panel: its answers, the
# reports' dates and the earliest stated start, its default span).
COSTS = [
    (ANSWERS, {"country": "QK"}, 4),
    (ANSWERS, {"country": "QK", "as_of": "2003-01-01", "format": "csv"}, 6),
    (QUESTIONS, {"country": "QK"}, 3),
    (PANEL, {"country": "QK"}, 4),
    (PANEL, {"format": "csv", "from": "2000", "to": "2010"}, 3),
]


@pytest.mark.parametrize("url,params,queries", COSTS)
def test_the_codebook_s_api_costs_a_fixed_number_of_queries(client, url, params, queries):
    country = CountryFactory(iso2="QK")
    build_profile(country, 2)
    assert measure(client, url, params) == queries
    build_profile(country, 6)
    assert measure(client, url, params) == queries


def test_an_answer_starting_where_another_starts_is_a_400_naming_it(coded):
    """The fixture's regime answer has no start stated: a second undated one is refused; a later start is not."""
    client = token_client("add_answer", "change_answer")
    before = Answer.objects.count()
    undated = {"country": "QA", "question": "assembly_regime", "value_text": "permission"}
    for payload in (undated, {**undated, "valid_from": None}):
        response = client.post(ANSWERS, payload, format="json")
        assert response.status_code == 400, response.content
        assert (
            "starting on a date not stated in the source (Notification)" in response.json()["errors"]["valid_from"][0]
        )
    assert Answer.objects.count() == before
    founders = {
        "country": "QA", "question": "t_founders_minimum", "value_number": "5", "valid_from": "2015-06-16",
        "valid_from_precision": "day",
    }  # fmt: skip
    response = client.post(ANSWERS, founders, format="json")
    assert response.status_code == 400 and "valid_from" in response.json()["errors"], response.content
    existing = Answer.objects.get(question__key="assembly_regime", country__iso2="QA")
    response = client.patch(f"{ANSWERS}{existing.pk}/", {"value_text": "permission"}, format="json")
    assert response.status_code == 200, response.content  # editing the undated answer itself
    response = client.post(
        ANSWERS, {**undated, "valid_from": "2024-01-01", "valid_from_precision": "day"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert Answer.objects.count() == before + 1


def test_two_undated_answers_saved_at_the_same_moment_are_a_409_and_the_database_keeps_one(coded, monkeypatch):
    """Past the check (`Answer.same_start`, as if the other was saved just after it), the database's constraint
    refuses the second undated answer; the API says so with a 409, not a 500."""
    from django.db import IntegrityError, transaction

    client = token_client("add_answer")
    monkeypatch.setattr(Answer, "same_start", lambda self: None)
    before = Answer.objects.count()
    response = client.post(ANSWERS, {"country": "QA", "question": "assembly_regime", "value_text": "permission"})
    assert response.status_code == 409, response.content
    assert "saved at the same moment" in response.json()["detail"]
    assert Answer.objects.count() == before
    existing = Answer.objects.get(country__iso2="QA", question__key="assembly_regime")
    with pytest.raises(IntegrityError), transaction.atomic():
        AnswerFactory(country=existing.country, question=existing.question, valid_from=None, value_text="permission")


def test_an_integrity_error_other_than_a_unique_key_stays_a_server_error():
    """Only a unique key lost to a concurrent write is a 409; a NOT NULL or foreign key failure is a bug to see."""
    from django.db import IntegrityError

    from core.api.errors import api_exception_handler

    assert api_exception_handler(IntegrityError("NOT NULL constraint failed: codebook_answer.country_id"), {}) is None
    assert api_exception_handler(IntegrityError("FOREIGN KEY constraint failed"), {}) is None
    taken = api_exception_handler(IntegrityError("UNIQUE constraint failed: codebook_answer.country_id"), {})
    assert taken.status_code == 409


def test_a_country_without_a_published_report_ends_with_the_latest_report_s_year(client, coded):
    """Its rows ran to whatever was asked (2100): no report speaks for them."""
    CountryProfileFactory(country=coded, publication_status=Status.DRAFT)
    rows = panel(client, country="QA", **{"from": "2015", "to": "2100"})
    assert max(row["year"] for row in rows) == 2024  # the seed's report, the latest published


# The rules the report describes in its paragraphs on the Law on Peaceful Assemblies of May 25, 2020.
RULES_OF_THE_2020_ASSEMBLIES_LAW = [
    "assembly_notice_days_picket", "assembly_notice_days_rally", "assembly_notice_days_demonstration",
    "assembly_decision_days_notification", "assembly_decision_days_permit", "assembly_tacit_consent",
    "assembly_spontaneous_allowed", "assembly_designated_places_only", "assembly_picket_max_participants",
    "assembly_picket_max_hours", "assembly_application_items", "assembly_foreigners_may_participate",
    "assembly_minimum_age",
]  # fmt: skip


def test_the_seed_s_assembly_rules_start_with_the_law_the_report_describes_them_in(client):
    """Found by the fact-check of session 25: these rules cited the report's sentences but not the law, so they
    counted as in force since the panel's first year, and 2015-2019 read "5 days' notice" beside no procedure.
    A rule resting on a law the report names (the Tax Code for the reduced registration fee, the NCO database
    Rules for its deadline) starts no earlier than it, as its siblings do."""
    first = {}
    for row in panel(client, country="KZ", **{"from": "2010", "to": "2024"}):
        first.setdefault(row["question"], row["year"])
    assert {key: first[key] for key in RULES_OF_THE_2020_ASSEMBLIES_LAW} == dict.fromkeys(
        RULES_OF_THE_2020_ASSEMBLIES_LAW, 2020
    )
    assert first["registration_fee_reduced"] == first["registration_fee"] == 2017  # Tax Code, December 25, 2017
    assert first["nco_database_deadline"] == first["nco_database_reporting_required"] == 2015  # Rules, December 2015


def test_the_seed_s_nco_database_deadline_is_not_stated_for_the_report_s_date(client):
    """The report gives the deadline of 31 March only for the Rules' first year ("In the first year of the Rules'
    implementation, at least 1,800 reports were received before the deadline of March 31, 2006", a misprint of
    2016) and says the Rules have been revised several times since. Coded as the undated rule in force, it read as
    the source's statement on the report's date: `in_force_stated` true in 2024. No later year has a value."""
    rows = panel(client, country="KZ", question="nco_database_deadline")
    assert {row["year"] for row in rows if row["value"] == "31 March"} == {2015, 2016}  # from the Rules, Dec. 2015
    later = [row for row in rows if row["year"] > 2016]
    assert later and all(row["status"] == "not_stated" and row["value"] is None for row in later)
    assert not any(row["in_force_stated"] and row["value"] is not None for row in rows)
    on_report = get(client, ANSWERS, country="KZ", question="nco_database_deadline", as_of="2024-05-30")["results"]
    assert [(answer["status"], answer["value"]) for answer in on_report] == [("not_stated", None)]


def test_the_seed_s_nco_database_sanctions_start_in_2017(client):
    """ "In general, until 2017, no one faced administrative responsibility for failure to submit this reporting.
    However, after that period, NCOs were penalized": loaded undated, the rule was carried back to any year, `true`
    for 2015-2016 against the report, and for 1825."""
    rows = panel(client, country="KZ", question="nco_database_noncompliance_sanctioned", **{"from": "1990"})
    assert [(row["year"], row["value"], row["in_force_stated"]) for row in rows] == [
        (year, True, True) for year in range(2017, 2025)
    ]


def test_a_database_loaded_before_gets_the_sanctions_start_once():
    """The fixture finds answers by their start: a database loaded undated would gain a second answer beside the
    first. The migration dates the loaded one, and leaves an answer an editor has changed since."""
    migration = importlib.import_module("codebook.migrations.0006_nco_sanctions_from_2017")
    answer = Answer.objects.get(country__iso2="KZ", question__key="nco_database_noncompliance_sanctioned")
    Answer.objects.filter(pk=answer.pk).update(valid_from=None, valid_from_precision="", note=migration.OLD_NOTE)
    migration.date_from_2017(django_apps, None)
    answer.refresh_from_db()
    assert (answer.valid_from, answer.valid_from_precision, answer.note) == (
        datetime.date(2017, 1, 1),
        "year",
        migration.NEW_NOTE,
    )
    Answer.objects.filter(pk=answer.pk).update(valid_from=None, note="Edited by an editor.")
    migration.date_from_2017(django_apps, None)
    answer.refresh_from_db()
    assert answer.valid_from is None and answer.note == "Edited by an editor."
    answer.note = migration.OLD_NOTE
    answer.save()  # a version: an editor's work, which load_fixtures would overwrite; the editor corrects it
    migration.date_from_2017(django_apps, None)
    answer.refresh_from_db()
    assert answer.valid_from is None


def test_the_seed_s_rally_regime_starts_with_its_law(client):
    """Kazakhstan's rally regime rests on the assemblies law of May 25, 2020: no row says 'notification' before."""
    rows = panel(client, question="assembly_regime_rally")
    assert rows and rows[0]["year"] == 2020 and {row["value"] for row in rows} == {"notification"}


def test_the_question_s_page_says_which_law_an_undated_rule_is_not_in_force_before(client):
    html = client.get("/codebook/assembly_regime_rally/").content.decode()
    assert "Start not stated in the source; not in force before the Law on the Procedure of Organization" in html
    assert "(May 25, 2020)." in html
    founders = client.get("/codebook/founders_minimum/").content.decode()
    assert "not in force before the PA Law (May 31, 1996)." in founders


def test_the_law_that_ended_an_undated_rule_does_not_bound_its_start(client):
    """Found by a review: the seed's quarterly reporting (start not stated, until December 2021) cites the December
    2021 order that ended it; bounded by that order's date it vanished from every year. It also rests on the Law on
    Payments of July 26, 2016 (found by the fact-check of session 25: it read "quarterly" for 2014 and 2015, before
    the reporting existed), which bounds it; the order does not."""
    rows = panel(client, question="foreign_funding_reporting_frequency", **{"from": "2014", "to": "2022"})
    assert [(row["year"], row["value"]) for row in rows] == [
        (2016, "quarterly"), (2017, "quarterly"), (2018, "quarterly"), (2019, "quarterly"), (2020, "quarterly"),
        (2021, "semiannual"), (2022, "semiannual"),
    ]  # fmt: skip
    html = client.get("/codebook/foreign_funding_reporting_frequency/").content.decode()
    assert "not in force before the Law on Payments (July 26, 2016)." in html
    assert html.count("not in force before") == 1


def test_of_two_starting_alike_the_stated_start_wins_everywhere(client, coded):
    """A dated answer and an undated one whose law is adopted the same day: one answer per cell, the dated one,
    on the API, the panel and the comparison."""
    question = QuestionFactory(key="t_tie", category="entry", answer_type="integer", unit="citizens")
    law = LawFactory(country=coded, slug="tie-law", adopted_on=day("2012-03-01"))
    undated = AnswerFactory(country=coded, question=question, value_number=Decimal(7), valid_from=None)
    CitationFactory(answer=undated, law=law)
    dated = AnswerFactory(country=coded, question=question, value_number=Decimal(9), valid_from=day("2012-03-01"))
    listed = get(client, ANSWERS, country="QA", question="t_tie", as_of="2012-03-01")["results"]
    assert [answer["id"] for answer in listed] == [dated.pk]
    rows = panel(client, country="QA", question="t_tie", **{"from": "2012", "to": "2012"})
    assert [row["value"] for row in rows] == [9]
    html = client.get("/compare/", {"countries": "qa", "as_of": "2012-03-01"}).content.decode()
    assert "9 citizens" in html and "7 citizens" not in html


@pytest.mark.parametrize(
    "value,expected",
    [
        ("NOTIFICATION", ["assembly_regime:notification"]),
        ("10", ["t_founders_minimum:10"]),
        ("10.0", ["t_founders_minimum:10"]),
        ("10.00000", ["t_founders_minimum:10"]),
        ("5", ["t_registration_fee:5"]),
        ("true", ["t_public_benefit:True"]),
        ("False", ["t_public_benefit_other:False"]),
        ("10.00001", []),  # no answer's value: not rounded to 10
        ("NaN", []),
        ("1e400", []),
    ],
)
def test_value_finds_a_yes_no_or_a_number_as_the_value_field_reads_it(client, coded, value, expected):
    """`value=true` and `value=10` found nothing: only a choice or a text was looked for."""
    yes_no = QuestionFactory(key="t_public_benefit", answer_type="boolean", unit="")
    AnswerFactory(country=coded, question=yes_no, value_number=None, qualifier="", value_boolean=True)
    other = QuestionFactory(key="t_public_benefit_other", answer_type="boolean", unit="")
    AnswerFactory(country=coded, question=other, value_number=None, qualifier="", value_boolean=False)
    results = get(client, ANSWERS, country="QA", value=value)["results"]
    assert sorted(f"{r['question']}:{r['value']}" for r in results) == expected


def value_errors(client, **params):
    response = client.get(ANSWERS, params)
    assert response.status_code == 400 and response["Content-Type"] == "application/json", response.content
    body = response.json()
    assert set(body["errors"]) == {"value"} and body["errors"]["value"][0] in body["detail"]
    return body["errors"]["value"][0]


def test_a_value_the_question_can_never_have_is_a_400_saying_what_it_takes(client):
    """On the seed: `value=yes` for a yes/no question, a value none of a choice question's choices has, and a word or
    a number no answer can hold for a number question all gave 200 and no answers, which reads as "Kazakhstan has no
    such rule". A value of the question's kind still filters, a choice in any case."""
    assert value_errors(client, question="assembly_spontaneous_allowed", value="yes") == (
        "No answer to assembly_spontaneous_allowed (type: yes or no) can have the value 'yes': it takes true or false."
    )
    assert value_errors(client, question="assembly_regime_rally", value="bogus") == (
        "No answer to assembly_regime_rally (type: one of the choices) can have the value 'bogus': it takes one of its "
        "choices, in any case: none, notification, permit, prohibited."
    )
    # a number as the API writes one; Decimal also read 1_0, +10, 1e1 and full-width digits as 10
    for value in ("abc", "NaN", "Infinity", "true", "1e309", "1_0", "+10", "1e1", "１０"):
        message = value_errors(client, question="founders_minimum", value=value)
        assert message == (
            f"No answer to founders_minimum (type: whole number) can have the value {value!r}: it takes a number in "
            "plain digits, such as 10 or 2.5."
        )
    assert value_errors(client, question="founders_minimum", value="1" * 16).endswith(
        f"an answer's number is below 10^15, with at most four decimal places ({'1' * 16} is not)."
    )
    assert value_errors(client, question="FOUNDERS_MINIMUM", value="10.5").endswith(
        "a whole number is needed, not 10.5."
    )
    assert value_errors(client, question="founders_minimum", value="-10").endswith(
        "a number of the codebook cannot be negative, not -10."
    )
    # values of the question's kind filter as before: Kazakhstan's rallies need notification, not a permit
    assert get(client, ANSWERS, question="assembly_spontaneous_allowed", value="FALSE")["count"] == 1
    assert get(client, ANSWERS, question="assembly_spontaneous_allowed", value="true")["count"] == 0
    assert get(client, ANSWERS, question="assembly_regime_rally", value="Notification")["count"] == 1
    assert get(client, ANSWERS, question="assembly_regime_rally", value="Permit")["count"] == 0
    assert [row["value"] for row in get(client, ANSWERS, question="founders_minimum", value="10.0")["results"]] == [10]


def test_a_value_no_question_asked_for_can_have_is_a_400_naming_what_they_take(client):
    """Without `question` the value is looked for among the questions the other filters select (every one without
    them, as the README documents): a 400 only when none of them can have it."""
    message = value_errors(client, category="assembly", value="bogus")
    asked = get(client, QUESTIONS, category="assembly", page_size=100)["count"]
    assert message.startswith(f"No answer to the {asked} questions asked for can have the value 'bogus' (")
    assert (
        "assembly_regime_picket, assembly_regime_rally, assembly_regime_demonstration: takes one of its choices, "
        "in any case: none, notification, permit, prohibited; " in message
    )
    assert ": takes true or false; " in message and ": takes a number in plain digits, such as 10 or 2.5" in message
    assert value_errors(client, answer_type="boolean", value="10").endswith(" more: takes true or false).")
    # a value one of them can have filters as before
    assembly = get(client, ANSWERS, category="assembly", page_size=100)["results"]
    for value in ("notification", "PERMIT", "5"):
        expected = [row["id"] for row in assembly if str(row["value"]).lower() == value.lower()]
        found = get(client, ANSWERS, category="assembly", value=value, page_size=100)["results"]
        assert [row["id"] for row in found] == expected
        assert expected or value == "PERMIT"  # no assembly regime of the seed needs a permit
    # a text question can have any value: without filters (and in a category with one) a word is looked for
    for params in ({}, {"category": "entry"}):
        assert get(client, ANSWERS, value="bogus", **params)["count"] == 0
    assert get(client, ANSWERS, value="1e999999999")["count"] == 0  # a number too large to hold, not a 500


def test_a_question_is_found_by_its_key_in_any_case(client, coded):
    """`?question=T_FOUNDERS_MINIMUM` worked but `/questions/T_FOUNDERS_MINIMUM/` was a 404."""
    response = client.get(f"{QUESTIONS}T_FOUNDERS_MINIMUM/")
    assert response.status_code == 200 and response.json()["key"] == "t_founders_minimum"
    assert response.json()["url"].endswith(f"{QUESTIONS}t_founders_minimum/")  # its own address, as stored
    assert client.get(f"{QUESTIONS}no_such_question/").status_code == 404


def test_a_question_found_by_its_exact_key_costs_no_query_more(client, coded):
    """The lookup regardless of case runs on a miss only."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(QUESTIONS)  # warm: throttles and the like (each URL below is asked once, so none is cached)
    with CaptureQueriesContext(connection) as exact:
        client.get(f"{QUESTIONS}t_founders_minimum/")
    with CaptureQueriesContext(connection) as other_case:
        client.get(f"{QUESTIONS}T_FOUNDERS_MINIMUM/")
    assert len(other_case) == len(exact) + 2  # the miss, the lookup regardless of case


def test_an_open_end_sorts_as_the_latest_and_undated_answers_come_first(client, coded):
    """`valid_to` null is "still in force", not "no date": `-valid_to` lists the rules in force first (on PostgreSQL
    they came first, on SQLite last); without an ordering, an undated answer comes first on both databases."""
    rows = get(client, ANSWERS, country="qa", question="t_founders_minimum", ordering="-valid_to")["results"]
    assert [row["valid_to"] for row in rows] == [None, "2015-06-15"]
    rows = get(client, ANSWERS, country="qa", question="t_founders_minimum", ordering="valid_to")["results"]
    assert [row["valid_to"] for row in rows] == ["2015-06-15", None]
    fee = Answer.objects.get(country=coded, question__key="t_registration_fee")
    AnswerFactory(
        country=coded, question=fee.question, value_number=Decimal(4), qualifier="", valid_from=None,
        valid_from_precision="", valid_to=day("2019-12-31"), valid_to_precision="day",
    )  # fmt: skip
    rows = get(client, ANSWERS, country="qa", question="t_registration_fee")["results"]
    assert [row["valid_from"] for row in rows] == [None, "2020-01-01"]


def test_citations_or_derived_values_sent_with_an_answer_are_a_400_pointing_to_where_they_are_edited(coded):
    """An answer posted with its citations was a 201 with `"citations": []`, and a PATCH of `citations` or
    `value_display` a 200 that kept nothing: the client never learnt. Citations are edited in admin, on the answer's
    page; the value is written as value_boolean, value_number or value_text."""
    client = token_client("add_answer", "change_answer")
    law = Law.objects.get(slug="pa-law")
    answer = {"country": "QA", "question": "assembly_regime", "value_text": "permission", "valid_from": "2024-01-01"}
    citations = [{"law": law.pk, "pinpoint": "Article 10", "quote": "q"}]
    response = client.post(ANSWERS, {**answer, "citations": citations}, format="json")
    assert response.status_code == 400, response.content
    assert "edited in admin, on the answer's page" in response.json()["errors"]["citations"][0]
    assert not Answer.objects.filter(valid_from=day("2024-01-01")).exists()

    cited = Answer.objects.get(question__key="t_founders_minimum", valid_from=day("2001-01-01"))
    address = f"{ANSWERS}{cited.pk}/"
    read = get(client, address)
    changes = [
        ({"citations": []}, "citations", "edited in admin"),
        ({"citations": [{**read["citations"][0], "quote": "Changed."}]}, "citations", "edited in admin"),
        ({"value_display": "at least 12 citizens"}, "value_display", "written from the value"),
        ({"value": 12}, "value", "write it as value_boolean, value_number or value_text"),
    ]
    for change, name, where in changes:
        response = client.patch(address, {"note": "Kept?", **change}, format="json")
        assert response.status_code == 400, (change, response.content)
        assert where in response.json()["errors"][name][0] and "Read-only" in response.json()["errors"][name][0]
    assert get(client, address) == read and cited.citations.get().quote == "At least ten citizens may found it."
    # sent back as read, with an `in_force_stated` from a list read with `as_of`, the answer saves
    listed = get(client, ANSWERS, country="QA", as_of="2010-01-01", question="t_founders_minimum")["results"][0]
    assert listed["in_force_stated"] is True
    response = client.patch(address, {**listed, "note": "Ten founders."}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["citations"] == read["citations"] and Answer.objects.get(pk=cited.pk).note == "Ten founders."


def test_checking_a_value_against_money_questions_reads_them_once(client):
    """Each money question's unit was a deferred field, read by a query of its own (one per question)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ANSWERS, {"answer_type": "money", "value": "-5"})
    assert response.status_code == 400, response.content
    question_reads = [q["sql"] for q in queries.captured_queries if 'FROM "codebook_question"' in q["sql"]]
    assert len(question_reads) == 1, question_reads
