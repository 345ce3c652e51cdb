"""Public editorial pages: a country's "Updates to this site's records" list, and readers' corrections
(form and thanks)."""

import datetime
import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from django.views.generic import FormView, TemplateView

from countries.models import Country

from .content import record_for_page
from .forms import CorrectionForm, site_path
from .history import public_changes

CHANGES_PER_PAGE = 50


def published_country(code):
    return get_object_or_404(Country.objects.published(), iso2__iexact=code)


class CountryChangesView(TemplateView):
    """What changed in a country's published records, newest first, paged back with `?before=<timestamp>`."""

    template_name = "editorial/country_changes.html"

    def get(self, request, *args, **kwargs):
        before = request.GET.get("before")
        self.before = parse_timestamp(before)
        if before and self.before is None:
            return HttpResponseBadRequest("'before' must be a date and time, e.g. 2026-01-31T12:00:00+00:00.")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        country = published_country(self.kwargs["code"])
        page = public_changes(country, before=self.before, limit=CHANGES_PER_PAGE)
        next_url = f"?{urlencode({'before': page.next_before.isoformat()})}" if page.next_before else None
        return super().get_context_data(
            country=country, changes=page.changes, next_url=next_url, is_first_page=self.before is None, **kwargs
        )


def parse_timestamp(value):
    """An aware datetime from an ISO 8601 string, or None if there is none or it is not one."""
    try:
        parsed = parse_datetime(value or "")
    except ValueError:
        return None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.UTC)
    return parsed


class RateLimit:
    """At most `limit` hits per client address per `window` seconds, counted in the cache (Redis if set).

    Limits are read from settings at each request (so deployments and tests can change them). Addresses are
    hashed before they become cache keys, so the cache never holds readers' addresses.
    """

    def __init__(self, scope, limit_setting, window_setting):
        self.scope, self.limit_setting, self.window_setting = scope, limit_setting, window_setting

    def key(self, request):
        return f"ratelimit:{self.scope}:{hashlib.sha256(client_address(request).encode()).hexdigest()}"

    def exceeded(self, request):
        return cache.get(self.key(request), 0) >= getattr(settings, self.limit_setting)

    def hit(self, request):
        key, window = self.key(request), getattr(settings, self.window_setting)
        cache.add(key, 0, window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, window)


def client_address(request):
    """The reader's address: REMOTE_ADDR, or the header the deployment's reverse proxy sets (CLIENT_IP_HEADER).

    For X-Forwarded-For the last address is the one our own proxy added; earlier ones come from the client.
    """
    value = request.META.get(settings.CLIENT_IP_HEADER) or request.META.get("REMOTE_ADDR", "")
    return value.rsplit(",", 1)[-1].strip()


class CorrectionCreateView(FormView):
    """The public form a reader fills in from "Suggest a correction"; it only files a report for editors."""

    template_name = "editorial/correction_form.html"
    form_class = CorrectionForm
    extra_context = {"hide_suggest_correction": True}
    rate_limit = RateLimit("corrections", "CORRECTIONS_RATE_LIMIT", "CORRECTIONS_RATE_WINDOW")

    def get_initial(self):
        return {"page_url": self.request.GET.get("page", "")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "allowed_hosts": {self.request.get_host()}}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = site_path(context["form"]["page_url"].value(), {self.request.get_host()})
        return context

    def post(self, request, *args, **kwargs):
        if self.rate_limit.exceeded(request):
            form = self.get_form()
            form.add_error(None, "You have sent several reports in the last hour. Please try again later.")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.is_honeypot_hit:
            self.rate_limit.hit(self.request)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        correction = form.save(commit=False)
        record = record_for_page(correction.page_url.split("?", 1)[0])
        if record is not None:
            correction.content_type = ContentType.objects.get_for_model(record)
            correction.object_id = record.pk
        correction.save()
        self.rate_limit.hit(self.request)
        return redirect(f"{reverse('editorial:correction-thanks')}?{urlencode({'page': correction.page_url})}")


class CorrectionThanksView(TemplateView):
    template_name = "editorial/correction_thanks.html"
    extra_context = {"hide_suggest_correction": True}

    def get_context_data(self, **kwargs):
        page = site_path(self.request.GET.get("page"), {self.request.get_host()})
        return super().get_context_data(page=page, **kwargs)
