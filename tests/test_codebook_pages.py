"""A researcher reads the codebook on the site: every question with each country's answer, a question's page with
its answers over time and the sentences they rest on, a comparison of countries on a date, and the codebook's
traces across the site (the profile's key legal parameters, a law's page, the timeline, search, the sitemap)."""

import datetime
import re
from decimal import Decimal

import pytest

from codebook.models import Answer
from core.choices import Status
from countries.models import CountryProfile
from laws.models import Law
from tests.factories import AnswerFactory, CitationFactory, CountryFactory, LawFactory, QuestionFactory
from tests.test_record_urls import url_problems

pytestmark = pytest.mark.django_db

CHOICES = [{"value": "notification", "label": "Notification"}, {"value": "permission", "label": "Permission"}]


def day(text):
    return datetime.date.fromisoformat(text)


@pytest.fixture
def coded(db):
    """Two countries: QA changed its founders minimum on 2015-06-16; QB has a notification regime for assemblies."""
    qa = CountryFactory(iso2="QA", name="Codeland", with_profile=True)
    qb = CountryFactory(iso2="QB", name="Otherland")
    law = LawFactory(country=qa, slug="pa-law", title="Law on Public Associations")
    founders = QuestionFactory(
        key="t_founders_minimum", text="Minimum number of founders", unit="citizens",
        coding_rules="Count the **citizens** the law requires.", compare_with="V-Dem: CSO entry and exit",
    )  # fmt: skip
    regime = QuestionFactory(
        key="assembly_regime", text="Regime for assemblies", category="assembly", answer_type="choice",
        choices=CHOICES, unit="",
    )  # fmt: skip
    old = AnswerFactory(
        country=qa, question=founders, value_number=Decimal(10), valid_from=day("2001-01-01"),
        valid_from_precision="year", valid_to=day("2015-06-15"), valid_to_precision="day",
    )  # fmt: skip
    CitationFactory(answer=old, law=law, pinpoint="Article 11", quote="At least ten citizens may found it.")
    new = AnswerFactory(country=qa, question=founders, value_number=Decimal(3), valid_from=day("2015-06-16"))
    CitationFactory(answer=new, law=law, pinpoint="Article 12", quote="Three citizens suffice.")
    AnswerFactory(
        country=qb, question=regime, value_number=None, value_text="notification", qualifier="", valid_from=None,
        valid_from_precision="",
    )  # fmt: skip
    return qa


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def test_the_codebook_lists_every_question_by_category_with_each_country_s_answer(client, coded):
    html = page(client, "/codebook/")
    assert "Entry: founding and registration" in html and "Assembly" in html
    assert '<a href="/codebook/t_founders_minimum/">Minimum number of founders</a>' in html
    assert "Count the <strong>citizens</strong> the law requires." in html  # the coding rules
    assert '<a href="/codebook/t_founders_minimum/#answer-qa-2015-06-16">at least 3 citizens</a>' in html
    assert '<a href="/codebook/assembly_regime/#answer-qb-undated">Notification</a>' in html
    assert "#answer-qa-2001-01-01" not in html  # the rule of before 2015 is no longer in force


def test_the_codebook_and_the_comparison_open_with_links_to_their_categories(client, coded):
    """/codebook/ ran to 17,000 px on a phone with no way to its ninth category but scrolling."""
    for url in ("/codebook/", "/compare/"):
        html = page(client, url)
        contents = html.split('<nav class="toc" aria-labelledby="toc-heading">')[1].split("</nav>")[0]
        headings = re.findall(r'<h2 id="(category-\d+)">([^<]+)</h2>', html)
        assert len(headings) > 1
        for anchor, title in headings:
            assert f'<a href="#{anchor}">{title}</a>' in contents
        assert html.count('<a href="#toc-heading">Back to the categories</a>') == len(headings)


def test_a_question_without_an_answer_for_the_date_reads_not_coded_not_no(client, coded):
    """ "No answer" stood in a column of Yes and No answers and read as "No"."""
    html = page(client, "/compare/?countries=qa&as_of=1990-01-01")
    assert ">not coded</span>" in html and "No answer" not in html


def test_a_question_s_page_shows_every_period_with_its_citations(client, coded):
    html = page(client, "/codebook/t_founders_minimum/")
    assert "<h1>Minimum number of founders</h1>" in html
    assert "V-Dem: CSO entry and exit" in html and "Count the <strong>citizens</strong>" in html
    assert "(2 periods: changes over time)" in html
    assert "<h4>Codeland, 2001 to June 15, 2015</h4>" in html and "<h4>Codeland, since June 16, 2015</h4>" in html
    assert "at least 10 citizens" in html and "at least 3 citizens" in html
    assert "<blockquote>At least ten citizens may found it.</blockquote>" in html
    assert '<a href="/countries/qa/laws/pa-law/">Law on Public Associations</a>, Article 11' in html


def test_every_answer_s_url_leads_to_an_element_that_names_it(client, coded):
    assert url_problems(client, list(Answer.objects.published().for_link())) == []


def test_the_compare_page_puts_countries_side_by_side_on_a_date(client, coded):
    html = page(client, "/compare/?countries=qa,qb&as_of=2010-01-01")
    assert '<input type="date" name="as_of" value="2010-01-01"' in html
    assert '<th scope="col">Codeland</th><th scope="col">Otherland</th>' in html
    assert "at least 10 citizens" in html and "Notification" in html and "at least 3 citizens" not in html
    assert 'Rules in force on <time datetime="2010-01-01">January 1, 2010</time>' in html
    # each value says when it applies, the undated one that its start is not stated
    assert re.search(r'at least 10 citizens</a>\s*<br><span class="meta">2001 to June 15, 2015</span>', html)
    assert re.search(r'Notification</a>\s*<br><span class="meta">date not stated in the source</span>', html)
    assert "the rule counts as in force before its end, but not before the adoption of the law it rests on" in html
    assert '<span class="meta">date not stated' not in page(client, "/codebook/")  # the codebook: today's rules
    one = page(client, "/compare/?countries=QA&category=entry")
    assert "at least 3 citizens" in one and "Otherland" not in one and "Regime for assemblies" not in one
    # by name, in any case, as a reader types it ("Kazakhstan" was a 400): the same comparison
    assert page(client, "/compare/?countries=codeland&category=entry") == one.replace("QA", "codeland")


@pytest.mark.parametrize(
    "query,message",
    [
        ("countries=qa,zx", "No published country with the code or name zx."),
        ("countries=qa,toolong", "No published country with the code or name toolong."),
        ("as_of=2020-02-30", "Enter a valid date."),
        # no report speaks for it: the panel's and the answers' as_of's rule (it showed every rule "in force")
        ("as_of=2099-01-01", "No report speaks for a date after May 30, 2024 (2024-05-30), the date of the latest"),
        ("countries=qa&as_of=2024-05-31", "the date of the latest report of the countries asked for"),
        ("as_of=9999-12-31", "the source cannot say what is in force later."),
        ("category=sports", "Select a valid choice."),
    ],
)
def test_bad_compare_input_is_a_message_not_an_error_page(client, coded, query, message):
    html = page(client, f"/compare/?{query}", status=400)
    assert message in html and 'role="alert"' in html


def field_group(html, name):
    """The form's group of the field `name`: its label, help text, errors and input."""
    return html[html.index(f'<label for="id_{name}"') :].split('<div class="field">')[0]


@pytest.mark.parametrize(
    "query,field,message",
    [
        ("as_of=2030-01-01", "as_of", "No report speaks for a date after May 30, 2024 (2024-05-30), the date of the"),
        ("as_of=abc", "as_of", "Enter a valid date."),
        ("category=foo", "category", "Select a valid choice. foo is not one of the available choices."),
    ],
)
def test_bad_codebook_input_is_a_message_under_its_field_not_the_default_view(client, query, field, message):
    """The codebook showed every question on the report's date for any of these (200), as if the choice were
    taken: as the comparison, it says what is wrong, under the field, and shows no grid."""
    html = page(client, f"/codebook/?{query}", status=400)
    assert 'role="alert"' in html and message in field_group(html, field)
    assert "codebook-grid" not in html and "Values in force on" not in html


def test_the_codebook_shows_the_category_and_the_date_chosen(client):
    html = page(client, "/codebook/?category=assembly&as_of=2020-01-01")
    assert 'Values in force on <time datetime="2020-01-01">January 1, 2020</time>.' in html  # not "the report's"
    assert re.findall(r'<h2 id="category-\d+">([^<]+)</h2>', html) == ["Assembly"]
    assert '<input type="date" name="as_of" value="2020-01-01"' in html
    assert "not in force before May 25, 2020, when the law it rests on was adopted" in html


def test_a_question_s_key_in_another_case_leads_to_its_page_in_one_hop(client):
    """The API takes `question=FOUNDERS_MINIMUM` in any case; its page was a 404."""
    response = client.get("/codebook/FOUNDERS_MINIMUM/?from=api")
    assert response.status_code == 301 and response["Location"] == "/codebook/founders_minimum/?from=api"
    assert client.get(response["Location"]).status_code == 200
    assert client.head("/codebook/Founders_Minimum/")["Location"] == "/codebook/founders_minimum/"
    QuestionFactory(key="t_secret", text="Secret question", publication_status=Status.DRAFT)
    for unknown in ("/codebook/NO_SUCH_QUESTION/", "/codebook/T_SECRET/", "/codebook/t_secret/"):
        page(client, unknown, status=404)


def undated_rule_resting_on_the_pa_law(country, key, adopted_on, precision):
    """An undated answer ("May foreigners found one?": no) citing the PA Law, adopted as given."""
    law = Law.objects.get(slug="pa-law")
    law.adopted_on, law.adopted_precision = day(adopted_on), precision
    law.save()
    question = QuestionFactory(key=key, text="May foreigners found one?", answer_type="boolean")
    answer = AnswerFactory(country=country, question=question, value_boolean=False, value_number=None, valid_from=None)
    CitationFactory(answer=answer, law=law, pinpoint="Article 11")


def test_a_blank_cell_says_when_the_rule_coded_begins(client, coded):
    """The comparison said an undated rule "counts as in force on any date before its end", and showed the 2020
    assembly law's rules "not coded" in 2019 with no word of why: it is not in force before the law it rests on.
    The start shows as precisely as the source dates it (a law adopted in a month, not on a day)."""
    undated_rule_resting_on_the_pa_law(coded, "t_undated", "2016-07-01", "month")

    def cell(html, question):
        row = html[html.index(question) :]
        return row[: row.index("</tr>")]

    before = page(client, "/compare/?countries=qa&as_of=2016-01-01")
    assert ">not coded</span>" in cell(before, "May foreigners found one?")
    assert "not in force before July 2016, when the law it rests on was adopted" in cell(
        before, "May foreigners found one?"
    )
    assert "the rule counts as in force before its end, but not before the adoption of the law it rests on" in before
    assert "No</a>" in cell(page(client, "/compare/?countries=qa&as_of=2016-07-01"), "May foreigners found one?")
    # a rule the source dates: from its stated start, as precisely as stated
    assert "applies from 2001" in cell(
        page(client, "/compare/?countries=qa&as_of=1990-01-01"), ">Minimum number of founders<"
    )


def test_a_blank_cell_of_the_seed_says_which_law_s_adoption_it_waits_for(client):
    """Kazakhstan's assembly rules rest on the 2020 law (adopted May 25, 2020): on January 1, 2020 each is blank."""
    html = page(client, "/compare/?countries=kz&category=assembly&as_of=2020-01-01")
    row = html[html.index("What prior procedure applies to a picket?") :]
    row = row[: row.index("</tr>")]
    assert ">not coded</span>" in row
    assert "not in force before May 25, 2020, when the law it rests on was adopted" in row


def test_the_key_parameters_count_the_questions_and_those_the_source_answers(client):
    """ "Entry: founding and registration (18 rules)" counted the rows reading "Not stated in the source"."""
    html = page(client, "/countries/kz/")
    groups = re.findall(r'<details class="key-parameters__group">(.*?)</details>', html, re.S)
    assert groups
    unanswered = 0
    for group in groups:
        rows = group.count('<th scope="row">')
        not_stated = group.count('class="not-stated"')
        unanswered += not_stated
        summary = re.search(r'<span class="meta">\((.*?)\)</span></summary>', group).group(1)
        assert summary == f"{rows} question{'s' * (rows != 1)}, {rows - not_stated} answered", summary
    assert unanswered  # the seed's Entry has rules the source does not state
    assert "(18 questions, 14 answered)" in html  # Entry, as a reviewer counted it


def test_a_draft_country_cannot_be_compared_and_drafts_never_show(client, coded):
    hidden = CountryFactory(iso2="QH", name="Hiddenland", publication_status=Status.DRAFT)
    AnswerFactory(country=hidden, value_number=Decimal(99), valid_from=None)
    AnswerFactory(country=coded, value_number=Decimal(77), publication_status=Status.DRAFT)
    draft_question = QuestionFactory(key="secret_question", text="Secret question", publication_status=Status.DRAFT)
    AnswerFactory(country=coded, question=draft_question)
    assert "No published country with the code or name qh." in page(client, "/compare/?countries=qh", status=400)
    assert "with the code or name Hiddenland." in page(client, "/compare/?countries=Hiddenland", status=400)
    for url in ("/codebook/", "/compare/", "/countries/qa/"):
        html = page(client, url)
        assert "Hiddenland" not in html and "99 citizens" not in html and "77 citizens" not in html, url
        assert "Secret question" not in html, url
    page(client, "/codebook/secret_question/", status=404)


def test_the_profile_shows_the_key_legal_parameters_linked_to_questions_and_laws(client, coded):
    html = page(client, "/countries/qa/")
    assert '<a href="#key-parameters-heading">Key legal parameters</a>' in html
    assert '<h2 id="key-parameters-heading">Key legal parameters</h2>' in html
    section = html[html.index('id="key-parameters-heading"') : html.index('id="toc-heading"')]
    assert '<a href="/codebook/t_founders_minimum/">Minimum number of founders</a>' in section
    assert '<a href="/codebook/t_founders_minimum/#answer-qa-2015-06-16">at least 3 citizens</a>' in section
    assert '<a href="/countries/qa/laws/pa-law/">Law on Public Associations</a>, Article 12' in section
    assert "Notification" not in section  # another country's answer


def test_the_key_parameters_say_since_when_each_rule_applies(client, coded):
    """ "How many founders, and since when?": the start beside the value, as the source dates it; for a start it does
    not state, the adoption of the law the rule rests on as a bound, never as the start; nothing for a rule it does
    not state at all."""
    undated_rule_resting_on_the_pa_law(coded, "t_foreign_founders", "1996-05-31", "day")
    unbound = QuestionFactory(key="t_unbound", text="Unregistered groups banned?", answer_type="boolean")
    AnswerFactory(country=coded, question=unbound, value_boolean=True, value_number=None, valid_from=None)
    silent = QuestionFactory(key="t_silent", text="Appeal to a court?", answer_type="boolean")
    AnswerFactory(country=coded, question=silent, status="not_stated", value_number=None, qualifier="", valid_from=None)
    html = page(client, "/countries/qa/")
    section = html[html.index('id="key-parameters-heading"') : html.index('id="toc-heading"')]

    def since(question):
        row = section[section.index(question) :]
        return re.search(r'<td data-label="Since">(.*?)</td>', row).group(1)

    assert '<th scope="col">Since</th>' in section
    assert since("Minimum number of founders") == "June 16, 2015"
    assert since("May foreigners found one?") == "not stated; not before May 31, 1996"
    assert since("Unregistered groups banned?") == "not stated in the source"
    assert since("Appeal to a court?") == "—"


def test_a_law_s_page_lists_the_codebook_answers_citing_it(client, coded):
    html = page(client, "/countries/qa/laws/pa-law/")
    assert "Codebook answers citing this law" in html
    assert (
        '<a href="/codebook/t_founders_minimum/#answer-qa-2001-01-01">Minimum number of founders</a>: at least 10 '
        'citizens <span class="meta">(Article 11)</span>'
    ) in html


def test_a_law_s_page_never_lists_a_draft_answer_or_an_answer_to_a_draft_question(client, coded):
    citing = '<span class="meta">(Article 11)</span>'
    assert citing in page(client, "/countries/qa/laws/pa-law/")
    answer = Answer.objects.get(country=coded, valid_from=day("2001-01-01"))
    answer.publication_status = Status.DRAFT
    answer.save()
    assert citing not in page(client, "/countries/qa/laws/pa-law/")
    answer.publication_status = Status.PUBLISHED
    answer.save()
    answer.question.publication_status = Status.DRAFT
    answer.question.save()
    html = page(client, "/countries/qa/laws/pa-law/")
    assert citing not in html and "Codebook answers citing this law" not in html
    # A draft country's answer that cites this (published) country's law stays unseen too.
    hidden = CountryFactory(iso2="QC", name="Hiddenland", publication_status=Status.DRAFT)
    elsewhere = QuestionFactory(key="t_elsewhere", text="Asked elsewhere")
    answer = AnswerFactory(country=hidden, question=elsewhere, value_number=Decimal(5), valid_from=day("2020-01-01"))
    CitationFactory(answer=answer, law=Law.objects.get(slug="pa-law"), pinpoint="Article 99", quote="Five.")
    assert "Article 99" not in page(client, "/countries/qa/laws/pa-law/")


def test_the_timeline_shows_when_each_rule_came_into_force(client, coded):
    html = page(client, "/countries/qa/timeline/?kind=rule")
    assert "Rule in force: Minimum number of founders: at least 3 citizens" in html
    assert "Rule in force: Minimum number of founders: at least 10 citizens" in html


def test_answers_are_found_by_search(client, coded):
    def titles(q):
        response = client.get("/api/v1/search/", {"q": q})
        assert response.status_code == 200, response.content
        return {hit["title"] for hit in response.json()["results"]}

    assert "Minimum number of founders: at least 3 citizens" in titles("founders")
    assert "Regime for assemblies: Notification" in titles("notification")


def test_the_sitemap_and_the_header_lead_to_the_codebook(client, coded):
    sitemap = page(client, "/sitemap.xml")
    assert "http://testserver/codebook/t_founders_minimum/" in sitemap and "http://testserver/compare/" in sitemap
    html = page(client, "/")
    assert '<a href="/codebook/">Codebook</a>' in html and '<a href="/compare/">Compare</a>' in html


def test_the_codebook_and_the_comparison_show_the_latest_report_s_date_not_today(client, coded):
    """No report speaks for a date after its own: the pages' default date is the latest report's (the seed's and
    QA's, May 30, 2024), then the later one once QA's report is newer."""
    html = page(client, "/codebook/")
    assert 'Values in force on <time datetime="2024-05-30">May 30, 2024</time>, the date of the latest report' in html
    assert 'Rules in force on <time datetime="2024-05-30">' in page(client, "/compare/?countries=qa")
    profile = coded.profile
    profile.last_updated = day("2025-02-01")
    profile.save()
    assert 'Rules in force on <time datetime="2025-02-01">' in page(client, "/compare/?countries=qa,kz")
    assert 'rules in force on <time datetime="2025-02-01">February 1, 2025</time>, the report\'s date' in page(
        client, "/countries/qa/"
    )


def test_a_value_the_source_does_not_state_for_the_date_says_so(client, coded):
    before = page(client, "/compare/?countries=qa,qb&as_of=2010-01-01")
    # QB's regime: its start is not stated (and QB has no report to date it)
    assert re.search(r"Notification</a>\s*<br><span class=\"meta\">date not stated in the source</span>"
                     r"<br><span class=\"meta date-note\">not known to apply on this date</span>", before)  # fmt: skip
    # QA's founders rule is dated: within its period the source states it
    assert re.search(r'at least 10 citizens</a>\s*<br><span class="meta">2001 to June 15, 2015</span></td>', before)
    # a date after QA's report but not after the latest (the seed's, May 30, 2024) shows QA's rules with a note
    CountryProfile.objects.filter(country=coded).update(last_updated=day("2022-03-15"))
    after = page(client, "/compare/?countries=qa,kz&as_of=2024-01-01")
    assert "after the report of March 15, 2022: not known whether still in force" in after
    CountryProfile.objects.filter(country=coded).update(last_updated=day("2024-05-30"))
    assert "date-note" not in page(client, "/compare/?countries=qa&as_of=2024-05-30")  # the report's own date
    # the codebook's default date is the reports' own: only QB, which has no report, has a value it cannot date
    assert page(client, "/codebook/").count("date-note") == 1


def test_the_key_parameters_name_each_cited_law_once_and_say_when_none_is_named(client, coded):
    question = QuestionFactory(key="t_registration_days", text="Days to register", answer_type="duration", unit="days")
    unnamed = AnswerFactory(country=coded, question=question, value_number=Decimal(10), valid_from=None)
    CitationFactory(answer=unnamed, law=None, pinpoint="", quote="Registration takes ten days.")
    silent = QuestionFactory(key="t_max_fine", text="Maximum fine", answer_type="money", unit="MCI")
    AnswerFactory(country=coded, question=silent, status="not_stated", value_number=None, qualifier="", valid_from=None)
    draft_law = LawFactory(country=coded, slug="draft-law", title="Draft law", publication_status=Status.DRAFT)
    CitationFactory(answer=Answer.objects.get(country=coded, valid_from=day("2015-06-16")), law=draft_law, order=99)
    html = page(client, "/countries/qa/")
    section = html[html.index('id="key-parameters-heading"') : html.index('id="toc-heading"')]
    assert '<table class="stack">' in section and 'data-label="Law"' in section  # stacked on a phone
    row = section[section.index("Days to register") :]
    assert '<td data-label="Law"><span class="meta">none named where the report states it</span></td>' in row
    fine = section[section.index("Maximum fine") :]
    assert '<td data-label="Law"><span class="meta">not stated in the source</span></td>' in fine[: fine.index("</tr>")]
    # the founders rule cites the published law and a draft one: the draft is left out, with no separator after
    assert "Law on Public Associations</a>, Article 12</td>" in section and "Draft law" not in section


def test_a_rule_the_report_dates_beyond_itself_carries_no_after_the_report_note(client, coded):
    """Shown on a date after QA's report that the seed's later report still speaks for (a date after every report
    is a form error)."""
    CountryProfile.objects.filter(country=coded).update(last_updated=day("2022-03-15"))
    question = QuestionFactory(key="t_new_fee", text="New fee", answer_type="money", unit="MCI")
    AnswerFactory(country=coded, question=question, value_number=Decimal(7), qualifier="", valid_from=day("2023-01-01"))
    html = page(client, "/compare/?countries=qa,kz&as_of=2024-01-01")
    row = html[html.index("New fee") :]
    row = row[: row.index("</tr>")]
    assert "7 MCI" in row and "date-note" not in row  # stated from 2023, by the report of 2022
    assert "after the report of March 15, 2022" in html  # the other rules, carried on past the report
