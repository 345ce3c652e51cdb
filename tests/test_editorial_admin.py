"""Editors change content through admin: each change records who, when, why and the old values; any version
can be restored, and restoring is itself recorded. Nobody else can change anything."""

import datetime
import re
import tempfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from core.choices import Status
from editorial.content import content_models
from editorial.history import BASELINE_REASON
from laws.models import Law
from tests.factories import LawFactory
from tests.support import EDITOR_PASSWORD, admin_form_data

pytestmark = pytest.mark.django_db


def change_url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def edit(client, obj, **changes):
    page = client.get(change_url(obj))
    assert page.status_code == 200
    return client.post(change_url(obj), admin_form_data(page, **changes))


def test_an_editor_changes_a_law_and_the_history_says_who_when_why_and_what_it_was(editor_client, law):
    response = edit(editor_client, law, summary="Registration within 15 days.", change_reason="Reader report #12")
    assert response.status_code == 302, response.content.decode()[:2000]

    law.refresh_from_db()
    assert law.summary == "Registration within 15 days."
    latest = law.history.latest()
    assert latest.history_user.username == "editor"
    assert latest.history_change_reason == "Reader report #12"
    assert latest.history_type == "~"
    assert latest.prev_record.summary == "Registration within 30 days."

    history = editor_client.get(f"/admin/laws/law/{law.pk}/history/").content.decode()
    assert "Reader report #12" in history
    assert "Registration within 30 days." in history and "Registration within 15 days." in history
    assert "editor" in history
    # Timestamps change at every save; the diff leaves them out.
    assert "Modified:" not in history


def test_the_change_form_asks_for_a_reason(editor_client, law):
    page = editor_client.get(change_url(law)).content.decode()
    assert "Reason for this change" in page
    assert f"/admin/laws/law/{law.pk}/preview/" in page


def test_a_revert_restores_the_old_value_and_is_recorded_as_a_new_version(editor_client, law):
    edit(editor_client, law, summary="A wrong summary.")
    original = law.history.earliest()
    revert_url = f"/admin/laws/law/{law.pk}/history/{original.history_id}/"

    page = editor_client.get(revert_url)
    assert page.status_code == 200 and "Revert" in page.content.decode()
    response = editor_client.post(revert_url, admin_form_data(page, _save="Revert"))
    assert response.status_code == 302

    law.refresh_from_db()
    assert law.summary == "Registration within 30 days."
    assert law.history.count() == 3
    latest = law.history.latest()
    assert latest.history_user.username == "editor"
    assert latest.history_change_reason.startswith("Reverted to version of ")
    assert original.history_date.strftime("%Y-%m-%d %H:%M:%S") in latest.history_change_reason


def test_a_revert_can_carry_its_own_reason(editor_client, law):
    edit(editor_client, law, summary="A wrong summary.")
    original = law.history.earliest()
    revert_url = f"/admin/laws/law/{law.pk}/history/{original.history_id}/"
    page = editor_client.get(revert_url)
    editor_client.post(revert_url, admin_form_data(page, _save="Revert", change_reason="Vandalism"))
    reason = law.history.latest().history_change_reason
    assert reason.startswith("Reverted to version of ") and reason.endswith(": Vandalism")


def test_a_revert_page_for_a_version_that_does_not_exist_is_a_404(editor_client, law):
    assert editor_client.get(f"/admin/laws/law/{law.pk}/history/999999/").status_code == 404
    assert editor_client.get(f"/admin/laws/law/{law.pk}/history/abc/").status_code == 404


def test_the_first_edit_of_a_record_loaded_from_fixtures_keeps_the_loaded_state(editor_client, editoria):
    """loaddata saves raw, which simple-history does not record: the first edit records the loaded state."""
    loaded_at = (timezone.now() - datetime.timedelta(days=30)).replace(microsecond=0)
    law = Law(country=editoria, slug="nco-law", title="Law on Non-commercial Organizations", kind="law")
    law.created_at = law.modified_at = loaded_at
    with tempfile.NamedTemporaryFile("w", suffix=".json") as fixture:
        fixture.write(serializers.serialize("json", [law]))
        fixture.flush()
        call_command("loaddata", fixture.name, verbosity=0)
    law = Law.objects.get(slug="nco-law")
    assert not law.history.exists()

    edit(editor_client, law, title="Law on Non-Commercial Organizations", change_reason="Capitalisation")
    baseline, change = law.history.order_by("history_date")
    assert baseline.history_type == "+" and baseline.history_user is None
    assert baseline.history_change_reason == BASELINE_REASON and baseline.history_date == loaded_at
    assert baseline.title == "Law on Non-commercial Organizations"
    assert change.title == "Law on Non-Commercial Organizations" and change.history_user.username == "editor"


def test_changing_the_profile_or_a_law_never_moves_the_editorial_last_updated_date(editor_client, editoria, law):
    profile = editoria.profile
    edit(editor_client, profile, overview="A revised overview.")
    edit(editor_client, law, summary="Another summary.")
    profile.refresh_from_db()
    assert profile.overview == "A revised overview."
    assert profile.last_updated == datetime.date(2024, 3, 1)
    # Only an editor's explicit choice changes it.
    edit(editor_client, profile, last_updated="2025-01-15")
    profile.refresh_from_db()
    assert profile.last_updated == datetime.date(2025, 1, 15)


def test_anonymous_users_cannot_change_anything(client, law):
    response = client.post(change_url(law), {"summary": "Vandalised."})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    law.refresh_from_db()
    assert law.summary == "Registration within 30 days." and law.history.count() == 1


def test_a_logged_in_user_who_is_not_an_editor_cannot_change_anything(client, editor_client, law):
    page = editor_client.get(change_url(law))
    data = admin_form_data(page, summary="Vandalised.")
    staff = get_user_model().objects.create_user("intern", password=EDITOR_PASSWORD, is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_country"))
    outsider = get_user_model().objects.create_user("reader", password=EDITOR_PASSWORD)

    revert_url = f"/admin/laws/law/{law.pk}/history/{law.history.earliest().history_id}/"
    client.force_login(staff)  # staff without the permission: refused
    assert client.post(change_url(law), data).status_code == 403
    assert client.post(revert_url, data).status_code == 403
    client.force_login(outsider)  # not staff: sent to the admin login
    for url in (change_url(law), revert_url):
        response = client.post(url, data)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/?next="), url
    law.refresh_from_db()
    assert law.summary == "Registration within 30 days." and law.history.count() == 1


def test_publish_and_draft_actions_record_each_change(editor_client, editoria):
    drafts = [LawFactory(country=editoria, slug=f"draft-{n}", publication_status=Status.DRAFT) for n in range(3)]
    response = editor_client.post(
        "/admin/laws/law/", {"action": "make_published", "_selected_action": [d.pk for d in drafts]}
    )
    assert response.status_code == 302
    for draft in drafts:
        latest = draft.history.latest()
        assert latest.publication_status == Status.PUBLISHED
        assert latest.history_change_reason == "Published"
        assert latest.history_user.username == "editor"
    # the editor is told what happened; a record already published is left alone (no empty "Published" version)
    page = editor_client.get(response["Location"]).content.decode()
    assert "Published: 3 record(s)." in page
    again = editor_client.post(
        "/admin/laws/law/", {"action": "make_published", "_selected_action": [d.pk for d in drafts]}, follow=True
    )
    assert "Published: 0 record(s) (3 already were)." in again.content.decode()
    assert all(draft.history.count() == 2 for draft in drafts)


def test_an_editor_previews_a_draft_in_admin(client, editor_client, editoria):
    draft = LawFactory(
        country=editoria, slug="draft-law", title="Draft law on foreign agents", publication_status=Status.DRAFT
    )
    preview_url = f"/admin/laws/law/{draft.pk}/preview/"
    page = editor_client.get(preview_url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Draft law on foreign agents" in body and "Draft: this record is not visible" in body

    client.logout()
    assert client.get(preview_url).status_code == 302  # to the login page
    intern = get_user_model().objects.create_user("intern", password=EDITOR_PASSWORD, is_staff=True)
    client.force_login(intern)
    assert client.get(preview_url).status_code == 403
    assert editor_client.get("/admin/laws/law/999999/preview/").status_code == 404


@pytest.mark.parametrize("model", content_models(), ids=lambda model: model._meta.label)
def test_every_content_model_has_reason_history_and_preview_in_admin(editor_client, model):
    record = model.objects.order_by("pk").first()  # from the seeded profile
    assert record is not None
    opts = model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/{record.pk}"
    name = escape(str(record))
    change = editor_client.get(f"{base}/change/")
    assert change.status_code == 200 and "Reason for this change" in change.content.decode()
    history = editor_client.get(f"{base}/history/")
    assert history.status_code == 200 and name in history.content.decode()
    preview = editor_client.get(f"{base}/preview/")
    assert preview.status_code == 200 and f"Preview: {name}" in preview.content.decode()


def test_the_reason_given_on_a_page_with_inlines_is_kept_by_the_inline_records_too(editor_client, editoria):
    page = editor_client.get(change_url(editoria))
    data = admin_form_data(page, change_reason="Overview rewritten")
    data["profile-0-overview"] = "A rewritten overview."
    assert editor_client.post(change_url(editoria), data).status_code == 302
    profile = editoria.profile
    profile.refresh_from_db()
    assert profile.overview == "A rewritten overview."
    assert profile.history.latest().history_change_reason == "Overview rewritten"


def test_a_user_who_may_only_view_laws_sees_their_history_but_cannot_revert(client, editor_client, law):
    edit(editor_client, law, summary="A corrected summary.")
    viewer = get_user_model().objects.create_user("auditor", password=EDITOR_PASSWORD, is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_law"))
    client.force_login(viewer)
    assert client.get(f"/admin/laws/law/{law.pk}/history/").status_code == 200
    revert_url = f"/admin/laws/law/{law.pk}/history/{law.history.earliest().history_id}/"
    page = client.get(revert_url)
    assert page.status_code == 200 and 'value="Revert"' not in page.content.decode()
    assert client.post(revert_url, admin_form_data(page, _save="Revert")).status_code == 403
    law.refresh_from_db()
    assert law.summary == "A corrected summary." and law.history.count() == 2


def test_a_save_that_leaves_a_long_text_alone_records_no_change_to_it(editor_client, law, client):
    """Browsers send a text area's line breaks as CR LF. Saved as sent, every save of a record changed its summary
    (2,281 -> 2,295 characters of the seed's NCO law), and the public Updates page said "changed: Summary"."""
    law.summary = "First paragraph.\n\nSecond paragraph,\nwith a line break."
    law.save()
    page = editor_client.get(change_url(law))
    as_sent = admin_form_data(page, number="No. 142-II")
    as_sent["summary"] = law.summary.replace("\n", "\r\n")
    response = editor_client.post(change_url(law), as_sent)
    assert response.status_code == 302
    saved = Law.objects.get(pk=law.pk)
    assert saved.summary == "First paragraph.\n\nSecond paragraph,\nwith a line break." and saved.number == "No. 142-II"
    delta = saved.history.latest().diff_against(saved.history.latest().prev_record)
    assert delta.changed_fields == ["number"]
    updates = client.get(f"/countries/{law.country.iso2.lower()}/changes/").content.decode()
    assert "changed: Number." in updates


def test_a_lone_carriage_return_is_a_line_break_too(editor_client, law):
    page = editor_client.get(change_url(law))
    assert editor_client.post(change_url(law), admin_form_data(page, summary="One.\rTwo.\r\nThree.")).status_code == 302
    law.refresh_from_db()
    assert law.summary == "One.\nTwo.\nThree."


def test_a_page_an_editor_may_not_open_says_so_not_that_a_form_expired(editor_client):
    """Any admin refusal (the user list, the "Changed by" link of a history page) showed the expired-form page."""
    refused = editor_client.get("/admin/auth/user/")
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "<h1>You do not have permission for this</h1>" in page and "ask an administrator" in page
    assert "could not be verified" not in page and "Form not verified" not in page


def test_an_impossible_date_in_admin_is_a_form_error_and_the_law_keeps_its_date(editor_client, law):
    """Year 1 and year 215 (a slip for 2015) were saved; the timeline then ran from year 1."""
    for changes, field in (
        ({"adopted_on": "0001-01-01"}, "adopted_on"),
        ({"adopted_on": "0215-12-01"}, "adopted_on"),
        ({"adopted_precision": ""}, "adopted_precision"),
    ):
        response = edit(editor_client, law, **changes)
        assert response.status_code == 200 and field in response.context["adminform"].form.errors, changes
    saved = Law.objects.get(pk=law.pk)
    assert (saved.adopted_on, saved.adopted_precision) == (law.adopted_on, law.adopted_precision)


def test_of_two_editors_on_one_record_the_second_save_cannot_silently_undo_the_first(editor_client, editor, law):
    """ed saved a corrected number; amina then saved the issuer from the form she had opened before, and ed's fix
    was reverted without a word (it lived on only in the history)."""
    from django.test import Client

    second = Client()
    second.force_login(get_user_model().objects.create_superuser("amina", password="not-used-here"))
    her_page = second.get(change_url(law))  # she opens the law...
    assert edit(editor_client, law, number="No. 142-II (corrected)").status_code == 302  # ...he saves first
    response = second.post(change_url(law), admin_form_data(her_page, issuer="Parliament"))
    assert response.status_code == 200  # her form again, with her input, and why it was not saved
    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 1 and errors[0].startswith("editor saved Law on Public Associations at ")
    assert "Nothing was saved" in errors[0]
    assert 'value="Parliament"' in response.content.decode()
    law.refresh_from_db()
    assert (law.number, law.issuer) == ("No. 142-II (corrected)", "")
    # opened again, on the current version, her change saves and keeps his
    assert (
        second.post(change_url(law), admin_form_data(second.get(change_url(law)), issuer="Parliament")).status_code
        == 302
    )
    law.refresh_from_db()
    assert (law.number, law.issuer) == ("No. 142-II (corrected)", "Parliament")


def test_a_revert_opened_after_other_saves_still_restores_the_old_version(editor_client, law):
    edit(editor_client, law, summary="A wrong summary.")
    edit(editor_client, law, summary="Another wrong summary.")
    revert_url = f"/admin/laws/law/{law.pk}/history/{law.history.earliest().history_id}/"
    response = editor_client.post(revert_url, admin_form_data(editor_client.get(revert_url), _save="Revert"))
    assert response.status_code == 302
    law.refresh_from_db()
    assert law.summary == "Registration within 30 days."


@pytest.mark.parametrize("model", content_models(), ids=lambda model: model._meta.label)
def test_every_add_page_opens_with_a_draft_and_writes_the_slug_from_the_title(admin_client, model):
    """A new record went live on its first save; and news, laws and the like left the slug to be typed by hand."""
    from django.contrib import admin

    opts = model._meta
    response = admin_client.get(f"/admin/{opts.app_label}/{opts.model_name}/add/")
    assert response.status_code == 200
    form = response.context["adminform"].form
    if "publication_status" in form.fields:
        assert form.initial["publication_status"] == Status.DRAFT
    prepopulated = admin.site._registry[model].get_prepopulated_fields(response.wsgi_request)
    if "slug" in form.fields and {"title", "name"} & set(form.fields):
        assert prepopulated.get("slug"), opts.label


@pytest.mark.parametrize("model", content_models(), ids=lambda model: model._meta.label)
def test_every_admin_list_shows_whether_each_record_is_public(admin_client, model):
    opts = model._meta
    response = admin_client.get(f"/admin/{opts.app_label}/{opts.model_name}/")
    assert response.status_code == 200
    assert "publication_status" in response.context["cl"].list_display


def test_the_history_page_links_an_editor_s_name_only_for_those_who_may_open_accounts(
    admin_client, editor_client, editor, law
):
    """An editor clicking "Changed by" reached a refusal: editors may not view user accounts."""
    edit(editor_client, law, summary="Registration within 15 days.")
    history_url = f"/admin/laws/law/{law.pk}/history/"
    account = f"/admin/auth/user/{editor.pk}/change/"
    page = editor_client.get(history_url).content.decode()
    assert ">editor<" in page.replace(" ", "").replace("\n", "") and account not in page
    assert account in admin_client.get(history_url).content.decode()


def test_an_inline_row_sent_back_untouched_never_undoes_another_editor_s_change(editor_client, editoria):
    """The country's page holds its report's profile inline. An editor saving that page from an old copy, profile
    untouched, undid the overview another editor had just saved: the row read as changed against the stored one
    and was saved again. Now the save is refused; and a row sent back with a browser's CR LF on a current page is
    no change at all: not saved, not recorded."""
    from countries.models import CountryProfile

    profile = editoria.profile
    profile.overview = "First paragraph.\n\nSecond paragraph."
    profile.save()
    country_url = f"/admin/countries/country/{editoria.pk}/change/"

    def as_a_browser_sends(page):
        data = admin_form_data(page)
        overview = next(key for key in data if key.endswith("-overview"))
        data[overview] = data[overview].replace("\n", "\r\n")
        return data

    current = as_a_browser_sends(editor_client.get(country_url))
    versions = profile.history.count()
    assert editor_client.post(country_url, current).status_code == 302
    assert profile.history.count() == versions

    old_copy = as_a_browser_sends(editor_client.get(country_url))
    profile.overview = "Corrected by another editor."
    profile.save()
    response = editor_client.post(country_url, old_copy)
    assert response.status_code == 200
    assert CountryProfile.objects.get(pk=profile.pk).overview == "Corrected by another editor."


def test_an_inline_row_changed_on_an_old_copy_is_refused_naming_it(editor_client, editoria):
    from countries.models import CountryProfile

    profile = editoria.profile
    country_url = f"/admin/countries/country/{editoria.pk}/change/"
    old_page = editor_client.get(country_url)
    profile.overview = "Corrected by another editor."
    profile.save()
    data = admin_form_data(old_page)
    data[next(key for key in data if key.endswith("-title"))] = "My new title"
    response = editor_client.post(country_url, data)
    assert response.status_code == 200
    errors = [str(error) for formset in response.context["inline_admin_formsets"] for error in formset.formset.errors]
    assert any("after you opened it" in error for error in errors), errors
    saved = CountryProfile.objects.get(pk=profile.pk)
    assert (saved.overview, saved.title) == ("Corrected by another editor.", profile.title)


def test_a_view_only_account_reads_a_change_page(client, law):
    """It was a 500: the read-only page looked up the reason field as an admin method."""
    viewer = get_user_model().objects.create_user("reader", password="not-used-here", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_law"))
    client.force_login(viewer)
    page = client.get(change_url(law))
    assert page.status_code == 200
    assert "Reason for this change" not in page.content.decode()


def test_a_change_page_shows_the_record_s_own_fields_before_its_publication_and_correction(editor_client, law):
    """The status and a large correction-note box came first; an editor opens a law for its title or dates."""
    page = editor_client.get(change_url(law))
    boxes = [(box.name, list(box.fields)) for box in page.context["adminform"]]
    assert [name for name, _ in boxes][-2:] == ["Publication and corrections", "History"]
    assert boxes[-2][1] == ["publication_status", "correction_note", "correction_kind"]
    assert "title" in boxes[0][1] and "publication_status" not in boxes[0][1]


def test_a_list_shows_a_date_as_precisely_as_the_source_gives_it(editor_client, editoria):
    """A law adopted in December 2015 read "Dec. 1, 2015" in its list."""
    LawFactory(country=editoria, slug="month-law", adopted_on=datetime.date(2015, 12, 1), adopted_precision="month")
    LawFactory(country=editoria, slug="day-law", adopted_on=datetime.date(2016, 1, 5), adopted_precision="day")
    page = editor_client.get("/admin/laws/law/")
    text = page.content.decode()
    assert "December 2015" in text and "Dec. 1, 2015" not in text and "January 5, 2016" in text
    names = [getattr(column, "__name__", column) for column in page.context["cl"].list_display]
    position = str(names.index("adopted_on"))  # the changelist's `o` counts the action checkbox as column 0
    for order, expected in ((position, ["month-law", "day-law"]), (f"-{position}", ["day-law", "month-law"])):
        rows = editor_client.get("/admin/laws/law/", {"o": order}).context["cl"].result_list
        assert [law.slug for law in rows if law.slug in expected] == expected


def test_an_inline_row_s_version_costs_no_query_of_its_own(admin_client, editoria):
    """Each row read its version from the database: the Kazakhstan page ran 92 queries for its 40-odd rows."""
    from tests.factories import AtAGlanceRowFactory

    url = f"/admin/countries/country/{editoria.pk}/change/"
    AtAGlanceRowFactory(country=editoria, slug="row-0")
    admin_client.get(url)
    with CaptureQueriesContext(connection) as one_row:
        admin_client.get(url)
    for n in range(1, 6):
        AtAGlanceRowFactory(country=editoria, slug=f"row-{n}")
    with CaptureQueriesContext(connection) as six_rows:
        page = admin_client.get(url)
    assert page.status_code == 200 and len(six_rows) == len(one_row)


def autocomplete_admins():
    """Every admin with an add form and autocomplete (select2) fields: (model admin, field names)."""
    from django.contrib import admin

    return [
        (model_admin, model_admin.autocomplete_fields)
        for model_admin in admin.site._registry.values()
        if model_admin.autocomplete_fields
        and type(model_admin).has_add_permission is admin.ModelAdmin.has_add_permission
    ]


@pytest.mark.parametrize("tampered", ["abc", "9" * 30])
@pytest.mark.parametrize(
    "model_admin,names", autocomplete_admins(), ids=[m.model._meta.label for m, _ in autocomplete_admins()]
)
def test_a_hand_altered_autocomplete_value_is_a_form_error_not_a_500(admin_client, model_admin, names, tampered):
    """Django's autocomplete widget looked the submitted value up as it came, to show it again with the form's
    errors: `ValueError: Field 'id' expected a number but got 'abc'`, a 500 on the add pages of answers, treaty
    statuses, rankings, legal definitions. A value its field cannot hold is now the usual "Select a valid choice"."""
    opts = model_admin.model._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/add/"
    page = admin_client.get(url)
    tampered_values = {name: [tampered] if opts.get_field(name).many_to_many else tampered for name in names}
    response = admin_client.post(url, admin_form_data(page, **tampered_values))
    assert response.status_code == 200, response.content.decode()[:2000]
    errors = response.context["adminform"].form.errors
    for name in names:  # Django's own messages: one link, or one of several
        assert re.search("Select a valid choice|is not a valid value", " ".join(errors[name])), (name, errors)


def test_a_hand_altered_autocomplete_value_in_an_inline_row_is_a_form_error_not_a_500(admin_client):
    """The same for an inline row's autocomplete field (an answer's citation's law)."""
    page = admin_client.get("/admin/codebook/answer/add/")
    data = admin_form_data(
        page,
        **{"citations-TOTAL_FORMS": "1", "citations-0-law": "abc", "citations-0-order": "0", "citations-0-quote": "q"},
    )
    response = admin_client.post("/admin/codebook/answer/add/", data)
    assert response.status_code == 200, response.content.decode()[:2000]
    inline = response.context["inline_admin_formsets"][0].formset
    assert "Select a valid choice" in " ".join(inline.forms[0].errors["law"])


def test_every_admin_and_inline_with_autocomplete_fields_checks_their_values():
    """So that an admin added later gets the fix too (a plain ModelAdmin or inline would bring the 500 back)."""
    from django.contrib import admin

    from core.admin import AutocompleteValuesChecked

    admins = [type(model_admin) for model_admin in admin.site._registry.values()]
    classes = [*admins, *(inline for model_admin in admins for inline in model_admin.inlines)]
    unchecked = [
        cls.__name__ for cls in classes if cls.autocomplete_fields and not issubclass(cls, AutocompleteValuesChecked)
    ]
    assert unchecked == []


@pytest.mark.parametrize(
    "url",
    [
        "/admin/codebook/answer/?country=99999999999999999999999",
        "/admin/laws/law/?country=99999999999999999999999",
        "/admin/rankings/ranking/?index=99999999999999999999999",
        "/admin/countries/barrier/?cited_laws=99999999999999999999999",
        "/admin/codebook/citation/?law=99999999999999999999999",
    ],
)
def test_a_list_filter_value_past_64_bits_is_the_lookup_error_page_not_a_500(admin_client, url):
    """SQLite overflowed binding the value (a 500): Django's lookup-error page now. Django finds nothing for it on
    PostgreSQL, an empty list."""
    response = admin_client.get(url)
    if connection.vendor == "sqlite":
        assert response.status_code == 302 and response["Location"].endswith("?e=1"), response.status_code
    else:
        assert response.status_code == 200 and response.context["cl"].result_count == 0
