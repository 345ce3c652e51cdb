"""The search parameters (validated the same way for the HTML page and the API) and the API's response."""

from rest_framework import serializers

from core.api.serializers import FastReadMixin
from core.filters import COUNTRY_CODE_SCHEMA

from .sources import RECORD_TYPE_LABELS

MAX_QUERY_LENGTH = 500
MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 20


class SearchParamsSerializer(serializers.Serializer):
    """What a search accepts; anything else in the query string is an error, not silently ignored."""

    q = serializers.CharField(
        max_length=MAX_QUERY_LENGTH,
        allow_blank=True,
        required=False,
        default="",
        trim_whitespace=True,
        help_text=(
            'Words to find. "Quoted phrases" match together, -word excludes, `or` joins alternatives; '
            "misspelled words also match similar indexed words. A question's own words (how many, is, the...) are "
            "not required; a covered country named among other words limits the search to its records."
        ),
    )
    type = serializers.ChoiceField(
        choices=sorted(RECORD_TYPE_LABELS.items()), required=False, help_text="Only records of this type."
    )
    country = serializers.RegexField(
        COUNTRY_CODE_SCHEMA["pattern"],
        required=False,
        help_text="Only records of this country (ISO 3166 alpha-2 code, e.g. KZ).",
        error_messages={"invalid": "Give a two-letter ISO 3166 country code, e.g. KZ."},
    )
    year = serializers.IntegerField(
        min_value=1000, max_value=9999, required=False, help_text="Only records of this year."
    )
    page = serializers.IntegerField(min_value=1, max_value=10_000, required=False, default=1)
    page_size = serializers.IntegerField(
        min_value=1, max_value=MAX_PAGE_SIZE, required=False, default=DEFAULT_PAGE_SIZE
    )

    def to_internal_value(self, data):
        unknown = sorted(set(data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: ["Unknown parameter."] for name in unknown})
        getlist = getattr(data, "getlist", lambda name: [data[name]] if name in data else [])
        repeated = sorted(name for name in self.fields if len(getlist(name)) > 1)
        if repeated:
            raise serializers.ValidationError({name: ["Give this parameter once."] for name in repeated})
        return super().to_internal_value(data)

    def validate_country(self, value):
        return value.upper()

    def validate_q(self, value):
        if any(ord(char) < 32 and char not in "\t\n\r" for char in value):
            raise serializers.ValidationError("The query contains control characters.")
        return value


class FacetValueSerializer(FastReadMixin, serializers.Serializer):
    """One facet value; read as the API reads records (`FastReadMixin`): a common word has some 250 of them."""

    value = serializers.CharField(help_text="The value to pass back as this facet's parameter.")
    label = serializers.CharField(help_text="The value as a reader names it.")
    count = serializers.IntegerField(help_text="Hits with this value, ignoring this facet's own filter.")
    selected = serializers.BooleanField(help_text="Whether the request filters on this value.")


class FacetsSerializer(serializers.Serializer):
    type = FacetValueSerializer(many=True, help_text="Record types, with the number of hits of each.")
    country = FacetValueSerializer(many=True, help_text="Countries (ISO code and name), with hit counts.")
    year = FacetValueSerializer(many=True, help_text="Years, newest first, with hit counts.")


class HitSerializer(FastReadMixin, serializers.Serializer):
    record_type = serializers.CharField()
    record_id = serializers.IntegerField(help_text="The record's id among records of its type.")
    record_type_label = serializers.CharField()
    title = serializers.CharField()
    title_html = serializers.CharField(help_text="The title, HTML-escaped, with matches in <mark>.")
    snippet_html = serializers.CharField(help_text="An excerpt, HTML-escaped, with matches in <mark>.")
    url = serializers.CharField(help_text="The record's page (with a section anchor where it has none).")
    country_code = serializers.CharField()
    country_name = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    score = serializers.FloatField(help_text="Relevance; only comparable within one search.")


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    corrections = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Misspelled words and the indexed words also searched for them.",
    )
    notice = serializers.CharField(
        help_text="What the search did that the query alone does not say (a country it names limits it), or why "
        "nothing was searched; empty otherwise."
    )
    facets = FacetsSerializer()
    results = HitSerializer(many=True, source="hits")
