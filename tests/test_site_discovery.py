"""Home, About, feeds, sitemap and robots.txt: how researchers and crawlers find the data."""

import datetime
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from core.choices import Status
from countries.models import CountryProfile
from ngomonitor.views import HOME_COUNTRIES
from tests.factories import CountryFactory
from tests.seed import seeded

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_home_lists_countries_with_status_and_last_update_latest_news_and_a_search_box(client):
    html = client.get("/").content.decode()
    profile = CountryProfile.objects.get(country__iso2="KZ")
    assert '<a href="/countries/kz/">Kazakhstan</a>' in html
    assert '<strong>Not free</strong> <span class="meta">(Freedom House: Freedom in the World, 2024)' in html
    assert f'<time datetime="{profile.last_updated:%Y-%m-%d}">May 30, 2024</time>' in html
    latest = max(seeded("news.newsitem", country="KZ"), key=lambda item: item["published_on"])
    assert f'href="/countries/kz/news/{latest["slug"]}/"' in html
    assert '<form class="search-form" role="search" method="get" action="/search/">' in html
    assert '<label for="search-q">' in html and 'name="q"' in html


def test_home_shows_the_most_recently_updated_countries_and_leads_to_every_country(client):
    """With more countries than the home page shows, it shows the newest reports (so it costs the same with two
    hundred countries) and links to the list of all of them; a draft country is never shown."""
    first = datetime.date(2025, 1, 1)
    for n in range(HOME_COUNTRIES + 1):
        CountryFactory(with_profile=True, profile__last_updated=first + datetime.timedelta(days=n))
    CountryFactory(with_profile=True, profile__last_updated=datetime.date(2026, 1, 1), publication_status=Status.DRAFT)
    # a published country whose newest report is still a draft: its date is not public, so it does not count
    unreported = CountryFactory(
        with_profile=True, profile__last_updated=datetime.date(2026, 2, 1), profile__publication_status=Status.DRAFT
    )
    response = client.get("/")
    shown = [country.iso2 for country in response.context["countries"]]
    newest = CountryProfile.objects.published().order_by("-last_updated")
    assert shown == [profile.country.iso2 for profile in newest[:HOME_COUNTRIES]]
    assert "KZ" not in shown and unreported.iso2 not in shown  # KZ's report (May 2024) is older than all of them
    html = response.content.decode()
    assert f'<a href="/countries/">All countries</a>, by name or region ({HOME_COUNTRIES + 3})' in html
    assert '<a href="/countries/">Countries</a>' in html  # and the site's navigation


def test_the_news_feed_is_atom_with_every_published_item(client, synthetic_profile):
    response = client.get("/news/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    links = {entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")}
    kazakhstan = [f"kz/news/{item['slug']}/" for item in seeded("news.newsitem", country="KZ")]
    assert len(kazakhstan) + 2 <= 50  # the feed's length: every item fits
    expected = [*kazakhstan, "zz/news/news-1-en/", "zz/news/news-1-ru/"]  # not the synthetic draft
    assert links == {f"http://testserver/countries/{path}" for path in expected}


def test_a_country_feed_holds_only_that_country(client, synthetic_profile):
    feed = ET.fromstring(client.get("/countries/kz/news/feed/").content)
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]
    expected = {
        f"http://testserver/countries/kz/news/{item['slug']}/" for item in seeded("news.newsitem", country="KZ")
    }
    assert len(links) == len(expected) and set(links) == expected
    assert client.get("/countries/xx/news/feed/").status_code == 404


def test_the_sitemap_lists_published_pages_only(client, synthetic_profile):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    text = response.content.decode()
    laws = [f"kz/laws/{law['slug']}/" for law in seeded("laws.law", country="KZ")] + ["zz/laws/law-1/"]
    for path in laws:
        assert f"<loc>http://testserver/countries/{path}</loc>" in text
    zz_laws = re.findall(r"<loc>http://testserver/countries/zz/laws/([^<]+)/</loc>", text)
    assert sorted(zz_laws) == ["constitution", "law-1"]  # not the draft
    assert "http://testserver/countries/kz/timeline/</loc>" in text
    assert "<loc>http://testserver/countries/</loc>" in text  # every country, where the home page shows a few
    assert "secret-draft" not in text


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_favicon_ico_leads_to_the_site_s_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.svg")
    assert "<svg" in Path(finders.find("favicon.svg")).read_text()  # served from static files (collectstatic)
    assert 'rel="icon" href="{}"'.format(response["Location"]) in client.get("/").content.decode()
    assert client.post("/favicon.ico").status_code == 405


def test_about_links_the_api_docs_and_the_dataset(client):
    html = client.get("/about/").content.decode()
    assert 'href="/api/v1/docs/"' in html and 'href="/api/v1/dataset.zip"' in html


def test_the_api_docs_and_dataset_that_about_links_to_exist(client):
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content
    # Swagger UI's start-up script is a file of its own (no inline script), and it loads the live schema.
    assert b'<script src="/api/v1/docs/?script="></script>' in docs.content
    assert b"/api/v1/schema/" in client.get("/api/v1/docs/?script=").content
    response = client.get("/api/v1/dataset.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert {"laws.csv", "laws.json", "data-dictionary.csv", "README.txt"} <= set(archive.namelist())
