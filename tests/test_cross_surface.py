"""The surfaces agree: every link that the API, the search and the feeds give into the site lands on a page
that exists, and at an anchor that the page really has."""

import re
from urllib.parse import urlsplit

import pytest

from search.models import SearchDocument

ANCHORED_API_LISTS = [
    "sector-figures",
    "legal-definitions",
    "tax-provisions",
    "rankings",
    "key-indicators",
    "public-participation-items",
    "reports",
    "constitutional-amendments",
]


@pytest.fixture
def profile_ids(client):
    page = client.get("/countries/kz/")
    assert page.status_code == 200
    return set(re.findall(r'\sid="([^"]+)"', page.content.decode()))


def assert_lands(client, url, profile_ids, checked=None):
    parts = urlsplit(url)
    checked = {} if checked is None else checked
    if parts.path not in checked:
        checked[parts.path] = client.get(parts.path).status_code
    assert checked[parts.path] == 200, url
    if parts.fragment and parts.path == "/countries/kz/":
        assert parts.fragment in profile_ids, url


@pytest.mark.django_db
def test_every_search_document_links_to_a_real_page_and_anchor(client, profile_ids):
    urls = set(SearchDocument.objects.values_list("url", flat=True))
    assert len(urls) > 100
    anchored = [u for u in urls if "#" in u]
    assert anchored, "records without a page of their own link to a section of the profile"
    checked = {}
    for url in anchored:
        assert_lands(client, url, profile_ids, checked)


@pytest.mark.django_db
@pytest.mark.parametrize("resource", ANCHORED_API_LISTS)
def test_api_html_urls_land_on_the_profile_sections(client, profile_ids, resource):
    data = client.get(f"/api/v1/{resource}/", {"country": "kz", "page_size": 100}).json()
    assert data["results"], resource
    checked = {}
    for record in data["results"]:
        assert_lands(client, record["html_url"], profile_ids, checked)


@pytest.mark.django_db
def test_api_root_lists_the_search_endpoint(client):
    root = client.get("/api/v1/").json()
    assert urlsplit(root["search"]).path == "/api/v1/search/"
    response = client.get(root["search"], {"q": "assembly"})
    assert response.status_code == 200
    assert "Barriers to Assembly" in {hit["title"] for hit in response.json()["results"]}
