"""Admin for the moderation queue of readers' corrections, and each staff member's own API token page."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from rest_framework.authtoken.models import Token

from core.cache import invalidate

from .models import ApiToken, CorrectionSubmission

Status = CorrectionSubmission.Status


def _moderate(request, queryset, status):
    count = queryset.update(status=status, moderated_by=request.user, moderated_at=timezone.now())
    invalidate(using=queryset.db)  # update() sends no signal: retire the cached responses ourselves
    return count


def _moderate_and_say(modeladmin, request, queryset, status):
    count = _moderate(request, queryset, status)
    modeladmin.message_user(request, f"{count} report(s) marked as {Status(status).label.lower()}.", messages.SUCCESS)


@admin.action(description="Mark as accepted (the record has been corrected)", permissions=["change"])
def mark_accepted(modeladmin, request, queryset):
    _moderate_and_say(modeladmin, request, queryset, Status.ACCEPTED)


@admin.action(description="Mark as rejected", permissions=["change"])
def mark_rejected(modeladmin, request, queryset):
    _moderate_and_say(modeladmin, request, queryset, Status.REJECTED)


class QueueStatusFilter(admin.SimpleListFilter):
    """The queue opens on the new reports, the ones waiting for an editor, each status with its count; "All"
    is one click away. Django's status filter opened on all of them, the handled ones mixed in."""

    title = "status"
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        counts = dict(model_admin.get_queryset(request).values_list("status").annotate(n=Count("pk")))
        return [(value, f"{label} ({counts.get(value, 0)})") for value, label in Status.choices]

    def __init__(self, request, params, model, model_admin):
        self.searching = bool(request.GET.get("q"))
        super().__init__(request, params, model, model_admin)

    def value(self):
        # a search looks through every report unless a status is chosen: a handled one is found too
        return super().value() or (self.ALL if self.searching else Status.NEW)

    def queryset(self, request, queryset):
        return queryset if self.value() == self.ALL else queryset.filter(status=self.value())

    def choices(self, changelist):
        for value, label in [*self.lookup_choices, (self.ALL, "All")]:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


@admin.register(CorrectionSubmission)
class CorrectionSubmissionAdmin(admin.ModelAdmin):
    """The queue: readers' reports are read-only; editors set the status and keep notes.

    Accepting a report does not change the record: the editor corrects it through its own admin page, so
    the fix is recorded (with its reason) in the record's history.
    """

    list_display = ("created_at", "status", "what_is_wrong_short", "page_link", "record_type")
    # only the kinds of record readers have reported on, not every table of the project
    list_filter = (QueueStatusFilter, ("content_type", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("content_type",)
    search_fields = ("what_is_wrong", "source", "page_url", "email")
    date_hierarchy = "created_at"
    actions = [mark_accepted, mark_rejected]
    fields = (
        "what_is_wrong",
        "source",
        "email",
        "page_link",
        "record_link",
        "created_at",
        "status",
        "moderator_notes",
        "moderated_by",
        "moderated_at",
    )
    readonly_fields = (
        "what_is_wrong",
        "source",
        "email",
        "page_link",
        "record_link",
        "created_at",
        "moderated_by",
        "moderated_at",
    )

    def has_add_permission(self, request):
        return False  # readers file corrections through the public form

    @admin.display(description="what is wrong")
    def what_is_wrong_short(self, obj):
        return obj.what_is_wrong[:80]

    @admin.display(description="record")
    def record_type(self, obj):
        return obj.content_type.name if obj.content_type_id else "—"

    @admin.display(description="page")
    def page_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.page_url, obj.page_url)

    @admin.display(description="record")
    def record_link(self, obj):
        record = obj.record
        if record is None:
            return "—"
        opts = record._meta
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
        except NoReverseMatch:
            return str(record)
        return format_html('<a href="{}">{}: {}</a>', url, opts.verbose_name, record)

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderated_by, obj.moderated_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """ "My API token": any active staff member sees, creates or replaces their own token, and nobody else's.

    Editors get no permission on `authtoken.Token` itself, where they could make tokens for other users.
    """

    template_name = "editorial/admin/api_token.html"

    def _is_staff(self, request):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self._is_staff(request)

    def has_view_permission(self, request, obj=None):
        return self._is_staff(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        opts = self.model._meta
        view = self.admin_site.admin_view(self.token_view)
        return [path("", view, name=f"{opts.app_label}_{opts.model_name}_changelist")]

    def token_view(self, request):
        if not self._is_staff(request):
            raise PermissionDenied
        if request.method == "POST":
            Token.objects.filter(user=request.user).delete()
            Token.objects.create(user=request.user)
            messages.success(request, "Your new API token is ready. Any previous token no longer works.")
            return redirect(request.path)
        token = Token.objects.filter(user=request.user).first()
        context = {
            **self.admin_site.each_context(request),
            "title": "My API token",
            "opts": self.model._meta,
            "token": token,
        }
        return TemplateResponse(request, self.template_name, context)
