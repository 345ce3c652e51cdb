"""International rankings (with their scales) and the key indicators of a country.

Numbers are stored as numbers. A normalised "position among N, better is higher" value is derived from a
ranking and its index's scale (see `Ranking.normalised`), never stored, so it cannot drift from the data.
"""

from decimal import Decimal

from django.db import models

from core.models import ContentModel, CountryScopedModel, Status
from core.querysets import CountryScopedQuerySet, PublishedQuerySet
from core.urls import reverse
from countries.models import SectionKind, section_url


class RankingIndexQuerySet(PublishedQuerySet):
    def for_page(self):
        """An index's page shows each covered country's rankings in it."""
        return self.with_published("rankings", "country", rows=lambda rows: rows.with_published("subscores"))

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class RankingIndex(ContentModel):
    """A ranking or index and its scale. `scale_best` may be larger than `scale_worst` (Fragile States)."""

    class Measure(models.TextChoices):
        RANK = "rank", "Rank"
        SCORE = "score", "Score"
        STATUS = "status", "Status"

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    publisher = models.CharField(max_length=200)
    measure = models.CharField(max_length=10, choices=Measure.choices)
    scale_best = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    scale_worst = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    scale_printed = models.CharField(max_length=100, blank=True, help_text="The scale as the report prints it.")
    url = models.URLField(blank=True)
    order = models.PositiveIntegerField(default=0)

    objects = RankingIndexQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "ranking indices"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("rankings:index-detail", kwargs={"slug": self.slug})

    @property
    def higher_is_better(self):
        if self.scale_best is None or self.scale_worst is None:
            return None
        return self.scale_best > self.scale_worst


def normalise(value, best, worst):
    """Map a value on a best..worst scale to 0..100 where 100 is best; None if anything is missing."""
    if value is None or best is None or worst is None or best == worst:
        return None
    return (Decimal(value) - Decimal(worst)) / (Decimal(best) - Decimal(worst)) * 100


class RankingQuerySet(CountryScopedQuerySet):
    def published(self):
        # A ranking is public only if its index is public too.
        return super().published().filter(index__publication_status=Status.PUBLISHED)

    def for_list(self):
        return self.select_related("country", "index").with_published("subscores")

    def get_by_natural_key(self, country_code, index_slug, year):
        return self.get(country__iso2=country_code, index__slug=index_slug, year=year)


class Ranking(ContentModel):
    """A country's place in an index in one year: a rank, a score, a status, or several of them."""

    own_parts = ("subscores",)  # edited on its page, deleted with it

    country = models.ForeignKey("countries.Country", on_delete=models.CASCADE)
    index = models.ForeignKey(RankingIndex, on_delete=models.CASCADE, related_name="rankings")
    year = models.PositiveSmallIntegerField()
    rank = models.PositiveIntegerField(null=True, blank=True)
    score = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    status_text = models.CharField(max_length=100, blank=True, help_text="E.g. 'Not free'.")
    printed_value = models.CharField(max_length=200, blank=True, help_text="As the report prints it.")

    objects = RankingQuerySet.as_manager()

    class Meta:
        ordering = ["country", "index__order", "-year"]
        constraints = [models.UniqueConstraint(fields=["country", "index", "year"], name="ranking_country_index_year")]

    def __str__(self):
        value = self.rank or self.score or self.status_text
        return f"{self.country_id and self.country.iso2} · {self.index} {self.year}: {value}"

    def natural_key(self):
        return (self.country.iso2, self.index.slug, self.year)

    natural_key.dependencies = ["countries.country", "rankings.rankingindex"]

    def get_absolute_url(self):
        return section_url(self.country, SectionKind.RANKINGS)

    @property
    def subscores_not_printed(self):
        """The sub-scores a line must add to the printed value: none when it names them all already (Freedom
        House's "Political Rights: 5 Civil Liberties: 18"), all of them otherwise (the prefetched sub-scores)."""
        subscores = list(self.subscores.all())
        printed = self.printed_value.lower()
        return [] if printed and all(sub.name.lower() in printed for sub in subscores) else subscores

    @property
    def normalised(self):
        """0-100, better is higher, from the rank (or score) and the index's scale."""
        value = self.rank if self.rank is not None else self.score
        return normalise(value, self.index.scale_best, self.index.scale_worst)


class RankingSubScoreQuerySet(PublishedQuerySet):
    def published(self):
        # A sub-score is public only if its ranking is (which needs its country and index public too).
        return (
            super()
            .published()
            .filter(
                ranking__publication_status=Status.PUBLISHED,
                ranking__country__publication_status=Status.PUBLISHED,
                ranking__index__publication_status=Status.PUBLISHED,
            )
        )

    def for_link(self):
        return self.select_related("ranking__country")

    def get_by_natural_key(self, country_code, index_slug, year, slug):
        return self.get(
            ranking__country__iso2=country_code, ranking__index__slug=index_slug, ranking__year=year, slug=slug
        )


class RankingSubScore(ContentModel):
    """A part of a ranking with its own scale (Freedom House: political rights 0-40, civil liberties 0-60)."""

    ranking = models.ForeignKey(Ranking, on_delete=models.CASCADE, related_name="subscores")
    slug = models.SlugField(max_length=120)
    name = models.CharField(max_length=200)
    score = models.DecimalField(max_digits=10, decimal_places=2)
    scale_best = models.DecimalField(max_digits=10, decimal_places=2)
    scale_worst = models.DecimalField(max_digits=10, decimal_places=2)
    scale_printed = models.CharField(max_length=100, blank=True)
    order = models.PositiveIntegerField(default=0)

    objects = RankingSubScoreQuerySet.as_manager()

    class Meta:
        # The slug breaks ties: "order" defaults to 0, and two parts an editor left at it came back in whatever order
        # the database read them (SQLite and PostgreSQL differ).
        ordering = ["ranking", "order", "slug"]
        constraints = [models.UniqueConstraint(fields=["ranking", "slug"], name="subscore_ranking_slug")]

    def __str__(self):
        return f"{self.name}: {self.score}"

    def natural_key(self):
        return (*self.ranking.natural_key(), self.slug)

    natural_key.dependencies = ["rankings.ranking"]

    def get_absolute_url(self):
        return self.ranking.get_absolute_url()

    @property
    def normalised(self):
        return normalise(self.score, self.scale_best, self.scale_worst)


class KeyIndicatorQuerySet(CountryScopedQuerySet):
    def for_list(self):
        return super().for_list().with_published("breakdowns")


class KeyIndicator(CountryScopedModel):
    """A key indicator (population, life expectancy...): a number where it is one, text otherwise."""

    own_parts = ("breakdowns",)  # edited on its page, deleted with it

    name = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    text_value = models.CharField(max_length=300, blank=True, help_text="For values that are not numbers.")
    unit = models.CharField(max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    is_estimate = models.BooleanField(default=False)
    printed_value = models.TextField(blank=True, help_text="The row as the report prints it.")
    source = models.CharField(max_length=300, blank=True)

    objects = KeyIndicatorQuerySet.as_manager()

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return section_url(self.country, SectionKind.KEY_INDICATORS)


class IndicatorBreakdownQuerySet(PublishedQuerySet):
    def published(self):
        # A breakdown row is public only if its indicator (and the indicator's country) is.
        return (
            super()
            .published()
            .filter(
                indicator__publication_status=Status.PUBLISHED,
                indicator__country__publication_status=Status.PUBLISHED,
            )
        )

    def for_link(self):
        return self.select_related("indicator__country")

    def get_by_natural_key(self, country_code, indicator_slug, slug):
        return self.get(indicator__country__iso2=country_code, indicator__slug=indicator_slug, slug=slug)


class IndicatorBreakdown(ContentModel):
    """One row of an indicator's breakdown: a religious or ethnic group, male/female values."""

    indicator = models.ForeignKey(KeyIndicator, on_delete=models.CASCADE, related_name="breakdowns")
    slug = models.SlugField(max_length=120)
    label = models.CharField(max_length=200)
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    unit = models.CharField(max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    is_estimate = models.BooleanField(default=False)
    note = models.CharField(max_length=300, blank=True, help_text="E.g. '(mainly Russian Orthodox)'.")
    order = models.PositiveIntegerField(default=0)

    objects = IndicatorBreakdownQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "order", "slug"]  # the slug breaks ties, as for sub-scores
        constraints = [models.UniqueConstraint(fields=["indicator", "slug"], name="breakdown_indicator_slug")]

    def __str__(self):
        return f"{self.label}: {self.value}"

    def natural_key(self):
        return (*self.indicator.natural_key(), self.slug)

    natural_key.dependencies = ["rankings.keyindicator"]

    def get_absolute_url(self):
        return self.indicator.get_absolute_url()
