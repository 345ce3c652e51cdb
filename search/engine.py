"""One search, whichever backend: parse, correct typos, count facets, fetch one ranked, highlighted page.

The HTML page and the API both call `run_search` with validated parameters and render what it returns, so
they never disagree. Query cost is fixed: one query for the names of the countries covered when the query has
two words or more (a country it names scopes the search), one for typo alternatives when the query has words
to check, one for the three facets (record type, country, year) and one for the page; the total is the sum of
the record-type facet, so it needs no query of its own.
"""

import math
from dataclasses import dataclass, field, replace

from django.db.models import Count, OuterRef, Subquery

from countries.models import Country

from .backends import backend_for
from .models import SearchDocument, SearchFacetCount, SearchPosting
from .query import QUESTION_WORDS, WORD, parse
from .sources import RECORD_TYPE_LABELS
from .vocabulary import expand

FACETS = ("type", "country", "year")
FACET_FIELDS = {"type": "record_type", "country": "country_code", "year": "year"}


@dataclass
class Hit:
    record_type: str
    record_id: int
    record_type_label: str
    title: str
    title_html: str
    snippet_html: str
    url: str
    country_code: str
    country_name: str
    year: int | None
    score: float


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    query: str
    hits: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    page_size: int = 20
    facets: dict = field(default_factory=lambda: {name: [] for name in FACETS})
    corrections: dict = field(default_factory=dict)
    notice: str = ""

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.page_size))

    @property
    def first_index(self):
        return (self.page - 1) * self.page_size + 1

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def has_previous(self):
        return self.page > 1


class PageOutOfRange(ValueError):
    """The page asked for is past the last page of results."""


def _filters(params):
    """The facet filters the person chose, as {column: value}."""
    return {FACET_FIELDS[name]: params[name] for name in FACETS if params.get(name) not in (None, "")}


def _facets(matching, params):
    """The three facets from one grouped query: one pass over the matching documents instead of one per facet
    (with 200 countries a common word matches most of the index, and each pass was most of a search's time).

    Each facet counts as if its own choice were not made, so that the other values stay one click away: it sums
    the groups that pass the *other* facets' choices.
    """
    columns = [FACET_FIELDS[name] for name in FACETS]
    groups = matching.values_list(*columns, "country_name").annotate(n=Count("id")).order_by("country_name")
    chosen = [(columns.index(column), value) for column, value in _filters(params).items()]
    country = FACETS.index("country")
    tallies, country_names = [{} for _ in FACETS], {}
    for *values, country_name, n in groups:
        missed = [index for index, wanted in chosen if values[index] != wanted]
        for index, value in enumerate(values):
            # a group counts in a facet when it passes every other choice (a country facet skips "no country")
            if missed in ([], [index]) and value is not None and not (index == country and value == ""):
                tallies[index][value] = tallies[index].get(value, 0) + n
        country_names.setdefault(values[country], country_name)
    return _facet_values(dict(zip(FACETS, tallies, strict=True)), country_names, params)


def _facet_values(tallies, country_names, params):
    """Each facet's values with their counts, in the order a person reads them: years newest first, types with the
    most hits first, countries as `country_names` lists them (by name)."""
    facets = {}
    for name, tally in tallies.items():
        if name == "type":
            values, labels = sorted(tally, key=lambda value: (-tally[value], value)), RECORD_TYPE_LABELS
        elif name == "year":
            values, labels = sorted(tally, reverse=True), {}
        else:
            values, labels = [code for code in country_names if code in tally], country_names
        facets[name] = [
            FacetValue(str(value), labels.get(value, str(value)), tally[value], value == params.get(name))
            for value in values
        ]
    return facets


def _counted_facets(key):
    """A one-word search's facets with nothing chosen, read from `SearchFacetCount` (two queries: the counts, and
    the names of the countries among them, in the database's order as `_facets` has them)."""
    tallies = {name: {} for name in FACETS}
    for facet, value, documents in SearchFacetCount.objects.filter(key=key).values_list("facet", "value", "documents"):
        tallies[facet][int(value) if facet == "year" else value] = documents
    names = {}
    if tallies["country"]:
        # every country's, ordered: a list of 200 codes to look up cost the database three times as much
        names = dict(Country.objects.order_by("name").values_list("iso2", "name"))
    return _facet_values(tallies, names, {})


@dataclass(frozen=True)
class NamedCountry:
    iso2: str
    name: str
    rest: object  # the query without the name


def _words(name):
    """A country's name as `parse` reads it: "Republic of Moldova" -> ("republic", "moldova")."""
    return tuple(word for word in WORD.findall(name.lower()) if word not in QUESTION_WORDS)


def _plain_word(group):
    """The word of a group of one unquoted word, a possessive read as its noun ("Kazakhstan's"), or None."""
    if len(group) != 1:
        return None
    term = group[0]
    if not term.phrase:
        return term.text
    if term.raw and len(term.words) == 2 and term.words[1] == "s":
        return term.words[0]
    return None


def named_country(parsed, chosen=""):
    """The covered country the query names among other words ("which treaties has Kazakhstan not ratified"),
    or None.

    No record says "Kazakhstan" of each of its treaties, so requiring the word found nothing; the name reads as
    "this country's records". A name alone, in quotes, or beside a different chosen country stays a word. One
    query (the published countries' names), only when the query has two words or more, one of them plain.
    """
    plain = [_plain_word(group) for group in parsed.groups]
    if len(plain) < 2 or not any(plain):
        return None
    names = {_words(name): (iso2, name) for iso2, name in Country.objects.published().values_list("iso2", "name")}
    for length in (3, 2, 1):
        for start in range(len(plain) - length + 1):
            words = tuple(plain[start : start + length])
            if all(words) and words in names and len(plain) > length:
                iso2, name = names[words]
                if chosen and chosen.upper() != iso2:
                    return None
                rest = replace(parsed, groups=parsed.groups[:start] + parsed.groups[start + length :])
                return NamedCountry(iso2, name, rest)
    return None


def _posted_page(backend, postings, parsed, shown, offset, size):
    """A page of a one-word search: the documents of its postings in rank order (read from the index on key and
    score), each with its posting's score. One statement, so that an edit committed meanwhile (which gives the
    record a new document) cannot leave a posting without its document."""
    ranked = postings.order_by("-score", "record_type", "position", "document_id")[offset : offset + size]
    score = Subquery(postings.filter(document=OuterRef("pk")).values("score")[:1])
    page = SearchDocument.objects.filter(id__in=ranked.values("document_id")).annotate(score=score)
    return backend.marked(page, parsed).order_by("-score", "record_type", "position", "id").only(*shown)


def run_search(params):
    """Search with validated parameters (see `SearchParamsSerializer`): q, type, country, year, page, page_size."""
    backend = backend_for()
    results = SearchResults(query=params["q"], page=params.get("page") or 1, page_size=params.get("page_size") or 20)
    parsed = parse(params["q"])
    if parsed.is_empty:
        results.notice = "The query has no words to search for."
        return results
    country = named_country(parsed, params.get("country") or "")
    if country is not None:
        parsed = country.rest
        results.notice = (
            f"Records of {country.name} only: the query names the country. "
            f'Put the name in quotes ("{country.name}") to search for the word instead.'
        )
    parsed = expand(parsed)
    results.corrections = backend.alternatives(parsed.correctable_words())
    parsed = parsed.with_alternatives(results.corrections)

    key = backend.posting_key(parsed)
    if key is None:
        matching = backend.match(SearchDocument.objects.all(), parsed)
        if country is not None:
            matching = matching.filter(country_code=country.iso2)
        results.facets = _facets(matching, params)
    else:
        matching = SearchPosting.objects.filter(key=key)
        if country is not None:
            matching = matching.filter(country_code=country.iso2)
        if country is None and not _filters(params):
            results.facets = _counted_facets(key)
        else:
            results.facets = _facets(SearchDocument.objects.filter(id__in=matching.values("document_id")), params)
    type_counts = results.facets["type"]
    results.total = sum(v.count for v in type_counts if v.selected or not params.get("type"))
    if results.page > results.num_pages:
        raise PageOutOfRange(f"Page {results.page} does not exist: the results have {results.num_pages} page(s).")

    offset = (results.page - 1) * results.page_size
    shown = ("record_type", "object_id", "title", "summary", "body", "url", "country_code", "country_name", "year")
    if key is None:
        page = (
            backend.ranked(matching.filter(**_filters(params)), parsed)
            .order_by("-score", "record_type", "position", "id")
            .only(*shown)
        )[offset : offset + results.page_size]
    else:
        page = _posted_page(backend, matching.filter(**_filters(params)), parsed, shown, offset, results.page_size)
    for document in page:
        title_html, snippet_html = backend.highlight(document, parsed)
        results.hits.append(
            Hit(
                record_type=document.record_type,
                record_id=document.object_id,
                record_type_label=RECORD_TYPE_LABELS.get(document.record_type, document.record_type),
                title=document.title,
                title_html=title_html,
                snippet_html=snippet_html,
                url=document.url,
                country_code=document.country_code,
                country_name=document.country_name,
                year=document.year,
                score=round(float(document.score), 6),
            )
        )
    return results
