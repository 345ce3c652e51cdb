"""API representation of organizational forms and tax provisions."""

from core.api.serializers import RECORD_TAIL, SCOPED_HEAD, PublicRecordSerializer

from .models import OrganizationalForm, TaxProvision


class OrganizationalFormSerializer(PublicRecordSerializer):
    class Meta:
        model = OrganizationalForm
        fields = (
            *SCOPED_HEAD,
            "name",
            "basis",
            "code_article",
            "law",
            "description",
            "is_most_popular",
            *RECORD_TAIL,
        )
        extra_kwargs = {
            "name": {"help_text": "Name of the organizational form, e.g. 'Public association'."},
            "basis": {"help_text": "Where the form is regulated: the Civil Code or a separate law."},
            "law": {"help_text": "The law that regulates the form (write: its id)."},
        }


class TaxProvisionSerializer(PublicRecordSerializer):
    class Meta:
        model = TaxProvision
        fields = (*SCOPED_HEAD, "kind", "article", "title", "summary", "law", *RECORD_TAIL)
        extra_kwargs = {
            "kind": {"help_text": "What the provision is about."},
            "title": {"help_text": "Short title of the provision."},
            "law": {"help_text": "The law the provision is in, usually the Tax Code (write: its id)."},
        }
