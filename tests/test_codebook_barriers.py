"""The codebook beside the report's barriers (`codebook.related`): a researcher reading "Barriers to Entry" sees
the rules on entry as coded values, and one reading the key parameters reaches the report's barrier. On the seed:
Kazakhstan's report of May 30, 2024."""

import datetime
import re

import pytest

from codebook.models import Answer, Citation
from core.choices import Status

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def rules_section(html):
    start = html.index('<section id="rules"')
    return html[start : html.index("</section>", start)]


def test_a_barrier_s_page_shows_the_rules_on_its_subject_on_the_report_s_date(client):
    html = page(client, "/countries/kz/barriers/entry/")
    assert '<a href="#rules">The rules in force, from the codebook (' in html
    rules = rules_section(html)
    assert "May 30, 2024" in rules
    assert "Minimum number of founders required to form a public association" in rules
    assert "at least 10 citizens" in rules
    # only the entry rules: none on assemblies
    assert "picket" not in rules.lower()
    rows = rules.count('<th scope="row">')
    entry = Answer.objects.published().filter(country__iso2="KZ", question__category="entry")
    assert rows == entry.in_force(datetime.date(2024, 5, 30)).count() > 0


def test_a_barrier_the_report_says_is_absent_still_shows_the_rules(client):
    html = page(client, "/countries/kz/barriers/speech/")
    assert "No barriers stated in the report’s summary" in html
    assert "Does the law restrict NCOs from engaging in advocacy or public policy activities?" in rules_section(html)


def test_of_two_periods_the_page_shows_the_one_in_force_on_the_report_s_date(client):
    # foreign_funding_reporting_frequency: quarterly until December 1, 2021, then every six months
    rules = rules_section(page(client, "/countries/kz/barriers/resources/"))
    assert "Every six months" in rules and "Quarterly" not in rules


def test_a_draft_answer_is_not_shown(client):
    answer = Answer.objects.get(country__iso2="KZ", question__key="founders_minimum")
    assert "at least 10 citizens" in rules_section(page(client, "/countries/kz/barriers/entry/"))
    answer.publication_status = Status.DRAFT
    answer.save()  # as an editor does: the cached page is fresh again
    assert "at least 10 citizens" not in rules_section(page(client, "/countries/kz/barriers/entry/"))


def test_the_report_links_each_barrier_to_its_rules_with_their_number(client):
    html = page(client, "/countries/kz/report/barriers/")
    barriers = re.findall(r'<section id="barrier-([\w-]+)"(.*?)</section>', html, re.S)
    links = {
        slug: re.search(r'class="meta barrier__rules"><a href="([^"]+)">[^<]*\((\d+)\)</a>', body)
        for slug, body in barriers
    }
    assert len(barriers) == 8  # the six barriers and the two parts of resources (foreign and domestic funding)
    linked = {slug: (found.group(1), int(found.group(2))) for slug, found in links.items() if found}
    assert set(linked) == {"entry", "activity", "speech", "international", "resources", "assembly"}
    for slug, (href, number) in linked.items():
        assert href == f"/countries/kz/barriers/{slug}/#rules"
        assert rules_section(page(client, href.split("#")[0])).count('<th scope="row">') == number


def test_the_key_parameters_lead_to_the_report_s_barrier_on_each_subject(client):
    html = page(client, "/countries/kz/")
    section = html[html.index('id="key-parameters-heading"') : html.index('id="toc-heading"')]
    assert 'What the report says of it: <a href="/countries/kz/barriers/entry/">Barriers to Entry</a>' in section
    assert 'What the report says of it: <a href="/countries/kz/barriers/assembly/">Barriers to Assembly</a>' in section
    # tax, public benefit and participation have no barrier of their own
    assert section.count("What the report says of it") == 6


def test_a_part_of_a_barrier_leaves_its_category_s_rules_to_the_whole_barrier(client):
    html = page(client, "/countries/kz/barriers/resources-foreign-funding/")
    assert 'id="rules"' not in html and 'href="#rules"' not in html
    assert 'id="rules"' in page(client, "/countries/kz/barriers/resources/")


def test_the_report_s_cites_line_separates_what_a_barrier_cites_and_ends_without_a_separator(client):
    html = page(client, "/countries/kz/report/barriers/")
    lines = re.findall(r'<p class="meta">Cites: (.*?)</p>', html, re.S)
    assert lines, "no barrier cites anything"
    for line in lines:
        links = re.findall(r"<a href=[^>]+>[^<]+</a>", line)
        assert line == "; ".join(links)  # "a; b", never "a; " nor "a b"
    # a barrier citing laws and no article (Barriers to Entry cites the PA Law and others)
    assert any("Constitution" not in line for line in lines)


def test_a_rule_s_law_cell_names_each_law_and_pinpoint_once(client):
    """Found by a reader's review: a rule quoting two sentences of the Law on Payments read "Law on Payments; Law on
    Payments"."""
    cells = re.findall(
        r'<td data-label="Law">(.*?)</td>', rules_section(page(client, "/countries/kz/barriers/resources/"))
    )
    assert cells
    for cell in cells:
        parts = cell.split("; ")
        assert len(parts) == len(set(parts)), cell
    assert any("/laws/law-on-payments/" in cell for cell in cells)


def test_an_article_s_page_lists_the_rules_that_cite_it(client):
    """Found by a reader's review: the right of assembly (Article 32) led to no coded rule."""
    html = page(client, "/countries/kz/constitution/articles/32/")
    assert '<a href="#rules">Codebook rules that cite this article (1)</a>' in html
    section = rules_section(html)
    assert "Does the constitution guarantee the right to peaceful assembly? Yes" in section
    assert "/codebook/assembly_constitutional_right/#answer-kz-undated" in section
    assert "participation" not in section  # Article 33's rule
    assert "Does the constitution guarantee" in rules_section(page(client, "/countries/kz/constitution/articles/33/"))
    assert 'id="rules"' not in page(client, "/countries/kz/constitution/articles/23/")  # no rule cites it


def test_an_article_pinpoint_is_the_article_and_not_a_longer_number():
    from codebook.related import article_pinpoints

    def keys(number):
        citations = Citation.objects.filter(article_pinpoints(number), law__slug="constitution")  # not NCO Law art. 33
        return set(Answer.objects.filter(citations__in=citations).values_list("question__key", flat=True))

    assert keys("32") == {"assembly_constitutional_right"}
    assert keys("3") == set()  # "Article 32", "Article 33" are not Article 3
    # the report's other style puts the article last: "Para 4, Article 2"
    citation = Citation.objects.get(answer__question__key="participation_constitutional_right")
    citation.pinpoint = "Para 2, Article 33"
    citation.save()
    assert keys("33") == {"participation_constitutional_right"} and keys("2") == set()


def test_a_draft_constitution_leads_to_no_rule():
    from codebook.related import rules_citing_article
    from laws.models import ConstitutionalArticle

    article = ConstitutionalArticle.objects.select_related("constitution").get(country__iso2="KZ", number="32")
    assert rules_citing_article(article) is not None
    article.constitution.publication_status = "draft"
    article.constitution.save()
    assert rules_citing_article(article) is None
