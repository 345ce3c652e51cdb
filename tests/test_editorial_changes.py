"""A country's public "What changed" page and its Atom feed: published changes only, named by record and
field, dated, without editors and without draft values; a fixed number of queries per page."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.choices import Status
from core.history import tracked_links
from countries.models import Barrier
from editorial import views
from editorial.history import country_models
from laws.models import Law
from news.models import NewsItem
from tests.factories import BarrierFactory, CountryFactory, LawFactory, NewsItemFactory
from tests.support import make_editor

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def editor(monkeypatch):
    """An editor whose name must never reach the public pages."""
    return make_editor(monkeypatch, username="ed-secret-name")


def save(obj, editor=None, reason="", **changes):
    for name, value in changes.items():
        setattr(obj, name, value)
    obj._history_user, obj._change_reason = editor, reason
    obj.save()
    return obj


def changes_page(client, code="xe", **params):
    response = client.get(f"/countries/{code}/changes/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_published_change_is_listed_with_its_record_and_fields_but_not_its_values_or_editor(client, editoria, editor):
    law = LawFactory(country=editoria, title="Law on Public Associations", summary="Old summary text.")
    save(law, editor, "Source corrected", summary="New summary text.", number="No. 3")

    page = changes_page(client)
    assert "Law on Public Associations" in page
    assert "changed: Number, Summary." in page
    assert law.get_absolute_url() in page
    assert "New summary text." not in page and "Old summary text." not in page
    assert "ed-secret-name" not in page and "Source corrected" not in page


def test_changes_to_drafts_and_draft_values_never_show(client, editoria, editor):
    draft = LawFactory(country=editoria, slug="secret-draft", title="Secret draft law", publication_status=Status.DRAFT)
    save(draft, editor, title="Secret draft law, revised")

    law = LawFactory(country=editoria, slug="visible", title="Visible law", summary="Published text.")
    save(law, editor, publication_status=Status.DRAFT)  # taken offline...
    save(law, editor, summary="Draft-only wording.", issuer="Draft issuer")  # ...edited as a draft...
    page = changes_page(client)
    assert "Secret draft law" not in page
    assert "Visible law" not in page  # a record taken offline takes its past changes with it

    # ...and published again: the change shown is against the last published version.
    save(law, editor, summary="Final text.", issuer="", publication_status=Status.PUBLISHED)
    response = client.get("/countries/xe/changes/")
    latest = response.context["changes"][0]
    assert (latest.record, latest.added, latest.fields) == (law, False, ("Summary",))
    page = response.content.decode()
    assert "changed: Summary." in page
    assert "Draft-only wording" not in page and "Draft issuer" not in page and "Issuer" not in page


def test_a_record_of_a_draft_country_or_an_unknown_country_has_no_changes_page(client):
    CountryFactory(iso2="XD", name="Draftland", publication_status=Status.DRAFT, with_profile=True)
    assert client.get("/countries/xd/changes/").status_code == 404
    assert client.get("/countries/xd/changes/feed/").status_code == 404
    assert client.get("/countries/zz/changes/").status_code == 404


@pytest.mark.parametrize("before", ["yesterday", "2026-13-45T99:00:00", "2026-01-01T00:00:00+99:00"])
def test_a_malformed_paging_timestamp_is_a_400(client, editoria, before):
    response = client.get("/countries/xe/changes/", {"before": before})
    assert response.status_code == 400 and b"before" in response.content


def test_a_paging_timestamp_without_a_zone_is_read_as_utc(client, editoria, editor):
    save(LawFactory(country=editoria, title="Law on Public Associations"), editor, summary="Changed.")
    assert "Law on Public Associations" not in changes_page(client, before="2000-01-01T00:00:00")
    assert "Law on Public Associations" in changes_page(client, before="2999-01-01T00:00:00")


def test_older_changes_are_paged(client, editoria, editor, monkeypatch, no_response_cache):
    monkeypatch.setattr(views, "CHANGES_PER_PAGE", 2)
    laws = [LawFactory(country=editoria, slug=f"law-{n}", title=f"Law number {n}") for n in range(3)]
    first = changes_page(client)
    assert "Law number 2" in first and "Law number 1" in first and "Law number 0" not in first
    older = client.get("/countries/xe/changes/").context["next_url"]
    second = client.get(f"/countries/xe/changes/{older}").content.decode()
    assert "Law number 0" in second and "Law number 2" not in second
    assert laws


def test_the_atom_feed_lists_the_same_published_changes(client, editoria, editor):
    law = LawFactory(country=editoria, title="Law on Public Associations")
    save(law, editor, title="Law on Public Associations (2024 edition)")
    LawFactory(country=editoria, slug="secret", title="Secret draft", publication_status=Status.DRAFT)

    response = client.get("/countries/xe/changes/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Secret draft" not in body and "ed-secret-name" not in body
    feed = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles[0] == "Law changed: Law on Public Associations (2024 edition) (title)"
    assert titles[1] == "Law added: Law on Public Associations (2024 edition)"
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]
    ids = [entry.find(f"{ATOM}id").text for entry in feed.iter(f"{ATOM}entry")]
    assert all(link.startswith(f"http://testserver{law.get_absolute_url()}#change-") for link in links[:2])
    assert ids == links and len(set(ids)) == len(ids)  # one id per change, even for the same record
    assert [author.find(f"{ATOM}name").text for author in feed.iter(f"{ATOM}author")] == ["NGO Monitor"]


def record_changes(country, editor, size):
    for n in range(size):
        save(LawFactory(country=country, slug=f"law-{n}", title=f"Law {n}"), editor, summary=f"Summary {n}")
        save(BarrierFactory(country=country, slug=f"barrier-{n}"), editor, summary=f"Summary {n}")
        save(NewsItemFactory(country=country, slug=f"news-{n}"), editor, summary=f"Summary {n}")


@pytest.mark.parametrize("url", ["/countries/xe/changes/", "/countries/xe/changes/feed/"])
def test_the_page_and_the_feed_cost_the_same_queries_at_two_data_sizes(
    client, editoria, editor, url, monkeypatch, no_response_cache
):
    """A page costs 1 query for the country, 1 per country model, 2 per model shown on the page (previous
    versions and live records) and 1 per link field of those (the links each version recorded: 2 of a barrier's,
    3 of a news item's): the same pages of laws, barriers and news cost the same with 6 or 90 changes."""
    monkeypatch.setattr(views, "CHANGES_PER_PAGE", 6)
    record_changes(editoria, editor, 2)
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    otherland = CountryFactory(iso2="XF", name="Otherland", with_profile=True)
    record_changes(otherland, editor, 1)  # other countries do not count
    for n in range(2, 30):
        save(LawFactory(country=editoria, slug=f"law-{n}", title=f"Law {n}"), editor, summary=f"Summary {n}")
        save(BarrierFactory(country=editoria, slug=f"barrier-{n}"), editor, summary=f"Summary {n}")
        save(NewsItemFactory(country=editoria, slug=f"news-{n}"), editor, summary=f"Summary {n}")
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    links = len(tracked_links(Barrier)) + len(tracked_links(NewsItem))
    assert len(large) == len(small) <= 1 + len(country_models()) + 2 * 3 + links + 2  # + session and user
    assert "Law 29" in response.content.decode()


def test_the_first_edit_of_a_seeded_record_is_listed_as_a_change_not_as_an_addition(client, editor):
    law = Law.objects.published().for_country("KZ").order_by("pk").first()
    assert not law.history.exists()  # loaded from the fixtures, which simple-history does not record
    save(law, editor, "Reader report", short_title=f"{law.short_title} (amended)")

    changes = client.get("/countries/kz/changes/").context["changes"]
    assert [(c.record, c.added, c.fields) for c in changes] == [(law, False, ("Short title",))]


def test_the_changes_page_has_a_breadcrumb_back_to_its_country(client, editoria):
    """Every other page of a country names its way back (Home, the country); this one had no breadcrumb."""
    page = changes_page(client)
    breadcrumb = page[page.index('aria-label="Breadcrumb"') :].split("</nav>")[0]
    assert '<a href="/">Home</a>' in breadcrumb
    assert f'<a href="{editoria.get_absolute_url()}">{editoria.name}</a>' in breadcrumb
    assert 'aria-current="page">Updates to this site’s records</li>' in breadcrumb
