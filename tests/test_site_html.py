"""Every main page is semantic HTML: a language, a skip link, one h1, headings in order, titled and described,
labelled form fields, and a favicon and stylesheet from our own static files (no CDN)."""

import re
from html.parser import HTMLParser

import pytest

from core.formatting import render_markdown

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/about/",
    "/countries/zz/",
    "/countries/zz/timeline/",
    "/countries/zz/laws/",
    "/countries/zz/laws/law-1/",
    "/countries/zz/constitution/articles/",
    "/countries/zz/constitution/articles/11/",
    "/countries/zz/initiatives/",
    "/countries/zz/initiatives/initiative-1/",
    "/countries/zz/treaties/",
    "/treaties/test-treaty-1/",
    "/treaties/",
    "/rankings/",
    "/countries/zz/barriers/",
    "/countries/zz/barriers/barrier-1/",
    "/countries/zz/organizational-forms/",
    "/countries/zz/organizational-forms/form-1/",
    "/countries/zz/news/",
    "/countries/zz/news/news-1-en/",
    "/countries/zz/laws/?kind=bogus",
]


class Outline(HTMLParser):
    """Collects headings, ids, form controls and labels of a page."""

    def __init__(self):
        super().__init__()
        self.headings, self.ids, self.controls, self.labels, self.lang = [], [], [], set(), None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in ("hidden", "submit"):
            self.controls.append(attrs.get("id"))
        if tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])


@pytest.mark.parametrize("url", PAGES)
def test_a_page_is_semantic_and_accessible(client, synthetic_profile, url):
    response = client.get(url)
    assert response.status_code == (400 if url.endswith("?kind=bogus") else 200)  # a bad filter is a form error
    html = response.content.decode()
    outline = Outline()
    outline.feed(html)
    assert outline.lang == "en"
    assert '<a class="skip-link" href="#main">' in html and 'id="main"' in html
    assert outline.headings.count(1) == 1 and outline.headings[0] == 1
    for before, after in zip(outline.headings, outline.headings[1:], strict=False):
        assert after <= before + 1, f"heading h{before} is followed by h{after}"
    duplicates = {i for i in outline.ids if outline.ids.count(i) > 1}
    assert not duplicates
    assert all(control in outline.labels for control in outline.controls), outline.controls
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title and "NGO Monitor" in title
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    assert '<link rel="icon" href="/static/favicon.svg"' in html
    assert "https://cdn" not in html and "<script" not in html


def test_markdown_is_sanitised():
    html = render_markdown('**bold** <img src=x onerror="alert(1)"> [x](javascript:alert(1)) <script>bad()</script>')
    assert "<strong>bold</strong>" in html
    assert "onerror" not in html and "javascript:" not in html and "<script" not in html
    assert render_markdown("") == ""


def test_the_stylesheet_adapts_to_small_screens_and_print(client):
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/site.css")).read()
    assert "@media print" in css and "max-width: 40rem" in css
    assert finders.find("favicon.svg")


def test_an_error_page_offers_no_correction_and_an_empty_list_says_none_match(client):
    """Found by a reader's review: the 404 page offered "Suggest a correction to this page", and a list with no
    results read "Skip to the 0 results"."""
    missing = client.get("/nope/")
    assert missing.status_code == 404 and "Suggest a correction" not in missing.content.decode()
    assert "Suggest a correction" in client.get("/about/").content.decode()
    empty = client.get("/news/", {"language": "kk"}).content.decode()  # no news item is in Kazakh
    assert "Skip to the results: none match" in empty and "Skip to the 0 results" not in empty


def test_the_report_nests_a_barrier_s_parts_and_leads_back_to_its_contents(client):
    """Found by a reader's review: "Foreign Funding" stood beside "Barriers to Resources" instead of under it; the
    full report (34,000 px tall at 1280) had one table of contents and no way back to it; a section's breadcrumb
    skipped the report."""
    html = client.get("/countries/kz/report/").content.decode()
    levels = {slug: int(level) for level, slug in re.findall(r'<h(\d) id="barrier-([\w-]+)-heading">', html)}
    assert levels["resources"] == levels["entry"] == 3
    assert levels["resources-foreign-funding"] == levels["resources-domestic-funding"] == 4
    sections = html.count('class="report-section"')
    assert sections > 10 and html.count('<a href="#toc-heading">Back to the contents</a>') == sections
    assert 'id="toc-heading"' in html
    section = client.get("/countries/kz/report/barriers/").content.decode()
    breadcrumb = section[
        section.index('aria-label="Breadcrumb"') : section.index("</nav>", section.index("Breadcrumb"))
    ]
    assert '<a href="/countries/kz/report/">Report</a>' in breadcrumb
    assert "Back to the contents" not in section  # a section page has no contents to go back to
