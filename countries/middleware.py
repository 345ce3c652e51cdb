"""A country's page reached by its name or slug (`/countries/kazakhstan/`) redirects to its address by code."""

from django.db.models import Q

from core.filters import COUNTRY_CODE
from core.middleware import CountryAddressMiddleware

from .models import Country


class CountryNameRedirectMiddleware(CountryAddressMiddleware):
    """`/countries/kazakhstan/laws/` (the country's slug or name, in any case) redirects (301) to
    `/countries/kz/laws/`: a reader guessing an address types the name, and every page is found by its ISO code.
    One query, only for a page whose code is not a code; a name no published country has stays the view's 404."""

    def canonical_code(self, code):
        if COUNTRY_CODE.fullmatch(code):
            return None
        words = code.replace("-", " ").replace("_", " ")
        country = Country.objects.published().filter(Q(slug__iexact=code) | Q(name__iexact=words)).first()
        return country.iso2.lower() if country is not None else None
