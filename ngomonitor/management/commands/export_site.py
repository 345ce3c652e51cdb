"""Write the whole public site as static files: `manage.py export_site DIR [--live-origin URL]`.

Every page reachable from the home page and the sitemap (crawling the internal links of each HTML page: lists and
their pagination, report sections, codebook and compare pages, news), the feeds, sitemap.xml, robots.txt, the
dataset zip, every page of the API's JSON lists and each country's API profile, and the static assets. Pages are
rendered in-process through Django's test client, as an anonymous reader.

Where they go: a page `/countries/kz/` is `DIR/countries/kz/index.html`, JSON `/api/v1/laws/` is
`DIR/api/v1/laws/index.json`, a feed `/news/feed/` is `DIR/news/feed/index.xml`, a file-like path
(`/sitemap.xml`, `/api/v1/dataset.zip`) keeps its name. Pagination (`?page=2`) becomes a path (`page/2/`), in the
files' names and in the links of the written pages. Served by nginx at `/` with
`index index.html index.json index.xml;`, every link works.

What needs the server (search, the corrections form, the admin, filters and sorting with a query string other
than the page) points at `--live-origin` (default: $LIVE_ORIGIN); without one such links are left as they are and
marked with `data-needs-server`. Absolute URLs in feeds, the sitemap and JSON name the live origin too.
`DIR/export-manifest.json` maps each exported URL to its file.
"""

import json
import os
import re
import shutil
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import BaseCommand, CommandError
from django.test import Client, override_settings

from core.api import throttling

ORIGIN = "http://testserver"
ATTRIBUTE = re.compile(r"""(?P<before>\s(?P<name>href|src|action)=)(?P<quote>["'])(?P<url>[^"']*)(?P=quote)""")
FORM = re.compile(r"<form\b[^>]*>")
LIVE_PREFIXES = ("/search/", "/corrections/", "/api/v1/search/", "/api/v1/docs/", "/api/v1/redoc/",
                 "/api/v1/schema/", "/healthz")  # fmt: skip
CONTENT_INDEX = {"text/html": "index.html", "application/json": "index.json"}
PAGE = re.compile(r"^(?P<path>.*?)page/(?P<number>\d+)/$")


def live_prefixes():
    return (*LIVE_PREFIXES, f"/{settings.ADMIN_PATH}/")


def split(url, base="/"):
    """An internal URL's (path, query pairs, fragment), or None for another site's URL; a link of only a query
    string (`?page=2`) is relative to the page's own path, `base`."""
    if url.startswith("?"):
        url = base + url
    if url.startswith(ORIGIN):
        url = url[len(ORIGIN) :] or "/"
    if not url.startswith("/") or url.startswith("//"):
        return None
    parts = urlsplit(url)
    return parts.path, parse_qsl(parts.query, keep_blank_values=True), parts.fragment


def needs_server(path, query):
    if path.startswith(live_prefixes()):
        return True
    return any(name != "page" for name, _ in query)


def static_path(path, query):
    """The mirror's path of an internal URL that needs no server: `?page=N` (N > 1) becomes `page/N/`."""
    page = dict(query).get("page")
    if page and page != "1" and path.endswith("/"):
        return f"{path}page/{page}/"
    return path


def rewrite_html(html, page_path, live_origin=""):
    """The page as the mirror serves it: pagination as paths, what needs the server at the live origin (or marked),
    absolute links to this site root-relative. The same function the tests apply to the live page."""

    def attribute(match):
        url = match["url"]
        parts = split(url, page_path)
        if parts is None:
            return match.group(0)
        path, query, fragment = parts
        anchor = f"#{fragment}" if fragment else ""
        if match["name"] == "action" or needs_server(path, query):
            if not live_origin:
                return f"{match['before']}{match['quote']}{url}{match['quote']} data-needs-server"
            local = url[len(ORIGIN) :] if url.startswith(ORIGIN) else url
            local = page_path + local if local.startswith("?") else local
            return f"{match['before']}{match['quote']}{live_origin}{local}{match['quote']}"
        if not path.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/"):
            path = static_path(path, query)
        return f"{match['before']}{match['quote']}{path}{anchor}{match['quote']}"

    def form(match):
        tag = match.group(0)
        if " action=" in tag:
            return tag
        # A form without an action submits to its own page, with a query string: the live page answers it.
        if live_origin:
            return tag[:-1] + f' action="{live_origin}{page_path}">'
        return tag[:-1] + " data-needs-server>"

    return ATTRIBUTE.sub(attribute, FORM.sub(form, html))


def rewrite_data(text, live_origin=""):
    """JSON, feeds, the sitemap: a list's next/previous page is the mirror's path; other absolute URLs of this site
    name the live origin (or become root-relative without one)."""

    def page_link(match):
        parts = split(match["url"])
        path, query, _ = parts
        if needs_server(path, query):
            return match.group(0).replace(ORIGIN, live_origin)
        return f'"{match["key"]}": "{static_path(path, query)}"'

    text = re.sub(r'"(?P<key>next|previous)": ?"(?P<url>http://testserver[^"]*)"', page_link, text)
    return text.replace(ORIGIN, live_origin)


class Command(BaseCommand):
    help = "Write the public site as static files (pages, feeds, sitemap, API lists, dataset, static assets)."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument(
            "--live-origin",
            default=os.environ.get("LIVE_ORIGIN", ""),
            help="where pages that need the server live, e.g. https://ngomonitor.example.org (default: $LIVE_ORIGIN)",
        )

    def handle(self, *args, directory, live_origin, **options):
        self.root = Path(directory).resolve()
        self.live_origin = live_origin.rstrip("/")
        if self.live_origin and not re.match(r"^https?://[^/]+$", self.live_origin):
            raise CommandError("--live-origin takes an origin such as https://ngomonitor.example.org")
        self.root.mkdir(parents=True, exist_ok=True)
        self.verbosity = options["verbosity"]
        self.started = time.perf_counter()
        self.written = 0
        self.manifest = {}
        self.client = Client()  # anonymous
        overrides = override_settings(
            ALLOWED_HOSTS=["testserver"], RESPONSE_CACHE=False, SECURE_SSL_REDIRECT=False
        )  # fmt: skip
        allow = (
            throttling.SettingsRateMixin.allow_request
            if hasattr(throttling.SettingsRateMixin, "allow_request")
            else None
        )  # noqa: E501
        with overrides:
            throttling.SettingsRateMixin.allow_request = lambda self, request, view: True  # an export is no reader
            try:
                self.crawl()
            finally:
                if allow is None:
                    del throttling.SettingsRateMixin.allow_request
                else:
                    throttling.SettingsRateMixin.allow_request = allow
        self.copy_static()
        (self.root / "export-manifest.json").write_text(json.dumps(self.manifest, indent=1, sort_keys=True))
        self.progress(force=True)
        self.stdout.write(f"Exported {len(self.manifest)} URLs to {self.root}")

    def progress(self, force=False):
        if self.verbosity and (force or self.written % 100 == 0):
            self.stdout.write(f"Wrote {self.written} files… ({time.perf_counter() - self.started:.1f}s)")

    # ------------------------------------------------------------------------------------------------ crawling

    def crawl(self):
        queue = ["/", "/robots.txt", "/sitemap.xml", "/api/v1/", "/api/v1/dataset.zip"]
        seen = set(queue)

        def enqueue(url, base="/"):
            parts = split(url, base)
            if parts is None:
                return
            path, query, _ = parts
            if path.startswith("/static/") or needs_server(path, query):
                return
            page = dict(query).get("page")
            key = f"{path}?page={page}" if page and page != "1" else path
            if key not in seen:
                seen.add(key)
                queue.append(key)

        while queue:
            url = queue.pop(0)
            response = self.client.get(url)
            if response.status_code != 200:
                if self.verbosity > 1:
                    self.stdout.write(f"skipped {url}: {response.status_code}")
                continue
            content_type = response.headers.get("Content-Type", "").split(";")[0]
            body = response.content
            path, query, _ = split(url)
            if content_type == "text/html":
                html = body.decode()
                for match in ATTRIBUTE.finditer(html):
                    if match["name"] != "action":
                        enqueue(match["url"], path)
                body = rewrite_html(html, path, self.live_origin).encode()
            elif content_type in ("application/json", "application/xml", "application/atom+xml", "text/xml"):
                text = body.decode()
                for found in re.findall(r"<loc>([^<]+)</loc>|<link[^>]*href=\"([^\"]+)\"", text):
                    for link in found:
                        if link:
                            enqueue(link)
                if content_type == "application/json":
                    self.follow_json(json.loads(text), path, enqueue)
                body = rewrite_data(text, self.live_origin).encode()
            self.write(static_path(path, query), content_type, body, url)

    def follow_json(self, data, path, enqueue):
        """The API's root lists its resources; a list names its next page; the countries list its profiles."""
        if path == "/api/v1/" and isinstance(data, dict):
            for value in data.values():
                if isinstance(value, str) and value.startswith(ORIGIN):
                    parts = split(value)
                    if parts and not needs_server(parts[0], parts[1]):
                        enqueue(parts[0])  # a list, without its example filters
        if isinstance(data, dict) and "results" in data:
            if data.get("next"):
                enqueue(data["next"])
            if path == "/api/v1/countries/":
                for country in data["results"]:
                    code = country.get("code") or country.get("iso2")
                    if code:
                        enqueue(f"/api/v1/countries/{code.lower()}/profile/")

    def write(self, path, content_type, body, url):
        relative = path.lstrip("/")
        if path.endswith("/"):
            name = CONTENT_INDEX.get(content_type, "index.xml" if "xml" in content_type else "index.html")
            target = self.root / relative / name
        else:
            target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        self.manifest[url] = str(target.relative_to(self.root))
        self.written += 1
        self.progress()

    # ------------------------------------------------------------------------------------------------ static

    def copy_static(self):
        """collectstatic's output when there is one (hashed names under DEBUG=0), else every finder's files."""
        target = self.root / settings.STATIC_URL.strip("/")
        static_root = Path(settings.STATIC_ROOT) if settings.STATIC_ROOT else None
        if static_root and static_root.is_dir() and any(static_root.iterdir()):
            shutil.copytree(static_root, target, dirs_exist_ok=True)
            self.written += sum(1 for p in target.rglob("*") if p.is_file())
            return
        for finder in finders.get_finders():
            for name, storage in finder.list([]):
                destination = target / name
                if destination.exists():
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                with storage.open(name) as source:
                    destination.write_bytes(source.read())
                self.written += 1
                self.progress()


def sitemap_urls(xml):
    return [loc.text for loc in ElementTree.fromstring(xml).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
