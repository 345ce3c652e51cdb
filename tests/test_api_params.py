"""The API's query parameters, word for word (core/api/params.py): what an analyst reads when a parameter is
wrong, and what a right one does. Literal expectations, on one resource built here, so the rules can be
checked quickly (also `make mutate`'s selection for the module)."""

import datetime

import pytest
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from core.api.params import SEARCH_MAX_WORDS, StrictSearchFilter
from laws.models import LawKind
from tests.api_support import RESOURCES, list_url
from tests.factories import CountryFactory, LawFactory

pytestmark = pytest.mark.django_db

LAW_PARAMS = [
    "format", "country", "kind", "status", "adopted_after", "adopted_before", "adopted_year_after",
    "adopted_year_before", "in_law_list", "page", "page_size", "search", "ordering",
]  # fmt: skip
LAW_ORDERING = ["adopted_on", "title", "kind", "status", "order"]
ORDERING_HELP = "Allowed: adopted_on, title, kind, status, order (prefix with '-' for descending)."


@pytest.fixture
def laws():
    """Four laws of one country: two codes and two laws, so that ordering by kind has ties."""
    country = CountryFactory(iso2="QP")
    return [
        LawFactory(country=country, slug=f"law-{n}", title=title, kind=kind, order=n)
        for n, (title, kind) in enumerate(
            [
                ("Beta Code", LawKind.CODE),
                ("Alpha Law", LawKind.LAW),
                ("Delta Code", LawKind.CODE),
                ("Gamma Law", LawKind.LAW),
            ]
        )
    ]


def error(query, status=400, path="/api/v1/laws/"):
    response = APIClient().get(f"{path}?{query}")
    assert response.status_code == status, (query, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response.json()


def titles(query):
    response = APIClient().get(f"/api/v1/laws/?country=QP&{query}")
    assert response.status_code == 200, response.content[:300]
    return [law["title"] for law in response.json()["results"]]


def test_an_unknown_parameter_is_named_with_every_allowed_one(laws):
    body = error("contry=QP")
    assert body == {
        "detail": f"Unknown query parameter(s): contry. Allowed: {', '.join(LAW_PARAMS)}.",
        "errors": {"contry": ["Unknown parameter."]},
        "allowed": LAW_PARAMS,
    }
    assert error("zeta=1&alpha=2")["detail"].startswith("Unknown query parameter(s): alpha, zeta. Allowed:")


def test_the_dataset_takes_no_parameter_but_its_format():
    assert error("country=QP", path="/api/v1/dataset.zip") == {
        "detail": "Unknown query parameter(s): country. Allowed: format.",
        "errors": {"country": ["Unknown parameter."]},
        "allowed": ["format"],
    }


def test_an_empty_value_is_refused_except_in_a_search(laws):
    give = ["Give a value or leave the parameter out."]
    assert error("kind=&country=") == {
        "detail": "Empty query parameter(s): country, kind. Give a value or leave the parameter out.",
        "errors": {"country": give, "kind": give},
    }
    assert error("kind=law&kind=") == {  # a filter that may repeat, once empty
        "detail": "Empty query parameter(s): kind. Give a value or leave the parameter out.",
        "errors": {"kind": give},
    }
    assert len(titles("search=")) == 4


def test_a_nul_character_is_refused_in_any_parameter(laws):
    nul = ["A NUL character (%00) is not allowed."]
    assert error("search=a%00b") == {
        "detail": "search: a NUL character (%00) is not allowed in a parameter.",
        "errors": {"search": nul},
    }
    assert error("search=%00&country=Q%00P") == {
        "detail": "country, search: a NUL character (%00) is not allowed in a parameter.",
        "errors": {"country": nul, "search": nul},
    }


def test_the_search_filter_itself_refuses_a_nul_character():
    """Defence in depth: a view that skips the parameter check still never sends NUL to the database."""
    request = Request(APIRequestFactory().get("/api/v1/laws/", {"search": "a\x00b"}))
    with pytest.raises(exceptions.ParseError) as raised:
        StrictSearchFilter().get_search_terms(request)
    message = "The search term may not contain NUL characters."
    assert raised.value.detail == {"detail": message, "errors": {"search": [message]}}
    assert StrictSearchFilter().get_search_terms(Request(APIRequestFactory().get("/", {"search": "a, b"}))) == [
        "a",
        "b",
    ]


SEARCHABLE = [viewset for _, viewset in RESOURCES if viewset.search_fields]


@pytest.mark.parametrize("viewset", SEARCHABLE, ids=lambda viewset: list_url(viewset))
def test_a_search_longer_than_any_question_is_a_400_on_every_list(viewset):
    """A thousand words went past SQLite's limit on a query's depth: a 500 anyone could cause, pasting a quote."""
    path = list_url(viewset)
    words = " ".join(["law"] * (SEARCH_MAX_WORDS + 1))
    message = f"The search may have at most {SEARCH_MAX_WORDS} words (or quoted phrases), not {SEARCH_MAX_WORDS + 1}."
    assert error(f"search={words}", path=path) == {"detail": message, "errors": {"search": [message]}}
    assert error(f"search={' '.join(['a'] * 1000)}", path=path)["errors"]["search"] == [
        "The search may be at most 500 characters long, not 1999."
    ]
    assert APIClient().get(path, {"search": " ".join(["law"] * SEARCH_MAX_WORDS)}).status_code == 200


def test_an_unknown_ordering_field_is_named_with_the_allowed_ones(laws):
    assert error("ordering=nonsense") == {
        "detail": f"Unknown ordering field(s): nonsense. {ORDERING_HELP}",
        "errors": {"ordering": [f"Unknown ordering field(s): nonsense. {ORDERING_HELP}"]},
        "allowed": LAW_ORDERING,
    }
    assert error("ordering=title,-bogus,zz")["detail"] == f"Unknown ordering field(s): -bogus, zz. {ORDERING_HELP}"
    assert error("ordering=,")["detail"] == f"Unknown ordering field(s): ,. {ORDERING_HELP}"
    # one '-' at most: "--title" was a 500 (found by an analyst's review)
    assert error("ordering=--title")["detail"] == f"Unknown ordering field(s): --title. {ORDERING_HELP}"
    assert error("ordering=title,---kind")["detail"] == f"Unknown ordering field(s): ---kind. {ORDERING_HELP}"


def test_ordering_follows_the_fields_and_breaks_ties_by_record(laws):
    assert titles("ordering=title") == ["Alpha Law", "Beta Code", "Delta Code", "Gamma Law"]
    assert titles("ordering=-title") == ["Gamma Law", "Delta Code", "Beta Code", "Alpha Law"]
    # Ties on kind: created order (the record id) within each kind, whichever direction the kind goes.
    assert titles("ordering=kind") == ["Beta Code", "Delta Code", "Alpha Law", "Gamma Law"]
    assert titles("ordering=-kind") == ["Alpha Law", "Gamma Law", "Beta Code", "Delta Code"]
    assert titles("ordering=kind,-title") == ["Delta Code", "Beta Code", "Gamma Law", "Alpha Law"]
    assert titles("ordering= title ") == ["Alpha Law", "Beta Code", "Delta Code", "Gamma Law"]
    assert titles("") == ["Beta Code", "Alpha Law", "Delta Code", "Gamma Law"]  # the report's order


def test_a_boolean_filter_takes_true_or_false_only(laws):
    message = "in_law_list must be true or false, not 'maybe'."
    assert error("in_law_list=maybe") == {"detail": message, "errors": {"in_law_list": [message]}}
    assert error("in_law_list=1")["errors"] == {"in_law_list": ["in_law_list must be true or false, not '1'."]}
    # None of the four is in the report's numbered list.
    for value in ("true", "True"):
        assert titles(f"in_law_list={value}") == []
    for value in ("false", "False"):
        assert len(titles(f"in_law_list={value}")) == 4


@pytest.mark.parametrize(
    "query, names",
    [
        ("page=0", ["page"]),
        ("page_size=101", ["page_size"]),
        ("country=QP&country=KZ", ["country"]),
        ("kind=poem", ["kind"]),
        ("ordering=zz", ["ordering"]),
    ],
)
def test_every_400_names_the_parameters_at_fault_in_errors(laws, query, names):
    """`page=0`, `page_size=101` and a bad boolean answered `{"detail"}` alone, a bad filter `{"detail", "errors"}`:
    an analyst's client had to read two shapes."""
    body = error(query)
    assert body["detail"] and sorted(body["errors"]) == names


def test_an_unknown_format_names_the_ones_offered(laws):
    assert error("format=xml", status=404) == {"detail": "Unknown format 'xml'. This endpoint offers: json, api, csv."}


def test_errors_are_json_even_when_csv_was_asked_for(laws):
    response = APIClient().get("/api/v1/laws/?format=csv&contry=1")
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    response = APIClient().get("/api/v1/laws/?contry=1", HTTP_ACCEPT="text/csv")
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert APIClient().get("/api/v1/laws/?format=csv")["Content-Type"].startswith("text/csv")


def test_errors_stay_in_the_browsable_api_for_a_reader_in_a_browser(laws):
    response = APIClient().get("/api/v1/laws/?format=api&contry=1")
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert "Unknown query parameter(s): contry." in response.content.decode()


def test_the_schema_documents_search_and_ordering():
    schema = APIClient().get("/api/v1/schema/?format=json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/laws/"]["get"]["parameters"]}
    assert parameters["search"]["description"] == (
        "Words to look for (case-insensitive, every word must match) in the resource's text fields: at most 32 "
        "words and 500 characters. Searched fields: title, short_title, number, issuer, summary."
    )
    assert parameters["search"]["schema"] == {"type": "string", "maxLength": 500, "pattern": "^[^\\u0000]*$"}
    ordering = parameters["ordering"]
    assert ordering["description"] == (
        "Sort by these fields, comma-separated; prefix with '-' for descending. "
        "Allowed: adopted_on, title, kind, status, order. Unknown fields are a 400."
    )
    assert ordering["schema"] == {
        "type": "array",
        "minItems": 1,  # added by the schema's strict-inputs hook (core/api/schema.py): an empty list is a 400
        "items": {"type": "string", "enum": [f"{sign}{f}" for f in LAW_ORDERING for sign in ("", "-")]},
    }
    assert (ordering["in"], ordering["required"], ordering["style"], ordering["explode"]) == (
        "query",
        False,
        "form",
        False,
    )
    # A resource without ordering fields documents no ordering parameter.
    panel = {p["name"] for p in schema["paths"]["/api/v1/panel/"]["get"]["parameters"]}
    assert "ordering" not in panel


@pytest.mark.parametrize(
    "accept,fmt,media_type",
    [
        ("application/json", "csv", "text/csv"),
        ("text/csv", "json", "application/json"),
        ("application/json, text/plain, */*", "csv", "text/csv"),
        ("*/*", "CSV", "text/csv"),
        ("*/*", "Json", "application/json"),
    ],
)
def test_a_format_asked_for_by_name_wins_over_the_accept_header(client, accept, fmt, media_type):
    """R's httr and many JavaScript clients always send Accept: application/json; ?format=csv was a 406."""
    response = client.get("/api/v1/laws/", {"format": fmt}, HTTP_ACCEPT=accept)
    assert response.status_code == 200 and response["Content-Type"].startswith(media_type)


def test_without_a_format_the_accept_header_still_chooses(client):
    assert client.get("/api/v1/laws/", HTTP_ACCEPT="text/csv")["Content-Type"].startswith("text/csv")
    refused = client.get("/api/v1/laws/", HTTP_ACCEPT="application/xml")
    assert refused.status_code == 406 and refused.json()["detail"] == "Could not satisfy the request Accept header."


def test_search_names_the_formats_it_offers_like_every_list(client):
    response = client.get("/api/v1/search/", {"q": "assembly", "format": "csv"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Unknown format 'csv'. This endpoint offers: json, api."}


def test_within_the_format_asked_for_the_accept_header_still_chooses(client):
    """The schema as JSON: `application/json` when the client asks for it, not the OpenAPI media type."""
    response = client.get("/api/v1/schema/", {"format": "json"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    indented = client.get("/api/v1/laws/", {"format": "json"}, HTTP_ACCEPT="application/json; indent=4")
    assert indented.status_code == 200 and b'\n    "count"' in indented.content


def test_undated_records_come_last_in_either_direction_on_every_database(laws):
    """SQLite sorts an empty date first and PostgreSQL last: the same request gave two orders."""
    dates = {"Beta Code": None, "Alpha Law": "2001-01-01", "Delta Code": "2003-01-01", "Gamma Law": None}
    for law in laws:
        law.adopted_on = dates[law.title] and datetime.date.fromisoformat(dates[law.title])
        law.adopted_precision = "day" if law.adopted_on else ""
        law.save()
    assert titles("ordering=adopted_on") == ["Alpha Law", "Delta Code", "Beta Code", "Gamma Law"]
    assert titles("ordering=-adopted_on") == ["Delta Code", "Alpha Law", "Beta Code", "Gamma Law"]
    assert titles("ordering=-adopted_on,-title") == ["Delta Code", "Alpha Law", "Gamma Law", "Beta Code"]


@pytest.mark.parametrize("value", ["1e3", "+2015", " 2015", "２０１５", "2015.0", "-5"])
def test_a_year_is_plain_digits(laws, value):
    """A decimal field read "1e3" as the year 1000 and full-width digits as 2015; `page_size` refused them."""
    body = error(f"adopted_year_after={value}")
    assert body["errors"] == {"adopted_year_after": ["Give the year in digits, e.g. 2015."]}


@pytest.mark.parametrize("value", ["２０１５-01-01", "10/25/2006", "2015-1-1", "20150101", "2015-01-01T00:00"])
def test_a_date_is_yyyy_mm_dd(laws, value):
    body = error(f"adopted_after={value}")
    assert body["errors"] == {"adopted_after": ["Give the date as YYYY-MM-DD, e.g. 2024-04-15."]}
    assert error(f"as_of={value}", path="/api/v1/answers/")["errors"]["as_of"]


def test_plain_years_and_dates_still_filter(laws):
    assert titles("adopted_year_after=2010&adopted_after=2010-05-01") == [
        "Beta Code", "Alpha Law", "Delta Code", "Gamma Law"
    ]  # fmt: skip
    assert titles("adopted_year_after=2011") == []


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_without_the_final_slash_is_redirected_keeping_its_method(laws, method):
    """Django's 301 is repeated as a GET by clients: the write was lost. A 308 keeps the method and body."""
    response = getattr(APIClient(), method)("/api/v1/laws?country=QP", {"title": "x"}, format="json")
    assert response.status_code == 308
    assert response["Location"] == "/api/v1/laws/?country=QP"
    response = APIClient().get("/api/v1/laws?country=QP")
    assert response.status_code == 301 and response["Location"] == "/api/v1/laws/?country=QP"
