"""Drafts never leak: a record moved back to draft disappears from every public surface, and stays in admin.

Every content model of the seeded profile gets one record turned into a draft whose text fields carry a
marker; then the public site is walked from its entry points, following links in HTML, URLs in API JSON,
sitemap and feed entries: the pages (profile, lists, details, timeline, what changed), the API (root, lists,
details, the country profile, every list as CSV), the Atom feeds, the sitemap, search (pages and API, for
each draft's own words) and the dataset archive (every file in it). No response may contain a marker or fail
with a 500; each draft's page and API detail is a 404; admin still shows it.
"""

import io
import re
import zipfile
from collections import deque
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import NoReverseMatch

from core.api.fields import api_detail_url
from core.choices import Status
from editorial.content import content_models, country_lookup
from tests.factories import CountryFactory, LawFactory

pytestmark = pytest.mark.django_db

ENTRY_POINTS = [
    "/",
    "/countries/kz/",
    "/countries/kz/changes/",
    "/countries/kz/changes/feed/",
    "/sitemap.xml",
    "/news/feed/",
    "/api/v1/",
    "/api/v1/countries/kz/profile/",
    "/search/?q=law",
    "/api/v1/search/?q=law",
]
# Query parameters worth following (pages of a list, formats); filters would multiply the walk endlessly.
FOLLOWED_PARAMETERS = {"page", "cursor", "format", "q"}
NOT_PUBLIC = ("/admin/", "/corrections/", "/static/", "/api/v1/docs", "/api/v1/schema", "/api/v1/redoc")
MAX_PAGES = 1500
LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)|<loc>([^<]+)</loc>|"(https?://testserver/[^"]+|/[a-z][^"\s]*)\"""")


def search_word(model):
    """A word only this model's draft contains: what the walk searches for."""
    return f"ZQX{content_models().index(model):02d}DRAFT"


def marker(model):
    """A second word only this draft contains: what the walk looks for (never in a URL or a query echo)."""
    return f"ZQY{content_models().index(model):02d}DRAFT"


def text_fields(model):
    return [
        field
        for field in model._meta.fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField | models.URLField | models.EmailField)
        and not field.choices
        and not field.unique
        and (field.max_length is None or field.max_length >= 30)
    ]


def make_drafts():
    """One seeded record of each content model (other than the country itself) becomes a marked draft."""
    drafts = {}
    # Sub-records first (a sub-score before its ranking): a draft parent hides its children from published().
    for model in sorted(content_models(), key=lambda model: -(country_lookup(model) or "").count("__")):
        if model._meta.label == "countries.Country":
            continue
        record = model.objects.published().order_by("pk").last()
        assert record is not None, f"the seeded profile has no published {model._meta.verbose_name}"
        url = record.get_absolute_url()
        for field in text_fields(model):
            setattr(record, field.name, f"{search_word(model)} {marker(model)}")
        record.publication_status = Status.DRAFT
        record.save()
        drafts[model] = (record, url)
    return drafts


def links(url, response):
    content_type = response.get("Content-Type", "")
    if "zip" in content_type:
        return []
    text = response.content.decode("utf-8", "replace")
    found = []
    for groups in LINK.findall(text):
        link = next(group for group in groups if group).replace("\\/", "/").replace("&amp;", "&")
        parts = urlsplit(link)
        if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(NOT_PUBLIC) or parts.path.endswith((".css", ".js", ".svg", ".png", ".ico")):
            continue
        query = [(k, v) for k, v in parse_qsl(parts.query) if k in FOLLOWED_PARAMETERS]
        found.append(parts.path + (f"?{urlencode(sorted(query))}" if query else ""))
    return found


def bodies(response):
    """Every text a response carries, including the files inside a dataset archive."""
    if "zip" in response.get("Content-Type", ""):
        content = b"".join(response.streaming_content) if response.streaming else response.content
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return [content.decode("utf-8", "replace")]


def walk(client, entry_points):
    seen, queue = set(), deque(entry_points)
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, HTTP_ACCEPT="text/html,application/json,application/xml,*/*")
        yield url, response
        if response.status_code == 200 and not response.streaming:
            queue.extend(link for link in links(url, response) if link not in seen)
            if is_api_list(url, response):  # the same list as CSV, which no page links to
                queue.append(f"{urlsplit(url).path}?format=csv&page_size=100")


def is_api_list(url, response):
    return (
        "format=" not in url
        and response.get("Content-Type", "").startswith("application/json")
        and b'"results"' in response.content
    )


# Records the API shows only inside others (the country profile, a ranking, an indicator): no URL of their own.
NO_API_DETAIL = {
    "countries.CountryProfile",
    "countries.AtAGlanceRow",
    "countries.Section",
    "laws.LawListEntry",
    "rankings.RankingSubScore",
    "rankings.IndicatorBreakdown",
}


def searches(model):
    """Search for the draft's own text, on the site and in the API: an index that kept it would show it."""
    return [f"/search/?q={search_word(model)}", f"/api/v1/search/?q={search_word(model)}"]


def test_a_draft_is_absent_from_every_public_surface_and_present_in_admin(client):
    drafts = make_drafts()
    markers = {marker(model).lower(): model for model in drafts}
    entry_points = ENTRY_POINTS + [url for model in drafts for url in searches(model)]

    leaks, errors, visited = [], [], 0
    for url, response in walk(client, entry_points):
        visited += 1
        if response.status_code >= 500 or (url in entry_points and response.status_code != 200):
            errors.append((url, response.status_code))
        for body in bodies(response):
            lowered = body.lower()
            leaks += [(url, model._meta.label) for text, model in markers.items() if text in lowered]
    assert visited > 3
    assert not errors, f"errors (or entry points that do not answer) on {errors}"
    assert not leaks, f"drafts leaked: {leaks}"

    for model, (record, url) in drafts.items():
        # A record with a page of its own loses it; one shown in a section of the profile (its URL has an
        # anchor, like the profile's own URL, its country's) simply disappears from that section.
        if "#" not in url and model._meta.label != "countries.CountryProfile":
            assert client.get(url).status_code == 404, f"the draft {model._meta.label} page {url} is public"
        if model._meta.label in NO_API_DETAIL:
            with pytest.raises(NoReverseMatch):
                api_detail_url(record)
        else:
            api_url = api_detail_url(record)
            assert client.get(api_url).status_code == 404, f"the draft {model._meta.label} is public at {api_url}"

    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    for model, (record, _) in drafts.items():
        opts = model._meta
        page = client.get(f"/admin/{opts.app_label}/{opts.model_name}/{record.pk}/change/")
        assert page.status_code == 200 and marker(model) in page.content.decode()


def test_a_draft_country_hides_its_whole_profile(client):
    country = CountryFactory(iso2="XD", name="Draftland", publication_status=Status.DRAFT, with_profile=True)
    law = LawFactory(country=country, title="Law of Draftland")
    for url in ("/countries/xd/", law.get_absolute_url(), "/countries/xd/changes/", "/countries/xd/changes/feed/"):
        assert client.get(url).status_code == 404, url
    assert "Draftland" not in client.get("/").content.decode()


def test_the_walk_itself_finds_records_and_would_see_a_leak(client):
    """Guard against a walk that sees nothing: a published record's text is found by the same walk."""
    publicland = CountryFactory(iso2="XP", name="Publicland", with_profile=True)
    law = LawFactory(country=publicland, title="ZQXVISIBLEPROBE ZQYVISIBLEPROBE law")
    entry_points = ["/countries/xp/changes/", law.get_absolute_url(), "/search/?q=ZQXVISIBLEPROBE"]
    found = {
        url
        for url, response in walk(client, entry_points)
        if any("zqyvisibleprobe" in body.lower() for body in bodies(response))
    }
    assert law.get_absolute_url() in found
    assert "/search/?q=ZQXVISIBLEPROBE" in found  # search finds published text
