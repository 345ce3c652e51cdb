"""Helpers shared by the API tests: every resource's list URL and a record to read."""

from django.urls import reverse

from core.api.fields import api_detail_url
from ngomonitor.api import API_RESOURCES

# (prefix, viewset) of every API resource, in the router's order.
RESOURCES = [(resource.prefix, resource.viewset) for resource in API_RESOURCES]


def basename(viewset):
    return viewset.queryset.model._meta.model_name


def list_url(viewset):
    return reverse(f"api:{basename(viewset)}-list")


def detail_url(viewset, obj):
    """The record's API URL (by its key where the resource looks records up by one: a country's code, a question's
    key)."""
    return api_detail_url(obj)


def resource_ids():
    return [prefix for prefix, _ in RESOURCES]


# What an analyst's scripts rely on: the columns of every list as CSV (and of every file of the dataset), in order.
# Stated here as literals, never derived from the serializers under test, so a dropped or renamed column fails.
HEAD = ("id", "url", "html_url")
TAIL = ("publication_status", "correction_note", "correction_kind", "created_at", "modified_at")


def ref(name):
    """The four columns of a link to another record: `<name>.id`, `.title`, `.url`, `.html_url`."""
    return tuple(f"{name}.{part}" for part in ("id", "title", "url", "html_url"))


CSV_COLUMNS = {
    "countries": (
        *HEAD, "profile_url", "iso2", "iso3", "name", "slug", "region",
        "links.key_indicators", "links.rankings", "links.treaty_statuses", "links.constitutional_articles",
        "links.constitutional_amendments", "links.laws", "links.initiatives", "links.organizational_forms",
        "links.legal_definitions", "links.tax_provisions", "links.barriers", "links.public_participation",
        "links.sector_figures", "links.reports", "links.news", "links.codebook", *TAIL,
    ),
    "ranking-indices": (
        *HEAD, "slug", "name", "publisher", "measure", "scale_best", "scale_worst", "scale_printed",
        "higher_is_better", "link", "order", *TAIL,
    ),
    "treaties": (*HEAD, "slug", "name", "abbreviation", "kind", "order", *TAIL),
    "questions": (
        *HEAD, "key", "text", "category", "barrier_category", "answer_type", "unit", "choices", "coding_rules",
        "covers", "compare_with", "order", *TAIL,
    ),
    "key-indicators": (
        *HEAD, "country", "slug", "order", "name", "value", "text_value", "unit", "year", "is_estimate",
        "printed_value", "source", "breakdowns.slug", "breakdowns.label", "breakdowns.value", "breakdowns.unit",
        "breakdowns.year", "breakdowns.is_estimate", "breakdowns.note", "breakdowns.order",
        "breakdowns.correction_note", "breakdowns.correction_kind", *TAIL,
    ),
    "rankings": (
        *HEAD, "country", *ref("index"), "index_slug", "year", "rank", "score", "status_text", "printed_value",
        "normalised", "subscores.slug", "subscores.name", "subscores.score", "subscores.scale_best",
        "subscores.scale_worst", "subscores.scale_printed", "subscores.normalised", "subscores.order",
        "subscores.correction_note", "subscores.correction_kind", *TAIL,
    ),
    "treaty-statuses": (
        *HEAD, "country", "treaty", "treaty_name", "treaty_abbreviation", "treaty_kind", "ratified", "year",
        "printed_name", *TAIL,
    ),
    "constitutional-articles": (*HEAD, "country", *ref("constitution"), "number", "sort_key", "text", *TAIL),
    "constitutional-amendments": (
        *HEAD, "country", "slug", "order", "package", "number", "title", "summary", "adopted_on",
        "adopted_precision", "adopted_display", "article_numbers", *ref("articles"), *ref("amending_law"), *TAIL,
    ),
    "laws": (
        *HEAD, "country", "slug", "order", "title", "short_title", "kind", "number", "issuer", "adopted_on",
        "adopted_precision", "adopted_display", "status", "summary", "text_url", *TAIL,
    ),
    "initiatives": (
        *HEAD, "country", "slug", "order", "title", "stage", "started_on", "started_precision", "started_display",
        "status_as_of", "status_as_of_precision", "status_text", "description", "assessment", *ref("related_laws"),
        *TAIL,
    ),
    "organizational-forms": (
        *HEAD, "country", "slug", "order", "name", "basis", "code_article", *ref("law"), "description",
        "is_most_popular", *TAIL,
    ),
    "legal-definitions": (
        *HEAD, "country", "slug", "order", "term", "kind", "definition", *ref("law"), *ref("added_by"), "added_on",
        "added_precision", "added_display", "note", *TAIL,
    ),
    "tax-provisions": (*HEAD, "country", "slug", "order", "kind", "article", "title", "summary", *ref("law"), *TAIL),
    "barriers": (
        *HEAD, "country", "slug", "order", "category", "part", "title", "summary", "none_stated", "narrative",
        *ref("cited_laws"),
        *ref("cited_articles"), *TAIL,
    ),
    "public-participation-items": (*HEAD, "country", "slug", "order", "kind", "name", *ref("law"), *TAIL),
    "sector-figures": (
        *HEAD, "country", "slug", "order", "metric", "value", "printed_value", "unit", "qualifier", "as_of",
        "as_of_precision", "as_of_display", "period_start", "period_end", "section", *ref("barrier"),
        *ref("related_law"), "sentence", *TAIL,
    ),
    "reports": (*HEAD, "country", "slug", "order", "title", "kind", "link", "description", *TAIL),
    "news": (
        *HEAD, "country", "slug", "order", "title", "published_on", "date_precision", "printed_date", "date_display",
        "language", "summary", "outlet", "link", *ref("related_laws"), *ref("related_articles"),
        *ref("related_initiatives"), *TAIL,
    ),
    "answers": (
        *HEAD, "country", "question", "question_text", "category", "barrier_category", "answer_type", "status",
        "value", "value_boolean", "value_number", "value_text", "unit", "value_unit", "qualifier", "value_display",
        "valid_from", "valid_from_precision", "valid_to", "valid_to_precision", "in_force_stated", "note",
        "citations.law.id", "citations.law.slug", "citations.law.title", "citations.law.url", "citations.law.api_url",
        "citations.law.html_url", "citations.pinpoint", "citations.quote", "citations.order", *TAIL,
    ),
}  # fmt: skip


# The codebook's country-year panel (/api/v1/panel/, panel.csv of the dataset), column by column.
PANEL_COLUMNS = (
    "country", "year", "reference_date", "question", "category", "barrier_category", "answer_type", "status",
    "value", "value_number", "value_boolean", "value_text", "unit", "qualifier", "valid_from", "valid_from_precision",
    "valid_to", "valid_to_precision", "in_force_stated",
)  # fmt: skip


def json_fields(prefix):
    """The fields of a record of `prefix` in JSON, in order: the CSV columns before their first dot."""
    return list(dict.fromkeys(column.split(".")[0] for column in CSV_COLUMNS[prefix]))


# The records of each list for a country built with `build_profile(country, 1)` (its code in place of `qm`),
# by the column that names them: what `?country=QM` must return, no more (drafts, other countries) and no less.
SIZE_ONE_RECORDS = {
    "countries": ("iso2", ["QM"]),
    "ranking-indices": ("slug", ["test-fragility", "test-freedom", "test-index-qm-1"]),
    "treaties": ("slug", ["test-treaty-1"]),
    "questions": ("key", ["test_question_1"]),
    "key-indicators": ("slug", ["indicator-1"]),
    "rankings": ("index_slug", ["test-fragility", "test-freedom", "test-index-qm-1"]),
    "treaty-statuses": ("treaty", ["test-treaty-1"]),
    "constitutional-articles": ("number", ["11"]),
    "constitutional-amendments": ("slug", ["amendment-1"]),
    "laws": ("slug", ["constitution", "law-1"]),
    "initiatives": ("slug", ["initiative-1"]),
    "organizational-forms": ("slug", ["form-1"]),
    "legal-definitions": ("slug", ["definition-1"]),
    "tax-provisions": ("slug", ["tax-1"]),
    "barriers": ("slug", ["barrier-1"]),
    "public-participation-items": ("slug", ["pp-1"]),
    "sector-figures": (
        "slug",
        ["figure-barrier-1", "registered-csos-1997", "registered-csos-2016", "registered-csos-2023"],
    ),
    "reports": ("slug", ["resource-1"]),
    "news": ("slug", ["news-1-en", "news-1-ru"]),
    "answers": ("question", ["test_question_1"]),
}
