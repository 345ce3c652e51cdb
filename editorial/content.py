"""What counts as content, and how a public page or a history row leads back to a country's record.

The editorial features (the Editors role, the what-changed page, readers' corrections) work across every
content model. They find those models here rather than each keeping its own list, so a model added to a
content app is picked up everywhere at once.
"""

from django.apps import apps
from django.urls import Resolver404, resolve
from simple_history.manager import HistoryManager

from core.models import ContentModel

# The apps whose models are the profile's content: editors may add, change and delete them.
CONTENT_APPS = ("countries", "laws", "organizations", "rankings", "news", "codebook")


def is_content_model(model):
    return issubclass(model, ContentModel) and not model._meta.abstract


def inline_parts():
    """Records edited only as part of a content record (a codebook answer's citations): tracked in history like
    content, but with no publication state of their own."""
    return [
        model
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        # a historical link table has a `history` key of its own, not a history
        if not is_content_model(model) and isinstance(getattr(model, "history", None), HistoryManager)
    ]


def content_models():
    """Every concrete content model, in INSTALLED_APPS and definition order (historical models excluded)."""
    return [
        model for label in CONTENT_APPS for model in apps.get_app_config(label).get_models() if is_content_model(model)
    ]


def country_lookup(model):
    """The ORM path from a record of `model` to its Country, or None for records shared by all countries.

    Country itself is its own country ("pk"); most records have a `country` key; sub-records (sub-scores,
    indicator breakdowns) reach it through their parent.
    """
    if model._meta.label == "countries.Country":
        return "pk"
    fields = {field.name: field for field in model._meta.get_fields()}
    if "country" in fields:
        return "country"
    for field in model._meta.get_fields():
        if field.many_to_one and field.related_model is not None and is_content_model(field.related_model):
            parent = country_lookup(field.related_model)
            if parent and parent != "pk":
                return f"{field.name}__{parent}"
    return None


def public_records_of_country(model, country):
    """The records of `model` the public may see on `country`'s pages: the model's own `published()` (which
    checks every parent: a sub-score's ranking, its index and country) for that country."""
    return model.objects.published().filter(**{country_lookup(model): country.pk})


def _country_and(**lookups):
    def build(kwargs):
        return {"country__iso2__iexact": kwargs["code"], **{field: kwargs[arg] for field, arg in lookups.items()}}

    return build


# The public pages that show one record: URL name -> (model label, lookup built from the URL's arguments).
# The pages themselves belong to the web app; this table only relies on their URL names.
PAGE_RECORDS = {
    "country-profile": ("countries.Country", lambda kwargs: {"iso2__iexact": kwargs["code"]}),
    "editorial:country-changes": ("countries.Country", lambda kwargs: {"iso2__iexact": kwargs["code"]}),
    "countries:barrier-detail": ("countries.Barrier", _country_and(slug="slug")),
    "laws:law-detail": ("laws.Law", _country_and(slug="slug")),
    "laws:article-detail": ("laws.ConstitutionalArticle", _country_and(number="number")),
    "laws:initiative-detail": ("laws.LegislativeInitiative", _country_and(slug="slug")),
    "laws:treaty-detail": ("laws.Treaty", lambda kwargs: {"slug": kwargs["slug"]}),
    "rankings:index-detail": ("rankings.RankingIndex", lambda kwargs: {"slug": kwargs["slug"]}),
    "organizations:form-detail": ("organizations.OrganizationalForm", _country_and(slug="slug")),
    "news:detail": ("news.NewsItem", _country_and(slug="slug")),
}


def record_for_page(path):
    """The published record a public page shows, or None (unknown page, list page, draft or missing record).

    Only published records are returned, so a correction can never be tied to (or reveal) a draft.
    """
    try:
        match = resolve(path)
    except Resolver404:
        return None
    entry = PAGE_RECORDS.get(match.view_name)
    if entry is None:
        return None
    label, build_lookup = entry
    model = apps.get_model(label)
    return model.objects.published().filter(**build_lookup(match.kwargs)).first()
