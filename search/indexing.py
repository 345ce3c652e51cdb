"""Writing the index: a full rebuild from the public querysets, and the per-record updates signals make.

The vocabulary (`SearchTerm`) lists the words of the indexed text with their document frequency; the typo
corrector picks replacements from it. A full rebuild recounts it; a single-record update only adds the
record's new words (a word that no longer occurs anywhere costs nothing but a useless suggestion until the
next rebuild).
"""

import re
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .models import SearchDocument, SearchTerm
from .sources import SOURCES, SOURCES_BY_MODEL

WORD = re.compile(r"[^\W\d_]{3,80}")


def document_words(fields):
    """The distinct lower-case words (letters only, three or more) of a document's text."""
    text = " ".join((fields["title"], fields["summary"], fields["body"]))
    return {word.lower() for word in WORD.findall(text)}


def _documents(source, queryset):
    content_type = ContentType.objects.get_for_model(source.model)
    for record in queryset:
        yield SearchDocument(content_type=content_type, object_id=record.pk, **source.build(record))


def _add_words(documents):
    counts = Counter()
    for document in documents:
        counts.update(document_words(document.__dict__))
    return counts


@transaction.atomic
def rebuild_index():
    """Replace the whole index with the current public records; returns the number of documents."""
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    documents = [doc for source in SOURCES for doc in _documents(source, source.queryset().iterator(chunk_size=500))]
    SearchDocument.objects.bulk_create(documents, batch_size=500)
    counts = _add_words(documents)
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word, documents=n) for word, n in sorted(counts.items())], batch_size=1000
    )
    return len(documents)


def _save_words(documents):
    words = _add_words(documents)
    SearchTerm.objects.bulk_create([SearchTerm(word=word) for word in sorted(words)], ignore_conflicts=True)


@transaction.atomic
def index_record(instance):
    """Bring one record's document in line with the record: (re)write it if public, else remove it."""
    source = SOURCES_BY_MODEL.get(type(instance))
    if source is None:
        return
    documents = list(_documents(source, source.queryset().filter(pk=instance.pk)))
    content_type = ContentType.objects.get_for_model(source.model)
    SearchDocument.objects.filter(content_type=content_type, object_id=instance.pk).delete()
    SearchDocument.objects.bulk_create(documents)
    _save_words(documents)


def remove_record(instance):
    source = SOURCES_BY_MODEL.get(type(instance))
    if source is None:
        return
    content_type = ContentType.objects.get_for_model(source.model)
    SearchDocument.objects.filter(content_type=content_type, object_id=instance.pk).delete()


@transaction.atomic
def index_country(country):
    """Re-index every record of one country: its name or its publication status changed."""
    SearchDocument.objects.filter(country=country).delete()
    documents = [doc for source in SOURCES for doc in _documents(source, source.queryset().filter(country=country))]
    SearchDocument.objects.bulk_create(documents, batch_size=500)
    _save_words(documents)
