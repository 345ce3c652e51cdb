"""Small rules about change history that the admin base and the editorial app share.

simple-history keeps a reason per version in a 100-character column; every save touches the timestamps,
which are therefore never "what changed".
"""

from contextlib import contextmanager
from contextvars import ContextVar

REASON_MAX_LENGTH = 100  # simple-history's history_change_reason is a CharField(max_length=100)
TIMESTAMP_FIELDS = ("created_at", "modified_at")
# Bookkeeping, not content: a change to these alone is not a change a reader should hear about.
BOOKKEEPING_FIELDS = (*TIMESTAMP_FIELDS, "publication_status")


def truncate_reason(reason):
    reason = " ".join((reason or "").split())
    return reason if len(reason) <= REASON_MAX_LENGTH else reason[: REASON_MAX_LENGTH - 1] + "…"


# --- links between records -------------------------------------------------------------------------------------
#
# A model lists in `_history_m2m_fields` the links (many-to-many fields) its versions record: a news item's laws, a
# barrier's cited laws. simple-history records a version of its own for every link added or removed (three for one
# admin save: the save, the links taken away, the links added), and the links a fixture load sets as changes. Here
# a save records one version, holding its fields and its links as they are once the whole save is done.

_saving = ContextVar("ngomonitor_versions_being_saved", default=None)


def tracked_links(model):
    return getattr(model, "_history_m2m_fields", None) or ()


# A record may also have parts: rows of their own, edited in its form, that each of its versions holds (an answer's
# citations). Its model then has `record_version_parts(version)` (make the version hold them as they are),
# `version_parts(versions)` ({history id: {name: parts}} of those that hold them) and
# `restore_version_parts(version)` (a revert). `links_recorded` says a version holds its links and its parts.


def has_parts(model):
    return hasattr(model, "record_version_parts")


def records_links(model):
    """Whether the versions of a model's records hold links or parts, recorded once a save is done."""
    return bool(tracked_links(model)) or has_parts(model)


def record_links(version, instance):
    """Make `version` record the instance's links (and parts) as they are now (replacing any it recorded)."""
    from .models import CONTENT_HISTORY

    for field in version._history_m2m_fields:
        CONTENT_HISTORY.m2m_models[field].objects.filter(history=version).delete()
    CONTENT_HISTORY.create_historical_record_m2ms(version, instance)
    if has_parts(type(instance)):
        instance.record_version_parts(version)
    type(version).objects.filter(pk=version.pk).update(links_recorded=True)
    version.links_recorded = True


def link_fields(model):
    """The link fields a model's versions record, in the model's own field order (simple-history keeps them in a
    set, whose order changes from one process to the next)."""
    names = set(tracked_links(model))
    return [field for field in model._meta.many_to_many if field.name in names]


def recorded_links(versions, published_only=False):
    """{history id: {link field name: [ids of the linked records]}} of those versions (of one model) that recorded
    their links: one query per link field. `published_only` keeps the links to published records (what a reader
    may learn of)."""
    from simple_history.utils import get_m2m_reverse_field_name

    from .models import CONTENT_HISTORY

    recorded = {version.history_id: {} for version in versions if version.links_recorded}
    if not recorded:
        return recorded
    model = versions[0].instance_type
    for field in link_fields(model):
        target = f"{get_m2m_reverse_field_name(field)}_id"
        for links in recorded.values():
            links[field.name] = []
        rows = CONTENT_HISTORY.m2m_models[field].objects.filter(history_id__in=recorded).order_by(target)
        if published_only:
            rows = rows.filter(**{f"{target}__in": field.related_model.objects.published().values("pk")})
        for version_id, linked in rows.values_list("history_id", target):
            recorded[version_id][field.name].append(linked)
    return recorded


@contextmanager
def one_version_per_save():
    """Inside, a record's save makes one version, and the links it sets after (admin's `save_m2m`, a serializer's
    `set()`) go into that version rather than into versions of their own. Used around an admin save or revert and
    an API write; elsewhere simple-history records as it does."""
    if _saving.get() is not None:
        yield
        return
    token = _saving.set({})
    try:
        yield
        for instance, version in _saving.get().values():
            instance.__dict__.pop("skip_history_when_saving", None)
            if type(version).objects.filter(pk=version.pk).exists():
                record_links(version, instance)
            else:  # the version went with a savepoint rolled back: a new one, recording its links (and parts) too
                from .models import CONTENT_HISTORY

                CONTENT_HISTORY.create_historical_record(instance, "~")
                record_links(instance.history.latest(), instance)
    finally:
        for instance, _ in _saving.get().values():
            instance.__dict__.pop("skip_history_when_saving", None)
        _saving.reset(token)


def version_made(sender, instance, history_instance, **kwargs):
    """post_create_historical_record: inside `one_version_per_save`, remember the version a save made and record no
    other for the instance's link changes (simple-history skips an instance with `skip_history_when_saving`).
    Keyed by the object, so that two objects of one record are each cleaned up."""
    saving = _saving.get()
    if saving is not None and records_links(type(instance)):
        saving[id(instance)] = (instance, history_instance)
        instance.skip_history_when_saving = True
    elif saving is None and has_parts(type(instance)) and history_instance.history_type != "-":
        # a save outside an admin or API write (a shell, a command): its parts as they are at the save. Not a
        # deletion's version: the deletion has already taken the parts with it (a cascade), and "none" would be
        # false; the version stays one that did not record them.
        record_links(history_instance, instance)


def save_again(sender, instance, raw=False, **kwargs):
    """pre_save: inside `one_version_per_save`, an object saved a second time makes a version of its own again (its
    fields changed), which then takes the first one's place."""
    saving = _saving.get()
    if saving is not None and id(instance) in saving:
        instance.__dict__.pop("skip_history_when_saving", None)


def links_follow(sender, instance, history_instance, **kwargs):
    """pre_create_historical_record: a version simple-history makes records the links right after it (its
    `create_historical_record_m2ms`); say so, as `record_links` does for the versions made here."""
    if tracked_links(type(instance)):
        history_instance.links_recorded = True


def loaded_without_history(sender, instance, raw=False, **kwargs):
    """pre_save: a record loaded from a fixture (`raw`) is not changed by the links the load then sets on it."""
    if raw and tracked_links(sender):
        instance.skip_history_when_saving = True


def backfill_links(app_label, model_name, fields, batch=1000):
    """A migration's RunPython: each record's latest version records the record's links as they are now.

    Versions made before links were recorded hold none; without this, the first edit after the upgrade would read
    as a change of every link (in the record's history and on the public Updates page). The latest version of each
    record is found by the database; link rows are streamed and written, and versions marked, in batches."""

    def run(apps, schema_editor):
        from django.db.models import F, OuterRef, Subquery

        model = apps.get_model(app_label, model_name)
        history = apps.get_model(app_label, f"Historical{model_name}")
        newest = history.objects.filter(id=OuterRef("id")).order_by("-history_date", "-history_id")
        latest = dict(
            history.objects.alias(newest=Subquery(newest.values("history_id")[:1]))
            .filter(history_id=F("newest"))
            .values_list("id", "history_id")
            .iterator(chunk_size=batch)
        )
        for name in fields:
            through = model._meta.get_field(name).remote_field.through
            links = apps.get_model(app_label, f"Historical{model_name}_{name}")
            source, target = [f.name for f in through._meta.fields if f.is_relation]
            rows = []
            for row in through.objects.values("id", source, target).iterator(chunk_size=batch):
                if row[source] in latest:
                    ids = {f"{source}_id": row[source], f"{target}_id": row[target]}
                    rows.append(links(history_id=latest[row[source]], id=row["id"], **ids))
                if len(rows) >= batch:
                    links.objects.bulk_create(rows)
                    rows = []
            links.objects.bulk_create(rows)
        versions = list(latest.values())
        for start in range(0, len(versions), batch):
            history.objects.filter(history_id__in=versions[start : start + batch]).update(links_recorded=True)

    return run
