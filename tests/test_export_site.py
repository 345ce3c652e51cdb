"""A static mirror: `export_site DIR` writes the public site as files that nginx can serve at `/`; every link in
every exported page resolves to a file of the export, and each page is the live page with only its links
rewritten (pagination as paths, what needs the server at the live origin)."""

import json
import re
import zipfile

import pytest
from django.core.management import call_command

from ngomonitor.management.commands.export_site import rewrite_html

pytestmark = pytest.mark.django_db
LIVE = "https://ngomonitor.example.org"
LINK = re.compile(r"""\s(?:href|src)=["']([^"']*)["']""")


@pytest.fixture(scope="module")
def export(tmp_path_factory, django_db_setup, django_db_blocker):
    directory = tmp_path_factory.mktemp("mirror")
    with django_db_blocker.unblock():
        call_command("export_site", str(directory), live_origin=LIVE, verbosity=0)
    return directory


def resolves(root, url):
    path = url.split("#")[0]
    if "?" in path:
        return False  # a static host ignores query strings: every kept one must have been rewritten
    target = root / path.lstrip("/")
    if path.endswith("/"):
        return any((target / name).is_file() for name in ("index.html", "index.json", "index.xml"))
    return target.is_file()


def test_every_internal_link_of_every_exported_page_resolves(export):
    pages = list(export.rglob("*.html"))
    pages = [p for p in pages if not p.is_relative_to(export / "static")]
    assert len(pages) > 100
    broken = set()
    for page in pages:
        for url in LINK.findall(page.read_text()):
            if url.startswith("?"):
                broken.add((str(page.relative_to(export)), url))  # a query string a static host would ignore
            elif url.startswith("/") and not url.startswith("//") and not resolves(export, url):
                broken.add((str(page.relative_to(export)), url))
    assert not broken, sorted(broken)[:20]


def test_main_pages_lists_pagination_feeds_and_api_are_exported(export):
    for name in [
        "index.html",
        "countries/index.html",  # every country, where the home page shows a few
        "countries/kz/index.html",
        "countries/kz/report/index.html",
        "countries/kz/laws/index.html",
        "codebook/index.html",
        "news/index.html",
        "news/feed/index.xml",
        "sitemap.xml",
        "robots.txt",
        "api/v1/laws/index.json",
        "api/v1/countries/kz/profile/index.json",
    ]:
        assert (export / name).is_file(), name
    assert any(export.rglob("page/2/index.html")), "an HTML list's second page"
    laws = json.loads((export / "api/v1/laws/index.json").read_text())
    assert laws["results"] and laws["count"] >= len(laws["results"])
    if laws["next"]:
        assert laws["next"] == "/api/v1/laws/page/2/" and (export / "api/v1/laws/page/2/index.json").is_file()
    with zipfile.ZipFile(export / "api/v1/dataset.zip") as dataset:
        assert dataset.testzip() is None and dataset.namelist()


def test_pages_needing_the_server_point_at_the_live_origin(export):
    home = (export / "index.html").read_text()
    assert f'action="{LIVE}/search/"' in home
    assert f'href="{LIVE}/corrections/new/' in home or "/corrections/new/" not in home
    laws = (export / "countries/kz/laws/index.html").read_text()
    assert 'href="?page=' not in laws and "/laws/?page=" not in laws and 'href="/countries/kz/laws/page/2/"' in laws


def test_each_exported_page_is_the_live_page_with_its_links_rewritten(export, client):
    manifest = json.loads((export / "export-manifest.json").read_text())
    html = {url: name for url, name in manifest.items() if name.endswith(".html")}
    assert len(html) > 100
    for url, name in sorted(html.items()):
        response = client.get(url)
        assert response.status_code == 200, url
        path = url.split("?")[0]
        expected = rewrite_html(response.content.decode(), path, LIVE)
        assert (export / name).read_text() == expected, url


def test_without_a_live_origin_links_needing_the_server_are_marked(tmp_path, monkeypatch):
    monkeypatch.delenv("LIVE_ORIGIN", raising=False)
    html = rewrite_html('<a href="/search/?q=x">s</a> <a href="?page=2">2</a><form method="get">', "/news/")
    assert html == (
        '<a href="/search/?q=x" data-needs-server>s</a> <a href="/news/page/2/">2</a>'
        '<form method="get" data-needs-server>'
    )
