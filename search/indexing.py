"""Writing the index: a full rebuild from the public querysets, and the per-record updates signals make.

The vocabulary (`SearchTerm`) lists the words of the indexed (public) text with the number of documents
holding each; the typo corrector picks replacements from it, and orders equally similar ones by that number.
Every write keeps the counts exact and drops words no public document holds any more, so a correction can
never reveal a word that only a draft contains.
"""

import re
from collections import Counter, defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest

from core.cache import invalidate

from .backends import backend_for
from .models import SearchDocument, SearchTerm
from .postings import add_postings, delete_postings, drop_postings, write_all_postings
from .sources import SOURCES, SOURCES_BY_MODEL

WORD = re.compile(r"[^\W\d_]{3,80}")


def document_words(title, summary, body):
    """The distinct lower-case words (letters only, three or more) of a document's text."""
    return {word.lower() for word in WORD.findall(f"{title} {summary} {body}")}


def _word_counts(documents):
    """Document frequency of each word over some documents (objects or dicts with title, summary, body)."""
    counts = Counter()
    for doc in documents:
        if isinstance(doc, dict):
            counts.update(document_words(doc["title"], doc["summary"], doc["body"]))
        else:
            counts.update(document_words(doc.title, doc.summary, doc.body))
    return counts


def _documents(source, queryset):
    content_type = ContentType.objects.get_for_model(source.model)
    for record in queryset:
        yield SearchDocument(content_type=content_type, object_id=record.pk, **source.build(record))


# What a document is made of: one built again with all of these the same is the one stored.
DOCUMENT_FIELDS = tuple(field.attname for field in SearchDocument._meta.concrete_fields if not field.primary_key)


def _changed(old_documents, new_documents):
    """The stored documents to drop and the new ones to write: a record whose document comes out the same (most
    saves: a country's save re-indexes its every record; a status or date edit changes no searchable text) keeps
    its document, its postings and its counts, where each was deleted and written again."""
    stored = {(d["content_type_id"], d["object_id"]): d for d in old_documents.values("id", *DOCUMENT_FIELDS)}
    written = []
    for document in new_documents:
        same = stored.get((document.content_type_id, document.object_id))
        if same is not None and all(same[name] == getattr(document, name) for name in DOCUMENT_FIELDS):
            del stored[document.content_type_id, document.object_id]
        else:
            written.append(document)
    return list(stored.values()), written


def _replace(old_documents, new_documents):
    """Swap some documents for others and move the vocabulary's counts by the difference."""
    dropped, new_documents = _changed(old_documents, new_documents)
    if not dropped and not new_documents:
        return
    old_words = _word_counts(dropped)
    dropped_ids = [document["id"] for document in dropped]
    delta = drop_postings(dropped_ids)
    SearchDocument.objects.filter(id__in=dropped_ids).delete()
    SearchDocument.objects.bulk_create(new_documents, batch_size=500)
    add_postings(backend_for(), new_documents, delta)
    delta = _word_counts(new_documents)
    delta.subtract(old_words)
    by_change = defaultdict(list)
    for word, change in delta.items():
        if change:
            by_change[change].append(word)
    for change, words in by_change.items():
        # Never below zero, even if the counts were ever out of step (a queryset.update() skips signals).
        SearchTerm.objects.filter(word__in=words).update(documents=Greatest(F("documents") + change, Value(0)))
    added = [word for change, words in by_change.items() if change > 0 for word in words]
    if added:
        known = set(SearchTerm.objects.filter(word__in=added).values_list("word", flat=True))
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=word, documents=delta[word]) for word in sorted(set(added) - known)],
            batch_size=1000,
            ignore_conflicts=True,  # another save may add the same new word at the same moment
        )
    if any(change < 0 for change in by_change):
        SearchTerm.objects.filter(documents__lte=0).delete()
    invalidate()  # update() and bulk_create send no signal


@transaction.atomic
def rebuild_index():
    """Replace the whole index with the current public records; returns the number of documents."""
    delete_postings()
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    documents = [doc for source in SOURCES for doc in _documents(source, source.queryset().iterator(chunk_size=500))]
    SearchDocument.objects.bulk_create(documents, batch_size=500)
    write_all_postings(backend_for(), documents)
    counts = _word_counts(documents)
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word, documents=n) for word, n in sorted(counts.items())], batch_size=1000
    )
    invalidate()  # bulk writes send no signal: retire cached search answers
    return len(documents)


def _record_documents(source, pk):
    content_type = ContentType.objects.get_for_model(source.model)
    return SearchDocument.objects.filter(content_type=content_type, object_id=pk)


@transaction.atomic
def index_record(instance):
    """Bring one record's document in line with the record: (re)write it if public, else remove it."""
    source = SOURCES_BY_MODEL.get(type(instance))
    if source is not None:
        new = list(_documents(source, source.queryset().filter(pk=instance.pk)))
        _replace(_record_documents(source, instance.pk), new)


@transaction.atomic
def remove_record(instance):
    source = SOURCES_BY_MODEL.get(type(instance))
    if source is not None:
        _replace(_record_documents(source, instance.pk), [])


@transaction.atomic
def index_country(country):
    """Re-index every record of one country: its name or its publication status changed."""
    new = [doc for source in SOURCES for doc in _documents(source, source.queryset().filter(country=country))]
    _replace(SearchDocument.objects.filter(country=country), new)


@transaction.atomic
def remove_country(country):
    """Drop a country's documents (and their words) before the country and its records are deleted."""
    _replace(SearchDocument.objects.filter(country=country), [])


@transaction.atomic
def remove_content_type(content_type):
    """Drop the documents of one content type (and their words and postings) before the content type goes."""
    _replace(SearchDocument.objects.filter(content_type=content_type), [])
