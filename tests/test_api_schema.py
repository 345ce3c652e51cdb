"""The API documents itself: a valid OpenAPI 3 schema, docs pages with local assets only, a data dictionary."""

import csv
import io
import json
import re
import zipfile

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command

from core.api.renderers import serializer_columns
from tests.api_support import RESOURCES
from tests.factories import CountryFactory, LawFactory, build_profile

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
    laws = {p["name"]: p for p in schema["paths"]["/api/v1/laws/"]["get"]["parameters"]}
    assert laws["adopted_after"]["schema"]["format"] == "date"
    assert laws["page_size"]["schema"]["maximum"] == 100
    statuses = {p["name"]: p for p in schema["paths"]["/api/v1/treaty-statuses/"]["get"]["parameters"]}
    assert statuses["ratified"]["schema"]["type"] == "boolean"
    writes = schema["paths"]["/api/v1/laws/"]["post"]["responses"]
    assert {"201", "400", "401", "403"} <= set(writes)


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


def test_dataset_zip_has_a_csv_and_json_per_resource_and_a_data_dictionary(client):
    build_profile(CountryFactory(iso2="QY"), 2)
    LawFactory(country=CountryFactory(iso2="QX"), title="Draft only", publication_status="draft")
    response = client.get("/api/v1/dataset.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    for prefix, viewset in RESOURCES:
        assert {f"{prefix}.csv", f"{prefix}.json"} <= names
        rows = list(csv.reader(io.StringIO(archive.read(f"{prefix}.csv").decode("utf-8"))))
        records = json.loads(archive.read(f"{prefix}.json"))
        assert rows[0] == [name for name, _ in serializer_columns(viewset.serializer_class())]
        assert len(rows) - 1 == len(records) == viewset.public_queryset().count()
    laws = json.loads(archive.read("laws.json"))
    assert "Draft only" not in {law["title"] for law in laws}
    dictionary = list(csv.DictReader(io.StringIO(archive.read("data-dictionary.csv").decode("utf-8"))))
    described = {(row["resource"], row["column"]) for row in dictionary if row["description"] and row["type"]}
    for prefix, viewset in RESOURCES:
        for column, _ in serializer_columns(viewset.serializer_class()):
            assert (prefix, column) in described, (prefix, column)
    types = {(row["resource"], row["column"]): row["type"] for row in dictionary}
    assert types[("laws", "adopted_on")] == "date"
    assert types[("laws", "url")] == "url"
    assert types[("laws", "kind")].startswith("choice: 'constitution'")
    assert "README.txt" in names
