"""Base views of the public site: a list filtered through the resource's FilterSet (the one the API uses
too) with whitelisted sorting and pagination, and a record page that answers 404 with a message.

Invalid filter or sort input renders the list with its form errors and status 400, never a 500.
"""

import sys

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.views import View
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView

from .choices import Status
from .filters import misread_booleans
from .middleware import database_answers, error_response, is_outage, method_not_allowed, outage_response


class SortForm(forms.Form):
    """The list's sort order, from a whitelist; anything else is a form error."""

    sort = forms.ChoiceField(required=False, label="Sort by")

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = choices


def tune_widgets(form):
    """Friendlier HTML widgets for the shared FilterSets' fields (the API ignores widgets): checkboxes for
    multiple choices, the browser's date picker for dates, "Any" as the no-filter choice of every select."""
    for field in form.fields.values():
        if isinstance(field.widget, forms.SelectMultiple):
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
        elif isinstance(field, forms.DateField):
            field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        elif isinstance(field.widget, forms.NullBooleanSelect):
            field.widget.choices = [("unknown", "Any"), ("true", "Yes"), ("false", "No")]
        elif hasattr(field, "empty_label") and isinstance(field, forms.ChoiceField):
            field.empty_label = "Any"
            field.choices = [choice for choice in field.choices.choices if choice[0] != ""]


def without_empty_values(params):
    """A copy of a page's query string without its empty values: `?kind=`, as a hand-edited link leaves it, means
    no choice (it was a form error reading "Select a valid choice.  is not one of the available choices")."""
    data = params.copy()
    for name in list(data):
        values = [value for value in data.getlist(name) if value != ""]
        if values:
            data.setlist(name, values)
        else:
            del data[name]
    return data


class PageNotFound(Http404):
    """A 404 whose message the reader should see (`page_not_found` shows it): a page past a list's end, say."""


def page_not_found(request, exception=None):
    """handler404: the site's page, with the reason when a view gave one the reader can use (`PageNotFound`);
    any other 404 (a mistyped address, an unknown record) keeps the page's general words."""
    reason = str(exception) if isinstance(exception, PageNotFound) else ""
    return error_response(request, 404, reason or "Not found.", "404.html", {"reason": reason})


class FilteredListView(ListView):
    """A filtered, sorted, paginated list of published records.

    Subclasses name the model, its FilterSet, the sort options (key -> (label, ordering)) and implement
    `base_queryset()` (published records with what each row needs loaded, so a page costs the same number of
    queries however long the list). `hidden_filters` are filters the URL already fixes.
    """

    filterset_class = None
    title = ""
    sorts = {}
    default_sort_label = "Report order"
    paginate_by = 20
    hidden_filters = ()
    # Filters the page leaves to the API: a second control for the same question (a year beside a date).
    api_only_filters = ()
    # When one of these (date) filters is set and no sort is chosen, the list is sorted by `dated_sort`.
    date_filters = ()
    dated_sort = ""
    invalid = False

    def base_queryset(self):
        raise NotImplementedError

    def tune_filter_form(self, form):
        """Adjust the FilterSet's form for the page (widgets, choices); see `tune_widgets`."""
        tune_widgets(form)

    def filter_data(self):
        """The query string as the filters read it: without the filters the URL fixes or the page leaves to the
        API, and without empty values (`without_empty_values`)."""
        data = without_empty_values(self.request.GET)
        for name in (*self.hidden_filters, *self.api_only_filters):
            data.pop(name, None)
        return data

    def get_queryset(self):
        data = self.filter_data()
        self.filterset = self.filterset_class(data, queryset=self.base_queryset(), request=self.request)
        self.tune_filter_form(self.filterset.form)
        choices = [(key, label) for key, (label, _) in self.sorts.items()]
        self.sort_form = SortForm(self.request.GET, choices=[("", self.default_sort_label), *choices])
        valid = self.filterset.is_valid() and self.sort_form.is_valid()
        for name, value in misread_booleans(self.filterset_class, data, also=("unknown",)):
            self.filterset.form.add_error(name, f"Choose Yes or No (true or false), not {value!r}.")
            valid = False
        if not valid:
            self.invalid = True
            return self.filterset.queryset.none()
        queryset = self.filterset.qs
        sort = self.sort_form.cleaned_data.get("sort")
        if not sort and any(self.filterset.form.cleaned_data.get(name) for name in self.date_filters):
            sort = self.dated_sort
        return queryset.order_by(*self.sorts[sort][1]) if sort else queryset

    def paginate_queryset(self, queryset, page_size):
        """Django's, with a 404 that says which pages there are ("Invalid page (5): That page contains no
        results" was not shown, and the reader saw only that the address did not exist)."""
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404 as exc:
            paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=self.get_allow_empty())
            pages = f"{paginator.num_pages} page" + ("s" if paginator.num_pages != 1 else "")
            asked = self.request.GET.get(self.page_kwarg, "")
            raise PageNotFound(
                f"Page {asked} does not exist: this list has {pages}."
                if asked.isascii() and asked.isdigit()
                else f"{asked!r} is not a page number: give a whole number from 1 to {paginator.num_pages}."
            ) from exc

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["list_title"] = self.title
        context["filterset"] = self.filterset
        hidden = (*self.hidden_filters, *self.api_only_filters)
        context["filter_fields"] = [field for field in self.filterset.form if field.name not in hidden]
        context["sort_form"] = self.sort_form
        context["invalid"] = self.invalid
        context["is_filtered"] = any(key not in ("page",) for key in self.request.GET)
        return context

    def render_to_response(self, context, **response_kwargs):
        if self.invalid:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


# Sections an app above adds to the pages of another app's records (the codebook's rules on a barrier's page):
# the record's app cannot import it (the layers), so the app above registers its section at start-up.
_PAGE_SECTIONS = {}


def add_page_section(model, build):
    """Show `build(record)` on the page of each of `model`'s records: a dict holding the `template` to include, the
    `anchor` of its section and the `jump` link's text (the top of the page links to it) and its context, or None
    to show nothing. Called from an `AppConfig.ready()`."""
    _PAGE_SECTIONS.setdefault(model, []).append(build)


def page_sections(record):
    """The sections other apps add to this record's page (see `add_page_section`)."""
    return [section for build in _PAGE_SECTIONS.get(type(record), ()) if (section := build(record)) is not None]


class RecordMoved(Exception):
    """The address names a record by a slug (or number) it has since given up: `RecordDetailView` answers 301."""

    def __init__(self, record):
        super().__init__(record)
        self.record = record


class RecordIndexView(ListView):
    """Every published record of a model no country owns (treaties, ranking indices), at the address a reader
    reaches by trimming a record's own (`/treaties/iccpr/` -> `/treaties/`), which was a 404."""

    def get_queryset(self):
        return self.model.objects.published().for_list()


class RecordDetailView(DetailView):
    """One published record, found by `lookup_field` in the URL, with its page's relations loaded, and the
    sections other apps add to it (`add_page_section`).

    An address a record had before an editor changed its slug (or an article's number) redirects to its page
    (301): reports, footnotes and court filings cite these addresses, and they must not break. The record's
    history knows every key it had; only a miss pays for the look-up.
    """

    lookup_field = "slug"
    template_name = "record_detail.html"
    FORMER_KEYS_CHECKED = 5  # the records that most recently held the key; more would be a strange history

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except RecordMoved as moved:
            url = moved.record.get_absolute_url()
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_sections=page_sections(self.object), **kwargs)

    def get_queryset(self):
        return self.model.objects.published().for_page()

    def get_object(self, queryset=None):
        queryset = queryset if queryset is not None else self.get_queryset()
        try:
            return queryset.get(**{self.lookup_field: self.kwargs[self.lookup_field]})
        except self.model.DoesNotExist as exc:
            moved = self.record_that_had_the_key(queryset)
            if moved is not None:
                raise RecordMoved(moved) from exc
            raise Http404(f"No {self.model._meta.verbose_name} found.") from exc

    def former_versions(self, versions):
        """The versions that may have been at this address (a country's records narrow them to its code)."""
        return versions

    def record_that_had_the_key(self, queryset):
        """The published record that held the URL's key most recently and holds another now, or None (two
        queries: its versions with that key, then the records among them the public may see). Only a key the record
        held while published counts: a draft's working slug was never an address, and must not become one that
        names the record (`secret-working-title` answered with the published law's address)."""
        history = getattr(self.model, "history", None)
        if history is None:
            return None
        versions = history.filter(
            **{self.lookup_field: self.kwargs[self.lookup_field]}, publication_status=Status.PUBLISHED
        )
        versions = self.former_versions(versions)
        ids = list(dict.fromkeys(versions.order_by("-history_date", "-history_id").values_list("id", flat=True)))
        ids = ids[: self.FORMER_KEYS_CHECKED]
        records = queryset.in_bulk(ids) if ids else {}
        return next((records[pk] for pk in ids if pk in records), None)


def server_error(request):
    """handler500: a database outage anywhere (even in middleware, before a view runs) is a 503 that says so;
    anything else is a styled 500 for pages and a JSON 500 for the API. No details leak either way."""
    if is_outage(sys.exc_info()[1]):
        return outage_response(request)
    return error_response(request, 500, "Server error. The team has been notified.", "500.html")


def health(request):
    """/healthz for load balancers: 200 when the database (and the cache, when Redis is configured) answers,
    503 otherwise. It names the failing part, never the error, host or credentials."""
    checks = {"database": "ok" if database_answers() else "unavailable"}
    if settings.REDIS_URL:
        checks["cache"] = "ok"
        try:
            cache.set("healthz", "1", 5)
            if cache.get("healthz") != "1":
                checks["cache"] = "unavailable"
        except Exception:  # noqa: BLE001 - any cache failure is an unhealthy cache
            checks["cache"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503
    )
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception=None):
    """handler400 (a request Django itself refuses: a malformed header, too many fields): JSON under the API, with
    what was wrong when Django says (a request with 1,001 parameters read only "Bad request.")."""
    if isinstance(exception, TooManyFieldsSent):
        detail = f"Too many parameters: a request may carry at most {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,}."
    elif isinstance(exception, RequestDataTooBig):
        detail = f"The request is too large: at most {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes of form data."
    else:
        detail = "The address or the form could not be read."
    return error_response(request, 400, detail, "400.html", {"message": detail})


READ_METHODS = ("GET", "HEAD")


def read_only(view):
    """A function view that only reads (a feed, the sitemap): GET and HEAD, anything else a 405; `allowed_methods`
    says so to `csrf_failure`, which cannot ask a function what it accepts."""
    wrapped = require_safe(view)
    wrapped.allowed_methods = READ_METHODS
    return wrapped


def allowed_methods(view):
    """The methods a view answers, or None when it does not say: a class-based view's handlers, as Django's own
    405 lists them; a function view's `allowed_methods` (see `read_only`)."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None and issubclass(view_class, View):
        names = {name for name in view_class.http_method_names if hasattr(view_class, name)}
        if "get" in names:
            names.add("head")  # View.setup answers HEAD with get()
        return tuple(name.upper() for name in view_class.http_method_names if name in names)
    return getattr(view, "allowed_methods", None)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW. Django checks the CSRF token before the view runs, so a POST (PUT, DELETE...) to a page
    that only reads was refused as a forged form ("CSRF verification failed", Django's bare page): it is a 405
    naming the methods the page takes. A form really sent without its token (an expired page, cookies blocked)
    gets the site's own 403 saying what to do. Both refuse the write: nothing is stored either way."""
    match = request.resolver_match
    methods = allowed_methods(match.func) if match else None
    if methods and request.method not in methods:
        return method_not_allowed(request, methods)
    return error_response(request, 403, FORM_NOT_VERIFIED, "403.html", FORM_NOT_VERIFIED_PAGE)


FORM_NOT_VERIFIED = (
    "Its security token is missing or has expired (a page left open for long, or cookies blocked for this site). "
    "Go back, reload the page and send the form again."
)
FORM_NOT_VERIFIED_PAGE = {
    "title": "Form not verified",
    "heading": "The form could not be verified",
    "message": FORM_NOT_VERIFIED,
}
NOT_PERMITTED = (
    "Your account may not open this page or make this change. If your work needs it, ask an administrator for the "
    "permission."
)
NOT_PERMITTED_PAGE = {
    "title": "Not permitted",
    "heading": "You do not have permission for this",
    "message": NOT_PERMITTED,
}


def permission_denied(request, exception=None):
    """handler403: an account refused a page (an editor opening the user list, say). Django's own view rendered
    the site's 403 page, which then spoke of an expired form."""
    return error_response(request, 403, NOT_PERMITTED, "403.html", NOT_PERMITTED_PAGE)
