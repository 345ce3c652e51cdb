"""The public reads only; an editor with model permissions writes through the same serializers, by token."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from countries.models import Barrier
from laws.models import Law, TreatyStatus
from tests.api_support import RESOURCES, detail_url, list_url
from tests.factories import ConstitutionalArticleFactory, CountryFactory, LawFactory, TreatyFactory, build_profile

pytestmark = pytest.mark.django_db


def token_client(*codenames):
    user = User.objects.create_user("editor", password="not-used-here")
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.mark.parametrize("prefix,viewset", RESOURCES, ids=[p for p, _ in RESOURCES])
def test_anonymous_writes_are_refused_everywhere(prefix, viewset):
    build_profile(CountryFactory(iso2="QV"), 1)
    client = APIClient()
    record = viewset.public_queryset().first()
    before = viewset.queryset.model.objects.count()
    response = client.post(list_url(viewset), {"title": "x"}, format="json")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    for method in (client.put, client.patch, client.delete):
        response = method(detail_url(viewset, record), {"title": "x"}, format="json")
        assert response.status_code == 401, (prefix, method.__name__)
        assert response.json()["detail"]
    assert viewset.queryset.model.objects.count() == before


def test_a_user_without_permission_cannot_write():
    law = LawFactory(country=CountryFactory(iso2="QW"))
    client = token_client()
    assert client.get(list_url(RESOURCES[1][1])).status_code == 200
    assert client.patch(f"/api/v1/laws/{law.pk}/", {"title": "Changed"}, format="json").status_code == 403


def test_an_editor_with_a_token_creates_updates_and_deletes_a_law():
    CountryFactory(iso2="QW")
    client = token_client("add_law", "change_law", "delete_law")
    response = client.post(
        "/api/v1/laws/",
        {
            "country": "qw",
            "slug": "law-on-ncos",
            "title": "Law on NCOs",
            "kind": "law",
            "adopted_on": "2016-01-05",
            "adopted_precision": "day",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["country"] == "QW" and created["url"].endswith(f"/api/v1/laws/{created['id']}/")
    assert APIClient().get("/api/v1/laws/", {"country": "QW", "adopted_after": "2015-01-01"}).json()["count"] == 1

    response = client.put(created["url"], {**created, "title": "Law on Non-Commercial Organizations"}, format="json")
    assert response.status_code == 200, response.content  # a record read from the API can be sent back whole
    response = client.patch(created["url"], {"short_titel": "typo"}, format="json")
    assert response.status_code == 400 and "short_titel" in response.json()["errors"]
    response = client.patch(created["url"], {"short_title": "NCO Law", "status": "amended"}, format="json")
    assert response.status_code == 200 and response.json()["short_title"] == "NCO Law"
    law = Law.objects.get(pk=created["id"])
    assert law.status == "amended"
    assert law.history.count() == 3  # every edit is recorded, with who made it
    assert {entry.history_user.username for entry in law.history.all()} == {"editor"}

    assert client.delete(created["url"]).status_code == 204
    assert not Law.objects.filter(pk=created["id"]).exists()


def test_an_editor_links_records_by_id_and_slug():
    country = CountryFactory(iso2="QW")
    law = LawFactory(country=country)
    article = ConstitutionalArticleFactory(country=country)
    treaty = TreatyFactory(slug="test-covenant")
    client = token_client("add_barrier", "add_treatystatus")
    response = client.post(
        "/api/v1/barriers/",
        {
            "country": "QW",
            "slug": "assembly",
            "category": "assembly",
            "title": "Barriers to Assembly",
            "cited_laws": [law.pk],
            "cited_articles": [article.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["cited_laws"][0]["title"] == law.title
    assert list(Barrier.objects.get(country__iso2="QW", slug="assembly").cited_articles.all()) == [article]
    status = {"country": "QW", "treaty": "test-covenant", "ratified": True, "year": 2006}
    response = client.post("/api/v1/treaty-statuses/", status, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["treaty_name"] == treaty.name
    assert TreatyStatus.objects.filter(country=country, treaty=treaty).exists()


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"slug": "a", "title": "A", "kind": "law"}, "country"),
        ({"country": "ZZ", "slug": "a", "title": "A", "kind": "law"}, "country"),
        ({"country": "QW", "slug": "a", "title": "A", "kind": "poem"}, "kind"),
        ({"country": "QW", "slug": "a", "kind": "law"}, "title"),
        ({"country": "QW", "slug": "a", "title": "A", "kind": "law", "adopted_on": "2015-02-30"}, "adopted_on"),
        ({"country": "QW", "slug": "not a slug!", "title": "A", "kind": "law"}, "slug"),
    ],
)
def test_bad_input_on_write_is_a_400_naming_the_field(payload, field):
    CountryFactory(iso2="QW")
    client = token_client("add_law")
    response = client.post("/api/v1/laws/", payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert field in body["errors"] and field in body["detail"]


def test_bad_links_and_duplicates_on_write_are_a_400():
    country = CountryFactory(iso2="QW")
    LawFactory(country=country, slug="dup")
    client = token_client("add_barrier", "add_law")
    base = {"country": "QW", "slug": "b", "category": "entry", "title": "B"}
    assert client.post("/api/v1/barriers/", {**base, "cited_laws": [999999]}, format="json").status_code == 400
    assert client.post("/api/v1/barriers/", {**base, "cited_laws": ["x"]}, format="json").status_code == 400
    # A duplicate natural key (country, slug) is refused by the serializer, not by a database error.
    response = client.post(
        "/api/v1/laws/", {"country": "QW", "slug": "dup", "title": "D", "kind": "law"}, format="json"
    )
    assert response.status_code == 400 and response.json()["detail"]


def tiny_rates(anon, user):
    return override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user}}
    )


def test_anonymous_clients_are_throttled_with_retry_after():
    cache.clear()
    client = APIClient()
    with tiny_rates("3/minute", "100/minute"):
        statuses = [client.get("/api/v1/laws/").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        response = client.get("/api/v1/countries/")
        assert response.status_code == 429
        assert 0 < int(response["Retry-After"]) <= 60
        assert "throttled" in response.json()["detail"].lower()
        assert client.get("/api/v1/dataset.zip").status_code == 429


def test_authenticated_clients_have_their_own_rate():
    cache.clear()
    client = token_client()
    with tiny_rates("1/minute", "2/minute"):
        assert [client.get("/api/v1/laws/").status_code for _ in range(3)] == [200, 200, 429]


def test_deleting_a_law_that_codebook_answers_cite_is_a_409_that_names_them_and_keeps_it():
    from codebook.models import Citation

    citation = Citation.objects.select_related("law").filter(law__isnull=False).first()
    law = citation.law
    for relation in law._meta.related_objects:  # the law's other links are refused alike (test below)
        if relation.related_model is not Citation:
            getattr(law, relation.get_accessor_name()).all().delete()
    client = token_client("delete_law")
    response = client.delete(f"/api/v1/laws/{law.pk}/")
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert detail.startswith("This record is still referred to and was not deleted: ")
    assert "citation “" in detail or " citations" in detail
    assert Law.objects.filter(pk=law.pk).exists() and Citation.objects.filter(pk=citation.pk).exists()


def test_text_on_write_must_be_a_string_and_country_codes_letters():
    client = token_client("add_country", "add_law")
    response = client.post(
        "/api/v1/countries/",
        {"iso2": "0", "iso3": "000", "name": "Zero", "slug": "zero", "correction_note": 0},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["correction_note"] == ["Must be a string, not int."]
    assert errors["iso2"] == ["Two upper-case letters, e.g. KZ."]
    assert errors["iso3"] == ["Three upper-case letters, e.g. KAZ."]
    response = client.post("/api/v1/laws/", {"country": "KZ", "slug": "x", "title": True, "kind": "law"}, format="json")
    assert response.status_code == 400 and response.json()["errors"]["title"] == ["Must be a string, not bool."]


@pytest.mark.parametrize(
    "prefix,factory,permission",
    [("news", "NewsItemFactory", "change_newsitem"), ("reports", "ResourceFactory", "change_resource"),
     ("ranking-indices", "RankingIndexFactory", "change_rankingindex")],
)  # fmt: skip
def test_an_original_address_is_written_as_link_and_url_stays_the_api_address(prefix, factory, permission):
    """These models have a `url` column (the original article, the publisher's page), which the API calls `link`;
    `url` is the record's API address. Writing the original address as `url` once worked, so now it is a 400 naming
    `link` rather than a 200 that silently keeps nothing."""
    from tests import factories

    record = getattr(factories, factory)(url="")
    client = token_client(permission, permission.replace("change_", "add_"))
    address = client.get(f"/api/v1/{prefix}/{record.pk}/").json()["url"]
    response = client.patch(address, {"url": "https://example.org/original"}, format="json")
    assert response.status_code == 400 and "link" in response.json()["errors"]["url"][0], response.content
    record.refresh_from_db()
    assert record.url == ""
    response = client.patch(address, {"url": address, "link": "https://example.org/original"}, format="json")
    assert response.status_code == 200, response.content  # its own API address, sent back as read, is fine
    assert response.json()["url"] == address and response.json()["link"] == "https://example.org/original"
    record.refresh_from_db()
    assert record.url == "https://example.org/original"


def test_a_date_without_its_precision_or_out_of_range_is_a_400_naming_the_field():
    """Accepted before: a law adopted in year 1 stretched the timeline from year 1, and an answer from 0215 made the
    country-year panel 42,000 rows; a date without its precision read as a full date beside `"precision": ""`."""
    CountryFactory(iso2="QW")
    client = token_client("add_law", "change_law")
    law = {"country": "qw", "slug": "law-on-ncos", "title": "Law on NCOs", "kind": "law"}
    cases = [
        ({"adopted_on": "0001-01-01", "adopted_precision": "day"}, "adopted_on", "Give a date from 1800 to 2100"),
        ({"adopted_on": "2205-01-01", "adopted_precision": "year"}, "adopted_on", "not 2205-01-01"),
        ({"adopted_precision": "month"}, "adopted_precision", "A precision needs its date"),
        # a partial date is its first day: the 15th "to the month" was stored, and read as the 15th
        ({"adopted_on": "1996-05-15", "adopted_precision": "month"}, "adopted_on", "first day: 1996-05-01, not"),
        ({"adopted_on": "1996-05-01", "adopted_precision": "year"}, "adopted_on", "first day: 1996-01-01, not"),
    ]
    for dates, field, message in cases:
        response = client.post("/api/v1/laws/", {**law, **dates}, format="json")
        assert response.status_code == 400 and message in response.json()["errors"][field][0], response.content
    assert not Law.objects.filter(slug="law-on-ncos").exists()
    created = client.post(
        "/api/v1/laws/", {**law, "adopted_on": "1901-07-01", "adopted_precision": "day"}, format="json"
    )
    assert created.status_code == 201, created.content
    url = created.json()["url"]
    response = client.patch(url, {"adopted_precision": ""}, format="json")  # the stored date stays: needs one
    assert response.status_code == 400 and "adopted_precision" in response.json()["errors"]
    assert client.patch(url, {"adopted_on": None, "adopted_precision": ""}, format="json").status_code == 200
    # a full date sent alone is a date to the day; a partial one says so
    assert client.patch(url, {"adopted_on": "2016-01-05"}, format="json").json()["adopted_precision"] == "day"
    response = client.patch(url, {"adopted_on": "2016-01-01", "adopted_precision": "year"}, format="json")
    assert response.json()["adopted_precision"] == "year"
    assert client.patch(url, {"adopted_on": "2017-01-01"}, format="json").json()["adopted_precision"] == "year"


def test_a_record_stored_with_a_date_but_no_precision_stays_editable_in_its_other_fields():
    """Saved before dates needed their precision, such a law refused any change (even of its title) with a 400."""
    client = token_client("change_law")
    law = LawFactory(country=CountryFactory(iso2="QW"), adopted_on=datetime.date(2016, 1, 5), adopted_precision="")
    response = client.patch(f"/api/v1/laws/{law.pk}/", {"title": "Law on NCOs, as amended"}, format="json")
    assert response.status_code == 200, response.content
    response = client.patch(f"/api/v1/laws/{law.pk}/", {"adopted_on": "2016-01-06"}, format="json")
    assert response.status_code == 200 and response.json()["adopted_precision"] == "day"


def as_written(record):
    """A record as read, ready to send back: a link to another record reads as {id, title, url, html_url} and is
    written by its id (README, API); everything else goes back as read, read-only fields included."""

    def written(value):
        if isinstance(value, dict) and set(value) == REF_KEYS:
            return value["id"]
        if (
            isinstance(value, list)
            and value
            and all(isinstance(item, dict) and set(item) == REF_KEYS for item in value)
        ):
            return [item["id"] for item in value]
        return value

    return {name: written(value) for name, value in record.items()}


REF_KEYS = {"id", "title", "url", "html_url"}


def a_published_record(viewset, **lookups):
    model = viewset.queryset.model
    country = {"country__iso2": "QV"} if any(field.name == "country" for field in model._meta.fields) else {}
    return viewset.public_queryset().filter(**country, **lookups).first()


@pytest.mark.parametrize("prefix,viewset", RESOURCES, ids=[p for p, _ in RESOURCES])
def test_a_record_read_and_sent_back_whole_with_one_change_is_saved(prefix, viewset):
    """The common round trip: GET a record, change a field, PUT (or PATCH) the whole JSON back. Its read-only fields
    (`id`, `url`, `html_url`, the timestamps, derived values, nested parts) come back as read and are accepted; the
    answer to the write, sent back again, is too."""
    build_profile(CountryFactory(iso2="QV"), 1)
    model = viewset.queryset.model
    client = token_client(f"change_{model._meta.model_name}")
    record = a_published_record(viewset)
    address = detail_url(viewset, record)
    body = client.get(address).json()  # links as read, {id, title, url, html_url}: nine resources refused them
    change = {"correction_note": "The report printed 'Kazahstan'.", "correction_kind": "typo"}
    response = client.put(address, {**body, **change}, format="json")
    assert response.status_code == 200, response.content
    assert model.objects.get(pk=record.pk).correction_note == change["correction_note"]
    response = client.patch(
        address, {**as_written(response.json()), "correction_note": "Printed 'Kazahtsan'."}, format="json"
    )
    assert response.status_code == 200, response.content
    assert model.objects.get(pk=record.pk).correction_note == "Printed 'Kazahtsan'."


def test_a_record_sent_back_in_another_spelling_is_saved(client):
    """The identity and timestamps come back re-formatted (a JavaScript Date, another host), and a form sends every
    value as text: none of that is a change, and it was refused (a 400 saying the record was saved since)."""
    build_profile(CountryFactory(iso2="QV"), 1)
    viewset = dict(RESOURCES)["laws"]
    client = token_client("change_law")
    record = a_published_record(viewset)
    address = detail_url(viewset, record)
    read = client.get(address).json()
    moved = {
        "id": str(read["id"]),
        "url": read["url"].replace("http://testserver", "https://ngomonitor.example"),
        "html_url": "https://ngomonitor.example" + record.get_absolute_url(),
        "created_at": "2024-05-30 00:00:00+00:00",
        "modified_at": read["modified_at"].replace("Z", ".000Z") if "." not in read["modified_at"] else "",
        "adopted_display": read["adopted_display"],
    }
    response = client.patch(address, {**moved, "correction_note": "Typo.", "correction_kind": "typo"}, format="json")
    assert response.status_code == 200, response.content
    response = client.patch(address, {**moved, "correction_note": "Typo!", "correction_kind": "typo"})  # a form
    assert response.status_code == 200, response.content
    assert Law.objects.get(pk=record.pk).correction_note == "Typo!"


# (resource, read-only field, a value the record does not read as, what the 400 says about where it comes from)
READ_ONLY_CHANGES = [
    ("laws", "adopted_display", "5 January 2016", "derived from the law's other fields"),
    ("treaty-statuses", "treaty_name", "Another Covenant", "read from the treaty status's treaty; change it there"),
    ("rankings", "subscores", [], "subscores are edited in admin, on the ranking's page"),
    (
        "key-indicators",
        "breakdowns",
        [{"slug": "x", "label": "X", "value": 1}],
        "breakdowns are edited in admin, on the key indicator's page",
    ),
]


@pytest.mark.parametrize(
    "prefix,name,value,reason", READ_ONLY_CHANGES, ids=[f"{c[0]}-{c[1]}" for c in READ_ONLY_CHANGES]
)
def test_a_read_only_field_sent_changed_is_a_400_naming_it_and_nothing_is_saved(prefix, name, value, reason):
    """DRF dropped read-only fields without a word: the write was a 200 and the client never learnt that its value
    was not kept. Sent as read, a read-only field is fine (the round trip above); sent changed, it is a 400 that
    names it, says it is read-only and where it comes from, and nothing of the write is saved."""
    build_profile(CountryFactory(iso2="QV"), 1)
    viewset = dict(RESOURCES)[prefix]
    model = viewset.queryset.model
    client = token_client(f"change_{model._meta.model_name}")
    nested = {"subscores__isnull": False} if name == "subscores" else {}
    record = a_published_record(viewset, **nested)
    address = detail_url(viewset, record)
    read = client.get(address).json()
    assert read[name] != value
    response = client.patch(
        address, {"correction_note": "Kept?", "correction_kind": "typo", name: value}, format="json"
    )
    assert response.status_code == 400, response.content
    message = response.json()["errors"][name][0]
    assert message.startswith("Read-only: ") and reason in message, message
    assert name in response.json()["detail"]
    assert model.objects.get(pk=record.pk).correction_note == ""  # the rest of the write is not saved either
    assert client.get(address).json() == read


def test_a_new_record_sent_with_read_only_values_is_a_400_and_with_none_is_created():
    """A new record has no id, address, timestamps or derived values yet: sent empty (null, "" or []) they say
    nothing and are accepted; sent with a value, which the new record would not keep, a 400 names each."""
    CountryFactory(iso2="QW")
    client = token_client("add_law", "add_ranking")
    law = {"country": "QW", "slug": "law-on-ncos", "title": "Law on NCOs", "kind": "law"}
    response = client.post(
        "/api/v1/laws/",
        {**law, "id": 7, "created_at": "2001-01-01T00:00:00Z", "adopted_display": "2016"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert set(response.json()["errors"]) == {"adopted_display"}  # a clone's id and timestamps are bookkeeping
    assert not Law.objects.filter(slug="law-on-ncos").exists()
    empty = {"id": None, "url": None, "html_url": "", "created_at": None, "adopted_display": ""}
    response = client.post("/api/v1/laws/", {**law, **empty}, format="json")
    assert response.status_code == 201, response.content


def test_an_answer_sent_back_as_a_form_keeps_its_null_read_only_fields(client):
    """A form cannot send null: `in_force_stated` (null without `as_of`) came back as "" and was refused."""
    from codebook.models import Answer

    answer = Answer.objects.published().first()
    api = token_client("change_answer")
    response = api.patch(f"/api/v1/answers/{answer.pk}/", {"in_force_stated": "", "note": "Checked."})
    assert response.status_code == 200, response.content
    assert Answer.objects.get(pk=answer.pk).note == "Checked."


def test_links_to_drafts_no_read_shows_are_kept_when_a_record_is_sent_back_as_read(editoria):
    """A read leaves a link to a draft out (many) or shows it as null (one), so a record sent back whole unlinked
    them: a barrier lost its draft law, which moving a law to draft promises to keep."""
    from countries.models import Barrier
    from laws.models import LegalDefinition
    from tests.factories import BarrierFactory, LawFactory, LegalDefinitionFactory

    shown = LawFactory(country=editoria, slug="shown", title="Shown Law")
    draft = LawFactory(country=editoria, slug="draft", title="Draft Law", publication_status="draft")
    barrier = BarrierFactory(country=editoria)
    barrier.cited_laws.set([shown, draft])
    definition = LegalDefinitionFactory(country=editoria, law=draft)
    client = token_client("change_barrier", "change_legaldefinition")
    for address in (f"/api/v1/barriers/{barrier.pk}/", f"/api/v1/legal-definitions/{definition.pk}/"):
        read = client.get(address).json()
        response = client.put(
            address, {**read, "correction_note": "Checked.", "correction_kind": "fact"}, format="json"
        )
        assert response.status_code == 200, response.content
        assert client.put(address, response.json(), format="json").status_code == 200  # the write's answer too
    assert set(Barrier.objects.get(pk=barrier.pk).cited_laws.all()) == {shown, draft}
    assert LegalDefinition.objects.get(pk=definition.pk).law == draft
