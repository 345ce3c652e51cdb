from django.contrib import admin, messages
from django.db.models import Max
from django.forms.models import BaseInlineFormSet
from simple_history.admin import SimpleHistoryAdmin

from core.admin import AutocompleteValuesChecked, ContentAdmin, LookupValuesChecked, RecordForm, VersionCheckedInline

from .models import Answer, Citation, Question


@admin.register(Question)
class QuestionAdmin(ContentAdmin):
    list_display = ("key", "text", "category", "answer_type", "order", "publication_status")
    list_filter = ("category", "answer_type")
    search_fields = ("key", "text", "coding_rules", "covers")


class CitationFormSet(BaseInlineFormSet):
    """An answer's citations, whose orders are unique per answer (`codebook_citation_answer_order`)."""

    def save_existing_objects(self, commit=True):
        """Citations that change places step aside first: saved row by row, the first of two swapped citations took
        the other's place while it still held it (a 500). Each steps past the answer's last position (an update,
        which records nothing), then is saved at its new place as usual, so its history shows the one move."""
        deleted = self.deleted_forms if self.can_delete else []
        moving = [
            form.instance.pk
            for form in self.initial_forms
            if form.instance.pk and ("order" in form.changed_data or form in deleted)
        ]
        if commit and moving:
            # past every place held now and every place asked for, so no row steps into one it must leave again
            held = Citation.objects.filter(answer=self.instance).aggregate(last=Max("order"))["last"] or 0
            asked = [form.cleaned_data.get("order") or 0 for form in self.forms if form.cleaned_data]
            last = max([held, *asked])
            for step, pk in enumerate(moving, start=1):
                # a save that makes no version, not an update: the first save of a loaded citation records the
                # state it was loaded in first (editorial.history.record_baseline), before the step aside, whose
                # place it never held
                citation = Citation.objects.get(pk=pk)
                citation.order, citation.skip_history_when_saving = last + step, True
                citation.save(update_fields=["order"])
        return super().save_existing_objects(commit)


class CitationInline(VersionCheckedInline, admin.StackedInline):
    model = Citation
    formset = CitationFormSet
    extra = 0
    fields = ("order", "law", "pinpoint", "quote")
    autocomplete_fields = ("law",)


@admin.register(Answer)
class AnswerAdmin(ContentAdmin):
    """A value that does not fit its question's type is a form error on the field (`Answer.clean`)."""

    list_display = ("__str__", "status", "value", "valid_from", "valid_to", "publication_status")
    list_filter = ("country", "question__category", "status")
    search_fields = ("question__key", "question__text", "value_text", "note", "citations__quote")
    autocomplete_fields = ("country", "question")
    list_select_related = ("country", "question")
    date_hierarchy = "valid_from"
    inlines = [CitationInline]

    @admin.display(description="value")
    def value(self, answer):
        return answer.value_display

    @staticmethod
    def derived_start(answer):
        """The answer as stored, with its `start` and the law that start comes from (None for a new answer)."""
        if answer.pk is None:
            return None
        stored = Answer.objects.with_start().with_citations().filter(pk=answer.pk).first()
        return (stored.start, stored.start_law) if stored is not None else None

    def save_model(self, request, obj, form, change):
        obj._start_before = self.derived_start(obj)
        super().save_model(request, obj, form, change)

    @staticmethod
    def warn_after_the_report(request, answer, start):
        """Say when a rule starts (`start`: stated, or the adoption of the law it rests on) after its country's
        report: the pages, the comparison and the panel show the rules on the report's date (no report speaks for
        later), so the rule is listed among recent changes but shown as current nowhere, and an editor took the site
        for broken."""
        report = getattr(answer.country, "profile", None)  # none: the rules are shown for today
        if start is None or report is None or not report.is_published:
            return
        report_date = report.last_updated
        if start <= report_date:
            return
        messages.warning(
            request,
            f"This rule starts after {answer.country}'s report of "
            f"{report_date:%B} {report_date.day}, {report_date.year}: the pages, the comparison and the panel show "
            "the rules on the report's date, so it shows as current once the country's report (its profile's "
            "last-updated date) covers its start.",
        )

    def save_related(self, request, form, formsets, change):
        """Say when a save moves the start of a rule whose start the source does not state. That start is the
        adoption of the latest published law it cites (`with_start`): a citation added to a newer law took the rule
        off the profile, the comparison and the panel for every earlier year, and nothing on the page said so. And
        say when a save moves a rule's start past its country's report (`warn_after_the_report`)."""
        super().save_related(request, form, formsets, change)
        answer = form.instance
        before, after = getattr(answer, "_start_before", None), self.derived_start(answer)
        if after is None or (before or (None, None))[0] == after[0]:
            return  # the start stays where it was: said when it moved there
        start, law = after
        if answer.valid_from is None:
            self.warn_start_moved(request, law)
        self.warn_after_the_report(request, answer, start)

    @staticmethod
    def warn_start_moved(request, law):
        """The new derived start of an undated rule: the adoption of `law`, or none (no dated law cited)."""
        if law is None:
            messages.warning(
                request,
                "The source states no start for this rule, and it cites no dated published law: it now counts as in "
                "force on any date before its end.",
            )
        else:
            messages.warning(
                request,
                f"The source states no start for this rule: it now counts as in force only from {law.adopted_display}, "
                f"the adoption of {law}, the latest law it cites. If the rule is older, give its start (valid from) "
                "where the source states it, or cite the law that made it.",
            )


@admin.register(Citation)
class CitationAdmin(LookupValuesChecked, AutocompleteValuesChecked, SimpleHistoryAdmin):
    """Every citation in one list, to find the answers resting on a law or a sentence; read only here, edited with
    its answer: a change made here made no version of the answer, and the answer's next save showed it as its own,
    with that save's editor and reason."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # not from here; deleting its answer deletes it, and the answer's delete page asks about its citations
        match = getattr(request, "resolver_match", None)
        if match is not None and (match.url_name or "").startswith("codebook_citation_"):
            return False
        return super().has_delete_permission(request, obj)

    form = RecordForm
    list_display = ("__str__", "answer", "law", "pinpoint")
    list_select_related = ("answer__country", "answer__question", "law")
    search_fields = ("quote", "pinpoint", "law__title", "answer__question__key")
    autocomplete_fields = ("answer", "law")
