"""News items and the reports and links a country profile lists."""

from django.db import models

from core.formatting import format_partial_date
from core.models import CountryScopedModel, DatePrecision
from core.querysets import CountryScopedQuerySet
from core.urls import reverse
from countries.models import SectionKind, section_url


class NewsQuerySet(CountryScopedQuerySet):
    def for_api(self):
        """A news item with the laws, articles and initiatives it is about (published only)."""
        return (
            self.for_list()
            .with_published("related_laws", "country")
            .with_published("related_articles", "country")
            .with_published("related_initiatives", "country")
        )

    def latest(self):
        """Newest first, as the home page, the feeds and the news list show them."""
        return self.order_by("-published_on", "order")


class NewsItem(CountryScopedModel):
    _history_m2m_fields = [
        "related_laws",
        "related_articles",
        "related_initiatives",
    ]  # each version records these links (CONTENT_HISTORY)

    class Language(models.TextChoices):
        UNMARKED = "", "Not marked"
        ENGLISH = "en", "English"
        RUSSIAN = "ru", "Russian"
        KAZAKH = "kk", "Kazakh"

    title = models.CharField(max_length=500)
    published_on = models.DateField(db_index=True)
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices)
    printed_date = models.CharField(max_length=60, help_text="The date as the report prints it.")
    language = models.CharField(max_length=2, choices=Language.choices, blank=True, db_index=True)
    summary = models.TextField(blank=True)
    outlet = models.CharField(
        max_length=200, blank=True, help_text="Who published the original (a news agency, a newspaper, a ministry)."
    )
    url = models.URLField(
        "original", blank=True, help_text="The original article. The report prints no URL: editors fill it in."
    )
    related_laws = models.ManyToManyField("laws.Law", blank=True, related_name="news_items")
    related_articles = models.ManyToManyField("laws.ConstitutionalArticle", blank=True, related_name="news_items")
    related_initiatives = models.ManyToManyField("laws.LegislativeInitiative", blank=True, related_name="news_items")

    objects = NewsQuerySet.as_manager()

    class Meta(CountryScopedModel.Meta):
        ordering = ["country", "-published_on", "order", "slug"]  # the slug breaks ties (same day, same order)
        verbose_name = "news item"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"code": self.country.iso2.lower(), "slug": self.slug})

    @property
    def date_display(self):
        return format_partial_date(self.published_on, self.date_precision)


class Resource(CountryScopedModel):
    """A report or link the profile lists (UN UPR, special rapporteurs, State Department, IMF, ICNL)."""

    class Kind(models.TextChoices):
        UN_UPR = "un_upr", "UN Universal Periodic Review"
        UN_RAPPORTEURS = "un_rapporteurs", "UN Special Rapporteurs"
        US_STATE_DEPARTMENT = "us_state_department", "U.S. State Department"
        IMF = "imf", "IMF"
        ICNL = "icnl", "ICNL"
        OTHER = "other", "Other"

    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    url = models.URLField(blank=True)
    description = models.TextField(blank=True)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return section_url(self.country, SectionKind.REPORTS)
