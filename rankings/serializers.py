"""API representation of ranking indices, rankings (with sub-scores) and key indicators (with breakdowns)."""

from rest_framework import serializers

from core.api.fields import OptionalURLField
from core.api.serializers import RECORD_HEAD, RECORD_TAIL, SCOPED_HEAD, DescribedModelSerializer, PublicRecordSerializer

from .models import IndicatorBreakdown, KeyIndicator, Ranking, RankingIndex, RankingSubScore


def normalised_field():
    return serializers.FloatField(
        read_only=True,
        allow_null=True,
        help_text="Derived, not stored: the value on a 0-100 scale where 100 is the best the scale allows.",
    )


class RankingIndexSerializer(PublicRecordSerializer):
    link = OptionalURLField(source="url", help_text="The publisher's page for the index.")
    higher_is_better = serializers.BooleanField(
        read_only=True, allow_null=True, help_text="Whether a larger number is better on this scale (derived)."
    )

    class Meta:
        model = RankingIndex
        fields = (
            *RECORD_HEAD,
            "slug",
            "name",
            "publisher",
            "measure",
            "scale_best",
            "scale_worst",
            "scale_printed",
            "higher_is_better",
            "link",
            "order",
            *RECORD_TAIL,
        )
        extra_kwargs = {
            "slug": {"help_text": "Stable identifier of the index (used by rankings?index=)."},
            "measure": {"help_text": "What the index gives a country: a rank, a score or a status."},
            "scale_best": {"help_text": "The best value on the scale (may be larger or smaller than the worst)."},
            "scale_worst": {"help_text": "The worst value on the scale."},
        }


class RankingSubScoreSerializer(DescribedModelSerializer):
    normalised = normalised_field()

    class Meta:
        model = RankingSubScore
        fields = (
            "slug",
            "name",
            "score",
            "scale_best",
            "scale_worst",
            "scale_printed",
            "normalised",
            "order",
            "correction_note",
            "correction_kind",
        )
        extra_kwargs = {"name": {"help_text": "Name of the sub-score, e.g. 'Political rights'."}}


class RankingSerializer(PublicRecordSerializer):
    index_slug = serializers.CharField(source="index.slug", read_only=True, help_text="The index's slug.")
    normalised = normalised_field()
    subscores = RankingSubScoreSerializer(many=True, read_only=True, help_text="Parts of the ranking, if any.")

    class Meta:
        model = Ranking
        fields = (
            *RECORD_HEAD,
            "country",
            "index",
            "index_slug",
            "year",
            "rank",
            "score",
            "status_text",
            "printed_value",
            "normalised",
            "subscores",
            *RECORD_TAIL,
        )
        extra_kwargs = {
            "index": {"help_text": "The ranking index (write: its id)."},
            "year": {"help_text": "Year of the ranking edition."},
            "rank": {"help_text": "The country's rank, where the index ranks."},
            "score": {"help_text": "The country's score, where the index scores."},
        }


class IndicatorBreakdownSerializer(DescribedModelSerializer):
    class Meta:
        model = IndicatorBreakdown
        fields = (
            "slug",
            "label",
            "value",
            "unit",
            "year",
            "is_estimate",
            "note",
            "order",
            "correction_note",
            "correction_kind",
        )
        extra_kwargs = {
            "label": {"help_text": "The group, e.g. 'Muslim' or 'Kazakh'."},
            "value": {"help_text": "The group's value (a number)."},
        }


class KeyIndicatorSerializer(PublicRecordSerializer):
    breakdowns = IndicatorBreakdownSerializer(many=True, read_only=True, help_text="Breakdown rows, if any.")

    class Meta:
        model = KeyIndicator
        fields = (
            *SCOPED_HEAD,
            "name",
            "value",
            "text_value",
            "unit",
            "year",
            "is_estimate",
            "printed_value",
            "source",
            "breakdowns",
            *RECORD_TAIL,
        )
        extra_kwargs = {
            "name": {"help_text": "Name of the indicator, e.g. 'Population'."},
            "value": {"help_text": "The value, where it is a number."},
            "year": {"help_text": "Year the value refers to."},
            "is_estimate": {"help_text": "Whether the source marks the value as an estimate."},
        }
