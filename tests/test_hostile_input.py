"""Hostile input (issue 13): every page and API endpoint answers malformed values with 400 or 404 and a clear
message, never a 500; script payloads stored in every text field render escaped everywhere they appear, and
CSV cells that a spreadsheet would run as formulas are neutralised."""

import csv
import io

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse

from core.models import ContentModel

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = {
    "letters for a number": "abc",
    "negative": "-1",
    "huge": "9" * 30,
    "impossible date": "2023-02-30",
    "long string": "x" * 10_000,
    "sql": "' OR 1=1; DROP TABLE laws_law; --",
    "script": "<script>alert(1)</script>",
    "unicode": "Қазақстан ☃ \u202e",
    "nul byte": "a\x00b",
}
ACCEPTED = {200, 400, 404}


def api_list_operations(client):
    """Every GET list operation of the API, with its documented query parameters, from the live schema."""
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    for path, operations in schema["paths"].items():
        if "{" in path or "get" not in operations:
            continue
        names = [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"]
        yield path, names


def assert_clear_answer(response, label):
    assert response.status_code in ACCEPTED, (label, response.status_code, response.content[:300])
    if response.status_code == 400 and response["Content-Type"].startswith("application/json"):
        assert response.json()["detail"], label


@pytest.fixture
def anonymous():
    # The hostile tests send hundreds of requests: the anonymous throttle would (rightly) answer 429.
    return Client()


@pytest.fixture(autouse=True)
def no_throttle(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }


def test_every_api_parameter_survives_every_hostile_value(anonymous):
    checked = 0
    for path, names in api_list_operations(anonymous):
        for name in [*names, "unknown_parameter"]:
            for label, value in HOSTILE_VALUES.items():
                assert_clear_answer(anonymous.get(path, {name: value}), f"{path}?{name}= {label}")
                checked += 1
        # The same parameter twice, and paging past the end.
        assert_clear_answer(anonymous.get(f"{path}?page=1&page=2"), f"{path} repeated page")
        assert_clear_answer(anonymous.get(path, {"page": "100000"}), f"{path} page past the end")
    assert checked > 1000


def test_api_details_with_hostile_keys_answer_404(anonymous):
    schema = anonymous.get("/api/v1/schema/", {"format": "json"}).json()
    details = [path for path, ops in schema["paths"].items() if path.count("{") == 1 and "get" in ops]
    assert len(details) > 10
    for path in details:
        for label, value in HOSTILE_VALUES.items():
            url = path.split("{")[0] + value.replace("/", "%2F") + "/" + path.split("}")[1].lstrip("/")
            response = anonymous.get(url)
            assert response.status_code in {400, 404}, (path, label, response.status_code)


HTML_LISTS = [
    "/countries/kz/laws/",
    "/countries/kz/news/",
    "/news/",
    "/countries/kz/constitution/articles/",
    "/countries/kz/barriers/",
    "/countries/kz/initiatives/",
    "/countries/kz/treaties/",
    "/countries/kz/organizational-forms/",
    "/countries/kz/timeline/",
    "/search/",
]
HTML_PARAMETERS = ["q", "page", "sort", "kind", "status", "language", "adopted_after", "published_after", "year"]


def test_every_html_list_survives_every_hostile_value(anonymous):
    for url in HTML_LISTS:
        assert anonymous.get(url).status_code == 200, url
        for name in HTML_PARAMETERS:
            for label, value in HOSTILE_VALUES.items():
                assert_clear_answer(anonymous.get(url, {name: value}), f"{url}?{name}= {label}")


def test_hostile_paths_answer_404_or_400(anonymous):
    for label, value in HOSTILE_VALUES.items():
        for prefix in ("/countries/", "/countries/kz/laws/", "/rankings/", "/treaties/"):
            response = anonymous.get(prefix + value.replace("/", "%2F") + "/")
            assert response.status_code in {400, 404}, (prefix, label, response.status_code)


def test_a_nul_byte_is_refused_with_a_message_naming_the_parameter(anonymous):
    page = anonymous.get("/countries/kz/laws/?kind=a%00b")
    assert page.status_code == 400 and b"errorlist" in page.content  # the filter form shows what is wrong
    api = anonymous.get("/api/v1/laws/?search=a%00b")
    assert api.status_code == 400 and "NUL" in api.json()["detail"]
    api = anonymous.get("/api/v1/laws/?country=a%00b")
    assert api.status_code == 400 and "country" in api.json()["detail"]
    assert anonymous.get("/countries/kz%00/").status_code == 404
    assert anonymous.get("/api/v1/laws/1%00/").json()["detail"].startswith("No such API endpoint")


# ---------------------------------------------------------------- stored payloads

PAYLOAD = '=HYPERLINK("http://evil.example")<script>alert("xss")</script><img src=x onerror=alert(1)>'
SHORT_PAYLOAD = "<script>alert(1)</script>"  # for short fields (PostgreSQL enforces max_length)
RAW_MARKERS = (b"<script>alert", b"<img src=x onerror")


def fits(model, name, text):
    max_length = model._meta.get_field(name).max_length
    return max_length is None or len(text) <= max_length


def free_text_fields(model):
    return [
        field.name
        for field in model._meta.fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField | models.URLField | models.EmailField)
        and not field.choices
        and field.name not in {"key", "iso2", "iso3", "correction_kind", "number", "value_text"}
    ]


def poisoned_records():
    """One published record of every content model, every free-text field set to the payload."""
    records = []
    for model in apps.get_models():
        if not issubclass(model, ContentModel) or model._meta.app_label == "editorial":
            continue
        record = model.objects.published().first()
        if record is None:
            continue
        names = [name for name in free_text_fields(model) if fits(model, name, SHORT_PAYLOAD)]
        for name in names:
            setattr(record, name, PAYLOAD if fits(model, name, PAYLOAD) else SHORT_PAYLOAD)
        if "correction_note" in names:
            record.correction_kind = "fact"
        model.objects.filter(pk=record.pk).update(**{name: getattr(record, name) for name in names})
        records.append(record)
    return records


def test_stored_script_payloads_render_escaped_in_pages_feeds_csv_and_admin(anonymous, editor_client):
    records = poisoned_records()
    assert len(records) > 15
    urls = {record.get_absolute_url().split("#")[0] for record in records}
    urls |= {"/", "/countries/kz/", "/countries/kz/report/", "/news/", reverse("news:feed"), "/sitemap.xml"}
    urls |= {"/countries/kz/timeline/", "/search/?q=HYPERLINK"}
    for url in sorted(urls):
        body = anonymous.get(url).content
        for marker in RAW_MARKERS:
            assert marker not in body, (url, marker)
    for record in records:
        opts = record._meta
        body = editor_client.get(f"/admin/{opts.app_label}/{opts.model_name}/{record.pk}/change/").content
        for marker in RAW_MARKERS:
            assert marker not in body, (opts.label, marker)
    csv_cells = 0
    for path, _ in api_list_operations(anonymous):
        response = anonymous.get(path, {"format": "csv"})
        if response.status_code != 200 or not response["Content-Type"].startswith("text/csv"):
            continue
        for row in csv.reader(io.StringIO(response.content.decode())):
            for cell in row:
                assert not cell.startswith(("=", "+", "@")), (path, cell[:60])
                csv_cells += "HYPERLINK" in cell
    assert csv_cells > 10
