"""Organizational forms of non-commercial organizations and the tax provisions that apply to them."""

from django.db import models

from core.models import CountryScopedModel
from core.querysets import CountryScopedQuerySet
from core.urls import reverse
from countries.models import SectionKind, section_url


class LawLinkedQuerySet(CountryScopedQuerySet):
    """Records that may name the law they come from: the link needs the law's country."""

    def for_list(self):
        return self.select_related("country", "law__country")


class OrganizationalForm(CountryScopedModel):
    class Basis(models.TextChoices):
        CIVIL_CODE = "civil_code", "Civil Code"
        SEPARATE_LAW = "separate_law", "A separate law"

    name = models.CharField(max_length=300)
    basis = models.CharField(max_length=20, choices=Basis.choices, default=Basis.CIVIL_CODE)
    code_article = models.CharField(
        max_length=100, blank=True, help_text="Where the form is defined, as printed: 'Article 105 of the CC'."
    )
    law = models.ForeignKey(
        "laws.Law", null=True, blank=True, on_delete=models.SET_NULL, related_name="organizational_forms"
    )
    description = models.TextField(blank=True, help_text="The report's description (Markdown).")
    is_most_popular = models.BooleanField(
        default=False, help_text="Listed by the report among the most popular forms of NCOs."
    )

    objects = LawLinkedQuerySet.as_manager()

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:form-detail", kwargs={"code": self.country.iso2.lower(), "slug": self.slug})


class TaxProvision(CountryScopedModel):
    """A Tax Code provision the report describes (exemptions, social sphere organizations, deductions)."""

    class Kind(models.TextChoices):
        DEFINITION = "definition", "Definition"
        EXEMPTION = "exemption", "Exemption"
        SOCIAL_SPHERE = "social_sphere", "Social sphere organizations"
        DONOR_DEDUCTION = "donor_deduction", "Donor deduction"
        OTHER = "other", "Other"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    article = models.CharField(max_length=100, blank=True, help_text="As printed, e.g. 'Article 289(2)'.")
    title = models.CharField(max_length=300)
    summary = models.TextField(help_text="The report's text on it (Markdown).")
    law = models.ForeignKey("laws.Law", null=True, blank=True, on_delete=models.SET_NULL, related_name="tax_provisions")

    objects = LawLinkedQuerySet.as_manager()

    def __str__(self):
        return f"{self.article} {self.title}".strip()

    def get_absolute_url(self):
        return section_url(self.country, SectionKind.PUBLIC_BENEFIT)
