"""The Editors role: what the group may do, how an editor account is made, and how an editor gets a token."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from simple_history.manager import HistoryManager

from editorial.content import CONTENT_APPS
from editorial.roles import EDITORS_GROUP
from tests.support import EDITOR_PASSWORD, make_editor, sign_in

pytestmark = pytest.mark.django_db


def group_permissions():
    group = Group.objects.get(name=EDITORS_GROUP)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_editors_may_add_change_delete_and_view_every_content_model():
    granted = group_permissions()
    content = [  # a historical link table (a version's links) has a `history` key, not a history of its own
        m
        for label in CONTENT_APPS
        for m in apps.get_app_config(label).get_models()
        if isinstance(getattr(m, "history", None), HistoryManager)
    ]
    assert len(content) >= 20
    for model in content:
        opts = model._meta
        for action in ("add", "change", "delete", "view"):
            assert f"{opts.app_label}.{action}_{opts.model_name}" in granted
        assert f"{opts.app_label}.view_historical{opts.model_name}" in granted
        # The history itself is not theirs to rewrite.
        assert f"{opts.app_label}.change_historical{opts.model_name}" not in granted


def test_editors_moderate_corrections_but_get_nothing_on_accounts_or_tokens():
    granted = group_permissions()
    assert {"editorial.view_correctionsubmission", "editorial.change_correctionsubmission"} <= granted
    assert not [p for p in granted if p.split(".")[0] in {"auth", "authtoken", "contenttypes", "sessions", "admin"}]


def test_the_group_is_rebuilt_by_migrate_even_after_someone_changed_it():
    before = group_permissions()
    Group.objects.get(name=EDITORS_GROUP).permissions.clear()
    call_command("migrate", verbosity=0)
    rebuilt = group_permissions()
    assert "laws.change_law" in rebuilt
    # Rebuilt to exactly the role: each permission by its own app and codename, not every permission of the app.
    assert "laws.view_historicallaw" in rebuilt and "laws.change_historicallaw" not in rebuilt
    assert rebuilt == before


def test_create_editor_from_the_environment_makes_a_staff_account_in_editors(client, monkeypatch):
    editor = make_editor(monkeypatch, username="amina", email="amina@example.org")
    assert editor.is_staff and not editor.is_superuser
    assert editor.email == "amina@example.org"
    assert list(editor.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
    assert editor.has_perm("laws.change_law") and not editor.has_perm("auth.change_user")
    sign_in(client, "amina", EDITOR_PASSWORD)
    assert client.get("/admin/laws/law/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403


def test_create_editor_asks_for_the_password_twice(monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    answers = iter([EDITOR_PASSWORD, EDITOR_PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    out = io.StringIO()
    call_command("create_editor", "bakhyt", stdout=out)
    assert "Editor 'bakhyt' created" in out.getvalue()
    assert get_user_model().objects.get(username="bakhyt").check_password(EDITOR_PASSWORD)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (["Quill-and-ledger-2026", "Quill-and-ledger-2027"], "The two passwords differ"),
        (["", ""], "may not be empty"),
        (["12345678", "12345678"], "too common"),
        (["bakhyt2", "bakhyt2"], "too short"),
    ],
)
def test_create_editor_refuses_mistyped_and_weak_passwords(monkeypatch, answers, message):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    answers = iter(answers)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    with pytest.raises(CommandError, match=message):
        call_command("create_editor", "bakhyt")
    assert not get_user_model().objects.filter(username="bakhyt").exists()


def test_create_editor_checks_the_environment_password_too(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "password")
    with pytest.raises(CommandError, match="Password rejected: .*too common"):
        call_command("create_editor", "bakhyt", interactive=False)
    assert not get_user_model().objects.filter(username="bakhyt").exists()


def test_create_editor_refuses_an_existing_user_a_bad_email_and_a_missing_password(monkeypatch):
    make_editor(monkeypatch, username="amina")
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_editor", "Amina", interactive=False)
    with pytest.raises(CommandError, match="valid email"):
        call_command("create_editor", "dana", email="not-an-email", interactive=False)
    monkeypatch.delenv("EDITOR_PASSWORD")
    with pytest.raises(CommandError, match="EDITOR_PASSWORD"):
        call_command("create_editor", "dana", interactive=False)
    assert get_user_model().objects.filter(username__in=["dana"]).count() == 0


def test_an_editor_creates_and_replaces_their_own_api_token_in_admin(client, monkeypatch):
    editor = make_editor(monkeypatch)
    client.force_login(editor)
    index = client.get("/admin/")
    assert "/admin/editorial/apitoken/" in index.content.decode()
    assert "You have no API token yet" in client.get("/admin/editorial/apitoken/").content.decode()

    response = client.post("/admin/editorial/apitoken/", follow=True)
    first = Token.objects.get(user=editor)
    assert first.key in response.content.decode()
    client.post("/admin/editorial/apitoken/")
    assert Token.objects.get(user=editor).key != first.key
    assert Token.objects.count() == 1

    # Tokens of other users stay out of reach.
    assert client.get("/admin/authtoken/tokenproxy/").status_code == 403


def test_the_token_page_is_for_staff_only(client):
    user = get_user_model().objects.create_user("reader", password=EDITOR_PASSWORD)
    client.force_login(user)
    response = client.post("/admin/editorial/apitoken/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Token.objects.exists()
