"""Reading and completing the history tables.

Two hooks complete simple-history:
- the first edit of a record loaded from fixtures (loaddata saves "raw", which simple-history does not
  record) first records the state the record was loaded in, so its history can say what that edit changed;
- a change made through the API can carry its reason in an `X-Change-Reason` header.

`public_changes()` turns the history tables into the public "What changed" list of a country: only versions
that were published, compared with the previous *published* version of the same record, for records that
are public now. It names records and fields, never values, dates only (no editors).
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db.models import OuterRef, Subquery
from django.utils.text import capfirst
from simple_history.models import HistoricalRecords

from core.choices import Status
from core.history import (
    BOOKKEEPING_FIELDS,
    has_parts,
    record_links,
    recorded_links,
    records_links,
    tracked_links,
    truncate_reason,
)

from .content import content_models, country_lookup, inline_parts, is_content_model, public_records_of_country

BASELINE_REASON = "State before the first recorded edit"
REASON_HEADER = "HTTP_X_CHANGE_REASON"


@cache
def keeps_baseline(model):
    """Content, and the parts of content that keep a history of their own (an answer's citations: an edited quote's
    original wording was lost, its history beginning with the edit)."""
    return is_content_model(model) or model in inline_parts()


def record_baseline(sender, instance, raw=False, **kwargs):
    """pre_save: before the first recorded change of an existing record, record the state it is in now."""
    if raw or instance._state.adding or not keeps_baseline(sender):
        return
    if sender.history.filter(**{sender._meta.pk.attname: instance.pk}).exists():
        return
    stored = sender._base_manager.filter(pk=instance.pk).first()
    if stored is None:
        return
    stored._history_user = None  # nobody made this version through the site
    sender.history.bulk_history_create(
        # a part has no timestamp of its own: its baseline is dated when it was taken, just before the edit
        [stored],
        default_date=getattr(stored, "modified_at", None),
        default_change_reason=BASELINE_REASON,
    )
    if records_links(sender):  # and its links and parts, so that the edit's own changes to them show against them
        record_links(sender.history.filter(**{sender._meta.pk.attname: instance.pk}).latest("history_id"), stored)


def reason_from_request(sender, history_instance, **kwargs):
    """pre_create_historical_record: take the reason of an API change from its `X-Change-Reason` header."""
    if history_instance.history_change_reason:
        return
    request = getattr(HistoricalRecords.context, "request", None)
    reason = request.META.get(REASON_HEADER, "") if request is not None else ""
    if reason:
        history_instance.history_change_reason = truncate_reason(reason)


@dataclass(frozen=True)
class PublicChange:
    """One published change of one record, as the public may read it."""

    record: object
    added: bool
    fields: tuple
    changed_at: datetime
    key: str  # unique and stable: "<app>.<model>:<history id>"
    url: str  # the record's `get_absolute_url`: its page, or the section of the profile that shows it

    @property
    def kind(self):
        return capfirst(self.record._meta.verbose_name)

    @property
    def summary(self):
        if self.added:
            return f"{self.kind} added: {self.record}"
        return f"{self.kind} changed: {self.record} ({', '.join(self.fields).lower()})"


def country_models():
    """The content models whose records belong to one country (shared ones, like treaties, have no page)."""
    return [model for model in content_models() if country_lookup(model)]


def _published_versions(model, country, before, limit):
    history = model.history.model
    published = history.objects.filter(publication_status=Status.PUBLISHED)
    previous = published.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date")).order_by(
        "-history_date", "-history_id"
    )
    rows = published.filter(id__in=public_records_of_country(model, country).values("pk"), history_type__in=["+", "~"])
    rows = rows.exclude(history_change_reason=BASELINE_REASON)  # the state a record was loaded in is no change
    if before is not None:
        rows = rows.filter(history_date__lt=before)
    rows = rows.annotate(previous_id=Subquery(previous.values("history_id")[:1]))
    return list(rows.order_by("-history_date", "-history_id")[:limit])


def _changed_fields(model, version, previous, links, parts=None):
    """The fields a version changed against the previous one, its links and parts included (`links`: {history id:
    {field: ids}} of the versions that recorded theirs, `parts`: {history id: {name: parts}} likewise, both loaded
    for the whole page at once). An edit of an answer's quoted sentence alone was no change a reader heard of."""
    excluded = (*BOOKKEEPING_FIELDS, *(field.name for field in version._history_m2m_fields))
    names = list(version.diff_against(previous, excluded_fields=excluded).changed_fields)
    before, after = links.get(previous.history_id), links.get(version.history_id)
    if before is not None and after is not None:
        names += [name for name in after if set(after[name]) != set(before.get(name, ()))]
    labels = [capfirst(model._meta.get_field(name).verbose_name) for name in names]
    before, after = (parts or {}).get(previous.history_id), (parts or {}).get(version.history_id)
    if before is not None and after is not None:
        labels += [capfirst(name) for name in after if after[name] != before.get(name)]
    return tuple(labels)


@dataclass(frozen=True)
class PublicChangePage:
    changes: list
    next_before: datetime | None  # where the next (older) page starts, None on the last page


def public_changes(country, before=None, limit=50):
    """The latest `limit` published changes to `country`'s public records, newest first.

    Costs one query per country model, plus two per model that appears in the page (its previous versions
    and its live records), and one for the links or parts of a model that has them: a fixed bound whatever the
    number of records or versions. `before` (a datetime)
    pages back; the page's `next_before` is the value to pass for the next one.
    """
    candidates = [
        (version, model)
        for model in country_models()
        for version in _published_versions(model, country, before, limit + 1)
    ]
    candidates.sort(key=lambda pair: (pair[0].history_date, pair[0].history_id), reverse=True)
    has_more = len(candidates) > limit
    candidates = candidates[:limit]

    by_model = {}
    for version, model in candidates:
        by_model.setdefault(model, []).append(version)
    previous_versions, live_records, links, parts = {}, {}, {}, {}
    for model, versions in by_model.items():
        previous_ids = [v.previous_id for v in versions if v.previous_id is not None]
        previous_versions[model] = model.history.model.objects.in_bulk(previous_ids)
        live_records[model] = model.objects.select_related().in_bulk({v.id for v in versions})
        if tracked_links(model):
            # links to drafts are none of a reader's business: neither the draft nor that a link to it changed
            links[model] = recorded_links([*versions, *previous_versions[model].values()], published_only=True)
        if has_parts(model):  # an answer's citations: one query more
            parts[model] = model.version_parts([*versions, *previous_versions[model].values()])

    changes = []
    for version, model in candidates:
        previous = previous_versions[model].get(version.previous_id)
        fields = (
            _changed_fields(model, version, previous, links.get(model, {}), parts.get(model))
            if previous is not None
            else ()
        )
        if previous is not None and not fields:
            continue  # saved without a visible change (or only its draft state moved)
        record = live_records[model][version.id]
        changes.append(
            PublicChange(
                record=record,
                added=previous is None,
                fields=fields,
                changed_at=version.history_date,
                key=f"{model._meta.label_lower}:{version.history_id}",
                url=record.get_absolute_url(),
            )
        )
    return PublicChangePage(changes, candidates[-1][0].history_date if has_more else None)
