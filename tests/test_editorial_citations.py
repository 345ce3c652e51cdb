"""An answer's citations are part of each of its versions: an editor's change to a quote shows in the answer's
history, the quote as loaded is kept (the citation's history begins with it), and a revert of the answer brings
its citations back with its fields."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from codebook.models import Answer, Citation
from editorial.history import BASELINE_REASON
from laws.models import Law
from tests.factories import AnswerFactory, CitationFactory, LawFactory
from tests.support import admin_form_data

pytestmark = pytest.mark.django_db

ORIGINAL = "A minimum of 10 citizens required to form public associations."
EDITED = "At least ten citizens found a public association."


@pytest.fixture
def answer(editoria):
    """An answer with two citations, as `load_fixtures` leaves it: no version of it or of its citations yet."""
    law = LawFactory(country=editoria, slug="pa-law", title="Law on Public Associations")
    record = AnswerFactory(country=editoria)
    CitationFactory(answer=record, law=law, order=0, pinpoint="Article 11", quote=ORIGINAL)
    CitationFactory(answer=record, law=None, order=1, pinpoint="", quote="Registration takes five working days.")
    record.history.all().delete()
    Citation.history.all().delete()
    return record


def change_url(answer):
    return f"/admin/codebook/answer/{answer.pk}/change/"


def quotes(answer):
    return list(Citation.objects.filter(answer=answer).order_by("order").values_list("quote", flat=True))


def edit_first_quote_and_delete_the_second(client, answer):
    page = client.get(change_url(answer))
    data = admin_form_data(page, change_reason="Quote as the law words it")
    data["citations-0-quote"] = EDITED
    data["citations-1-DELETE"] = "on"
    response = client.post(change_url(answer), data)
    assert response.status_code == 302, response.context["errors"] if response.context else response


def test_a_citation_edit_shows_in_the_answer_s_history_and_its_loaded_wording_is_kept(editor_client, answer):
    """The answer's history showed the save with no change, and the quote's first wording was lost."""
    edit_first_quote_and_delete_the_second(editor_client, answer)
    assert quotes(answer) == [EDITED]
    first = Citation.objects.get(answer=answer, order=0)
    assert [v.quote for v in first.history.order_by("history_id")] == [ORIGINAL, EDITED]
    assert first.history.earliest().history_change_reason == BASELINE_REASON
    # the answer: the state it was loaded in, then the save, each holding its citations
    versions = list(answer.history.order_by("history_id"))
    assert [v.history_change_reason for v in versions] == [BASELINE_REASON, "Quote as the law words it"]
    parts = Answer.version_parts(versions)
    assert [quote for *_, quote in parts[versions[0].history_id]["citations"]] == [
        ORIGINAL,
        "Registration takes five working days.",
    ]
    assert [quote for *_, quote in parts[versions[1].history_id]["citations"]] == [EDITED]
    history = editor_client.get(f"/admin/codebook/answer/{answer.pk}/history/").content.decode()
    assert "<strong>Citations:</strong>" in history  # the change, by name (the sidebar names the model too)
    assert f"0. Law on Public Associations, Article 11: “{ORIGINAL}”" in history
    assert f"0. Law on Public Associations, Article 11: “{EDITED}”" in history


def test_a_revert_of_the_answer_brings_its_citations_back(editor_client, answer):
    edit_first_quote_and_delete_the_second(editor_client, answer)
    loaded = answer.history.earliest()
    revert_url = f"/admin/codebook/answer/{answer.pk}/history/{loaded.history_id}/"
    page = editor_client.get(revert_url)
    shown = page.content.decode()
    assert "of this version, restored with it" in shown and ORIGINAL in shown
    count = answer.history.count()
    response = editor_client.post(revert_url, admin_form_data(page, _save="Revert"))
    assert response.status_code == 302
    assert quotes(answer) == [ORIGINAL, "Registration takes five working days."]
    assert answer.history.count() == count + 1  # one version, holding the citations restored
    latest = answer.history.latest()
    assert latest.history_change_reason.startswith("Reverted to version of")
    restored = Answer.version_parts([latest])[latest.history_id]["citations"]
    assert [quote for *_, quote in restored] == [ORIGINAL, "Registration takes five working days."]
    # each citation's own history says so too
    brought_back = Citation.objects.get(answer=answer, order=1)
    assert brought_back.history.latest().history_change_reason.startswith("Reverted to version of")


def test_a_version_made_before_citations_were_recorded_leaves_them_alone(editor_client, answer):
    """Such a version holds none, which is not "no citations": a revert keeps them, and no change is shown."""
    edit_first_quote_and_delete_the_second(editor_client, answer)
    loaded = answer.history.earliest()
    type(loaded).objects.filter(pk=loaded.pk).update(links_recorded=False)  # as one from before the upgrade
    history = editor_client.get(f"/admin/codebook/answer/{answer.pk}/history/").content.decode()
    assert EDITED not in history
    revert_url = f"/admin/codebook/answer/{answer.pk}/history/{loaded.history_id}/"
    page = editor_client.get(revert_url)
    assert "restored with it" not in page.content.decode()
    editor_client.post(revert_url, admin_form_data(page, _save="Revert"))
    assert quotes(answer) == [EDITED]


def test_a_save_outside_admin_records_the_citations_it_finds(answer):
    """A shell or a command saves the answer outside an admin or API write: its version holds the citations then."""
    answer.note = "Checked against the law."
    answer.save()
    latest = answer.history.latest()
    assert latest.links_recorded
    assert len(Answer.version_parts([latest])[latest.history_id]["citations"]) == 2


def test_a_revert_to_a_version_citing_a_law_deleted_since_keeps_the_citation_without_its_law(editor_client, answer):
    """The law's id broke the citation's foreign key when the transaction committed (a 500)."""
    edit_first_quote_and_delete_the_second(editor_client, answer)
    Citation.objects.filter(answer=answer).delete()  # nothing cites the law now: it may go
    law = Law.objects.get(slug="pa-law")
    law_id = law.pk
    law.delete()
    loaded = answer.history.earliest()
    revert_url = f"/admin/codebook/answer/{answer.pk}/history/{loaded.history_id}/"
    page = editor_client.get(revert_url)
    assert f"deleted law #{law_id}, left out on a revert" in page.content.decode()
    assert editor_client.post(revert_url, admin_form_data(page, _save="Revert")).status_code == 302
    connection.check_constraints(table_names=["codebook_citation"])  # what the commit checks
    first = Citation.objects.get(answer=answer, order=0)
    assert (first.law_id, first.pinpoint, first.quote) == (None, "Article 11", ORIGINAL)


def test_a_revert_changes_a_citation_in_place(editor_client, answer):
    """A citation whose quote changed is the same citation again, its history whole, not removed and made anew."""
    before = Citation.objects.get(answer=answer, order=0).pk
    edit_first_quote_and_delete_the_second(editor_client, answer)
    revert_url = f"/admin/codebook/answer/{answer.pk}/history/{answer.history.earliest().history_id}/"
    editor_client.post(revert_url, admin_form_data(editor_client.get(revert_url), _save="Revert"))
    first = Citation.objects.get(answer=answer, order=0)
    assert first.pk == before and first.quote == ORIGINAL
    assert [v.quote for v in first.history.order_by("history_id")] == [ORIGINAL, EDITED, ORIGINAL]


def test_a_deleted_answer_s_last_version_does_not_claim_it_had_no_citations(editor_client, answer):
    """Deleting the answer takes its citations first (a cascade): its last version recorded "none"."""
    response = editor_client.post(f"/admin/codebook/answer/{answer.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    gone = Answer.history.filter(id=answer.pk, history_type="-").get()
    assert not gone.links_recorded


def test_citations_are_read_only_in_their_own_list(editor_client, answer):
    """A change made there made no version of the answer, and its next save showed it as its own."""
    citation = Citation.objects.get(answer=answer, order=0)
    url = f"/admin/codebook/citation/{citation.pk}/change/"
    assert editor_client.get(url).status_code == 200
    assert editor_client.post(url, {"quote": "Changed here", "order": 0, "answer": answer.pk}).status_code == 403
    assert Citation.objects.get(pk=citation.pk).quote == ORIGINAL


def test_citations_that_swap_places_keep_the_places_they_were_loaded_at(editor_client, answer):
    """Stepping aside first (the unique place), a citation's history began at a place it never held."""
    page = editor_client.get(change_url(answer))
    data = admin_form_data(page, change_reason="Swapped")
    data["citations-0-order"], data["citations-1-order"] = "1", "0"
    assert editor_client.post(change_url(answer), data).status_code == 302
    first = Citation.objects.get(answer=answer, quote=ORIGINAL)
    assert [v.order for v in first.history.order_by("history_id")] == [0, 1]


def test_the_history_page_pays_no_more_for_a_citation_edit_than_for_another_edit(editor_client, answer):
    """Each changed version described its citations with a query for their laws on each side."""
    other = AnswerFactory(country=answer.country)
    history_url = "/admin/codebook/answer/{}/history/".format

    def edit(record, **changes):
        data = admin_form_data(editor_client.get(change_url(record)), **changes)
        if "quote" in changes:
            data["citations-0-quote"] = changes.pop("quote")
        assert editor_client.post(change_url(record), data).status_code == 302

    def cost(record):
        with CaptureQueriesContext(connection) as queries:
            editor_client.get(history_url(record.pk))
        return len(queries)

    edit(answer, quote="One.")
    edit(other, note="One.")
    before = cost(answer), cost(other)
    for n in range(5):
        edit(answer, quote=f"Again {n}.")
        edit(other, note=f"Again {n}.")
    assert cost(answer) - before[0] <= cost(other) - before[1]


def test_the_public_updates_page_says_an_answer_s_citations_changed(editor_client, answer):
    """An edit of the quoted sentence alone was no change a reader heard of: the save changed no field."""
    edit_first_quote_and_delete_the_second(editor_client, answer)
    page = Client().get("/countries/xe/changes/").content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert f"{answer} changed: Citations." in text


def test_the_history_shows_only_the_citations_a_save_changed(editor_client, answer):
    """The whole list before and after, for one quote edited, read as if every citation had changed."""
    data = admin_form_data(editor_client.get(change_url(answer)))
    data["citations-0-quote"] = EDITED
    assert editor_client.post(change_url(answer), data).status_code == 302
    history = editor_client.get(f"/admin/codebook/answer/{answer.pk}/history/").content.decode()
    assert ORIGINAL in history and EDITED in history
    assert "Registration takes five working days." not in history  # unchanged: not listed


def messages_after_saving(client, answer, data):
    """The messages the admin shows after saving the answer's change form with `data`."""
    response = client.post(change_url(answer), data, follow=True)
    return [str(message) for message in response.context["messages"]]


def test_a_save_that_moves_an_undated_rule_s_start_says_so(editor_client, editoria):
    """An undated rule counts from the adoption of the latest law it cites: a citation added to a newer law took it
    off every earlier year, and the editor saw nothing."""
    old = LawFactory(country=editoria, slug="pa-law", title="Law on Public Associations", adopted_on="1996-05-31")
    new = LawFactory(country=editoria, slug="test-law", title="Test Law 2025", adopted_on="2025-03-15")
    record = AnswerFactory(country=editoria, valid_from=None)
    CitationFactory(answer=record, law=old, order=0)
    page = editor_client.get(change_url(record))
    data = admin_form_data(page, change_reason="Also cite the new law")
    data.update({"citations-1-law": str(new.pk), "citations-1-order": "1", "citations-1-quote": "Restated."})
    data["citations-TOTAL_FORMS"] = "2"
    shown = messages_after_saving(editor_client, record, data)
    assert shown[0] == (
        "The source states no start for this rule: it now counts as in force only from March 15, 2025, the "
        "adoption of Test Law 2025, the latest law it cites. If the rule is older, give its start (valid from) "
        "where the source states it, or cite the law that made it."
    )
    assert shown[1].startswith("This rule starts after Editoria's report of March 1, 2024")  # the bound is after it
    assert len(shown) == 3 and "was changed successfully" in shown[2]
    assert Answer.objects.with_start().get(pk=record.pk).start.isoformat() == "2025-03-15"

    # a save that leaves the start where it was says nothing more
    page = editor_client.get(change_url(record))
    assert len(messages_after_saving(editor_client, record, admin_form_data(page, note="Checked"))) == 1


def test_a_rule_starting_after_the_report_says_where_it_will_show(editor_client, editoria):
    """The pages show the rules on the report's date: a rule from 2025 was listed among recent changes and shown as
    current nowhere, with nothing to say why."""
    record = AnswerFactory(country=editoria, valid_from=None)
    page = editor_client.get(change_url(record))
    data = admin_form_data(page, valid_from="2025-03-15", valid_from_precision="day")
    shown = messages_after_saving(editor_client, record, data)
    assert shown[0] == (
        "This rule starts after Editoria's report of March 1, 2024: the pages, the comparison and the panel show the "
        "rules on the report's date, so it shows as current once the country's report (its profile's last-updated "
        "date) covers its start."
    )
    page = editor_client.get(change_url(record))
    data = admin_form_data(page, valid_from="2024-03-01", valid_from_precision="day")
    assert len(messages_after_saving(editor_client, record, data)) == 1
