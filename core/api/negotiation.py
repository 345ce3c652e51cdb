"""Content negotiation: a format asked for by name wins over the `Accept` header, in any case (`CSV`).

DRF narrows the renderers to the `?format=` asked for and then still requires the `Accept` header to match one of
them, so `?format=csv` from a client that always sends `Accept: application/json` (R's httr, many JavaScript
libraries) was a 406. The format in the address is the more specific wish, and the one a person typed.
"""

from rest_framework.negotiation import DefaultContentNegotiation


class FormatFirstNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        requested = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if requested:
            renderer = self.filter_renderers(renderers, requested.lower())[0]  # an unknown format: DRF's Http404
            return renderer, renderer.media_type
        return super().select_renderer(request, renderers, format_suffix)
