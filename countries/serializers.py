"""API representation of countries, their profile hub records, barriers and sector figures.

The whole profile (`ngomonitor.profile`) nests these with the other apps' serializers.
"""

from rest_framework import serializers

from core.api.serializers import RECORD_TAIL, SCOPED_HEAD, DescribedModelSerializer, PublicRecordSerializer

from .models import AtAGlanceRow, Barrier, Country, CountryProfile, PublicParticipationItem, Section, SectorFigure


class CountrySerializer(PublicRecordSerializer):
    """A country's own fields; the site layer adds the links to its profile and its collections."""

    class Meta:
        model = Country
        fields = (
            "id",
            "url",
            "html_url",
            "iso2",
            "iso3",
            "name",
            "slug",
            "region",
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
            "none_stated",
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
        fields = (
            "title",
            "last_updated",
            "overview",
            "source",
            "source_url",
            "source_file",
            "contact_note",
            "correction_note",
            "correction_kind",
        )
        extra_kwargs = {"source_url": {"help_text": "Where the source report is published."}}


class AtAGlanceRowSerializer(DescribedModelSerializer):
    class Meta:
        model = AtAGlanceRow
        fields = (
            "slug",
            "order",
            "label",
            "value",
            "none_stated",
            "barrier_category",
            "correction_note",
            "correction_kind",
        )
        extra_kwargs = {"label": {"help_text": "Row label."}, "value": {"help_text": "Row value, as printed."}}


class SectionSerializer(DescribedModelSerializer):
    class Meta:
        model = Section
        fields = ("slug", "order", "kind", "title", "body", "correction_note", "correction_kind")
        extra_kwargs = {
            "kind": {"help_text": "The report section the passage belongs to."},
            "title": {"help_text": "Title of the passage."},
        }
