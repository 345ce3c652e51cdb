"""No page or API answer shows a programmer's placeholder where a reader expects words or a link: no "None",
"undefined" or "nan" in any page's text, no empty string where a URL belongs, no "None" in any CSV cell.

The report's own "None" (no barriers of a kind) is stored as an empty value flagged `none_stated` and shown as
"No barriers stated in the report’s summary"; a web address nobody has added yet is null in the API, absent on pages.
"""

import csv
import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from countries.models import SectionKind, section_anchor
from tests.api_support import RESOURCES, list_url

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"\b(None|undefined|NaN|nan|null)\b")
URL_KEYS = {"url", "html_url", "link", "text_url", "source_url"}


class VisibleText(HTMLParser):
    """The text a reader sees (scripts and styles aside), outside verbatim quotations of the report (a codebook
    citation quotes "Barriers to Speech and/or Advocacy None" as printed: the report's word, not a placeholder)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style", "blockquote")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style", "blockquote") and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    @classmethod
    def of(cls, html):
        parser = cls()
        parser.feed(html)
        return " ".join(parser.parts)


def public_pages(client):
    """Every page of the sitemap, every section of each report, and a few list, search and news pages."""
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)
    paths = [urlsplit(loc.text).path for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    for country in ("kz", "zz"):
        paths += [f"/countries/{country}/report/{section_anchor(kind)}/" for kind in SectionKind.values]
        paths.append(f"/countries/{country}/report/")
    return [*paths, "/news/", "/search/?q=assembly", "/search/?q=registration+fee"]


def test_no_page_shows_a_placeholder_for_missing_data(client, synthetic_profile):
    pages = public_pages(client)
    assert len(pages) > 150
    problems = []
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        # A coder's note may quote the report ("Barriers to Resources None"): text in quotation marks is words.
        text = re.sub(r"“[^”]*”", "", VisibleText.of(response.content.decode()))
        problems += [f"{path}: {match!r}" for match in PLACEHOLDER.findall(text)]
    assert problems == []


def walk(value, path=""):
    """(path, key, value) for every item of a JSON document."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield path, key, item
            yield from walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, f"{path}[]")


def api_documents(client):
    for prefix, viewset in RESOURCES:
        yield prefix, client.get(list_url(viewset), {"page_size": 100}).json()
    yield "profile", client.get("/api/v1/countries/kz/profile/").json()


def test_no_api_answer_has_an_empty_url_or_a_placeholder(client, synthetic_profile):
    problems = []
    for name, document in api_documents(client):
        for path, key, value in walk(document):
            if key in URL_KEYS and value == "":
                problems.append(f"{name}{path}.{key} is an empty string (null when there is none)")
            if isinstance(value, str) and value in ("None", "undefined", "nan", "NaN"):
                problems.append(f"{name}{path}.{key} = {value!r}")
    assert problems == []


def test_no_csv_cell_holds_the_word_none(client, synthetic_profile):
    for prefix, viewset in RESOURCES:
        response = client.get(list_url(viewset), {"format": "csv", "page_size": 100})
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert len(rows) > 1, prefix
        assert not [cell for row in rows[1:] for cell in row if cell in ("None", "nan", "undefined")], prefix


def test_the_words_none_stated_read_as_a_sentence_and_a_flag(client):
    """Where the report prints "None" for a kind of barrier: a sentence on the page, a flag in the API."""
    html = client.get("/countries/kz/barriers/resources/").content.decode()
    assert "No barriers stated in the report’s summary" in html
    assert "At a glance:</strong> None" not in html
    rows = {row["label"]: row for row in client.get("/api/v1/countries/kz/profile/").json()["at_a_glance"]}
    assert rows["Barriers to Resources"]["value"] == "" and rows["Barriers to Resources"]["none_stated"] is True
    assert rows["Registration Body"]["none_stated"] is False
    barriers = client.get("/api/v1/barriers/", {"country": "KZ", "category": "resources"}).json()["results"]
    whole = next(barrier for barrier in barriers if barrier["part"] == "")
    assert whole["summary"] == "" and whole["none_stated"] is True


def test_a_barrier_the_report_splits_links_to_its_parts(client):
    html = client.get("/countries/kz/barriers/resources/").content.decode()
    parts = html[html.index('id="parts"') :]
    assert 'href="/countries/kz/barriers/resources-foreign-funding/"' in parts
    assert 'href="/countries/kz/barriers/resources-domestic-funding/"' in parts
    part = client.get("/countries/kz/barriers/resources-foreign-funding/").content.decode()
    assert 'id="parts"' not in part


def test_outbound_links_show_when_an_editor_adds_them(client):
    """The report prints no URLs: the fields stay empty (null in the API) until an editor fills them."""
    from countries.models import CountryProfile
    from laws.models import Law
    from news.models import NewsItem

    law = Law.objects.get(country__iso2="KZ", slug="law-on-peaceful-assemblies")
    item = NewsItem.objects.published().filter(country__iso2="KZ").first()
    profile = CountryProfile.objects.get(country__iso2="KZ")
    assert client.get(f"/api/v1/laws/{law.pk}/").json()["text_url"] is None
    assert "official text" not in client.get(law.get_absolute_url()).content.decode()
    law.text_url = "https://adilet.zan.kz/eng/docs/Z2000000333"
    law.save()
    item.outlet, item.url = "Kazinform", "https://www.inform.kz/en/example"
    item.save()
    profile.source_url = "https://www.icnl.org/resources/civic-freedom-monitor/kazakhstan"
    profile.save()
    assert client.get(f"/api/v1/laws/{law.pk}/").json()["text_url"] == law.text_url
    assert f'<a href="{law.text_url}" rel="noopener">' in client.get(law.get_absolute_url()).content.decode()
    news = client.get(f"/api/v1/news/{item.pk}/").json()
    assert (news["outlet"], news["link"]) == ("Kazinform", item.url)
    assert "Read the original article at Kazinform" in client.get(item.get_absolute_url()).content.decode()
    assert f'href="{profile.source_url}"' in client.get("/countries/kz/").content.decode()
