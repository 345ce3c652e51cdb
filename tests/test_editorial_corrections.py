"""Readers suggest corrections from any public page; reports wait in the editors' queue and change nothing."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client

from core.choices import Status
from editorial.models import CorrectionSubmission
from laws.models import Law
from tests.factories import LawFactory

pytestmark = pytest.mark.django_db
NEW = "/corrections/new/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def report(law, **fields):
    return {
        "what_is_wrong": "The registration deadline is 15 days since the 2023 amendment, not 30.",
        "source": "https://adilet.zan.kz/eng/docs/Z960000019_",
        "email": "reader@example.org",
        "page_url": law.get_absolute_url(),
        "website": "",
        **fields,
    }


def test_every_public_page_offers_a_correction_link_with_its_address(client, editoria):
    page = client.get("/countries/xe/").content.decode()
    assert 'href="/corrections/new/?page=/countries/xe/"' in page
    assert "Suggest a correction" in page


def test_the_form_shows_the_page_it_is_about(client, law):
    response = client.get(NEW, {"page": law.get_absolute_url()})
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="{law.get_absolute_url()}"' in body
    assert f'value="{law.get_absolute_url()}"' in body
    assert 'name="csrfmiddlewaretoken"' in body


def test_a_valid_report_lands_in_the_queue_tied_to_the_record_and_changes_nothing(client, law):
    response = client.post(NEW, report(law))
    assert response.status_code == 302
    assert response["Location"] == f"/corrections/thanks/?page={law.get_absolute_url().replace('/', '%2F')}"
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and "Thank you" in thanks.content.decode()
    assert "reader@example.org" not in thanks.content.decode()

    correction = CorrectionSubmission.objects.get()
    assert correction.status == CorrectionSubmission.Status.NEW
    assert correction.record == law
    assert correction.content_type == ContentType.objects.get_for_model(Law)
    assert correction.email == "reader@example.org"
    assert correction.page_url == law.get_absolute_url()
    law.refresh_from_db()
    assert law.summary == "Registration within 30 days." and law.history.count() == 1


def test_a_report_on_a_page_without_a_single_record_keeps_just_the_address(client, law):
    client.post(NEW, report(law, page_url="/countries/xe/changes/?before=2026-01-01T00:00:00", email=""))
    correction = CorrectionSubmission.objects.get()
    assert correction.page_url == "/countries/xe/changes/?before=2026-01-01T00:00:00"
    assert correction.record.iso2 == "XE"  # the changes page is about its country
    client.post(NEW, report(law, page_url="/", email=""))
    assert CorrectionSubmission.objects.get(page_url="/").record is None


def test_a_report_can_never_point_at_a_draft(client, editoria):
    draft = LawFactory(country=editoria, slug="draft", publication_status=Status.DRAFT)
    assert client.post(NEW, report(draft)).status_code == 302
    correction = CorrectionSubmission.objects.get()
    assert correction.content_type is None and correction.object_id is None


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"what_is_wrong": ""}, "what_is_wrong", "Please tell us what is wrong."),
        ({"what_is_wrong": "   "}, "what_is_wrong", "Please tell us what is wrong."),
        ({"what_is_wrong": "x" * 5001}, "what_is_wrong", "at most 5000 characters"),
        ({"email": "reader@"}, "email", "Enter a valid email address."),
        ({"source": "https://exa mple"}, None, None),  # words, not a link: accepted as a reference
        ({"source": "http://"}, "source", "not a valid web address"),
        ({"source": "x" * 2001}, "source", "at most 2000 characters"),
        ({"page_url": "https://elsewhere.example/countries/xe/"}, "page_url", "a page of this site"),
        ({"page_url": "/no/such/page/"}, "page_url", "a page of this site"),
        ({"page_url": ""}, "page_url", "use the link on the page"),
    ],
)
def test_bad_input_is_a_clear_form_error_and_stores_nothing(client, law, fields, field, message):
    response = client.post(NEW, report(law, **fields))
    if field is None:
        assert response.status_code == 302
        return
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not CorrectionSubmission.objects.exists()


def test_a_url_source_is_checked_and_kept_as_a_link(client, law):
    client.post(NEW, report(law, source="www.gov.kz/memleket/entities/adilet"))
    assert CorrectionSubmission.objects.get().source == "https://www.gov.kz/memleket/entities/adilet"


def test_a_filled_honeypot_is_rejected_without_storing(client, law):
    response = client.post(NEW, report(law, website="https://spam.example"))
    assert response.status_code == 400
    assert "could not be accepted" in response.content.decode()
    assert not CorrectionSubmission.objects.exists()


def test_the_form_needs_its_csrf_token(law):
    browser = Client(enforce_csrf_checks=True)
    refused = browser.post(NEW, report(law))
    assert refused.status_code == 403
    # the site's own page, saying what to do (not Django's "CSRF verification failed" for developers)
    assert "reload the page and send the form again" in refused.content.decode()
    assert "<h1>The form could not be verified</h1>" in refused.content.decode()
    assert "CSRF" not in refused.content.decode()
    assert not CorrectionSubmission.objects.exists()
    form = browser.get(NEW, {"page": law.get_absolute_url()})
    token = form.context["csrf_token"]
    assert browser.post(NEW, {**report(law), "csrfmiddlewaretoken": str(token)}).status_code == 302
    assert CorrectionSubmission.objects.count() == 1


def test_one_address_may_file_five_reports_an_hour(law):
    reader, neighbour = Client(REMOTE_ADDR="203.0.113.7"), Client(REMOTE_ADDR="203.0.113.8")
    for n in range(5):
        assert reader.post(NEW, report(law, what_is_wrong=f"Report {n}")).status_code == 302
    refused = reader.post(NEW, report(law, what_is_wrong="Report 6"))
    assert refused.status_code == 429
    assert "try again later" in refused.content.decode()
    assert CorrectionSubmission.objects.count() == 5
    assert neighbour.post(NEW, report(law)).status_code == 302
    assert CorrectionSubmission.objects.count() == 6


def test_honeypot_hits_count_against_the_limit(law):
    bot = Client(REMOTE_ADDR="198.51.100.9")
    for _ in range(5):
        assert bot.post(NEW, report(law, website="x")).status_code == 400
    assert bot.post(NEW, report(law)).status_code == 429
    assert not CorrectionSubmission.objects.exists()


def test_editors_moderate_the_queue_in_admin_where_the_email_is_shown(client, law, editor):
    client.post(NEW, report(law))
    correction = CorrectionSubmission.objects.get()
    client.force_login(editor)

    queue = client.get("/admin/editorial/correctionsubmission/")
    assert queue.status_code == 200 and "registration deadline is 15 days" in queue.content.decode()
    url = f"/admin/editorial/correctionsubmission/{correction.pk}/change/"
    page = client.get(url).content.decode()
    assert "reader@example.org" in page and f"/admin/laws/law/{law.pk}/change/" in page
    assert client.get("/admin/editorial/correctionsubmission/add/").status_code == 403

    response = client.post(url, {"status": "accepted", "moderator_notes": "Fixed the deadline."})
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.status == "accepted" and correction.moderated_by == editor
    assert correction.what_is_wrong.startswith("The registration deadline")  # the report itself is read-only

    # the queue opens on the new reports, with each status's count; the handled ones are a click away
    queue = client.get("/admin/editorial/correctionsubmission/")
    assert list(queue.context["cl"].result_list) == []
    assert "Accepted (1)" in queue.content.decode() and "New (0)" in queue.content.decode()
    everything = client.get("/admin/editorial/correctionsubmission/", {"status": "all"})
    assert list(everything.context["cl"].result_list) == [correction]
    found = client.get("/admin/editorial/correctionsubmission/", {"q": "registration deadline"})  # handled ones too
    assert list(found.context["cl"].result_list) == [correction]
    # the list's action says what it did
    moved = client.post(
        "/admin/editorial/correctionsubmission/?status=accepted",
        {"action": "mark_rejected", "_selected_action": [correction.pk]},
        follow=True,
    )
    assert "1 report(s) marked as rejected." in moved.content.decode()
    correction.refresh_from_db()
    assert correction.status == "rejected"


def test_the_readers_email_never_appears_on_public_pages(client, law):
    client.post(NEW, report(law))
    for url in ("/countries/xe/", law.get_absolute_url(), "/countries/xe/changes/", "/countries/xe/changes/feed/"):
        response = client.get(url)
        assert response.status_code == 200
        assert b"reader@example.org" not in response.content


def test_the_limit_is_a_setting_and_follows_the_proxy_header_when_configured(law, settings):
    settings.CORRECTIONS_RATE_LIMIT = 1
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    # Two readers behind the same proxy are two addresses; a spoofed first entry changes nothing.
    assert proxy.post(NEW, report(law), HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 302
    assert proxy.post(NEW, report(law), HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7").status_code == 429
    assert proxy.post(NEW, report(law), HTTP_X_FORWARDED_FOR="203.0.113.8").status_code == 302
