"""Keep the index current as editors save and delete records.

Raw saves (`loaddata`) are skipped: related rows may not exist yet while a fixture loads, so
`load_fixtures` rebuilds the whole index once it has loaded everything.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete

from codebook.models import Question
from countries.models import Country
from laws.models import Treaty

from . import indexing
from .sources import SOURCES


def record_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.index_record(instance)


def record_deleted(sender, instance, **kwargs):
    indexing.remove_record(instance)


def question_saved(sender, instance, raw=False, **kwargs):
    """A codebook answer's document shows its question's words: re-index the question's answers."""
    if not raw:
        for answer in instance.answers.all():
            indexing.index_record(answer)


def treaty_saved(sender, instance, raw=False, **kwargs):
    """A treaty status's document shows its treaty's name: re-index the treaty's statuses."""
    if not raw:
        for status in instance.statuses.all():
            indexing.index_record(status)


def country_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.index_country(instance)


def country_deleted(sender, instance, **kwargs):
    indexing.remove_country(instance)


def content_type_deleted(sender, instance, **kwargs):
    """A content type's documents go with it (`remove_stale_contenttypes`, once a model is gone): their postings and
    counts first, which the database would otherwise find pointing at nothing."""
    indexing.remove_content_type(instance)


def connect():
    for source in SOURCES:
        uid = f"search:{source.record_type}"
        post_save.connect(record_saved, sender=source.model, dispatch_uid=f"{uid}:save")
        post_delete.connect(record_deleted, sender=source.model, dispatch_uid=f"{uid}:delete")
    post_save.connect(country_saved, sender=Country, dispatch_uid="search:country:save")
    post_save.connect(question_saved, sender=Question, dispatch_uid="search:question:save")
    post_save.connect(treaty_saved, sender=Treaty, dispatch_uid="search:treaty:save")
    pre_delete.connect(country_deleted, sender=Country, dispatch_uid="search:country:delete")
    pre_delete.connect(content_type_deleted, sender=ContentType, dispatch_uid="search:contenttype:delete")
