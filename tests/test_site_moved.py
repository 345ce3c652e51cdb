"""A record's old address keeps working after an editor changes its slug (or an article's number): it redirects
(301) to the record's page. Reports and court filings cite these addresses."""

import pytest

from core.choices import Status
from tests.factories import (
    ConstitutionalArticleFactory,
    CountryFactory,
    LawFactory,
    NewsItemFactory,
    RankingIndexFactory,
    TreatyFactory,
)
from tests.test_api_writes import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return token_client("change_law", "change_constitutionalarticle", "change_newsitem", "change_treaty")


def test_a_law_whose_slug_changed_redirects_from_its_old_address(client, api, editoria, law):
    old = law.get_absolute_url()
    assert api.patch(f"/api/v1/laws/{law.pk}/", {"slug": "pa-law-2016"}, format="json").status_code == 200
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/countries/xe/laws/pa-law-2016/"
    assert client.get(response["Location"]).status_code == 200
    # twice renamed: both old addresses lead to the page, and the query string goes along
    api.patch(f"/api/v1/laws/{law.pk}/", {"slug": "pa-law-2024"}, format="json")
    assert client.get(old + "?from=footnote")["Location"] == "/countries/xe/laws/pa-law-2024/?from=footnote"
    assert client.get("/countries/xe/laws/pa-law-2016/")["Location"] == "/countries/xe/laws/pa-law-2024/"


def test_an_article_and_a_news_item_and_a_treaty_redirect_too(client, api, editoria):
    article = ConstitutionalArticleFactory(country=editoria, number="23")
    news = NewsItemFactory(country=editoria, slug="rally-ban")
    treaty = TreatyFactory(slug="editoria-pact")
    api.patch(f"/api/v1/constitutional-articles/{article.pk}/", {"number": "23-1"}, format="json")
    api.patch(f"/api/v1/news/{news.pk}/", {"slug": "rally-ban-2022"}, format="json")
    api.patch(f"/api/v1/treaties/{treaty.pk}/", {"slug": "editoria-pact-1999"}, format="json")
    assert client.get("/countries/xe/constitution/articles/23/")["Location"].endswith("/articles/23-1/")
    assert client.get("/countries/xe/news/rally-ban/")["Location"].endswith("/news/rally-ban-2022/")
    assert client.get("/treaties/editoria-pact/")["Location"] == "/treaties/editoria-pact-1999/"


def test_an_old_address_leads_nowhere_the_public_may_not_go(client, api, editoria, law, django_assert_num_queries):
    """No redirect to a draft, to a deleted record, or from another country's address."""
    old = law.get_absolute_url()
    api.patch(f"/api/v1/laws/{law.pk}/", {"slug": "renamed"}, format="json")
    other = CountryFactory(iso2="XO", iso3="XOX", with_profile=True)
    # another country's versions are not even candidates: no third query for Editoria's law
    with django_assert_num_queries(2):
        assert client.get(f"/countries/{other.iso2.lower()}/laws/pa-law/").status_code == 404
    api.patch(f"/api/v1/laws/{law.pk}/", {"publication_status": Status.DRAFT}, format="json")
    assert client.get(old).status_code == 404
    api.patch(f"/api/v1/laws/{law.pk}/", {"publication_status": Status.PUBLISHED}, format="json")
    assert client.get(old).status_code == 301
    law.delete()
    assert client.get(old).status_code == 404
    assert client.get("/countries/xe/laws/never-was/").status_code == 404


def test_a_slug_taken_by_another_record_is_that_records_address(client, api, editoria, law):
    """The address belongs to whichever record holds the slug now; only a free one redirects."""
    api.patch(f"/api/v1/laws/{law.pk}/", {"slug": "pa-law-old"}, format="json")
    newer = LawFactory(country=editoria, slug="pa-law", title="Law on Public Associations (2024)")
    response = client.get("/countries/xe/laws/pa-law/")
    assert response.status_code == 200 and response.context["object"] == newer
    # the newer law gives the slug up too: the record that held it last is the one the address meant
    api.patch(f"/api/v1/laws/{newer.pk}/", {"slug": "pa-law-2024"}, format="json")
    assert client.get("/countries/xe/laws/pa-law/")["Location"] == "/countries/xe/laws/pa-law-2024/"


def test_a_slug_held_only_as_a_draft_never_becomes_an_address(client, api, editoria):
    """A draft's working title was never public: its slug must not answer with the published record's address."""
    draft = LawFactory(country=editoria, slug="secret-working-title", publication_status=Status.DRAFT)
    api.patch(f"/api/v1/laws/{draft.pk}/", {"slug": "public-title"}, format="json")
    api.patch(f"/api/v1/laws/{draft.pk}/", {"publication_status": Status.PUBLISHED}, format="json")
    assert client.get("/countries/xe/laws/public-title/").status_code == 200
    assert client.get("/countries/xe/laws/secret-working-title/").status_code == 404


def test_an_address_nothing_had_costs_one_query_more_than_a_page_found(client, django_assert_num_queries, editoria):
    LawFactory(country=editoria, slug="plain")
    with django_assert_num_queries(2):  # the record, then its published versions that had the key
        assert client.get("/countries/xe/laws/missing/").status_code == 404


@pytest.mark.parametrize(
    "url, target",
    [
        ("/countries/editoria/", "/countries/xe/"),
        ("/countries/Editoria/laws/?kind=law", "/countries/xe/laws/?kind=law"),
        ("/countries/editoria/laws/pa-law/", "/countries/xe/laws/pa-law/"),
        ("/countries/xe/constitution/", "/countries/xe/constitution/articles/"),
        # one hop, not two: the name's redirect goes where the constitution's would
        ("/countries/editoria/constitution/?q=1", "/countries/xe/constitution/articles/?q=1"),
        ("/countries/XE/constitution/", "/countries/xe/constitution/articles/"),
    ],
)
def test_the_addresses_a_reader_guesses_lead_to_the_page(client, editoria, law, url, target):
    """A reader typing the country's name, or "constitution", got a 404."""
    response = client.get(url)
    assert response.status_code == 301 and response["Location"] == target
    assert client.get(target).status_code == 200


def test_a_name_no_published_country_has_is_still_a_404(client, editoria):
    CountryFactory(iso2="XD", iso3="XDX", name="Draftland", publication_status=Status.DRAFT)
    for url in ("/countries/draftland/", "/countries/atlantis/", "/api/v1/countries/editoria/"):
        assert client.get(url).status_code == 404, url
    # a code no published country has: the 404 is at the address typed, not after a redirect to a page that is one
    for url in ("/countries/xd/constitution/", "/countries/zz/constitution/"):
        assert client.get(url).status_code == 404, url


def test_a_records_address_trimmed_to_its_collection_lists_the_collection(client, editoria):
    """`/treaties/iccpr/` trimmed to `/treaties/` (and `/rankings/...` to `/rankings/`) was a 404: each lists every
    published record, and each record's page leads back to it."""
    published = TreatyFactory(slug="open-pact", name="Open Pact")
    TreatyFactory(slug="draft-pact", name="Draft Pact", publication_status=Status.DRAFT)
    page = client.get("/treaties/").content.decode()
    assert published.get_absolute_url() in page and "Draft Pact" not in page
    assert 'href="/treaties/"' in client.get(published.get_absolute_url()).content.decode()
    index = RankingIndexFactory(slug="open-index", name="Open Index")
    RankingIndexFactory(slug="draft-index", name="Draft Index", publication_status=Status.DRAFT)
    page = client.get("/rankings/").content.decode()
    assert index.get_absolute_url() in page and "Draft Index" not in page
    assert 'href="/rankings/"' in client.get(index.get_absolute_url()).content.decode()
