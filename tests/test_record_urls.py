"""Every public record has one URL, and it leads to the record: its own page, or the element of its country's
profile that shows it. The API's `html_url`, search hits, feeds, the sitemap and the timeline all use that URL
(`get_absolute_url`), so checking it once for every record of the seeded profile checks them all.
"""

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from editorial.content import content_models

pytestmark = pytest.mark.django_db

# The words the page shows for a record: the first of these attributes it has (a sub-record's parent name
# counts too, since the page may show a ranking's sub-score under its index's name).
NAMING_ATTRIBUTES = ("title", "name", "label", "term", "metric", "printed_text")
PARENT_NAMES = {"rankings.Ranking": lambda r: r.index.name, "laws.TreatyStatus": lambda r: r.treaty.name}


def words(text):
    return re.sub(r"\s+", " ", html.unescape(text)).strip().casefold()


def names_of(record):
    names = [getattr(record, attribute) for attribute in NAMING_ATTRIBUTES if getattr(record, attribute, "")]
    parent = PARENT_NAMES.get(record._meta.label)
    if parent:
        names.append(parent(record))
    if record._meta.label == "laws.ConstitutionalArticle":
        names.append(f"Article {record.number}")
    return [words(str(name)) for name in names] or [words(str(record))]


class ElementText(HTMLParser):
    """The text inside the element with a given id (or inside <main> when no id is given)."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base", "embed"}

    def __init__(self, element_id):
        super().__init__(convert_charrefs=True)
        self.element_id, self.depth, self.parts, self.found = element_id, 0, [], False

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if self.depth:
            self.depth += 1
        elif (self.element_id and dict(attrs).get("id") == self.element_id) or (not self.element_id and tag == "main"):
            self.depth, self.found = 1, True

    def handle_endtag(self, tag):
        if self.depth and tag not in self.VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)

    @classmethod
    def of(cls, page, element_id):
        parser = cls(element_id)
        parser.feed(page)
        return words(" ".join(parser.parts)) if parser.found else None


def public_records():
    for model in content_models():
        yield from model.objects.published().for_link().order_by("pk")


def url_problems(client, records):
    """For each record whose URL does not answer, or whose anchor is missing or does not name it, a line."""
    pages, problems = {}, []
    for record in records:
        url = record.get_absolute_url()
        parts = urlsplit(url)
        if parts.path not in pages:
            response = client.get(parts.path)
            pages[parts.path] = response.content.decode() if response.status_code == 200 else None
        page = pages[parts.path]
        label = f"{record._meta.label} {record.pk} at {url}"
        if page is None:
            problems.append(f"{label}: the page does not answer 200")
            continue
        text = ElementText.of(page, parts.fragment)
        if text is None:
            problems.append(f"{label}: no element with id {parts.fragment!r}")
        elif not any(name in text for name in names_of(record)):
            problems.append(f"{label}: the element does not name it ({names_of(record)[0][:60]!r})")
    return problems


def test_every_public_record_leads_to_a_page_or_a_section_that_names_it(client):
    records = list(public_records())
    assert len(records) > 350  # the seeded Kazakhstan profile: every kind of record, hundreds of them
    problems = url_problems(client, records)
    assert not problems, "\n".join(problems)


def test_a_record_pointed_at_the_wrong_section_is_caught(client, monkeypatch):
    """The check can fail: tax provisions sent to the treaties section (as the API once sent legal definitions
    to the laws section) are reported, and so is an anchor the page does not have."""
    from countries.models import SectionKind, section_url
    from organizations.models import TaxProvision

    provisions = list(TaxProvision.objects.published().for_link())
    monkeypatch.setattr(TaxProvision, "get_absolute_url", lambda self: section_url(self.country, SectionKind.TREATIES))
    assert len(url_problems(client, provisions)) == len(provisions) > 0
    monkeypatch.setattr(TaxProvision, "get_absolute_url", lambda self: f"{self.country.get_absolute_url()}#nowhere")
    assert all("no element with id 'nowhere'" in line for line in url_problems(client, provisions))


@pytest.mark.parametrize(
    "asked,canonical",
    [
        ("/countries/KZ/", "/countries/kz/"),
        ("/countries/Kz/laws/?kind=law&page=1", "/countries/kz/laws/?kind=law&page=1"),
        ("/countries/KZ/report/barriers/", "/countries/kz/report/barriers/"),
        ("/countries/kZ/news/feed/", "/countries/kz/news/feed/"),
    ],
)
def test_a_page_asked_for_with_a_capital_country_code_redirects_to_its_one_address(client, asked, canonical):
    response = client.get(asked)
    assert response.status_code == 301 and response["Location"] == canonical
    assert client.get(canonical).status_code == 200


def test_the_api_and_forms_take_a_country_code_in_any_case(client):
    assert client.get("/api/v1/countries/KZ/").status_code == 200
    assert client.get("/api/v1/countries/kZ/profile/").status_code == 200
    assert client.post("/countries/KZ/").status_code != 301  # a POST is not redirected (it would lose its body)
    # only a possible country code is redirected; anything else is the page's own 404, as before
    for path in ("/countries/KZX/", "/countries/K%C4%B0/", "/countries/DROP%20TABLE/", "/countries/%E2%84%AAZ/"):
        assert client.get(path).status_code == 404, path
