"""A careless or hostile client never gets a 500: every endpoint answers bad parameters with a JSON 400/404."""

import pytest
from rest_framework.test import APIClient

from ngomonitor.api import router
from tests.api_support import RESOURCES, detail_url, list_url
from tests.factories import CountryFactory, build_profile

pytestmark = pytest.mark.django_db

# Values that break naive code: wrong types, out-of-range numbers and dates, NUL bytes, huge and odd strings.
MALFORMED = [
    "",
    "notavalue",
    "-1",
    "0",
    "2015.5",
    "99999999999999999999",
    "1e400",
    "NaN",
    "2015-13-45",
    "0000-00-00",
    "9999-12-31",
    "true",
    "maybe",
    "\x00",
    "%",
    "'; DROP TABLE laws_law; --",
    "x" * 5000,
]
PAGING = [("page", v) for v in ("0", "-1", "abc", "99999", "1.5", "", "²", "٣")] + [
    ("page_size", v) for v in ("0", "101", "abc", "-5", "1e3", "²", "٣")
]


@pytest.fixture
def api():
    build_profile(CountryFactory(iso2="QP"), 1)
    return APIClient()


def assert_clean_error_or_ok(response, where):
    assert response.status_code in (200, 400, 404), (where, response.status_code, response.content[:300])
    if response.status_code != 200:
        assert response["Content-Type"] == "application/json", where
        assert response.json()["detail"], where


@pytest.mark.parametrize("prefix,viewset", RESOURCES, ids=[p for p, _ in RESOURCES])
def test_malformed_values_never_500(api, prefix, viewset):
    url = list_url(viewset)
    names = [*viewset.filterset_class.base_filters, "search", "ordering"]
    for name in names:
        for value in MALFORMED:
            for fmt in ("json", "csv"):
                assert_clean_error_or_ok(api.get(url, {name: value, "format": fmt}), (url, name, value, fmt))
    for name, value in PAGING:
        response = api.get(url, {name: value})
        assert_clean_error_or_ok(response, (url, name, value))
        if value not in ("", "99999"):
            assert response.status_code == 400, (url, name, value)


@pytest.mark.parametrize("prefix,viewset", RESOURCES, ids=[p for p, _ in RESOURCES])
def test_unknown_parameters_are_a_400_naming_the_allowed_ones(api, prefix, viewset):
    response = api.get(list_url(viewset), {"contry": "KZ"})
    assert response.status_code == 400
    body = response.json()
    assert "contry" in body["detail"]
    assert set(body["allowed"]) >= {"country", "page", "page_size", "ordering", "format"}
    assert set(body["allowed"]) >= set(viewset.filterset_class.base_filters)
    record = viewset.public_queryset().first()
    response = api.get(detail_url(viewset, record), {"country": "KZ"})
    assert response.status_code == 400 and body["detail"]


@pytest.mark.parametrize("prefix,viewset", RESOURCES, ids=[p for p, _ in RESOURCES])
def test_bad_ids_and_formats_are_404(api, prefix, viewset):
    url = list_url(viewset)
    for tail in ("abc/", "0/", "99999999999999999999/", "-1/", "%00/", "1.5/", "²/", "%C2%B2/"):
        assert_clean_error_or_ok(api.get(url + tail), url + tail)
    response = api.get(url + "1/nonsense/")
    assert response.status_code == 404 and response.json()["detail"]
    response = api.get(url, {"format": "xml"})
    assert response.status_code == 404
    assert "'xml'" in response.json()["detail"] and "csv" in response.json()["detail"]


def test_boolean_and_choice_filters_refuse_unknown_words(api):
    assert api.get("/api/v1/treaty-statuses/", {"ratified": "maybe"}).status_code == 400
    assert api.get("/api/v1/treaty-statuses/", {"ratified": "True"}).status_code == 200
    assert api.get("/api/v1/news/", {"language": "fr"}).status_code == 400
    assert api.get("/api/v1/barriers/", {"category": "nonsense"}).status_code == 400
    response = api.get("/api/v1/laws/", {"adopted_after": "2015-02-30"})
    assert response.status_code == 400
    assert response.json()["errors"]["adopted_after"]


def test_profile_and_dataset_refuse_unknown_parameters(api):
    assert api.get("/api/v1/countries/qp/profile/", {"page": "2"}).status_code == 400
    assert api.get("/api/v1/countries/xx/profile/").status_code == 404
    assert api.get("/api/v1/dataset.zip", {"country": "KZ"}).status_code == 400


def test_the_router_serves_exactly_the_documented_resources():
    assert [(prefix, viewset) for prefix, viewset, _ in router.registry] == list(RESOURCES)


@pytest.mark.parametrize(
    "path",
    ["", "schema/", "docs/", "redoc/", "dataset.zip", "countries/qp/profile/"],
)
def test_the_other_endpoints_never_500(api, path):
    for params in ({"format": "bogus"}, {"lang": "\x00"}, {"version": "9"}, {"page": "0"}, {"x" * 300: "1"}):
        response = api.get(f"/api/v1/{path}", params)
        assert response.status_code in (200, 400, 404), (path, params, response.status_code)
