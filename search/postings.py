"""The postings: each indexed word's documents with their rank, and its facet counts, for one-word searches.

A search of one plain word ("assembly", "registration") is the commonest kind, and the one whose cost grew with
the data: every matching document was read, counted into three facets and ranked, to show twenty. With postings
(`SearchPosting`, written beside each document) the page is the first rows of the index on (key, score), and the
facets are rows of `SearchFacetCount`: a search costs the same with one country or two hundred.

Each backend writes the postings so that a one-word search from them equals its own ranked search of that word
(`search.backends`): PostgreSQL from the document's `tsvector` (one row per lexeme, ranked by `ts_rank_cd` of that
lexeme alone, the rank its search computes); SQLite in Python (one row per light stem, its occurrences weighed
as its ranked search weighs them). Facet counts move by the difference whenever documents are replaced, as the
vocabulary's counts do, and a full rebuild counts them afresh in SQL.
"""

from collections import Counter

from django.db import DEFAULT_DB_ALIAS, connections, router

from .models import SearchFacetCount, SearchPosting

CHUNK = 500


def facet_tally(rows):
    """(key, facet, value) -> documents, from posting rows (key, record_type, country_code, year). A document
    without a country or a year counts in no such facet, as the facets leave them out."""
    tally = Counter()
    for key, record_type, country_code, year in rows:
        tally[key, "type", record_type] += 1
        if country_code:
            tally[key, "country", country_code] += 1
        if year is not None:
            tally[key, "year", str(year)] += 1
    return tally


def posting_rows(documents):
    """The posting rows of some documents (a QuerySet of them, or their ids) as `facet_tally` reads them."""
    return SearchPosting.objects.filter(document__in=documents).values_list(
        "key", "record_type", "country_code", "year"
    )


# One count moved by a change: an upsert, so that a count going up adds to the row another save may have just written
# (an insert failed on it); never below zero (a count that would start below zero starts at zero, and is swept).
MOVE_COUNT = """
    INSERT INTO search_searchfacetcount (key, facet, value, documents) VALUES (%s, %s, %s, %s)
    ON CONFLICT (key, facet, value) DO UPDATE
    SET documents = {greatest}(search_searchfacetcount.documents + %s, 0)
"""


def move_facet_counts(delta):
    """Apply a {(key, facet, value): change} difference, row by row in (key, facet, value) order, then drop the rows
    of the keys that fell which reached zero.

    One order for every save: two saves moving the same counts the other way round (one law losing the words
    another gains, or one moving from 2019 to 2020 as another moves back) each held a row the other waited for,
    when the falls went first and the rises after (PostgreSQL found the deadlock and failed one save)."""
    rows = sorted(
        (key, facet, value, max(change, 0), change) for (key, facet, value), change in delta.items() if change
    )
    if not rows:
        return
    using = router.db_for_write(SearchFacetCount)
    connection = connections[using]
    sql = MOVE_COUNT.format(greatest="GREATEST" if connection.vendor == "postgresql" else "MAX")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, rows[start : start + CHUNK])
    fallen = sorted({key for key, _, _, _, change in rows if change < 0})
    for start in range(0, len(fallen), CHUNK):
        SearchFacetCount.objects.filter(key__in=fallen[start : start + CHUNK], documents__lte=0).delete()


COUNT_FACETS = """
    INSERT INTO search_searchfacetcount (key, facet, value, documents)
    SELECT key, 'type', record_type, COUNT(*) FROM search_searchposting GROUP BY key, record_type
    UNION ALL
    SELECT key, 'country', country_code, COUNT(*) FROM search_searchposting
    WHERE country_code <> '' GROUP BY key, country_code
    UNION ALL
    SELECT key, 'year', CAST(year AS VARCHAR(40)), COUNT(*) FROM search_searchposting
    WHERE year IS NOT NULL GROUP BY key, year
"""


def delete_postings():
    """Drop every posting and facet count (before the documents go, in a full rebuild)."""
    SearchFacetCount.objects.all().delete()
    SearchPosting.objects.all().delete()


def write_all_postings(backend, documents, using=DEFAULT_DB_ALIAS):
    """Write the postings of `documents` (every indexed document, saved) and count their facets afresh."""
    backend.write_postings(documents, everything=True, using=using)
    with connections[using].cursor() as cursor:
        cursor.execute(COUNT_FACETS)


def drop_postings(document_ids):
    """Drop the postings of some documents (their ids, before the documents go); returns the facet counts to take
    away, for `add_postings`. One statement a chunk: the rows deleted are the rows counted (DELETE ... RETURNING, on
    PostgreSQL and on SQLite 3.35 or later; else read, then deleted)."""
    delta = Counter()
    connection = connections[router.db_for_write(SearchPosting)]
    for start in range(0, len(document_ids), CHUNK):
        chunk = document_ids[start : start + CHUNK]
        if connection.features.can_return_columns_from_insert:
            with connection.cursor() as cursor:
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"DELETE FROM search_searchposting WHERE document_id IN ({marks}) "
                    "RETURNING key, record_type, country_code, year",
                    chunk,
                )
                rows = cursor.fetchall()
        else:
            rows = list(posting_rows(chunk))
            SearchPosting.objects.filter(document__in=chunk).delete()
        delta.subtract(facet_tally(rows))
    return delta


def add_postings(backend, new_documents, delta):
    """Write the postings of `new_documents` (saved) and move the facet counts by `delta` plus theirs."""
    if new_documents:
        delta.update(facet_tally(backend.write_postings(new_documents)))
    move_facet_counts(delta)
