"""API representation of laws, the constitution, initiatives, treaties and legal definitions."""

from rest_framework import serializers

from core.api.serializers import (
    RECORD_HEAD,
    RECORD_TAIL,
    SCOPED_HEAD,
    DescribedModelSerializer,
    PublicRecordSerializer,
)

from .models import (
    ConstitutionalAmendment,
    ConstitutionalArticle,
    Law,
    LawListEntry,
    LegalDefinition,
    LegislativeInitiative,
    Treaty,
    TreatyStatus,
)


def printed_date_field(what):
    return serializers.CharField(
        read_only=True, help_text=f"The {what} as precisely as the source printed it (day, month or year)."
    )


class LawSerializer(PublicRecordSerializer):
    adopted_display = printed_date_field("adoption date")

    class Meta:
        model = Law
        fields = (
            *SCOPED_HEAD,
            "title",
            "short_title",
            "kind",
            "number",
            "issuer",
            "adopted_on",
            "adopted_precision",
            "adopted_display",
            "status",
            "summary",
            "text_url",
            *RECORD_TAIL,
        )
        extra_kwargs = {
            "title": {"help_text": "The title as the report gives it."},
            "adopted_on": {"help_text": "Adoption date (the first day of the month or year if less precise)."},
            "adopted_precision": {"help_text": "How much of adopted_on the source gives: day, month or year."},
        }


class LawListEntrySerializer(DescribedModelSerializer):
    class Meta:
        model = LawListEntry
        fields = ("position", "law", "printed_text", "correction_note", "correction_kind")


class ConstitutionalArticleSerializer(PublicRecordSerializer):
    class Meta:
        model = ConstitutionalArticle
        fields = (*RECORD_HEAD, "country", "constitution", "number", "sort_key", "text", *RECORD_TAIL)
        extra_kwargs = {"constitution": {"help_text": "The constitution (a law of kind 'constitution')."}}


class ConstitutionalAmendmentSerializer(PublicRecordSerializer):
    adopted_display = printed_date_field("adoption date")

    class Meta:
        model = ConstitutionalAmendment
        fields = (
            *SCOPED_HEAD,
            "package",
            "number",
            "title",
            "summary",
            "adopted_on",
            "adopted_precision",
            "adopted_display",
            "article_numbers",
            "articles",
            "amending_law",
            *RECORD_TAIL,
        )
        extra_kwargs = {
            "package": {"help_text": "Which set of changes the amendment belongs to."},
            "articles": {"help_text": "Constitutional articles it changes (write: list of ids)."},
            "amending_law": {"help_text": "The law that made the change (write: its id)."},
        }


class LegislativeInitiativeSerializer(PublicRecordSerializer):
    started_display = printed_date_field("start date")

    class Meta:
        model = LegislativeInitiative
        fields = (
            *SCOPED_HEAD,
            "title",
            "stage",
            "started_on",
            "started_precision",
            "started_display",
            "status_as_of",
            "status_as_of_precision",
            "status_text",
            "description",
            "assessment",
            "related_laws",
            *RECORD_TAIL,
        )
        extra_kwargs = {
            "stage": {"help_text": "Where the initiative stands."},
            "assessment": {"help_text": "The report's assessment of its effect on civil society."},
            "related_laws": {"help_text": "Laws it would change or replace (write: list of ids)."},
        }


class TreatySerializer(PublicRecordSerializer):
    class Meta:
        model = Treaty
        fields = (*RECORD_HEAD, "slug", "name", "abbreviation", "kind", "order", *RECORD_TAIL)
        extra_kwargs = {
            "slug": {"help_text": "Stable identifier of the treaty (used by treaty-statuses?treaty=)."},
            "kind": {"help_text": "International or regional agreement."},
        }


class TreatyStatusSerializer(PublicRecordSerializer):
    treaty = serializers.SlugRelatedField(
        slug_field="slug", queryset=Treaty.objects.all(), help_text="The treaty's slug (write: the slug)."
    )
    treaty_name = serializers.CharField(source="treaty.name", read_only=True, help_text="The treaty's name.")
    treaty_abbreviation = serializers.CharField(
        source="treaty.abbreviation", read_only=True, help_text="The treaty's abbreviation, e.g. ICCPR."
    )
    treaty_kind = serializers.CharField(source="treaty.kind", read_only=True, help_text="international or regional.")

    class Meta:
        model = TreatyStatus
        fields = (
            *RECORD_HEAD,
            "country",
            "treaty",
            "treaty_name",
            "treaty_abbreviation",
            "treaty_kind",
            "ratified",
            "year",
            "printed_name",
            *RECORD_TAIL,
        )
        extra_kwargs = {"year": {"help_text": "Year of ratification, accession or succession."}}


class LegalDefinitionSerializer(PublicRecordSerializer):
    added_display = printed_date_field("date the definition was added")

    class Meta:
        model = LegalDefinition
        fields = (
            *SCOPED_HEAD,
            "term",
            "kind",
            "definition",
            "law",
            "added_by",
            "added_on",
            "added_precision",
            "added_display",
            "note",
            *RECORD_TAIL,
        )
        extra_kwargs = {
            "term": {"help_text": "The term the law defines."},
            "law": {"help_text": "The law that defines the term (write: its id)."},
        }
