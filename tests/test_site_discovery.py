"""Home, About, feeds, sitemap and robots.txt: how researchers and crawlers find the data."""

import xml.etree.ElementTree as ET

import pytest

from countries.models import CountryProfile
from laws.models import Law
from news.models import NewsItem

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_home_lists_countries_with_status_and_last_update_latest_news_and_a_search_box(client):
    html = client.get("/").content.decode()
    profile = CountryProfile.objects.get(country__iso2="KZ")
    assert '<a href="/countries/kz/">Kazakhstan</a>' in html
    assert '<strong>Not free</strong> <span class="meta">(Freedom House: Freedom in the World, 2024)' in html
    assert f'<time datetime="{profile.last_updated:%Y-%m-%d}">May 30, 2024</time>' in html
    latest = NewsItem.objects.published().order_by("-published_on").first()
    assert latest.get_absolute_url() in html
    assert '<form class="search-form" role="search" method="get" action="/search/">' in html
    assert '<label for="search-q">' in html and 'name="q"' in html


def test_the_news_feed_is_atom_with_every_published_item(client, synthetic_profile):
    response = client.get("/news/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    links = {entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")}
    published = NewsItem.objects.published().select_related("country").order_by("-published_on")[:50]
    assert links == {f"http://testserver{item.get_absolute_url()}" for item in published}
    assert not any("secret-draft" in link for link in links)


def test_a_country_feed_holds_only_that_country(client, synthetic_profile):
    feed = ET.fromstring(client.get("/countries/kz/news/feed/").content)
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]
    assert len(links) == NewsItem.objects.published().for_country("KZ").count()
    assert all("/countries/kz/news/" in link for link in links)
    assert client.get("/countries/xx/news/feed/").status_code == 404


def test_the_sitemap_lists_published_pages_only(client, synthetic_profile):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    text = response.content.decode()
    for law in Law.objects.published().select_related("country"):
        assert f"http://testserver{law.get_absolute_url()}</loc>" in text
    assert "http://testserver/countries/kz/timeline/</loc>" in text
    assert "secret-draft" not in text


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_about_links_the_api_docs_and_the_dataset(client):
    html = client.get("/about/").content.decode()
    assert 'href="/api/v1/docs/"' in html and 'href="/api/v1/dataset.zip"' in html


def test_the_api_docs_and_dataset_that_about_links_to_exist(client):
    assert client.get("/api/v1/docs/").status_code == 200
    response = client.get("/api/v1/dataset.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
