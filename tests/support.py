"""Editor accounts made the way a deployment makes them, and admin form round-trips (the editorial tests)."""

import io

from django.core.management import call_command

EDITOR_PASSWORD = "Quill-and-ledger-2026"


def make_editor(monkeypatch, username="editor", email="editor@example.org"):
    """An editor created by `create_editor`, as a deployment would (password from the environment)."""
    from django.contrib.auth import get_user_model

    monkeypatch.setenv("EDITOR_PASSWORD", EDITOR_PASSWORD)
    call_command("create_editor", username, email=email, interactive=False, stdout=io.StringIO())
    return get_user_model().objects.get(username=username)


def admin_form_data(response, **changes):
    """The POST data of an admin change (or revert) page as rendered, with `changes` applied.

    Reads the bound fields of the page's form and inline formsets, so tests submit exactly what a browser
    would, whatever fields the model has.
    """
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms += [inline.formset.management_form, *inline.formset.forms]
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            elif isinstance(value, list | tuple):
                value = [str(item) for item in value]
            data[field.html_name] = value if isinstance(value, str | list) else str(value)
    data.update(changes)
    return data
