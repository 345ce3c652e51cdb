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
