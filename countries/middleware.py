"""A country's page reached by its name or slug (`/countries/kazakhstan/`) redirects to its address by code."""

from django.http import HttpResponsePermanentRedirect

from core.filters import COUNTRY_CODE
from core.urls import reverse

from .models import Country


class CountryNameRedirectMiddleware:
    """`/countries/kazakhstan/laws/` (the country's slug or name, in any case) redirects (301) to
    `/countries/kz/laws/`: a reader guessing an address types the name, and every page is found by its ISO code.
    One query, only for a page whose code is not a code; a name no published country has stays the view's 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        code = view_kwargs.get("code")
        match = request.resolver_match
        if not isinstance(code, str) or COUNTRY_CODE.fullmatch(code) or request.method not in ("GET", "HEAD"):
            return None
        if match is None or "api" in match.namespaces:
            return None
        words = code.replace("-", " ").replace("_", " ")
        country = (
            Country.objects.published().filter(slug__iexact=code).first()
            or Country.objects.published().filter(name__iexact=words).first()
        )
        if country is None:
            return None
        path = reverse(match.view_name, kwargs={**view_kwargs, "code": country.iso2.lower()})
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)
