"""The API's JSON renderer writes, with orjson, exactly the bytes DRF's own JSONRenderer writes.

Every API response goes through it (lists, the profile, search, the panel, errors), so each is compared with
DRF's rendering of the same data; then the values where two encoders could differ: timestamps (DRF writes UTC
as "Z"), dates, times, decimals, lazy translations, sets, text that is not ASCII, U+2028 and U+2029 (escaped so
the output is also JavaScript), and what orjson refuses (integers beyond 64 bits, keys that are not strings),
which DRF renders itself, errors included. One spelling differs: a float below 1e-4 ("1e-7" or "0.000025" where
Python writes "1e-07" or "2.5e-05"); both parse to the same number.
"""

import datetime
import decimal
import json
import uuid
import zoneinfo

import pytest
from django.utils.functional import lazy
from rest_framework import renderers
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from core.api.renderers import JSONRenderer
from tests.api_support import RESOURCES, list_url

pytestmark = pytest.mark.django_db

DRF = renderers.JSONRenderer()
OURS = JSONRenderer()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/countries/kz/profile/",
        *(f"{list_url(viewset)}?page_size=100" for _, viewset in RESOURCES),
        "/api/v1/search/?q=assembly",
        "/api/v1/panel/?country=KZ",
        "/api/v1/laws/?page_size=0",  # an error
    ],
)
def test_every_api_response_is_rendered_by_ours_as_drf_would(client, no_response_cache, url):
    response = client.get(url)
    assert type(response.accepted_renderer) is JSONRenderer, "the API must render JSON with our renderer"
    assert response.content == DRF.render(response.data), url
    assert len(response.content) > 30


def test_values_two_encoders_could_write_differently():
    almaty = zoneinfo.ZoneInfo("Asia/Almaty")
    data = ReturnDict(
        {
            "utc": datetime.datetime(2024, 3, 1, 12, 30, 5, 123456, tzinfo=datetime.UTC),
            "local": datetime.datetime(2024, 3, 1, 12, 30, tzinfo=almaty),
            "naive": datetime.datetime(2024, 3, 1, 12, 30),
            "date": datetime.date(1995, 8, 30),
            "time": datetime.time(9, 5, 7, 250),
            "decimal": decimal.Decimal("12.50"),
            "lazy": lazy(lambda: "Kazakhstan", str)(),
            "set": {3},
            "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
            "text": 'Қазақстан — «закон» \u2028 line \u2029 paragraph "quoted" \\ \t\n\x01',
            "numbers": [0, -1, 2**63 - 1, -(2**63), 0.1, 1.5, 12.25, 0.000125, 1e16, 123456789.125, True, False, None],
            "nested": ReturnList([{"a": ReturnDict({"b": []}, serializer=None)}], serializer=None),
            "tuple": (1, "two"),
        },
        serializer=None,
    )
    assert OURS.render(data) == DRF.render(data)
    assert b"\\u2028" in OURS.render(data) and "\u2028".encode() not in OURS.render(data)


@pytest.mark.parametrize("data", [{"big": 2**64}, {1: "key that is not a string"}, {"big": -(2**70)}])
def test_what_orjson_refuses_is_rendered_by_drf(data):
    assert OURS.render(data) == DRF.render(data)
    assert json.loads(OURS.render(data)) == json.loads(json.dumps(data))


def test_a_float_below_one_ten_thousandth_is_the_same_number_spelt_shorter():
    data = {"score": [1e-07, 2.5e-05, 1.23e-18]}
    assert OURS.render(data) == b'{"score":[1e-7,0.000025,1.23e-18]}'
    assert DRF.render(data) == b'{"score":[1e-07,2.5e-05,1.23e-18]}'
    assert json.loads(OURS.render(data)) == data


def test_what_neither_can_write_fails_as_in_drf():
    with pytest.raises(TypeError):
        DRF.render({"object": object()})
    with pytest.raises(TypeError):
        OURS.render({"object": object()})


def test_pretty_printing_and_nothing_are_drf_own():
    data = {"a": [1, {"b": "c"}]}
    pretty = OURS.render(data, "application/json; indent=4")
    assert pretty == DRF.render(data, "application/json; indent=4") and b'\n    "a"' in pretty
    assert OURS.render(data, None, {"indent": 2}) == DRF.render(data, None, {"indent": 2})
    assert OURS.render(None) == b""


def test_a_pretty_printed_api_response_is_drf_own(client, no_response_cache):
    response = client.get("/api/v1/laws/?page_size=2", HTTP_ACCEPT="application/json; indent=2")
    assert response.status_code == 200
    assert response.content == DRF.render(response.data, "application/json; indent=2")
    assert b'\n  "count"' in response.content
