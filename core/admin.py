"""Admin building blocks: every content model's admin keeps history, shows publication state and previews.

`ContentAdmin` gives each content model, on top of Django's admin:
- a "Reason for this change" field on the change form, kept in the version's history (`_change_reason`);
- simple-history's history page, listing who changed what when, with the fields each version changed
  (bookkeeping timestamps left out), and its revert page; a revert is saved as a new version whose reason
  says which version it restored;
- a "Preview" page showing the record as stored, drafts included, to users who may view it;
- publish / back-to-draft actions that save record by record, so each change is recorded too.
"""

import dataclasses
import hashlib

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import display_for_field, unquote
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, router, transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

from .choices import Status
from .formatting import format_partial_date
from .history import (
    REASON_MAX_LENGTH,
    TIMESTAMP_FIELDS,
    has_parts,
    link_fields,
    one_version_per_save,
    recorded_links,
    truncate_reason,
)
from .models import precision_field, records_linking_to


def set_status(modeladmin, request, queryset, status, reason):
    """Save the records one by one, so each change is recorded in the history, and say how many changed; a record
    that cannot be published as it is (`publication_problem`) is left a draft, with the reason."""
    changed = already = 0
    refused = []
    for obj in queryset:
        if obj.publication_status == status:
            already += 1
            continue
        obj.publication_status = status
        problem = obj.publication_problem() if status == Status.PUBLISHED else ""
        if problem:
            refused.append(f"“{obj}”: {problem}")
            continue
        obj._change_reason = reason
        obj.save()
        changed += 1
    note = f" ({already} already were)" if already else ""
    if changed or not refused:  # "Published: 0 record(s)." read as a success beside the refusals
        modeladmin.message_user(request, f"{reason}: {changed} record(s){note}.", messages.SUCCESS)
    for line in refused:
        modeladmin.message_user(request, f"Not published, left as it was: {line}", messages.ERROR)


@admin.action(description="Publish selected records", permissions=["change"])
def make_published(modeladmin, request, queryset):
    set_status(modeladmin, request, queryset, Status.PUBLISHED, "Published")


@admin.action(description="Move selected records back to draft", permissions=["change"])
def make_draft(modeladmin, request, queryset):
    set_status(modeladmin, request, queryset, Status.DRAFT, "Moved back to draft")


def plain_line_breaks(text):
    """Line breaks as stored: a browser sends a text area's as CR LF, so a record saved as sent changed its long
    texts at every save, and its history and the public Updates page said so."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class PlainLineBreaksForm(forms.ModelForm):
    """Every admin form of content, inlines included: text saved with the line breaks it was loaded with.

    The submitted data itself is read with plain line breaks, so a text area sent back untouched is no change at
    all: neither saved again (an inline row saved from an old page undid another editor's edit) nor recorded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and any("\r" in value for _, values in self.data.lists() for value in values):
            data = self.data.copy()
            for name, values in self.data.lists():
                data.setlist(name, [plain_line_breaks(value) for value in values])
            self.data = data


def version_digest(row):
    """A short digest of a record's stored values ({column: value}), naming the version of it a form was opened on."""
    return hashlib.sha256(repr(sorted(row.items())).encode()).hexdigest()[:32]


class VersionField(forms.CharField):
    """The version a form was opened on: bookkeeping, never a change of the record (an untouched inline row whose
    record moved on would otherwise count as changed, and be saved)."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


class VersionCheckedForm(PlainLineBreaksForm):
    """A form that remembers which version of its record it was opened on (`loaded_version`: a digest of the stored
    row) and refuses to save over a version saved since.

    Of two editors with the same record open (or an inline row of it, on another record's page), the second to
    save silently undid the first one's change, which then lived only in the history. A form opened on an older
    version is refused with a message naming who saved in between; the editor's own input stays on the page to
    copy. A revert page starts from the current version too, so restoring an old version is no conflict.
    """

    loaded_version = VersionField(required=False)
    # A record's own change page saves it whether or not its form changed, so its version is always checked; an
    # inline row is saved only when changed (or deleted), so an untouched row is no conflict.
    saved_even_unchanged = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["loaded_version"] = self.opened_version()

    def opened_version(self):
        """The version the form shows: an inline row's record as its page loaded it (no query per row)."""
        fields = type(self.instance)._meta.concrete_fields
        return version_digest({field.attname: getattr(self.instance, field.attname) for field in fields})

    def stored_version(self, lock=False):
        """The version stored now. With `lock`, inside the admin's transaction, the row stays locked until the save
        commits (PostgreSQL), so two saves posted at the same moment cannot both pass the check."""
        rows = type(self.instance)._base_manager.filter(pk=self.instance.pk)
        if lock and transaction.get_connection(rows.db).in_atomic_block:
            rows = rows.select_for_update()
        row = rows.values().first()
        return version_digest(row) if row else ""

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        checked = self.saved_even_unchanged or self.has_changed()
        if self.instance.pk is not None and loaded and checked and loaded != self.stored_version(lock=True):
            history = getattr(self.instance, "history", None)
            latest = history.first() if history is not None else None
            who = getattr(latest and latest.history_user, "username", None) or "Someone"
            when = timezone.localtime(latest.history_date).strftime("%Y-%m-%d %H:%M") if latest else "a moment ago"
            raise forms.ValidationError(
                f"{who} saved {self.instance} at {when}, after you opened it, and your changes would undo theirs. "
                "Nothing was saved: open the record again (your edits stay on this page to copy) and make your "
                "changes on the current version.",
                code="stale",
            )
        return cleaned


class RecordForm(VersionCheckedForm):
    """The form of a record's own change page."""

    saved_even_unchanged = True

    def opened_version(self):
        # the stored row, not the instance: a revert page shows an old version's values over the current record
        return self.stored_version()


class ContentAdminForm(RecordForm):
    """Every content change form asks why: the answer is stored with the new version in the history."""

    change_reason = forms.CharField(
        label="Reason for this change",
        required=False,
        max_length=REASON_MAX_LENGTH,
        help_text="Optional. Kept in the record's history, e.g. 'Corrected the adoption date (reader report)'.",
    )


def holds(field, value):
    """Whether a model field can hold a submitted value (a number that fits an id column, for an id)."""
    try:
        field.clean(value, None)
    except ValidationError:
        return False
    return True


class ValuesCheckedAutocompleteMixin:
    """An autocomplete (select2) widget that shows again only the submitted values its field can hold.

    To re-display a form with its errors, Django's widget looks the submitted values up as they came: a hand-altered
    value ("abc", or a number too large for the column) raised in that query (a 500) after the form field had already
    refused it. Dropped here, the form comes back with the field's own "Select a valid choice" error.
    """

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        opts = remote.model._meta
        target = opts.get_field(getattr(remote, "field_name", None) or opts.pk.name)
        return super().optgroups(name, [item for item in value if holds(target, item)], attr)


class ValuesCheckedAutocompleteSelect(ValuesCheckedAutocompleteMixin, AutocompleteSelect):
    pass


class ValuesCheckedAutocompleteSelectMultiple(ValuesCheckedAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class ValuesCheckedMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Links chosen by id whose values are checked before Django looks them up together: a number too large for the
    id column got past its one-by-one check and overflowed the `__in` query (a 500); now "… is not a valid value"."""

    def _check_values(self, value):
        opts = self.queryset.model._meta
        target = opts.get_field(self.to_field_name or opts.pk.name)
        for item in value:
            if not holds(target, item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item}
                )
        return super()._check_values(value)


class AutocompleteValuesChecked:
    """An admin (or inline) whose `autocomplete_fields` use the widgets (and link fields) above, so a hand-altered
    value is a form error, not a 500 (every admin and inline with autocomplete fields has it: a test checks)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ValuesCheckedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ValuesCheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
            kwargs.setdefault("form_class", ValuesCheckedMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class VersionCheckedInline(AutocompleteValuesChecked):
    """An inline whose rows are `VersionCheckedForm`s: each row carries the version it was opened on."""

    form = VersionCheckedForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.has_change_permission(request, obj):
            return fieldsets  # read-only rows: nothing is saved, nothing to check
        (name, options), *rest = fieldsets
        fields = [f for f in options["fields"] if f != "loaded_version"]
        return [(name, {**options, "fields": [*fields, "loaded_version"]}), *rest]


def partial_date_column(model, column):
    """A list column for a date with a precision field: the date as precisely as the source gives it, sorted by
    the date; any other column as it is."""
    precision = precision_field(model, column) if isinstance(column, str) else None
    if precision is None:
        return column

    @admin.display(description=model._meta.get_field(column).verbose_name, ordering=column)
    def shown(record):
        return format_partial_date(getattr(record, column), getattr(record, precision)) or "—"

    shown.__name__ = column  # the column's CSS class and sort key stay the field's
    return shown


def link_change(field, before, after, linked):
    """A link field's change between two versions, as simple-history's history page shows one: the linked records
    (a record since deleted by its number)."""
    reverse = get_m2m_reverse_field_name(field)

    def rows(ids):
        return [{reverse: linked[field.name].get(pk, f"deleted record #{pk}")} for pk in ids]

    return ModelChange(field.name, rows(before[field.name]), rows(after[field.name]))


# Bookkeeping of every content record, shown after its own fields: an editor opens a law for its title or dates,
# and found a status and a large correction-note box above them.
PUBLICATION_FIELDS = ("publication_status", "correction_note", "correction_kind")


class ContentHistoryContextHelper(HistoricalRecordContextHelper):
    """History page diffs: leave out timestamps, which every save changes; a record's parts (an answer's citations)
    are described by its model, a line each."""

    def context_for_delta_changes(self, delta):
        changes = [change for change in delta.changes if change.field not in TIMESTAMP_FIELDS]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))

    def format_delta_change(self, change):
        if not isinstance(change, PartsChange):
            return super().format_delta_change(change)
        return dataclasses.replace(change, field=change.field.capitalize(), old=change.old_text, new=change.new_text)


@dataclasses.dataclass(frozen=True)
class PartsChange(ModelChange):
    """A change of a record's parts between two versions, with each side as its model describes it."""

    old_text: str = ""
    new_text: str = ""


def parts_changes(newer, older, parts, described):
    """The changes of the record's parts from `older` to `newer`, both of which must hold them (`parts`, as the
    model's `version_parts` gives them; `described`, a line per part, as its `describe_version_parts` does): on
    each side, only the parts the other side does not hold alike (an edited quote, not the whole list again)."""
    after, before = parts.get(newer.history_id), parts.get(older.history_id)
    if after is None or before is None:
        return []

    def only(side, other, lines):
        return "\n".join(line for part, line in zip(side, lines, strict=True) if part not in other) or "none"

    return [
        PartsChange(
            name,
            before[name],
            after[name],
            only(before[name], after[name], described[older.history_id][name]),
            only(after[name], before[name], described[newer.history_id][name]),
        )  # fmt: skip
        for name in after
        if after[name] != before[name]
    ]


class LookupValuesChecked:
    """A list whose filter value the database cannot hold (`?country=99999999999999999999999`, past 64 bits) is shown
    as Django shows a lookup it cannot use ("?e=1"): the value overflowed in the list's count query, a 500."""

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except (OverflowError, DataError) as exc:
            raise IncorrectLookupParameters(exc) from exc


def linked_record_line(admin_site, record):
    """A record in a delete page's protected list, as Django writes them: its kind, and its name linked to its
    change page where it has one."""
    opts = record._meta
    try:
        url = reverse(f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    except NoReverseMatch:
        return f"{capfirst(opts.verbose_name)}: {record}"
    return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, record)


class ContentAdmin(LookupValuesChecked, AutocompleteValuesChecked, SimpleHistoryAdmin):
    """Base admin for content: history with reasons, diffs and revert, preview, publication state."""

    form = ContentAdminForm
    change_form_template = "admin/content/change_form.html"
    object_history_form_template = "admin/content/object_history_form.html"
    delete_confirmation_template = "admin/content/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/content/delete_selected_confirmation.html"
    preview_template = "admin/content/preview.html"
    actions = [make_published, make_draft]
    readonly_fields = ("created_at", "modified_at")
    list_per_page = 50
    save_on_top = True

    def get_list_filter(self, request):
        return ("publication_status", *super().get_list_filter(request))

    def get_deleted_objects(self, objs, request):
        """Django's list of what a delete takes with it, with the records that point to these as protected: the
        delete is refused while they exist (`records_linking_to` says why); the page lists them, linked."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        linked = [linked_record_line(self.admin_site, record) for record in records_linking_to(objs, protected=False)]
        return deleted, counts, perms_needed, [*protected, *dict.fromkeys(linked)]

    def get_list_display(self, request):
        """Every list shows whether each record is public (six lists did not), after the subclass's columns, and
        a date the source gives to the month or year only as that ("December 2015", not "Dec. 1, 2015")."""
        columns = tuple(partial_date_column(self.model, column) for column in super().get_list_display(request))
        return columns if "publication_status" in columns else (*columns, "publication_status")

    def get_prepopulated_fields(self, request, obj=None):
        """A new record's slug is written from its title (or name) as the editor types it, unless the admin says
        otherwise; a saved one's slug stays: its pages' addresses rest on it."""
        declared = super().get_prepopulated_fields(request, obj)
        names = {field.name for field in self.model._meta.fields}
        source = next((name for name in ("title", "name", "term") if name in names), None)
        if declared or obj is not None or "slug" not in names or source is None:
            return declared
        return {"slug": (source,)}

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """One transaction, and one version per save: the record's fields and its links as the save leaves them
        (`one_version_per_save`; simple-history made one for the save and one per link added or removed)."""
        with transaction.atomic(using=router.db_for_write(self.model)), one_version_per_save():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_changeform_initial_data(self, request):
        """A new record starts as a draft: it went live on its first save, before anyone had checked it."""
        return {"publication_status": Status.DRAFT, **super().get_changeform_initial_data(request)}

    def get_fieldsets(self, request, obj=None):
        """The record's own fields first (the title, the dates: what an editor opens it for), then its
        publication state and correction note, then the reason field (and the version the form was opened on), each
        in its own box, whatever fields or fieldsets the subclass declares."""
        own = ("change_reason", "loaded_version")
        declared = super().get_fieldsets(request, obj)
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in (*own, *PUBLICATION_FIELDS)]})
            for name, options in declared
        ]
        shown = {field for _, options in declared for field in options["fields"]}
        publication = [field for field in PUBLICATION_FIELDS if field in shown]
        if publication:
            fieldsets.append(("Publication and corrections", {"fields": publication}))
        if obj is not None and not self.has_change_permission(request, obj):
            return fieldsets  # a read-only page saves nothing: no reason to give, no version to check
        return [*fieldsets, ("History", {"fields": list(own)})]

    # --- reasons -------------------------------------------------------------------------------------------

    def reason_for(self, request, form):
        reason = form.cleaned_data.get("change_reason", "")
        reverted = getattr(request, "reverting_to", None)
        if reverted is not None:
            when = timezone.localtime(reverted.history_date).strftime("%Y-%m-%d %H:%M:%S %Z")
            reason = f"Reverted to version of {when}" + (f": {reason}" if reason else "")
        return truncate_reason(reason)

    def save_model(self, request, obj, form, change):
        obj._change_reason = self.reason_for(request, form)
        super().save_model(request, obj, form, change)
        restored = self.restored_parts_version(request)
        if restored is not None:  # a revert: the version's parts too (the revert page has no inline forms)
            obj.restore_version_parts(restored)

    def restored_parts_version(self, request):
        """On a revert page, the version being restored when its record has parts and the version holds them (one
        made before parts were recorded leaves the record's parts as they are), else None."""
        version = getattr(request, "reverting_to", None)
        if version is None or not has_parts(self.model) or not version.links_recorded:
            return None
        return version

    def save_formset(self, request, form, formset, change):
        reason = self.reason_for(request, form)
        for inline_form in formset.forms:
            inline_form.instance._change_reason = reason
        super().save_formset(request, form, formset, change)

    # --- history -------------------------------------------------------------------------------------------

    def get_historical_record_context_helper(self, request, historical_record):
        return ContentHistoryContextHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Each version's changes against the one before, its links included: read for the whole page at once
        (simple-history's diff ran two queries per link field per version), and compared only between versions that
        both recorded their links (one made before links were recorded holds none, which is no change)."""
        fields = link_fields(self.model)
        if not fields and not has_parts(self.model):
            return super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        records = list(historical_records)
        links = recorded_links(records)
        parts = self.model.version_parts(records) if has_parts(self.model) else {}
        described = self.model.describe_version_parts(parts) if parts else {}
        linked = {
            field.name: field.related_model._base_manager.in_bulk(
                {pk for version in links.values() for pk in version[field.name]}
            )
            for field in fields
        }
        for newer, older in zip(records, records[1:], strict=False):
            delta = newer.diff_against(
                older, foreign_keys_are_objs=foreign_keys_are_objs, excluded_fields=[f.name for f in fields]
            )
            after, before = links.get(newer.history_id), links.get(older.history_id)
            if after is not None and before is not None:
                moved = [field for field in fields if set(after[field.name]) != set(before[field.name])]
                delta = dataclasses.replace(
                    delta,
                    changes=[*delta.changes, *(link_change(field, before, after, linked) for field in moved)],
                    changed_fields=[*delta.changed_fields, *(field.name for field in moved)],
                )
            moved_parts = parts_changes(newer, older, parts, described)
            if moved_parts:
                delta = dataclasses.replace(
                    delta,
                    changes=[*delta.changes, *moved_parts],
                    changed_fields=[*delta.changed_fields, *(change.field for change in moved_parts)],
                )
            helper = self.get_historical_record_context_helper(request, newer)
            newer.history_delta_changes = helper.context_for_delta_changes(delta)

    def history_view(self, request, object_id, extra_context=None):
        """The history page names who made each version; only someone who may view user accounts gets the name as a
        link to the account (an editor's click led to "You do not have permission")."""
        users = get_user_model()
        user_admin = self.admin_site._registry.get(users)
        if user_admin is None or not user_admin.has_view_or_change_permission(request):
            extra_context = {**(extra_context or {}), "admin_user_view": ""}  # no such view: the name alone
        return super().history_view(request, object_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        """On a revert page, the links the version recorded are the links restored (a version made before links
        were recorded leaves the record's links as they are)."""
        form = super().get_form(request, obj, change=change, **kwargs)
        version = getattr(request, "reverting_to", None)
        if version is not None and not hasattr(request, "reverting_to_links"):  # get_form runs twice per page
            request.reverting_to_links = recorded_links([version]).get(version.history_id)
        links = getattr(request, "reverting_to_links", None)
        if not links:
            return form

        class RevertForm(form):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, **form_kwargs)
                self.initial.update({name: ids for name, ids in links.items() if name in self.fields})

        return RevertForm

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """The revert page: remember which version is being restored, so the new version says so."""
        if not str(version_id).isdigit():
            raise Http404("No such version.")
        history_model = self.model.history.model
        request.reverting_to = history_model.objects.filter(
            **{self.model._meta.pk.attname: unquote(object_id), "history_id": version_id}
        ).first()
        if request.reverting_to is None:
            raise Http404("No such version.")
        # simple-history saves a POSTed revert for anyone who may *view* the history; reverting is a change.
        if request.method == "POST" and not self.has_change_permission(request, request.reverting_to.instance):
            raise PermissionDenied
        restored = self.restored_parts_version(request)
        if restored is not None and self.has_change_permission(request, restored.instance):
            # what a revert brings back besides the fields shown (not said on a page that only shows the version)
            described = self.model.describe_version_parts(self.model.version_parts([restored]))[restored.history_id]
            extra_context = {
                **(extra_context or {}),
                "restored_parts": [
                    (name.capitalize(), "\n".join(lines) or "none") for name, lines in described.items()
                ],
            }
        # one transaction, as a change page has: the record and its links saved whole, its row locked for the check
        with transaction.atomic(using=router.db_for_write(self.model)), one_version_per_save():
            return super().history_form_view(request, object_id, version_id, extra_context)

    # --- preview -------------------------------------------------------------------------------------------

    def get_urls(self):
        opts = self.model._meta
        preview = path(
            "<path:object_id>/preview/",
            self.admin_site.admin_view(self.preview_view),
            name=f"{opts.app_label}_{opts.model_name}_preview",
        )
        return [preview, *super().get_urls()]

    def preview_view(self, request, object_id):
        """The record as stored, drafts included, for anyone who may view it in admin."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {self.model._meta.verbose_name} with this id.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": f"Preview: {obj}",
            "opts": self.model._meta,
            "original": obj,
            "rows": preview_rows(obj),
            "is_draft": not obj.is_published,
            "public_url": obj.get_absolute_url() if obj.is_published else None,
        }
        return TemplateResponse(request, self.preview_template, context)


def preview_rows(obj):
    """(label, value) for every field of a record, as admin would display it; many-to-many as lists."""
    rows = []
    for field in obj._meta.fields:
        if field.auto_created:
            continue
        value = getattr(obj, field.name)
        shown = value if field.is_relation else display_for_field(value, field, "—")
        rows.append((field.verbose_name, shown if shown not in (None, "") else "—"))
    for field in obj._meta.many_to_many:
        related = ", ".join(str(item) for item in getattr(obj, field.name).all())
        rows.append((field.verbose_name, related or "—"))
    return rows


class CountryScopedAdmin(ContentAdmin):
    """Admin for country-scoped records: filter by country, search by slug, country via autocomplete."""

    autocomplete_fields = ("country",)
    list_select_related = ("country",)

    def get_search_fields(self, request):
        return ("slug", *super().get_search_fields(request))

    def get_list_filter(self, request):
        return (*super().get_list_filter(request), "country")


class ContentInline(VersionCheckedInline, admin.TabularInline):
    extra = 0
    show_change_link = True
    exclude = ("created_at", "modified_at")
