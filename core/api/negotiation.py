"""Content negotiation: a format asked for by name wins over the `Accept` header, in any case (`CSV`).

DRF narrows the renderers to the `?format=` asked for and then still requires the `Accept` header to match one of
them, so `?format=csv` from a client that always sends `Accept: application/json` (R's httr, many JavaScript
libraries) was a 406. The format in the address is the more specific wish, and the one a person typed. Among the
renderers of that format, `Accept` still chooses when it can (the schema's `application/json` rather than its
OpenAPI media type, `indent=4`).
"""

from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation


class FormatFirstNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        requested = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if not requested:
            return super().select_renderer(request, renderers, format_suffix)
        named = self.filter_renderers(renderers, requested.lower())  # an unknown format: DRF's Http404
        try:
            return super().select_renderer(request, named, requested.lower())
        except NotAcceptable:
            return named[0], named[0].media_type
