"""A record that other records point to is not deleted (admin, its bulk action, the API): a delete took them with it
or unlinked them, and restoring the record from its history brought back the record alone. A question took every
country's answers; a law its place in the report's numbered list and its links from news and initiatives."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from codebook.models import Answer, Citation, Question
from laws.models import Law, LawListEntry, Treaty
from news.models import NewsItem
from rankings.models import Ranking, RankingSubScore
from tests.factories import (
    AnswerFactory,
    CitationFactory,
    CountryFactory,
    LawListEntryFactory,
    LegislativeInitiativeFactory,
    NewsItemFactory,
    QuestionFactory,
    RankingFactory,
    RankingSubScoreFactory,
    TreatyStatusFactory,
)
from tests.test_api_writes import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked_law(law):
    """The editors' law, in the report's numbered list, and the subject of a news item and an initiative."""
    LawListEntryFactory(country=law.country, law=law)
    NewsItemFactory(country=law.country, slug="new-rules", title="New rules").related_laws.set([law])
    LegislativeInitiativeFactory(country=law.country, slug="amendments", title="Amendments").related_laws.set([law])
    return law


def law_links(law):
    return (law.list_entries.count(), law.news_items.count(), law.initiatives.count())


def test_a_law_others_point_to_is_not_deleted_and_the_page_names_them(editor_client, linked_law):
    url = f"/admin/laws/law/{linked_law.pk}/delete/"
    page = editor_client.get(url).content.decode()
    assert "cannot be deleted while the records below point to it" in page
    assert "move the law to draft" in page
    news = NewsItem.objects.get(slug="new-rules")
    assert f'News item: <a href="/admin/news/newsitem/{news.pk}/change/">New rules</a>' in page
    assert "Legislative initiative: <a" in page and "Law list entry: <a" in page
    assert 'value="Yes, I’m sure"' not in page

    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 200  # the same page again, nothing deleted
    assert Law.objects.filter(pk=linked_law.pk).exists()
    assert law_links(linked_law) == (1, 1, 1)


def test_the_bulk_delete_refuses_alike(editor_client, linked_law):
    data = {"action": "delete_selected", "_selected_action": [str(linked_law.pk)]}
    page = editor_client.post("/admin/laws/law/", data).content.decode()
    assert "The records below point to the selected law, which cannot be deleted while they do." in page
    editor_client.post("/admin/laws/law/", {**data, "post": "yes"})
    assert Law.objects.filter(pk=linked_law.pk).exists() and law_links(linked_law) == (1, 1, 1)


def test_a_question_with_answers_is_not_deleted(editor_client, editoria):
    question = QuestionFactory(key="founders_minimum")
    answer = AnswerFactory(country=editoria, question=question)
    page = editor_client.get(f"/admin/codebook/question/{question.pk}/delete/").content.decode()
    assert "cannot be deleted while the records below point to it" in page and "Answer: <a" in page
    editor_client.post(f"/admin/codebook/question/{question.pk}/delete/", {"post": "yes"})
    assert Question.objects.filter(pk=question.pk).exists() and Answer.objects.filter(pk=answer.pk).exists()


def test_once_nothing_points_to_it_the_record_is_deleted(editor_client, linked_law):
    linked_law.list_entries.all().delete()
    linked_law.news_items.clear()
    linked_law.initiatives.clear()
    page = editor_client.get(f"/admin/laws/law/{linked_law.pk}/delete/").content.decode()
    assert "Are you sure you want to delete" in page
    assert editor_client.post(f"/admin/laws/law/{linked_law.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Law.objects.filter(pk=linked_law.pk).exists()


def test_an_answer_goes_with_its_own_citations(editor_client, editoria, law):
    """Citations are an answer's parts, kept in its history: deleting the answer deletes them, as before."""
    answer = AnswerFactory(country=editoria, question=QuestionFactory(key="fee"))
    CitationFactory(answer=answer, law=law)
    assert editor_client.post(f"/admin/codebook/answer/{answer.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Answer.objects.filter(pk=answer.pk).exists() and not Citation.objects.filter(answer=answer.pk).exists()


def test_the_api_refuses_with_a_409_naming_them(linked_law):
    response = token_client("delete_law").delete(f"/api/v1/laws/{linked_law.pk}/")
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert detail.startswith("This record is still referred to and was not deleted: ")
    assert "news item “New rules”" in detail and "legislative initiative “Amendments”" in detail
    assert "make it a draft" in detail
    assert Law.objects.filter(pk=linked_law.pk).exists() and law_links(linked_law) == (1, 1, 1)
    assert LawListEntry.objects.filter(law=linked_law).exists()


def test_a_ranking_goes_with_its_sub_scores_and_a_treaty_stays_while_countries_state_it(editor_client, editoria):
    """A ranking's sub-scores are its parts (edited on its page, listed by Django's delete page): its delete was
    refused because of them. A treaty's statuses are each country's records: the treaty stays while they exist."""
    ranking = RankingFactory(country=editoria)
    RankingSubScoreFactory(ranking=ranking)
    page = editor_client.get(f"/admin/rankings/ranking/{ranking.pk}/delete/").content.decode()
    assert "Are you sure you want to delete" in page and "Ranking sub scores: 1" in page
    assert editor_client.post(f"/admin/rankings/ranking/{ranking.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Ranking.objects.filter(pk=ranking.pk).exists()
    assert not RankingSubScore.objects.filter(ranking=ranking.pk).exists()

    treaty = TreatyStatusFactory(country=editoria).treaty
    page = editor_client.get(f"/admin/laws/treaty/{treaty.pk}/delete/").content.decode()
    assert "cannot be deleted while the records below point to it" in page and "Treaty status: <a" in page
    editor_client.post(f"/admin/laws/treaty/{treaty.pk}/delete/", {"post": "yes"})
    assert Treaty.objects.filter(pk=treaty.pk).exists()


def test_the_api_deletes_a_ranking_with_its_sub_scores(editoria):
    ranking = RankingFactory(country=editoria, year=2022)
    RankingSubScoreFactory(ranking=ranking)
    assert token_client("delete_ranking").delete(f"/api/v1/rankings/{ranking.pk}/").status_code == 204
    assert not RankingSubScore.objects.filter(ranking=ranking.pk).exists()


def test_the_api_names_a_law_s_citations_with_its_other_links(linked_law, editoria):
    """The 409 named the news item and left out the codebook citation (Django's own protection, which only spoke
    once the other links were gone)."""
    client = token_client("delete_law")
    CitationFactory(answer=AnswerFactory(country=editoria, question=QuestionFactory(key="fee")), law=linked_law)
    detail = client.delete(f"/api/v1/laws/{linked_law.pk}/").json()["detail"]
    assert "citation “Article 11”" in detail and "news item “New rules”" in detail
    # many of a kind are counted, so that no kind hides another (a law's 19 citations hid its news item)
    CitationFactory(answer=AnswerFactory(country=editoria, question=QuestionFactory(key="fee2")), law=linked_law)
    detail = client.delete(f"/api/v1/laws/{linked_law.pk}/").json()["detail"]
    assert "2 citations" in detail and "news item “New rules”" in detail and "law list entry “" in detail


def test_the_delete_page_names_a_citation_once(editor_client, linked_law, editoria):
    citation = CitationFactory(
        answer=AnswerFactory(country=editoria, question=QuestionFactory(key="fee")), law=linked_law
    )
    page = editor_client.get(f"/admin/laws/law/{linked_law.pk}/delete/").content.decode()
    assert page.count(f'/admin/codebook/citation/{citation.pk}/change/"') == 1


def test_the_refused_delete_page_names_the_records_without_a_query_each(editor_client):
    """Each answer named on a question's refused delete page read its country and question by queries of its own;
    what is left per answer is Django's own list of what the delete would take."""

    def queries_for(answers):
        question = QuestionFactory(key=f"q{answers}")
        for n in range(answers):
            country = CountryFactory(iso2=f"Q{chr(65 + n)}", iso3=f"Q{answers}{chr(65 + n)}", slug=f"q{answers}-{n}")
            AnswerFactory(country=country, question=question)
        with CaptureQueriesContext(connection) as queries:
            page = editor_client.get(f"/admin/codebook/question/{question.pk}/delete/").content.decode()
        assert page.count("Answer: <a") >= answers
        return len(queries)

    assert queries_for(8) - queries_for(2) <= 6
