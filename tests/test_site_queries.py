"""Every public page costs a fixed number of SQL queries, whatever the size of the country's profile.

Each page is measured on a synthetic country (every kind of record present, see `tests.factories.build_profile`)
at two sizes: one record of each kind, then four. The count must be the same and equal to the documented figure.
The tests only read, so each size is built once for the module (`shared_synthetic_profile`), not once per test.
"""

import pytest

from tests.factories import CountryFactory, RankingFactory
from tests.seed import seeded

pytestmark = pytest.mark.django_db

# Page -> queries. A change here is a deliberate decision, not a side effect.
PAGES = {
    "/": 4,  # count of countries, the most recently updated, their headline rankings, latest news
    "/countries/": 4,  # count, a page of countries, their headline rankings, the regions to filter by
    "/about/": 0,
    "/robots.txt": 0,
    # country, report, ratings (+ sub-scores), at a glance, codebook answers in force (+ their citations), 5 kinds of
    # recent change (laws, amendments, initiatives, rules coming into force, news)
    "/countries/zz/": 13,  # the key parameters link each category to its barrier
    "/countries/zz/report/": 27,  # every section: 2 + one or two per part shown (see ngomonitor.report)
    "/countries/zz/report/overview/": 4,  # country, passages, all figures (the series', and the section's), the report
    "/countries/zz/report/barriers/": 9,  # + barriers, their cited laws, articles, figures; the report, the rules
    "/countries/zz/report/laws/": 5,  # + list entries, other laws
    "/countries/zz/report/public-benefit/": 5,  # + definitions, tax provisions
    "/countries/zz/timeline/": 8,
    "/countries/zz/timeline/?kind=law&kind=news": 3,
    "/countries/zz/laws/": 3,
    "/countries/zz/laws/?kind=law&sort=-adopted": 3,
    "/countries/zz/laws/law-1/": 15,  # + the codebook answers citing it
    "/countries/zz/constitution/articles/": 3,
    "/countries/zz/constitution/articles/11/": 6,  # + the codebook rules citing it
    "/countries/zz/initiatives/": 4,
    "/countries/zz/initiatives/initiative-1/": 3,
    "/countries/zz/treaties/": 4,  # + the treaties the filter offers by name
    "/treaties/test-treaty-1/": 2,
    "/treaties/": 1,
    "/countries/zz/barriers/": 6,  # + the laws and the articles the filters offer by name
    "/countries/zz/barriers/barrier-1/": 7,  # + the parts of a category the report splits, the rules on it
    "/countries/zz/organizational-forms/": 3,
    "/countries/zz/organizational-forms/form-1/": 1,
    "/countries/zz/news/": 4,
    "/countries/zz/news/?language=ru": 4,
    "/countries/zz/news/news-1-en/": 4,
    "/countries/zz/news/feed/": 2,
    "/news/feed/": 1,
    "/news/": 2,
    "/sitemap.xml": 19,  # 1 for the countries, then 2 (count, rows) per kind of record page
    "/rankings/test-fragility/": 3,
    "/rankings/": 1,
    "/codebook/": 3,  # the reports' dates, questions, answers (every period, with question and country)
    "/codebook/?category=entry&as_of=2020-01-01": 3,
    "/codebook/test_question_1/": 3,  # question, its answers, their citations (with laws)
    "/compare/?countries=zz&as_of=2020-01-01": 5,  # codes covered, countries, reports' dates, questions, answers
    "/compare/": 4,  # codes covered, reports' dates, questions, answers in force
}


@pytest.mark.parametrize("shared_synthetic_profile", [1, 4], indirect=True, ids=["size 1", "size 4"])
@pytest.mark.parametrize("url", PAGES)
def test_a_page_costs_a_fixed_number_of_queries_at_two_data_sizes(
    client, django_assert_num_queries, shared_synthetic_profile, url
):
    with django_assert_num_queries(PAGES[url]):
        response = client.get(url)
    assert response.status_code == 200


LIST_PAGES = [
    "/countries/zz/laws/",
    "/countries/zz/laws/?kind=law&sort=-adopted",
    "/countries/zz/constitution/articles/",
    "/countries/zz/initiatives/",
    "/countries/zz/treaties/",
    "/countries/zz/barriers/",
    "/countries/zz/organizational-forms/",
    "/countries/zz/news/",
    "/countries/zz/news/?language=ru",
]


@pytest.mark.parametrize("shared_synthetic_profile", [30], indirect=True, ids=["size 30"])  # more than a page
@pytest.mark.parametrize("url", LIST_PAGES)
def test_a_long_paginated_list_costs_the_same_as_a_short_one(
    client, django_assert_num_queries, shared_synthetic_profile, url
):
    with django_assert_num_queries(PAGES[url]):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["paginator"].count >= 30


# The seeded Kazakhstan profile costs the same as the synthetic one, page for page. The profile prefetches the
# citations of the codebook's answers only when there are answers: one query less until the country has some.
SEEDED_PAGES = {
    "/countries/kz/": PAGES["/countries/zz/"] - (not seeded("codebook.answer", country="KZ")),
    "/countries/kz/report/": PAGES["/countries/zz/report/"],
    "/countries/kz/report/barriers/": PAGES["/countries/zz/report/barriers/"],
    "/countries/kz/timeline/": PAGES["/countries/zz/timeline/"],
    "/countries/kz/laws/": PAGES["/countries/zz/laws/"],
    "/countries/kz/laws/law-on-peaceful-assemblies/": PAGES["/countries/zz/laws/law-1/"],
    "/countries/kz/constitution/articles/32/": PAGES["/countries/zz/constitution/articles/11/"],
    "/countries/kz/barriers/assembly/": PAGES["/countries/zz/barriers/barrier-1/"],
    "/countries/kz/news/?language=ru": PAGES["/countries/zz/news/?language=ru"],
}


@pytest.mark.parametrize("url", SEEDED_PAGES)
def test_the_seeded_profile_pages_cost_the_same(client, django_assert_num_queries, url):
    with django_assert_num_queries(SEEDED_PAGES[url]):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("url", ["/", "/countries/"])
def test_the_country_tables_cost_the_same_with_one_country_or_twenty(client, django_assert_num_queries, url):
    """The home page's recent countries and the countries list: a count, a page of rows, their headline rankings
    (and the list's regions), whatever the number of countries and rankings."""
    with django_assert_num_queries(PAGES[url]):
        assert client.get(url).status_code == 200
    for n in range(20):
        country = CountryFactory(with_profile=True, region=f"Region {n % 3}")
        RankingFactory(country=country, status_text="Partly free")
        RankingFactory(country=country, status_text="")
    with django_assert_num_queries(PAGES[url]):
        response = client.get(url)
    assert len(response.context["countries"]) >= 12
    assert any(country.status_rankings for country in response.context["countries"])
