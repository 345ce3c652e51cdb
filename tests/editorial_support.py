"""Builders for the editorial tests: a small country of its own (so tests do not depend on the seeded
profile), editor accounts made the way a deployment makes them, and admin form round-trips.
"""

import datetime
import io

from django.core.management import call_command

from core.choices import DatePrecision, Status
from countries.models import Barrier, BarrierCategory, Country, CountryProfile
from laws.models import Law, LawKind
from news.models import NewsItem

EDITOR_PASSWORD = "Quill-and-ledger-2026"


def make_country(iso2="XE", name="Editoria", status=Status.PUBLISHED):
    country = Country.objects.create(
        name=name, slug=name.lower(), iso2=iso2, iso3=f"{iso2}X", publication_status=status
    )
    CountryProfile.objects.create(
        country=country,
        title=f"Civic Freedom Monitor: {name}",
        last_updated=datetime.date(2024, 3, 1),
        overview="An overview.",
        source="ICNL",
    )
    return country


def make_law(country, slug="pa-law", title="Law on Public Associations", status=Status.PUBLISHED, **fields):
    return Law.objects.create(
        country=country, slug=slug, title=title, kind=LawKind.LAW, publication_status=status, **fields
    )


def make_barrier(country, slug="entry", title="Registration is mandatory", status=Status.PUBLISHED):
    return Barrier.objects.create(
        country=country, slug=slug, title=title, category=BarrierCategory.ENTRY, publication_status=status
    )


def make_news(country, slug="news-1", title="A new law is adopted", status=Status.PUBLISHED):
    return NewsItem.objects.create(
        country=country,
        slug=slug,
        title=title,
        published_on=datetime.date(2024, 2, 1),
        date_precision=DatePrecision.DAY,
        printed_date="February 1, 2024",
        publication_status=status,
    )


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
