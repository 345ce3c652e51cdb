"""Every API list, the profile and the dataset download cost a fixed number of SQL queries, whatever the size."""

import copy
import pickle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from codebook.models import Answer, Citation
from core.choices import Status
from core.querysets import knowing
from countries.models import Barrier, Country
from laws.models import Law, LegalDefinition
from ngomonitor.profile import LINKED_PARTS, country_profile
from ngomonitor.registry import PROFILE_ENTRIES
from rankings.models import KeyIndicator, Ranking
from tests.api_support import RESOURCES, list_url
from tests.factories import (
    AnswerFactory,
    BarrierFactory,
    CitationFactory,
    CountryFactory,
    LawFactory,
    LegalDefinitionFactory,
    QuestionFactory,
    build_profile,
)

pytestmark = pytest.mark.django_db

# Lists whose records are not country-scoped; the `country` filter selects those related to the country.
UNSCOPED = {"countries", "treaties", "ranking-indices"}


def measure(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return len(queries), response


@pytest.mark.parametrize("prefix,viewset", RESOURCES, ids=[p for p, _ in RESOURCES])
def test_list_costs_a_fixed_number_of_queries(client, prefix, viewset):
    country = CountryFactory(iso2="QR")
    params = {"page_size": 100} if prefix == "countries" else {"country": "QR", "page_size": 100}
    build_profile(country, 2)
    small, response = measure(client, list_url(viewset), params)
    small_count = response.json()["count"]

    build_profile(country, 10)
    if prefix == "countries":
        for _ in range(8):
            build_profile(CountryFactory(), 1)
    large, response = measure(client, list_url(viewset), params)
    assert response.json()["count"] > small_count
    assert large == small, f"{prefix}: {small} queries for {small_count} records, {large} for more"
    assert large <= 6, f"{prefix}: {large} queries"


def test_profile_costs_a_fixed_number_of_queries(client):
    country = CountryFactory(iso2="QS")
    build_profile(country, 1)
    small, _ = measure(client, "/api/v1/countries/qs/profile/", {})
    build_profile(country, 6)
    large, response = measure(client, "/api/v1/countries/qs/profile/", {})
    assert len(response.json()["laws"]) == 8
    assert large == small


def test_dataset_costs_a_fixed_number_of_queries(client):
    build_profile(CountryFactory(iso2="QT"), 1)
    small, _ = measure(client, "/api/v1/dataset.zip", {})
    build_profile(CountryFactory(iso2="QU"), 4)
    large, _ = measure(client, "/api/v1/dataset.zip", {})
    assert large == small


def test_a_public_list_counts_its_rows_from_an_index_not_the_table(client):
    """`published()` filters on the record's status and its country's: every country-scoped model indexes
    (country, publication_status), so that a list's count can read the index alone (20,000 laws on SQLite: 3.2 ms
    -> 0.9 ms). SQLite's plan is checked; PostgreSQL chooses by its statistics and visibility map (on a vacuumed
    table of 20,000 laws it reads the index only), so there the index itself is checked."""
    build_profile(CountryFactory(iso2="QV"), 2)
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "laws_law")
    assert constraints["law_cpub"]["columns"] == ["country_id", "publication_status"]
    if connection.vendor != "sqlite":
        return
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/laws/").status_code == 200
    (count,) = [query["sql"] for query in queries if "COUNT(*)" in query["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {count}")
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "COVERING INDEX law_cpub" in plan, plan


@pytest.mark.parametrize(
    "url,queries",
    [
        ("/api/v1/countries/", 2),  # count, page: a country names its collections by URL, no relation loaded
        ("/api/v1/countries/kz/", 1),
        ("/api/v1/countries/kz/profile/", 31),  # the country, the report, then each part (and its prefetches)
    ],
)
def test_the_country_resource_costs_what_it_documents(client, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_the_profile_names_laws_in_hand_and_others_as_the_lists_do(client):
    """The profile's parts take its laws and country as loaded once (`knowing`); a record naming a law it does not
    list (a draft, another country's) gets it from one more query, whatever their number, and reads as the
    resource's own list reads it: a draft as null, another country's law as a link."""
    country = CountryFactory(iso2="QW")
    build_profile(country, 1)
    draft = LawFactory(country=country, slug="draft-law", publication_status=Status.DRAFT)
    foreign = LawFactory(country=CountryFactory(iso2="QY"), slug="foreign-law", title="Foreign law")

    def add(n):
        LegalDefinitionFactory(country=country, law=draft, term=f"Draft term {n}")
        LegalDefinitionFactory(country=country, law=foreign, term=f"Foreign term {n}")
        answer = AnswerFactory(country=country, question=QuestionFactory(key=f"known_law_{n}"))
        CitationFactory(answer=answer, law=draft, order=1)
        CitationFactory(answer=answer, law=foreign, order=2)

    url = "/api/v1/countries/qw/profile/"
    base, _ = measure(client, url, {})
    add(1)
    small, _ = measure(client, url, {})
    add(2)
    add(3)
    large, response = measure(client, url, {})
    assert small == large <= base + 2  # the definitions' laws, the citations' laws: one query each
    profile = response.json()
    definitions = {row["term"]: row for row in profile["legal_definitions"]}
    assert definitions["Draft term 3"]["law"] is None
    assert definitions["Foreign term 3"]["law"]["title"] == "Foreign law"
    answers = [row for row in profile["codebook"] if row["question"].startswith("known_law_")]
    assert len(answers) == 3
    for row in answers:
        assert [cited["law"] and cited["law"]["id"] for cited in row["citations"]] == [None, foreign.pk]
    for part, resource in (("legal_definitions", "legal-definitions"), ("codebook", "answers")):
        listed = client.get(f"/api/v1/{resource}/", {"country": "QW", "page_size": 100}).json()["results"]
        assert sorted(profile[part], key=lambda row: row["id"]) == sorted(listed, key=lambda row: row["id"]), part


def test_a_profile_part_joins_no_copy_of_the_laws_it_names():
    """Each law a part names is the very record of the profile's laws part, and its country the profile's."""
    country = CountryFactory(iso2="QZ")
    build_profile(country, 2)
    records = country_profile(country)
    laws = {law.pk: law for law in records.for_api("laws")}
    named = 0
    for entry in PROFILE_ENTRIES:
        for row in records.for_api(entry.profile):
            for field in ("law", "constitution", "amending_law", "related_law", "added_by"):
                law = getattr(row, field, None) if hasattr(type(row), field) else None
                if isinstance(law, Law):
                    assert law is laws[law.pk], (entry.profile, field)
                    assert law.country is country
                    named += 1
    assert named >= 10


def test_a_parent_s_prefetched_rows_sort_as_their_model_without_joining_the_parent(client):
    """A citation sorts by (answer, order): within one answer's list that is "order" alone, without joining the
    answer (and its question and country) for its own ordering. Sub-scores and breakdowns, likewise."""
    prefetches = {
        "citations": Answer.objects.with_citations(),
        "subscores": Ranking.objects.for_api(),
        "breakdowns": KeyIndicator.objects.for_api(),
    }
    for name, queryset in prefetches.items():
        (lookup,) = [lookup for lookup in queryset._prefetch_related_lookups if lookup.prefetch_through == name]
        sql = str(lookup.queryset.query)
        order = sql[sql.index(" ORDER BY ") :]
        assert '"order" ASC' in order and "codebook_answer" not in sql.split(" WHERE ")[0], (name, order)
        # the model's ordering less its parent: "order" (and the slug that breaks ties between parts)
        assert order.count(",") == len(lookup.queryset.model._meta.ordering) - 2, (name, order)
    answer = AnswerFactory(country=CountryFactory(iso2="QQ"), question=QuestionFactory(key="sorted_citations"))
    for order in (3, 1, 2):
        CitationFactory(answer=answer, order=order, pinpoint=f"Article {order}")
    (row,) = client.get("/api/v1/answers/", {"country": "QQ"}).json()["results"]
    assert [cited["pinpoint"] for cited in row["citations"]] == ["Article 1", "Article 2", "Article 3"]


def test_links_to_the_profile_s_own_records_read_its_link_tables_and_say_what_the_lists_say(client):
    """A barrier's cited laws and a news item's laws are the profile's own: their links are read from the link
    tables and given the records in hand (`KnownMany`), in the laws' own order. A link to a record not in hand
    (a draft, another country's law) sends that relation back to the prefetch: the same answer as the lists',
    one query more, however many such links."""
    country = CountryFactory(iso2="QM")
    built = build_profile(country, 3)
    laws = sorted(built.laws[1:4], key=lambda law: law.order)
    barrier = BarrierFactory(country=country, slug="many-laws", title="Cites three laws")
    barrier.cited_laws.add(laws[2], laws[0], laws[1])
    url = "/api/v1/countries/qm/profile/"

    def barriers_as_listed():
        listed = client.get("/api/v1/barriers/", {"country": "QM", "page_size": 100}).json()["results"]
        return sorted(listed, key=lambda row: row["id"])

    def cited(profile, slug):
        (row,) = [row for row in profile["barriers"] if row["slug"] == slug]
        return [law["title"] for law in row["cited_laws"]]

    known, response = measure(client, url, {})
    profile = response.json()
    assert cited(profile, "many-laws") == [law.title for law in laws]  # the laws' order, not the links'
    assert sorted(profile["barriers"], key=lambda row: row["id"]) == barriers_as_listed()

    foreign = LawFactory(country=CountryFactory(iso2="QN"), slug="foreign", title="Foreign law")
    barrier.cited_laws.add(foreign)
    one, response = measure(client, url, {})
    for n in range(3):
        BarrierFactory(country=country, slug=f"foreign-{n}").cited_laws.add(foreign)
    more, response = measure(client, url, {})
    assert one == more == known + 1
    profile = response.json()
    assert cited(profile, "many-laws") == [law.title for law in laws] + ["Foreign law"]
    assert sorted(profile["barriers"], key=lambda row: row["id"]) == barriers_as_listed()


def test_a_link_read_from_the_link_table_still_filters_as_its_relation():
    """The relation a row is given is the relation's own QuerySet, its rows filled in: filtering it further reads
    that row's links, not every law."""
    country = CountryFactory(iso2="QK")
    built = build_profile(country, 2)
    barrier = BarrierFactory(country=country, slug="one-law")
    barrier.cited_laws.add(built.laws[1])
    records = country_profile(country)
    (row,) = [row for row in records.for_api("barriers") if row.slug == "one-law"]
    assert "cited_laws" in row._prefetched_objects_cache
    assert [law.pk for law in row.cited_laws.all()] == [built.laws[1].pk]
    assert row.cited_laws.all()[0] is next(law for law in records.for_api("laws") if law.pk == built.laws[1].pk)
    assert list(row.cited_laws.filter(publication_status=Status.PUBLISHED)) == [built.laws[1]]
    assert row.cited_laws.count() == 1
    # barrier-1 also cites a draft law: a further filter reads its published links only, as the prefetch would
    (first,) = [row for row in records.for_api("barriers") if row.pk == built.barriers[0].pk]
    assert built.draft_law.pk in set(built.barriers[0].cited_laws.values_list("pk", flat=True))
    assert built.draft_law.pk not in set(first.cited_laws.exclude(pk=0).values_list("pk", flat=True))
    assert built.draft_law not in list(first.cited_laws.all())


def test_a_queryset_given_records_in_hand_keeps_its_other_lookups_and_its_promises():
    """A foreign key the shape prefetches through stays joined (Django prefetches through the rows it fetched, and the
    prefetch filling a key not in hand clashed with the shape's: "lookup was already seen with a different
    queryset"); a QuerySet given records in hand refuses to be
    streamed (its links are filled once the rows are read whole), pickles without running its prefetches' queries,
    and `prefetch_related(None)` drops its link tables as it drops every prefetch."""
    country = CountryFactory(iso2="QJ")
    built = build_profile(country, 1)
    foreign = LawFactory(country=CountryFactory(iso2="QI"), slug="foreign-law")
    LegalDefinitionFactory(country=country, law=foreign, term="Foreign term")
    known = {Country: {country.pk: country}, Law: {law.pk: law for law in built.laws if law.country_id == country.pk}}
    definitions = knowing(
        LegalDefinition.objects.published().of_country(country).for_api().prefetch_related("law__barriers"), known
    )
    rows = list(definitions)
    assert {row.law.pk for row in rows} >= {foreign.pk}
    assert all("barriers" in row.law._prefetched_objects_cache for row in rows if row.law)
    assert definitions.query.select_related["law"] == {"country": {}}

    barriers = knowing(Barrier.objects.published().of_country(country).for_api(), known)
    assert barriers._known_many
    with pytest.raises(TypeError, match="knowing"):
        next(barriers.iterator())
    assert list(barriers)  # a QuerySet pickles with its rows: read them first
    with CaptureQueriesContext(connection) as queries:
        pickle.dumps(barriers)
    assert len(queries) == 0  # not the link tables' prefetches: every published law
    assert not barriers.prefetch_related(None)._known_many


def test_the_records_other_parts_link_to_are_listed_in_their_model_s_order():
    """`KnownMany` lists a row's links in the order of the records in hand, which is the order the prefetch it
    replaces sorts them in only while each linked part keeps its model's ordering (less the leading country, the
    same on every row of one country's part: `of_country`)."""
    country = Country.objects.get(iso2="KZ")
    records = country_profile(country)
    for name in LINKED_PARTS:
        queryset = records.part(name).for_api()
        ordering = list(queryset.model._meta.ordering)
        assert ordering[0] == "country" and list(queryset.query.order_by) == ordering[1:], name
        assert records.for_api(name) == list(queryset.model.objects.published().filter(country=country)), name


def test_a_country_s_parts_neither_join_nor_sort_by_the_country_in_hand():
    """`of_country` then `published()`: each part reads its rows with no join to the country (its status is read
    from the object in hand, its ordering is the same on every row), and reads the same rows, in the same order, as
    the rule written out in full: published, of a published country, in the model's whole ordering."""
    country = Country.objects.get(iso2="KZ")
    records = country_profile(country)
    for entry in PROFILE_ENTRIES:
        part = records.part(entry.profile)
        assert "countries_country" not in str(part.query), entry.profile
        in_full = entry.model.objects.published().filter(country=country)
        assert "countries_country" in str(in_full.query), entry.profile  # the check the part leaves to the object
        assert list(part) == list(in_full), entry.profile


def test_a_draft_country_s_parts_are_empty_though_its_records_are_published():
    """The object in hand says the country is a draft: the country check stays in the query, and nothing shows."""
    country = Country.objects.get(iso2="KZ")
    Country.objects.filter(pk=country.pk).update(publication_status=Status.DRAFT)
    country.refresh_from_db()
    records = country_profile(country)
    for entry in PROFILE_ENTRIES:
        assert entry.model.objects.filter(country=country, publication_status=Status.PUBLISHED).exists()
        assert not records.part(entry.profile).exists(), entry.profile
        assert not records.for_api(entry.profile), entry.profile


def test_published_before_of_country_keeps_the_country_check():
    """Only `published()` called after `of_country` knows the country: the other order checks it in the query,
    as it must for a country that is a draft."""
    country = Country.objects.get(iso2="KZ")
    assert "countries_country" in str(Law.objects.published().of_country(country).query)
    assert "countries_country" not in str(Law.objects.of_country(country).published().query)


def test_a_row_s_links_are_narrowed_to_it_only_when_a_query_is_asked_for(django_assert_num_queries):
    """`narrowed_later`: reading the links of every row costs nothing; a pickle, a copy or a further filter gets the
    relation's own QuerySet (the law QuerySet, narrowed to that row's published links), rows and all."""
    country = CountryFactory(iso2="QH")
    built = build_profile(country, 2)
    records = country_profile(country)
    rows = records.for_api("barriers")
    with django_assert_num_queries(0):
        links = {row.pk: [law.pk for law in row.cited_laws.all()] for row in rows}
    (row,) = [row for row in rows if row.pk == built.barriers[0].pk]
    assert links[row.pk] and built.draft_law.pk not in links[row.pk]
    relation = row.cited_laws.all()
    with django_assert_num_queries(0):
        copied, deep = pickle.loads(pickle.dumps(relation)), copy.deepcopy(relation)
    assert type(copied) is type(deep) is type(relation) is type(Law.objects.all())
    assert [law.pk for law in copied] == links[row.pk]
    every_law = [law.pk for law in built.laws] + [built.draft_law.pk]
    with django_assert_num_queries(1):
        assert sorted(law.pk for law in relation.filter(pk__in=every_law)) == sorted(links[row.pk])
    assert [law.pk for law in deep] == links[row.pk]  # a deep copy reads again, through the same narrowing


def test_a_record_s_own_rows_are_read_in_one_query_and_narrowed_only_when_asked(django_assert_num_queries):
    """`OwnRows`: an answer's citations in the API profile are read for every answer at once, each handed its answer,
    in its model's order; reading them costs nothing more, and a further filter reads that answer's rows only."""
    country = Country.objects.get(iso2="KZ")
    answers = country_profile(country).for_api("codebook")
    with django_assert_num_queries(0):
        cited = {answer.pk: [(row.pk, row.answer is answer) for row in answer.citations.all()] for answer in answers}
    assert all(same for rows in cited.values() for _, same in rows)
    every = [pk for rows in cited.values() for pk, _ in rows]
    assert sorted(every) == sorted(Citation.objects.filter(answer__in=answers).values_list("pk", flat=True))
    answer = next(answer for answer in answers if len(cited[answer.pk]) > 1)
    in_order = list(Citation.objects.filter(answer=answer).values_list("pk", flat=True))
    assert [pk for pk, _ in cited[answer.pk]] == in_order
    with django_assert_num_queries(1):
        assert sorted(answer.citations.filter(pk__in=every).values_list("pk", flat=True)) == sorted(in_order)
    # A lookup through the relation ("citations__law") needs Django's own prefetch of it: kept, same rows.
    known = {Country: {country.pk: country}}
    shape = Answer.objects.of_country(country).published().for_api()
    through = knowing(shape.prefetch_related("citations__law"), known)
    assert {row.pk: [citation.pk for citation in row.citations.all()] for row in through} == {
        pk: [citation for citation, _ in rows] for pk, rows in cited.items()
    }
