"""Page-number pagination where bad values are errors: the caller learns their request was not honoured."""

from rest_framework.pagination import PageNumberPagination

from .errors import bad_parameters

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


def whole_number(text):
    """ASCII digits only: str.isdigit() also accepts characters such as '²' that int() refuses."""
    return text.isascii() and text.isdigit()


class PublicPagination(PageNumberPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    invalid_page_message = "There is no page {page_number}: {message}."

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        if not whole_number(raw) or not 1 <= int(raw) <= self.max_page_size:
            raise bad_parameters(
                f"page_size must be a whole number from 1 to {self.max_page_size}, not {raw!r}.", ["page_size"]
            )
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and raw not in self.last_page_strings and not (whole_number(raw) and int(raw) >= 1):
            raise bad_parameters(f"page must be a whole number from 1, not {raw!r}.", ["page"])
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        """The page, and the same facts as headers: a CSV page has no envelope to carry them, and loaded into a
        table it would otherwise look like the whole list. `Link` (RFC 8288) names the next and previous pages,
        `X-Total-Count` the records over all pages."""
        response = super().get_paginated_response(data)
        links = [(self.get_next_link(), "next"), (self.get_previous_link(), "prev")]
        link_header = ", ".join(f'<{url}>; rel="{rel}"' for url, rel in links if url)
        if link_header:
            response["Link"] = link_header
        response["X-Total-Count"] = str(self.page.paginator.count)
        return response

    def get_paginated_response_schema(self, schema):
        envelope = super().get_paginated_response_schema(schema)
        described = envelope["properties"]
        described["count"]["description"] = "How many records match, over all pages."
        described["next"]["description"] = "The next page's URL, or null on the last page."
        described["previous"]["description"] = "The previous page's URL, or null on the first page."
        described["results"]["description"] = "The records of this page."
        return envelope

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, from 1 (or 'last'). Not a number or 0: 400; past the last page: 404.",
                "schema": {"type": "string", "pattern": r"^([1-9][0-9]*|last)$"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Results per page, 1 to {self.max_page_size} (default {self.page_size}). "
                "Anything else is a 400.",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
