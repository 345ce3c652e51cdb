"""The country as the API's hub: links to its whole profile and to each of its collections, and the whole
profile in one response. Both are derived from the resource registry."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.fields import API_NAMESPACE, absolute
from core.api.serializers import RECORD_TAIL, DescribedSerializerMixin
from core.urls import reverse
from countries.serializers import CountryProfileSummarySerializer, CountrySerializer

from .registry import PROFILE_ENTRIES, RESOURCES


@extend_schema_field(OpenApiTypes.URI)
class CollectionLinkField(serializers.Field):
    """The URL of one of the country's collections: the resource's list filtered by ?country=<code>."""

    def __init__(self, basename, **kwargs):
        self.basename = basename
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, country):
        path = f"{reverse(f'{API_NAMESPACE}:{self.basename}-list')}?country={country.iso2}"
        return absolute(self.context.get("request"), path)


class CountryLinksSerializer(serializers.Serializer):
    """Links from a country to each of its collections (every resource with a part in the profile)."""

    def get_fields(self):
        return {
            resource.profile: CollectionLinkField(
                resource.basename, help_text=f"{resource.label} of the country (API list URL)."
            )
            for resource in RESOURCES
            if resource.profile
        }


@extend_schema_field(OpenApiTypes.URI)
class ProfileUrlField(serializers.Field):
    """The country's whole profile in the API (`/api/v1/countries/kz/profile/`)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, country):
        path = reverse(f"{API_NAMESPACE}:country-profile", kwargs=country.api_url_kwargs())
        return absolute(self.context.get("request"), path)


class CountryResourceSerializer(CountrySerializer):
    profile_url = ProfileUrlField(help_text="The whole country profile in one response.")
    links = CountryLinksSerializer(source="*", read_only=True, help_text="The country's collections.")

    class Meta(CountrySerializer.Meta):
        fields = (
            "id",
            "url",
            "html_url",
            "profile_url",
            "iso2",
            "iso3",
            "name",
            "slug",
            "region",
            "links",
            *RECORD_TAIL,
        )


class CountryProfileSerializer(DescribedSerializerMixin, serializers.Serializer):
    """A country's whole report in one response: the country, the report's summary, then every part in
    report order (the registry's order), each a list of records as the resource's own endpoint gives them."""

    country = CountryResourceSerializer(read_only=True, help_text="The country.")
    profile = CountryProfileSummarySerializer(
        read_only=True, allow_null=True, help_text="The report: title, date, overview and source."
    )

    def get_fields(self):
        fields = super().get_fields()
        for entry in PROFILE_ENTRIES:
            fields[entry.profile] = entry.serializer_class(many=True, read_only=True, help_text=f"{entry.label}.")
        return fields
