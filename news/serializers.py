"""API representation of news items and of the reports and links a profile lists."""

from rest_framework import serializers

from core.api.fields import OptionalURLField
from core.api.serializers import RECORD_TAIL, SCOPED_HEAD, PublicRecordSerializer

from .models import NewsItem, Resource


class NewsItemSerializer(PublicRecordSerializer):
    date_display = serializers.CharField(
        read_only=True, help_text="The publication date as precisely as the source printed it."
    )
    link = OptionalURLField(
        source="url", help_text="The original article (null when nobody has added its address yet)."
    )

    class Meta:
        model = NewsItem
        fields = (
            *SCOPED_HEAD,
            "title",
            "published_on",
            "date_precision",
            "printed_date",
            "date_display",
            "language",
            "summary",
            "outlet",
            "link",
            "related_laws",
            "related_articles",
            "related_initiatives",
            *RECORD_TAIL,
        )
        extra_kwargs = {
            "title": {"help_text": "Headline of the news item."},
            "published_on": {"help_text": "Publication date (the first day of the month or year if less precise)."},
            "date_precision": {"help_text": "How much of published_on the source gives: day, month or year."},
            "language": {"help_text": "Language of the linked item: en, ru, kk or empty when not marked."},
            "summary": {"help_text": "What the item reports."},
            "outlet": {"help_text": "Who published the original (empty when the report does not say)."},
            "related_laws": {"help_text": "Laws the item is about (write: list of ids)."},
            "related_articles": {"help_text": "Constitutional articles the item is about (write: list of ids)."},
            "related_initiatives": {"help_text": "Legislative initiatives the item is about (write: list of ids)."},
        }


class ResourceSerializer(PublicRecordSerializer):
    link = OptionalURLField(source="url", help_text="Where to read it.")

    class Meta:
        model = Resource
        fields = (*SCOPED_HEAD, "title", "kind", "link", "description", *RECORD_TAIL)
        extra_kwargs = {
            "title": {"help_text": "Title of the report or link."},
            "kind": {"help_text": "Who publishes it."},
            "description": {"help_text": "What it contains."},
        }
