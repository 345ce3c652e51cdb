"""The search index: one denormalised row per public record, rebuilt from the public querysets.

The index holds only what `.published()` returns, so a search can never show a draft. On PostgreSQL a
migration adds a weighted `tsvector` column (title A, summary B, body C) generated from these fields and
GIN-indexed, plus `pg_trgm` indexes for typo tolerance; neither exists on SQLite, which searches the plain
text columns instead (see `search.backends`).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class SearchDocument(models.Model):
    """A public record as the search sees it: what it is, where it belongs and the text to match."""

    record_type = models.CharField(max_length=40, db_index=True, help_text="E.g. 'law', 'barrier', 'news'.")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    country = models.ForeignKey("countries.Country", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    country_code = models.CharField(max_length=2, blank=True, db_index=True, help_text="ISO 3166 alpha-2.")
    country_name = models.CharField(max_length=120, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    title = models.CharField(max_length=600)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, help_text="The record's page, with an anchor where it has none.")
    position = models.PositiveIntegerField(default=0, help_text="Tie-breaker: the record's order in its list.")
    weight = models.FloatField(
        default=1.0,
        help_text="Rank multiplier beside records of its type: a rule the report does not state ranks below the "
        "stated ones (its question's words are the same).",
    )

    # Derived rows, written in bulk: search.indexing retires cached responses itself (core.cache.invalidate),
    # and without per-row signal receivers their deletes stay single queries.
    invalidates_responses = False

    class Meta:
        ordering = ["record_type", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="searchdocument_record"),
        ]

    def __str__(self):
        return f"{self.record_type}: {self.title}"


class SearchTerm(models.Model):
    """A word that occurs in the index, with the number of documents holding it: the typo corrector's vocabulary."""

    word = models.CharField(max_length=80, unique=True)
    documents = models.PositiveIntegerField(default=1)

    invalidates_responses = False  # see SearchDocument

    class Meta:
        ordering = ["word"]

    def __str__(self):
        return self.word


class SearchPosting(models.Model):
    """One indexed word in one document, with the document's rank for a search of that word alone.

    A common word's search read and ranked every document holding it: with 200 countries, "assembly" matched
    29,000 of 48,000 documents and took 17 times the seed's time. A search of one plain word (the most common kind)
    now reads the first page from the index on (key, score) and its facets from `SearchFacetCount`, whatever the
    number of matches. The key is the word as the backend matches it: its PostgreSQL lexeme (English stemming), or
    on SQLite the light stem the substring search looks for (`search.backends.SQLiteBackend.needle`). The score is
    the one the backend's ranked search computes for that word alone (see `search.backends`); the record type,
    country, year and position are the document's, copied so that a page and its filters need no join.
    """

    key = models.CharField(max_length=80)
    document = models.ForeignKey(SearchDocument, on_delete=models.DO_NOTHING, related_name="+")
    record_type = models.CharField(max_length=40)
    country_code = models.CharField(max_length=2, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    score = models.FloatField()

    invalidates_responses = False  # see SearchDocument

    class Meta:
        indexes = [
            models.Index(fields=["key", "-score", "record_type", "position", "document"], name="search_posting_rank"),
        ]

    def __str__(self):
        return f"{self.key} in {self.document_id}"


class SearchFacetCount(models.Model):
    """How many documents holding a posting key have one record type, country or year: a one-word search's
    facets, read instead of counted (kept exact by `search.indexing`, like the vocabulary's counts)."""

    FACETS = [("type", "Record type"), ("country", "Country"), ("year", "Year")]

    key = models.CharField(max_length=80)
    facet = models.CharField(max_length=8, choices=FACETS)
    value = models.CharField(max_length=40, help_text="The record type, the country's ISO code or the year.")
    documents = models.PositiveIntegerField()

    invalidates_responses = False  # see SearchDocument

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "facet", "value"], name="search_facet_count_key"),
        ]

    def __str__(self):
        return f"{self.key}: {self.facet} {self.value} ({self.documents})"
