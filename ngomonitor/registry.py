"""The one list of public resources. The API router and its root, each country's links to its collections,
the country profile (page and API) and the dataset download are all derived from it, so adding a
resource means adding one line here.

"""

from dataclasses import dataclass

from codebook.api import AnswerViewSet, QuestionViewSet
from countries.api import BarrierViewSet, PublicParticipationItemViewSet, SectorFigureViewSet
from countries.models import AtAGlanceRow, Section
from countries.serializers import AtAGlanceRowSerializer, SectionSerializer
from laws.api import (
    ConstitutionalAmendmentViewSet,
    ConstitutionalArticleViewSet,
    LawViewSet,
    LegalDefinitionViewSet,
    LegislativeInitiativeViewSet,
    TreatyStatusViewSet,
    TreatyViewSet,
)
from laws.models import LawListEntry
from laws.serializers import LawListEntrySerializer
from news.api import NewsItemViewSet, ResourceViewSet
from organizations.api import OrganizationalFormViewSet, TaxProvisionViewSet
from rankings.api import KeyIndicatorViewSet, RankingIndexViewSet, RankingViewSet


@dataclass(frozen=True)
class Resource:
    """A public resource: its API prefix and viewset, what it lists, and its part of a country profile.

    `profile` is the key under which the country profile (API) nests the country's records of this
    resource; empty for resources shared by all countries (treaties, ranking indices).
    """

    prefix: str
    viewset: type
    label: str
    profile: str = ""

    @property
    def model(self):
        return self.viewset.queryset.model

    @property
    def basename(self):
        """The router's route names: `api:<basename>-list` and `api:<basename>-detail`."""
        return self.model._meta.model_name

    @property
    def serializer_class(self):
        return self.viewset.serializer_class


@dataclass(frozen=True)
class ProfilePart:
    """A part of the country profile with no API endpoint of its own (the records only make sense there)."""

    profile: str
    model: type
    serializer_class: type
    label: str


# Everything public, in report order: the profile (page and API) lists its parts in this order. The Country
# resource is added by `ngomonitor.api`, which defines its viewset (it links to all the others).
REGISTRY = (
    Resource("ranking-indices", RankingIndexViewSet, "Ranking indices and their scales"),
    Resource("treaties", TreatyViewSet, "International and regional agreements"),
    Resource("questions", QuestionViewSet, "The codebook's questions (coded variables)"),
    ProfilePart("at_a_glance", AtAGlanceRow, AtAGlanceRowSerializer, "The 'At a glance' table"),
    Resource("key-indicators", KeyIndicatorViewSet, "Key indicators, with breakdowns", "key_indicators"),
    Resource("rankings", RankingViewSet, "International rankings, with sub-scores", "rankings"),
    Resource(
        "treaty-statuses", TreatyStatusViewSet, "International and regional human rights agreements", "treaty_statuses"
    ),
    Resource(
        "constitutional-articles",
        ConstitutionalArticleViewSet,
        "Articles of the constitution the report quotes",
        "constitutional_articles",
    ),
    Resource(
        "constitutional-amendments",
        ConstitutionalAmendmentViewSet,
        "Constitutional amendments",
        "constitutional_amendments",
    ),
    ProfilePart("law_list", LawListEntry, LawListEntrySerializer, "The report's numbered list of laws, as printed"),
    Resource("laws", LawViewSet, "Every law the report mentions", "laws"),
    Resource(
        "initiatives", LegislativeInitiativeViewSet, "Pending legislative and regulatory initiatives", "initiatives"
    ),
    Resource("organizational-forms", OrganizationalFormViewSet, "Organizational forms", "organizational_forms"),
    Resource("legal-definitions", LegalDefinitionViewSet, "Terms the laws define", "legal_definitions"),
    Resource("tax-provisions", TaxProvisionViewSet, "Tax provisions (public benefit)", "tax_provisions"),
    ProfilePart(
        "sections", Section, SectionSerializer, "Narrative passages that belong to a section rather than to one record"
    ),
    Resource("barriers", BarrierViewSet, "Legal barriers, with the laws and articles they cite", "barriers"),
    Resource(
        "public-participation-items", PublicParticipationItemViewSet, "Public participation", "public_participation"
    ),
    Resource("sector-figures", SectorFigureViewSet, "Figures the narrative states", "sector_figures"),
    Resource("reports", ResourceViewSet, "Reports and links", "reports"),
    Resource("news", NewsItemViewSet, "News", "news"),
    Resource("answers", AnswerViewSet, "Codebook answers: the law's rules as dated, cited values", "codebook"),
)

# The resources of the API (each with an endpoint), and the parts of a country profile, in registry order.
RESOURCES = tuple(entry for entry in REGISTRY if isinstance(entry, Resource))
PROFILE_ENTRIES = tuple(entry for entry in REGISTRY if entry.profile)
