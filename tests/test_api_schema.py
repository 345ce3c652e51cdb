"""The API documents itself: a valid OpenAPI 3 schema, docs pages with local assets only, a data dictionary."""

import csv
import datetime
import io
import json
import re
import zipfile
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.utils import timezone

from tests.api_support import CSV_COLUMNS, PANEL_COLUMNS, RESOURCES, json_fields
from tests.factories import CountryFactory, LawFactory, build_profile
from tests.seed import seeded

pytestmark = pytest.mark.django_db


def test_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert "openapi: 3" in out.read_text()


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def test_every_list_documents_its_filters_and_errors(schema):
    for prefix, viewset in RESOURCES:
        operation = schema["paths"][f"/api/v1/{prefix}/"]["get"]
        params = {p["name"]: p for p in operation["parameters"]}
        expected = {*viewset.filterset_class.base_filters, "page", "page_size", "ordering", "search"}
        assert set(params) >= expected, prefix
        for name in expected:
            assert params[name].get("description"), (prefix, name)
            assert params[name]["schema"].get("type") or params[name]["schema"].get("$ref"), (prefix, name)
        assert {"200", "400", "404", "429"} <= set(operation["responses"]), prefix
        assert "text/csv" in operation["responses"]["200"]["content"], prefix
        assert set(operation["responses"]["200"]["headers"]) == {"Link", "X-Total-Count"}, prefix
    laws = {p["name"]: p for p in schema["paths"]["/api/v1/laws/"]["get"]["parameters"]}
    assert laws["adopted_after"]["schema"]["format"] == "date"
    assert laws["page_size"]["schema"]["maximum"] == 100
    statuses = {p["name"]: p for p in schema["paths"]["/api/v1/treaty-statuses/"]["get"]["parameters"]}
    assert statuses["ratified"]["schema"]["type"] == "boolean"
    writes = schema["paths"]["/api/v1/laws/"]["post"]["responses"]
    assert "headers" not in writes["201"]  # a created record is no page
    assert "headers" not in schema["paths"]["/api/v1/laws/{id}/"]["get"]["responses"]["200"]
    assert {"201", "400", "401", "403"} <= set(writes)


def test_no_parameter_says_the_same_sentence_twice(schema):
    repeated = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                sentences = re.findall(r"[^.]+[.]", parameter.get("description", ""))
                if len(sentences) != len(set(sentences)):
                    repeated.append((path, method, parameter["name"], parameter["description"]))
    assert repeated == []
    as_of = {p["name"]: p for p in schema["paths"]["/api/v1/answers/"]["get"]["parameters"]}["as_of"]
    assert as_of["description"].count("Only the answers in force on this date") == 1
    assert as_of["description"].endswith("Date as YYYY-MM-DD, inclusive.")


def referenced_components(schema, node):
    """Names of the components a part of the schema uses, directly or through other components."""
    found, todo = set(), [node]
    while todo:
        item = todo.pop()
        if isinstance(item, dict):
            ref = item.get("$ref", "")
            name = ref.rsplit("/", 1)[-1]
            if ref.startswith("#/components/schemas/") and name not in found:
                found.add(name)
                todo.append(schema["components"]["schemas"][name])
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return found


def test_every_response_field_is_described(schema):
    ours = {path: ops for path, ops in schema["paths"].items() if path.split("/")[3] in dict(RESOURCES)}
    names = referenced_components(schema, ours)
    assert {"Law", "Barrier", "CountryProfile", "Error", "PaginatedLawList"} <= names
    for name in names:
        for field, spec in schema["components"]["schemas"][name].get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field} has no description"


def test_profile_is_documented(schema):
    operation = schema["paths"]["/api/v1/countries/{code}/profile/"]["get"]
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/CountryProfile")


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_pages_load_only_local_assets(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert any("drf_spectacular_sidecar" in a for a in assets)
    assert all(a.startswith("/") and not a.startswith("//") for a in assets), assets
    assert not re.search(r"https?://(?!127\.0\.0\.1|localhost|testserver)", html)
    for asset in assets:
        if asset.startswith(settings.STATIC_URL) or asset.startswith("/" + settings.STATIC_URL):
            assert finders.find(asset.split("static/", 1)[1]), f"{asset} is not shipped locally"


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_pages_have_a_language_and_one_heading_of_their_own(client, url):
    """A screen reader reads a page without `lang` in its own voice, and without an h1 finds no start; the
    generated reference's own headings come below ours."""
    html = client.get(url).content.decode()
    assert re.search(r'<html lang="en">', html)
    assert re.findall(r"<h1>(.*?)</h1>", html) == ["NGO Monitor API reference"]
    assert 'href="/api/v1/"' in html and 'href="/"' in html


def test_the_browsable_api_fits_a_phone(client):
    """Without a viewport, a phone lays the page out 980 px wide and shrinks it."""
    html = client.get("/api/v1/laws/", HTTP_ACCEPT="text/html").content.decode()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "<title>Law List – NGO Monitor API</title>" in html


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/",
        "/api/v1/laws/",
        "/api/v1/countries/kz/profile/",
        "/api/v1/answers/",
        "/api/v1/panel/",
        "/api/v1/search/?q=assembly",
        "/api/v1/laws/?nope=1",  # an error page too
    ],
)
def test_the_browsable_api_names_its_language(client, url):
    """DRF's page wrote `<html>` bare (outside any block): a screen reader guessed its language."""
    html = client.get(url, HTTP_ACCEPT="text/html").content.decode()
    assert re.search(r"<!DOCTYPE html>\s*<html lang=\"en\">", html), html[:300]


@pytest.mark.parametrize("url", ["/api/v1/laws/", "/api/v1/search/?q=assembly", "/api/v1/countries/kz/profile/"])
def test_the_browsable_api_s_breadcrumbs_start_at_its_root(client, url):
    """`/api/` is a 404 by design; DRF put it first on every page, as "Not Found"."""
    html = client.get(url, HTTP_ACCEPT="text/html").content.decode()
    crumbs = re.findall(
        r'<li(?: class="active")?><a href="([^"]+)">([^<]+)</a></li>', html.split('class="breadcrumb"')[1]
    )
    assert crumbs[0] == ("/api/v1/", "Api Root") and "Not Found" not in html


# The fixture model behind each resource: the dataset holds its published fixture records.
FIXTURE_MODELS = {
    "countries": "countries.country",
    "ranking-indices": "rankings.rankingindex",
    "treaties": "laws.treaty",
    "questions": "codebook.question",
    "key-indicators": "rankings.keyindicator",
    "rankings": "rankings.ranking",
    "treaty-statuses": "laws.treatystatus",
    "constitutional-articles": "laws.constitutionalarticle",
    "constitutional-amendments": "laws.constitutionalamendment",
    "laws": "laws.law",
    "initiatives": "laws.legislativeinitiative",
    "organizational-forms": "organizations.organizationalform",
    "legal-definitions": "laws.legaldefinition",
    "tax-provisions": "organizations.taxprovision",
    "barriers": "countries.barrier",
    "public-participation-items": "countries.publicparticipationitem",
    "sector-figures": "countries.sectorfigure",
    "reports": "news.resource",
    "news": "news.newsitem",
    "answers": "codebook.answer",
}
# What build_profile(country, 2) adds to each resource (shared records, such as treaties, counted once).
SIZE_TWO_ADDS = {
    "countries": 1, "ranking-indices": 4, "treaties": 2, "key-indicators": 2, "rankings": 4, "treaty-statuses": 2,
    "constitutional-articles": 2, "constitutional-amendments": 2, "laws": 3, "initiatives": 2,
    "organizational-forms": 2, "legal-definitions": 2, "tax-provisions": 2, "barriers": 2,
    "public-participation-items": 2, "sector-figures": 5, "reports": 2, "news": 4, "questions": 2, "answers": 2,
}  # fmt: skip


def test_dataset_zip_has_a_csv_and_json_per_resource_and_a_data_dictionary(client):
    build_profile(CountryFactory(iso2="QY"), 2)
    LawFactory(country=CountryFactory(iso2="QX"), title="Draft only", publication_status="draft")
    response = client.get("/api/v1/dataset.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert sorted(FIXTURE_MODELS) == sorted(SIZE_TWO_ADDS) == sorted(CSV_COLUMNS)
    expected_names = {f"{prefix}.{ext}" for prefix in CSV_COLUMNS for ext in ("csv", "json")}
    assert names == expected_names | {"panel.csv", "panel.json", "data-dictionary.csv", "README.txt"}
    # each file unpacks readable by everyone (zipfile's default is the owner only), stamped with today's date
    assert {oct(info.external_attr >> 16) for info in archive.infolist()} == {oct(0o644)}
    now = timezone.localtime().replace(tzinfo=None)
    assert all(abs(datetime.datetime(*info.date_time) - now).total_seconds() < 3600 for info in archive.infolist())
    for prefix, columns in CSV_COLUMNS.items():
        rows = list(csv.reader(io.StringIO(archive.read(f"{prefix}.csv").decode("utf-8"))))
        records = json.loads(archive.read(f"{prefix}.json"))
        assert tuple(rows[0]) == columns, prefix
        assert [list(record) for record in records] == [json_fields(prefix)] * len(records), prefix
        # Everything published: the seeded fixtures, the synthetic QY, and QX, a country whose only law is a draft.
        expected = len(seeded(FIXTURE_MODELS[prefix])) + SIZE_TWO_ADDS[prefix] + (prefix == "countries")
        assert len(rows) - 1 == len(records) == expected, prefix
    # the JSON files hold the records as the API gives them (decimals as numbers, timestamps alike)
    for prefix in ("sector-figures", "answers", "rankings", "laws"):
        listed = client.get(f"/api/v1/{prefix}/", {"page_size": 100}).json()["results"]
        in_zip = {record["id"]: record for record in json.loads(archive.read(f"{prefix}.json"))}
        assert listed and all(in_zip[record["id"]] == record for record in listed), prefix
    assert isinstance(json.loads(archive.read("sector-figures.json"))[0]["value"], float)
    titles = {law["title"] for law in json.loads(archive.read("laws.json"))}
    assert "Constitution of Testland QY" in titles
    assert "Draft only" not in titles and "Secret draft law" not in titles
    dictionary = list(csv.DictReader(io.StringIO(archive.read("data-dictionary.csv").decode("utf-8"))))
    assert [(row["resource"], row["column"]) for row in dictionary] == [
        (prefix, column) for prefix, columns in CSV_COLUMNS.items() for column in columns
    ] + [("panel", column) for column in PANEL_COLUMNS]
    assert all(row["description"] and row["type"] for row in dictionary)
    types = {(row["resource"], row["column"]): row["type"] for row in dictionary}
    assert types[("laws", "adopted_on")] == "date"
    assert types[("laws", "url")] == "url"
    assert types[("laws", "kind")].startswith("choice: 'constitution'")
    assert types[("rankings", "subscores.correction_note")] == "' | '-joined list of text"
    assert types[("barriers", "cited_laws.id")] == "' | '-joined list of integer"
    assert types[("answers", "citations.order")] == "' | '-joined list of integer"
    assert types[("barriers", "id")] == "integer"
    # every cell of a number column parses as its type: one number, or one per item where the column is a list
    for (prefix, column), kind in types.items():
        parse = {"integer": int, "decimal": Decimal}.get(kind.removeprefix("' | '-joined list of "))
        if parse is None or prefix == "panel":
            continue
        cells = [row[column] for row in csv.DictReader(io.StringIO(archive.read(f"{prefix}.csv").decode("utf-8")))]
        for cell in filter(None, cells):
            for value in cell.split(" | ") if kind.startswith("' | '") else [cell]:
                if value or not column.startswith("citations.law."):  # a citation of no law: a null item
                    parse(value)


def test_the_country_code_in_a_path_is_described_as_taken_in_any_case(schema):
    """The API's own URLs write it in lower case (/countries/kz/); the stored iso2 field is upper case."""
    described = {
        (path, method): parameter.get("description", "")
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "code"
    }
    assert len(described) == 5  # the country's get, put, patch, delete and its profile
    assert all("in any case" in text and "kz" in text for text in described.values())
