"""The links between records (a news item's laws, a barrier's cited laws and articles...) are part of each version
of a record: one version per save holds its fields and its links, a revert restores the links the version recorded,
and the public Updates page says when a record's links changed."""

import datetime
import tempfile

import pytest
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.history import recorded_links
from news.models import NewsItem
from tests.factories import LawFactory, NewsItemFactory
from tests.support import admin_form_data
from tests.test_api_writes import token_client

pytestmark = pytest.mark.django_db


def change_url(item):
    return f"/admin/news/newsitem/{item.pk}/change/"


@pytest.fixture
def laws(editoria):
    return [
        LawFactory(country=editoria, slug=slug, title=title)
        for slug, title in (("civil-code", "Civil Code"), ("pa-law", "Law on Public Associations"))
    ]


@pytest.fixture
def item(editoria, laws):
    news = NewsItemFactory(country=editoria, slug="crackdown", title="Crackdown")
    with_links = news.history.count()
    news.related_laws.set([laws[0]])
    assert news.history.count() > with_links  # outside admin and the API, simple-history records as it does
    return news


def links_of(version):
    return recorded_links([version]).get(version.history_id)


def test_an_admin_save_that_changes_links_makes_one_version_holding_them(editor_client, item, laws):
    """It made three: the save, the link taken away, the link added; and none of them listed the change."""
    before = item.history.count()
    page = editor_client.get(change_url(item))
    response = editor_client.post(
        change_url(item), admin_form_data(page, related_laws=[str(laws[1].pk)], change_reason="Right law")
    )
    assert response.status_code == 302
    assert item.history.count() == before + 1
    latest = item.history.latest()
    assert latest.history_change_reason == "Right law" and latest.history_user.username == "editor"
    assert links_of(latest)["related_laws"] == [laws[1].pk]
    history = editor_client.get(f"/admin/news/newsitem/{item.pk}/history/").content.decode()
    assert "Law on Public Associations" in history  # the change, by the linked record's name


def test_a_save_that_leaves_the_links_alone_still_records_them(editor_client, item, laws):
    editor_client.post(change_url(item), admin_form_data(editor_client.get(change_url(item)), title="Crackdown!"))
    assert links_of(item.history.latest())["related_laws"] == [laws[0].pk]


def test_a_revert_restores_the_links_of_the_version_in_one_version(editor_client, item, laws):
    civil_code_version = item.history.latest()
    assert links_of(civil_code_version)["related_laws"] == [laws[0].pk]
    page = editor_client.get(change_url(item))
    editor_client.post(change_url(item), admin_form_data(page, related_laws=[str(laws[1].pk)]))
    assert list(item.related_laws.all()) == [laws[1]]

    count = item.history.count()
    revert_url = f"/admin/news/newsitem/{item.pk}/history/{civil_code_version.history_id}/"
    response = editor_client.post(revert_url, admin_form_data(editor_client.get(revert_url), _save="Revert"))
    assert response.status_code == 302
    assert list(NewsItem.objects.get(pk=item.pk).related_laws.all()) == [laws[0]]
    assert item.history.count() == count + 1
    assert links_of(item.history.latest())["related_laws"] == [laws[0].pk]


def test_an_api_write_makes_one_version_holding_its_links(editoria, laws):
    client = token_client("add_newsitem", "change_newsitem")
    created = client.post(
        "/api/v1/news/",
        {
            "country": "xe", "slug": "api-news", "title": "From the API", "published_on": "2024-04-01",
            "date_precision": "month", "printed_date": "April 2024", "related_laws": [laws[0].pk],
        },
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    news = NewsItem.objects.get(slug="api-news")
    assert news.history.count() == 1 and links_of(news.history.latest())["related_laws"] == [laws[0].pk]
    response = client.patch(created.json()["url"], {"related_laws": [laws[1].pk]}, format="json")
    assert response.status_code == 200
    assert news.history.count() == 2 and links_of(news.history.latest())["related_laws"] == [laws[1].pk]


def test_a_fixture_load_records_no_version_and_the_first_edit_starts_from_its_links(editor_client, editoria, laws):
    """loaddata sets links after its raw save; simple-history recorded each as a change of the record."""
    news = NewsItem(
        country=editoria, slug="loaded", title="Loaded", published_on=datetime.date(2024, 4, 1), date_precision="month",
        printed_date="April 2024",
    )  # fmt: skip
    news.save()
    news.related_laws.set([laws[0]])
    dumped = serializers.serialize("json", [news])
    pk = news.pk
    news.delete()
    NewsItem.history.filter(id=pk).delete()  # as if it had never been saved here
    with tempfile.NamedTemporaryFile("w", suffix=".json") as fixture:
        fixture.write(dumped)
        fixture.flush()
        call_command("loaddata", fixture.name, verbosity=0)
    loaded = NewsItem.objects.get(slug="loaded")
    assert not loaded.history.exists() and list(loaded.related_laws.all()) == [laws[0]]

    page = editor_client.get(change_url(loaded))
    editor_client.post(change_url(loaded), admin_form_data(page, title="Loaded, retitled"))
    baseline, change = loaded.history.order_by("history_date", "history_id")
    assert links_of(baseline)["related_laws"] == [laws[0].pk] == links_of(change)["related_laws"]
    updates = editor_client.get("/countries/xe/changes/").content.decode()
    assert "changed: Title." in updates  # not "Related laws": they did not change


def test_the_updates_page_says_when_a_record_s_links_changed_at_a_fixed_cost(client, editor_client, item, laws):
    page = editor_client.get(change_url(item))
    editor_client.post(change_url(item), admin_form_data(page, related_laws=[str(laws[1].pk)]))
    updates = client.get("/countries/xe/changes/").content.decode()
    assert "Crackdown" in updates and "changed: Related laws." in updates

    with CaptureQueriesContext(connection) as few:
        client.get("/countries/xe/changes/", {"fresh": "1"})
    for n in range(3):
        page = editor_client.get(change_url(item))
        editor_client.post(change_url(item), admin_form_data(page, related_laws=[str(laws[n % 2].pk)]))
    with CaptureQueriesContext(connection) as more:
        client.get("/countries/xe/changes/", {"fresh": "2"})
    assert len(more) == len(few)


def test_the_history_page_costs_the_same_whatever_the_number_of_versions(editor_client, item, laws):
    """simple-history's diff ran two queries per link field per version: 179 for a news item with 23 versions."""
    url = f"/admin/news/newsitem/{item.pk}/history/"

    def queries():
        editor_client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(url).status_code == 200
        return len(captured)

    page = editor_client.get(change_url(item))
    editor_client.post(change_url(item), admin_form_data(page, related_laws=[str(laws[1].pk)]))
    few = queries()
    for n in range(6):
        page = editor_client.get(change_url(item))
        editor_client.post(change_url(item), admin_form_data(page, related_laws=[str(laws[n % 2].pk)]))
    assert queries() == few


def test_a_version_made_before_links_were_recorded_shows_no_link_change(editor_client, item, laws):
    """At the upgrade, the latest version records the links and the one before holds none: that read as the links
    being added by whoever made the latest version."""
    older, newer = item.history.order_by("history_date", "history_id")[:2]
    type(older).objects.filter(pk=older.pk).update(links_recorded=False)  # as a version from before the upgrade
    history = editor_client.get(f"/admin/news/newsitem/{item.pk}/history/")
    newest_first = history.context["page_obj"].object_list
    changes = {v.history_id: [c["field"] for c in v.history_delta_changes] for v in newest_first[:-1]}
    assert all("Related laws" not in str(fields) for fields in changes.values()), changes


def test_the_updates_page_says_nothing_of_links_to_drafts(client, editor_client, item, editoria):
    """Linking a published news item to a draft law read "changed: Related laws" to every reader."""
    draft = LawFactory(country=editoria, slug="secret", title="Secret Draft Law", publication_status="draft")
    page = editor_client.get(change_url(item))
    linked = [str(pk) for pk in item.related_laws.values_list("pk", flat=True)] + [str(draft.pk)]
    editor_client.post(change_url(item), admin_form_data(page, related_laws=linked))
    latest = item.history.latest()
    response = client.get("/countries/xe/changes/")
    assert all(change.key != f"news.newsitem:{latest.history_id}" for change in response.context["changes"])
    assert "Secret Draft Law" not in response.content.decode()


def test_two_objects_of_one_record_saved_in_one_write_are_both_left_clean(item, laws):
    from core.history import one_version_per_save

    first, second = NewsItem.objects.get(pk=item.pk), NewsItem.objects.get(pk=item.pk)
    with one_version_per_save():
        first.title = "First"
        first.save()
        first.related_laws.set([laws[1]])
        second.title = "Second"
        second.save()
        first.title = "First, again"
        first.save()  # a second save of one object makes its own version: its fields changed
    assert not hasattr(first, "skip_history_when_saving") and not hasattr(second, "skip_history_when_saving")
    titles = [version.title for version in item.history.order_by("-history_date", "-history_id")[:3]]
    assert titles == ["First, again", "Second", "First"]
    assert links_of(item.history.order_by("-history_date", "-history_id").first())["related_laws"] == [laws[1].pk]
    versions = item.history.count()
    first.save()  # outside, simple-history records as ever
    assert item.history.count() == versions + 1
