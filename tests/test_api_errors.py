"""A careless or hostile client never gets a 500: every endpoint answers bad parameters with a JSON 400/404."""

import csv
import io

import pytest
from django_filters import BooleanFilter, CharFilter, ChoiceFilter, DateFilter, MultipleChoiceFilter, NumberFilter
from rest_framework.test import APIClient

from codebook.filters import AnswerFilter
from core.api.params import SEARCH_MAX_CHARACTERS
from core.filters import CountryCodeFilter, KnownKeyFilter
from ngomonitor.api import router
from tests.api_support import CSV_COLUMNS, RESOURCES, detail_url, list_url
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
# (parameter, value, status): a page that is not a whole number from 1 is a 400, one past the end a 404; an empty
# value is a 400 like any other parameter's.
PAGING = [
    *[("page", value, 400) for value in ("0", "-1", "abc", "1.5", "", "²", "٣")],
    ("page", "99999", 404),
    *[("page_size", value, 400) for value in ("0", "101", "abc", "-5", "1e3", "²", "٣")],
    ("page_size", "", 400),
]


@pytest.fixture
def api():
    build_profile(CountryFactory(iso2="QP"), 1)
    return APIClient()


# Which of the MALFORMED values each kind of parameter accepts; every other value is a 400 that names the parameter.
# An empty value is a 400 ("give a value or leave the parameter out"), except for a search, which may be empty.
ACCEPTED = {
    # free text: all but NUL, up to SEARCH_MAX_CHARACTERS
    "search": [value for value in MALFORMED if value != "\x00" and len(value) <= SEARCH_MAX_CHARACTERS],
    "text": [value for value in MALFORMED if value not in ("\x00", "")],  # slugs, numbers
    "country code": [],  # two letters: none of the malformed values
    "key": [],  # a published record's key or slug: none of the malformed values is one
    "boolean": ["true"],
    "choice": [],
    "choices": [],
    "date": ["9999-12-31"],
    "date the reports speak for": [],  # the answers' as_of: a date after the latest report is a 400, as 9999-12-31
    "year": [],  # every number filter is a year from 1 to 9999
    "ordering": [],
}


def parameter_kind(name, filter_):
    if filter_ is None:
        return name
    if getattr(filter_, "method", None) == AnswerFilter.filter_as_of.__name__:
        return "date the reports speak for"
    for filter_class, kind in (
        (BooleanFilter, "boolean"),
        (MultipleChoiceFilter, "choices"),
        (ChoiceFilter, "choice"),
        (DateFilter, "date"),
        (NumberFilter, "year"),
        (CountryCodeFilter, "country code"),
        (KnownKeyFilter, "key"),
        (CharFilter, "text"),
    ):
        if isinstance(filter_, filter_class):
            return kind
    raise AssertionError(f"{name}: a filter of a kind this test does not know ({type(filter_).__name__})")


def assert_error(response, status, name, where):
    assert response.status_code == status, (where, response.status_code, response.content[:300])
    assert response["Content-Type"] == "application/json", where
    assert name in response.json()["detail"], (where, response.json())


@pytest.mark.parametrize("prefix,viewset", RESOURCES, ids=[p for p, _ in RESOURCES])
def test_malformed_values_are_a_400_naming_the_parameter_and_accepted_ones_a_list(api, prefix, viewset):
    url = list_url(viewset)
    parameters = {**viewset.filterset_class.base_filters, "search": None, "ordering": None}
    for name, filter_ in parameters.items():
        accepted = ACCEPTED[parameter_kind(name, filter_)]
        for value in MALFORMED:
            where = (url, name, value)
            json_response = api.get(url, {name: value})
            csv_response = api.get(url, {name: value, "format": "csv"})
            if value in accepted:
                assert json_response.status_code == 200 and "results" in json_response.json(), where
                assert csv_response.status_code == 200, where
                assert tuple(next(csv.reader(io.StringIO(csv_response.content.decode())))) == CSV_COLUMNS[prefix]
            else:
                assert_error(json_response, 400, name, where)
                assert_error(csv_response, 400, name, where)
    for name, value, status in PAGING:
        response = api.get(url, {name: value})
        if status == 200:
            assert response.status_code == 200 and "results" in response.json(), (url, name, value)
        else:
            assert_error(response, status, "page", (url, name, value))


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
    assert response.status_code == 400
    assert "country" in response.json()["detail"]  # a record takes no filters


@pytest.mark.parametrize("prefix,viewset", RESOURCES, ids=[p for p, _ in RESOURCES])
def test_bad_ids_and_formats_are_404(api, prefix, viewset):
    url = list_url(viewset)
    for tail in (
        "abc/",
        "0/",
        "99999999999999999999/",
        "-1/",
        "%00/",
        "1.5/",
        "²/",
        "%C2%B2/",
        "1%0A.x/",
        "a%0Ab.%C3%A9/",
    ):
        response = api.get(url + tail)
        assert response.status_code == 404, (url + tail, response.status_code)
        assert response["Content-Type"] == "application/json" and response.json()["detail"], url + tail
    response = api.get(url + "1/nonsense/")
    assert response.status_code == 404 and response.json()["detail"]
    response = api.get(url, {"format": "xml"})
    assert response.status_code == 404
    assert "'xml'" in response.json()["detail"] and "csv" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/v1/nonexistent/", "/api/v1/laws-and-more/1/", "/api/", "/api/v2/laws/"])
def test_a_path_under_the_api_that_names_nothing_is_a_json_404(api, path):
    for method in (api.get, api.post, api.delete):
        response = method(path)
        assert response.status_code == 404, (path, response.status_code)
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "No such API endpoint. The API root lists every resource."}
    for response in (api.options(path), api.get(path, HTTP_ACCEPT="text/csv"), api.generic("PROPFIND", path)):
        assert response.status_code == 404 and response["Content-Type"] == "application/json", path
    without_slash = api.get(path.rstrip("/"))
    assert without_slash.status_code == 301 and without_slash["Location"] == path
    assert api.get("/countries/nonexistent-page/")["Content-Type"].startswith("text/html")  # the site's own 404


def test_boolean_and_choice_filters_refuse_unknown_words(api):
    assert_error(api.get("/api/v1/treaty-statuses/", {"ratified": "maybe"}), 400, "ratified", "maybe")
    ratified = api.get("/api/v1/treaty-statuses/", {"country": "QP", "ratified": "True"}).json()
    assert [status["treaty"] for status in ratified["results"]] == ["test-treaty-1"]  # "True" reads as true
    assert api.get("/api/v1/treaty-statuses/", {"country": "QP", "ratified": "False"}).json()["count"] == 0
    assert_error(api.get("/api/v1/news/", {"language": "fr"}), 400, "language", "fr")
    assert_error(api.get("/api/v1/barriers/", {"category": "nonsense"}), 400, "category", "nonsense")
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
    "path,status,content",
    [
        ("docs/", 200, b"swagger-ui"),  # the docs pages (HTML) ignore other parameters
        ("redoc/", 200, b"redoc"),
        ("", 400, None),  # the root, the schema, the dataset and the profile refuse them
        ("schema/", 400, None),
        ("dataset.zip", 400, None),
        ("countries/qp/profile/", 400, None),
    ],
)
def test_the_other_endpoints_answer_odd_parameters_without_a_500(api, path, status, content):
    assert api.get(f"/api/v1/{path}", {"format": "bogus"}).status_code == 404
    for params in ({"lang": "\x00"}, {"version": "9"}, {"page": "0"}, {"x" * 300: "1"}):
        if path == "schema/" and "version" in params:
            assert api.get(f"/api/v1/{path}", params).status_code == 200  # the docs pages pass it on
            continue
        response = api.get(f"/api/v1/{path}", params)
        assert response.status_code == status, (path, params, response.status_code)
        if content:
            assert content in response.content, (path, params)
        else:
            assert next(iter(params)) in response.json()["detail"], (path, params)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_method_an_endpoint_does_not_take_is_a_405_for_anyone(api, method):
    """Not a 401 before it (DRF authenticates first): signing in would not help. A method it does take still needs
    a signed-in editor."""
    built = build_profile(CountryFactory(iso2="QE"))
    law = "/api/v1/laws/"
    read_only = ["/api/v1/countries/qe/profile/", "/api/v1/panel/", "/api/v1/dataset.zip", "/api/v1/search/?q=law"]
    for url in read_only + ([] if method == "post" else [law]):
        response = getattr(api, method)(url)
        assert response.status_code == 405, (url, response.status_code)
        assert method.upper() not in response["Allow"] and "GET" in response["Allow"], url
        assert response.json() == {"detail": f'Method "{method.upper()}" not allowed.'}
    writable = law if method == "post" else f"/api/v1/laws/{built.laws[0].pk}/"
    assert getattr(api, method)(writable).status_code == 401


@pytest.mark.parametrize("prefix,viewset", RESOURCES, ids=[p for p, _ in RESOURCES])
def test_a_parameter_given_twice_is_a_400_unless_it_matches_any_of_several_values(api, prefix, viewset):
    """Not "the last one wins": ?country=KZ&country=XX read as XX, silently."""
    url = list_url(viewset)
    filters = viewset.filterset_class.base_filters
    for name in ("page", "ordering", *(n for n, f in filters.items() if not isinstance(f, MultipleChoiceFilter))):
        response = api.get(f"{url}?{name}=1&{name}=2")
        assert_error(response, 400, name, (prefix, name))
        assert "given more than once" in response.json()["detail"], (prefix, name)
    for name, filter_ in filters.items():
        if isinstance(filter_, MultipleChoiceFilter):
            first, second = [value for value, _ in filter_.extra["choices"]][:2]
            assert api.get(url, {name: [first, second]}).status_code == 200, (prefix, name)


def test_the_panel_and_profile_take_each_parameter_once(api):
    assert_error(api.get("/api/v1/panel/?country=KZ&country=KG"), 400, "country", "panel")
    assert_error(api.get("/api/v1/countries/kz/profile/?format=json&format=json"), 400, "format", "profile")


def test_the_root_and_the_schema_refuse_what_they_do_not_understand_in_json(api):
    for url in ("/api/v1/?foo=1", "/api/v1/schema/?foo=1"):
        assert_error(api.get(url), 400, "foo", url)
    unknown = api.get("/api/v1/schema/?format=xml")  # was a 404 written in YAML
    assert_error(unknown, 404, "Unknown format 'xml'", "schema")
    assert unknown.json()["detail"].endswith("This endpoint offers: yaml, json.")
    assert api.get("/api/v1/schema/", {"format": "json", "lang": "en"}).status_code == 200


def test_what_cannot_be_a_country_code_is_a_400_saying_what_to_give(api, client):
    """It matched nothing, silently, which read as "no records"; so did a code no country covered has ("XX"), while
    `question=nope` beside it was a 400."""
    for url in ("/api/v1/laws/", "/api/v1/questions/", "/api/v1/treaties/", "/api/v1/countries/", "/api/v1/panel/"):
        for value in ("KAZ", "Kazakhstan", "1"):
            response = api.get(url, {"country": value})
            assert_error(response, 400, "two-letter ISO 3166 code", (url, value))
    for url in ("/api/v1/laws/", "/api/v1/questions/", "/api/v1/countries/", "/api/v1/panel/", "/api/v1/answers/"):
        assert_error(api.get(url, {"country": "XX"}), 400, "No published country with the ISO code 'XX'", url)
    assert api.get("/api/v1/laws/", {"country": "qp"}).json()["count"] > 0
    page = client.get("/news/", {"country": "Kazakhstan"})  # the HTML list shares the FilterSet
    assert page.status_code == 400 and "two-letter ISO 3166 code" in page.content.decode().replace("&#x27;", "'")
