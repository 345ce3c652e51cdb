"""API representation of countries, their profile hub records, barriers and sector figures.

`CountryProfileSerializer` nests every section of a country's report, in report order, in one response.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from laws.serializers import (
    ConstitutionalAmendmentSerializer,
    ConstitutionalArticleSerializer,
    LawListEntrySerializer,
    LawSerializer,
    LegalDefinitionSerializer,
    LegislativeInitiativeSerializer,
    TreatyStatusSerializer,
)
from news.serializers import NewsItemSerializer, ResourceSerializer
from ngomonitor.rest import (
    API_NAMESPACE,
    RECORD_TAIL,
    SCOPED_HEAD,
    DescribedModelSerializer,
    DescribedSerializerMixin,
    PublicRecordSerializer,
    absolute,
)
from organizations.serializers import OrganizationalFormSerializer, TaxProvisionSerializer
from rankings.serializers import KeyIndicatorSerializer, RankingSerializer

from .models import AtAGlanceRow, Barrier, Country, CountryProfile, PublicParticipationItem, Section, SectorFigure

# The country's collections, as (field name, router basename, what it lists); their URLs filter by ?country=.
COLLECTIONS = (
    ("laws", "law", "Laws and other legal acts"),
    ("constitutional_articles", "constitutionalarticle", "Articles of the constitution"),
    ("constitutional_amendments", "constitutionalamendment", "Constitutional amendments"),
    ("initiatives", "legislativeinitiative", "Pending legislative initiatives"),
    ("treaty_statuses", "treatystatus", "Treaty ratifications"),
    ("organizational_forms", "organizationalform", "Organizational forms"),
    ("legal_definitions", "legaldefinition", "Legal definitions"),
    ("tax_provisions", "taxprovision", "Tax provisions"),
    ("barriers", "barrier", "Legal barriers"),
    ("public_participation_items", "publicparticipationitem", "Public participation items"),
    ("rankings", "ranking", "International rankings"),
    ("key_indicators", "keyindicator", "Key indicators"),
    ("sector_figures", "sectorfigure", "Sector figures"),
    ("news", "newsitem", "News"),
    ("reports", "resource", "Reports and links"),
)


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
    """Links from a country to each of its collections."""

    def get_fields(self):
        return {
            name: CollectionLinkField(basename, help_text=f"{label} of the country (API list URL).")
            for name, basename, label in COLLECTIONS
        }


@extend_schema_field(OpenApiTypes.URI)
class CountryUrlField(serializers.Field):
    """A country URL by its lower-case ISO code (`/api/v1/countries/kz/`), or one of its actions."""

    def __init__(self, view="detail", **kwargs):
        self.view = view
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, country):
        path = reverse(f"{API_NAMESPACE}:country-{self.view}", kwargs={"code": country.iso2.lower()})
        return absolute(self.context.get("request"), path)


class CountrySerializer(PublicRecordSerializer):
    url = CountryUrlField(help_text="This country in the API.")
    profile_url = CountryUrlField(view="profile", help_text="The whole country profile in one response.")
    links = CountryLinksSerializer(source="*", read_only=True, help_text="The country's collections.")

    class Meta:
        model = Country
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
        extra_kwargs = {
            "name": {"help_text": "The country's English short name."},
            "slug": {"help_text": "Stable identifier of the country."},
            "region": {"help_text": "World region, e.g. 'Central Asia'."},
        }


class BarrierSerializer(PublicRecordSerializer):
    class Meta:
        model = Barrier
        fields = (
            *SCOPED_HEAD,
            "category",
            "part",
            "title",
            "summary",
            "narrative",
            "cited_laws",
            "cited_articles",
            *RECORD_TAIL,
        )
        extra_kwargs = {
            "category": {"help_text": "Barrier category: entry, activity, speech, international, resources, assembly."},
            "part": {"help_text": "Barriers to resources only: foreign or domestic funding; else empty."},
            "title": {"help_text": "Title of the barrier section."},
            "cited_laws": {"help_text": "Laws the narrative cites (write: list of ids)."},
            "cited_articles": {"help_text": "Constitutional articles the narrative cites (write: list of ids)."},
        }


class SectorFigureSerializer(PublicRecordSerializer):
    html_anchor = staticmethod(lambda figure: figure.section)
    as_of_display = serializers.CharField(
        read_only=True, help_text="The as-of date as precisely as the source printed it."
    )

    class Meta:
        model = SectorFigure
        fields = (
            *SCOPED_HEAD,
            "metric",
            "value",
            "printed_value",
            "unit",
            "qualifier",
            "as_of",
            "as_of_precision",
            "as_of_display",
            "period_start",
            "period_end",
            "section",
            "barrier",
            "related_law",
            "sentence",
            *RECORD_TAIL,
        )
        extra_kwargs = {
            "value": {"help_text": "The figure as a number."},
            "qualifier": {"help_text": "How the source qualifies the number (exact, approximately, at least...)."},
            "as_of": {"help_text": "Date the figure refers to."},
            "section": {"help_text": "The report section the figure appears in."},
            "barrier": {"help_text": "The barrier whose narrative states the figure (write: its id)."},
            "related_law": {"help_text": "The law the figure is about (write: its id)."},
        }


class PublicParticipationItemSerializer(PublicRecordSerializer):
    html_anchor = "public_participation"

    class Meta:
        model = PublicParticipationItem
        fields = (*SCOPED_HEAD, "kind", "name", "law", *RECORD_TAIL)
        extra_kwargs = {
            "kind": {"help_text": "A law or legal measure, an institution or a mechanism."},
            "name": {"help_text": "Name as the report gives it."},
            "law": {"help_text": "The law, where the item is one (write: its id)."},
        }


class CountryProfileSummarySerializer(DescribedModelSerializer):
    class Meta:
        model = CountryProfile
        fields = ("title", "last_updated", "overview", "source", "source_url", "source_file", "contact_note")
        extra_kwargs = {"source_url": {"help_text": "Where the source report is published."}}


class AtAGlanceRowSerializer(DescribedModelSerializer):
    class Meta:
        model = AtAGlanceRow
        fields = ("slug", "order", "label", "value", "barrier_category")
        extra_kwargs = {"label": {"help_text": "Row label."}, "value": {"help_text": "Row value, as printed."}}


class SectionSerializer(DescribedModelSerializer):
    class Meta:
        model = Section
        fields = ("slug", "order", "kind", "title", "body")
        extra_kwargs = {
            "kind": {"help_text": "The report section the passage belongs to."},
            "title": {"help_text": "Title of the passage."},
        }


def many(serializer_class, help_text):
    return serializer_class(many=True, read_only=True, help_text=help_text)


class CountryProfileSerializer(DescribedSerializerMixin, serializers.Serializer):
    """A country's whole report in one response, each section in report order."""

    country = CountrySerializer(read_only=True, help_text="The country.")
    profile = CountryProfileSummarySerializer(
        read_only=True, allow_null=True, help_text="The report: title, date, overview and source."
    )
    at_a_glance = many(AtAGlanceRowSerializer, "The 'At a glance' table.")
    key_indicators = many(KeyIndicatorSerializer, "Key indicators, with breakdowns.")
    rankings = many(RankingSerializer, "International rankings, with sub-scores.")
    treaty_statuses = many(TreatyStatusSerializer, "International and regional human rights agreements.")
    constitutional_articles = many(ConstitutionalArticleSerializer, "Articles of the constitution the report quotes.")
    constitutional_amendments = many(ConstitutionalAmendmentSerializer, "Constitutional amendments.")
    law_list = many(LawListEntrySerializer, "The report's numbered list of laws, as printed.")
    laws = many(LawSerializer, "Every law the report mentions.")
    initiatives = many(LegislativeInitiativeSerializer, "Pending legislative and regulatory initiatives.")
    organizational_forms = many(OrganizationalFormSerializer, "Organizational forms.")
    legal_definitions = many(LegalDefinitionSerializer, "Terms the laws define.")
    tax_provisions = many(TaxProvisionSerializer, "Tax provisions (public benefit).")
    sections = many(SectionSerializer, "Narrative passages that belong to a section rather than to one record.")
    barriers = many(BarrierSerializer, "Legal barriers, with the laws and articles they cite.")
    public_participation = many(PublicParticipationItemSerializer, "Public participation.")
    sector_figures = many(SectorFigureSerializer, "Figures the narrative states.")
    reports = many(ResourceSerializer, "Reports and links.")
    news = many(NewsItemSerializer, "News.")
