"""Helpers shared by the tests: editor accounts made the way a deployment makes them, admin form round-trips,
what a missing tool means (skip, or fail under CI), what a CI run must have run, and a production server started by
a test."""

import io
import os
import socket
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

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


def unavailable(reason):
    """Something a test needs is missing from this machine (a browser, axe-core, the shared seed): skip on a plain
    machine; under CI it is a failure, never a silent skip."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this is an error)", pytrace=False)
    pytest.skip(reason)


# ---------------------------------------------------------------- what a CI run must have run

POSTGRES_ONLY = "postgres"  # marker: needs PostgreSQL; skips on SQLite, where CI does not expect it to run
BROWSER = "browser"  # marker: drives Chromium; CI expects every one of them to run


def suite_problems(outcomes, *, vendor, whole_suite):
    """What is wrong with a CI run, given {test id: (outcome, marker names)} for every test it ran.

    Nothing may skip, except PostgreSQL-only tests on another database. A run of the whole suite must have run
    browser tests, and on PostgreSQL the PostgreSQL-only tests: a suite that skipped them all, or never
    collected them, did not check what CI promises.
    """
    problems = [
        f"{test} skipped"
        for test, (outcome, markers) in sorted(outcomes.items())
        if outcome == "skipped" and not (POSTGRES_ONLY in markers and vendor != "postgresql")
    ]
    if whole_suite:
        ran = {marker for outcome, markers in outcomes.values() if outcome == "passed" for marker in markers}
        if BROWSER not in ran:
            problems.append("no browser test ran")
        if vendor == "postgresql" and POSTGRES_ONLY not in ran:
            problems.append("no PostgreSQL-only test ran on PostgreSQL")
    return problems


def sign_in(client, username, password):
    """Sign in through the admin's login form, as an editor does (so django-axes sees the attempt)."""
    response = client.post(reverse("admin:login"), {"username": username, "password": password, "next": "/"})
    assert response.status_code == 302, f"sign-in as {username} failed: {response.status_code}"
    return client


# A production server started by a test (gunicorn with gunicorn.conf.py), and plain HTTP to it.
ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base, process):
    for _ in range(200):
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read().decode()[-2000:]}")
        try:
            urllib.request.urlopen(f"{base}/robots.txt", timeout=1)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):  # accepted while the worker starts
            time.sleep(0.1)
    raise RuntimeError(f"{base} did not start")


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()
