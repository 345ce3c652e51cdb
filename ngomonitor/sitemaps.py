"""sitemap.xml: every public page, from the same published querysets the pages use."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from codebook.models import Question
from countries.models import Barrier, Country
from laws.models import ConstitutionalArticle, Law, LegislativeInitiative, Treaty
from news.models import NewsItem
from organizations.models import OrganizationalForm
from rankings.models import RankingIndex


class StaticSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "countries:all",
            "about",
            "codebook:index",
            "codebook:compare",
            "laws:treaty-index",
            "rankings:index-list",
        ]

    def location(self, item):
        return reverse(item)


class CountrySitemap(Sitemap):
    """Each country's profile, timeline and list pages."""

    pages = [
        "country-profile",
        "country-timeline",
        "countries:barrier-list",
        "laws:law-list",
        "laws:article-list",
        "laws:initiative-list",
        "laws:treaty-list",
        "organizations:form-list",
        "news:list",
        "editorial:country-changes",
    ]

    def items(self):
        return [(country, page) for country in Country.objects.published() for page in self.pages]

    def location(self, item):
        country, page = item
        return reverse(page, kwargs={"code": country.iso2.lower()})

    def lastmod(self, item):
        return item[0].modified_at


class RecordSitemap(Sitemap):
    """The published records of one model that have a page of their own, each at its `get_absolute_url`."""

    model = None

    def items(self):
        return self.model.objects.published().for_link().order_by("pk")

    def lastmod(self, item):
        return item.modified_at


def record_sitemap(model):
    return type(f"{model.__name__}Sitemap", (RecordSitemap,), {"model": model})


sitemaps = {
    "static": StaticSitemap,
    "countries": CountrySitemap,
    "laws": record_sitemap(Law),
    "articles": record_sitemap(ConstitutionalArticle),
    "initiatives": record_sitemap(LegislativeInitiative),
    "barriers": record_sitemap(Barrier),
    "forms": record_sitemap(OrganizationalForm),
    "news": record_sitemap(NewsItem),
    "treaties": record_sitemap(Treaty),
    "ranking-indices": record_sitemap(RankingIndex),
    "codebook-questions": record_sitemap(Question),
}
