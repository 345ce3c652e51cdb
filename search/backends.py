"""The two ways of matching, ranking and highlighting: PostgreSQL full text, and plain SQL on SQLite.

Both take a `ParsedQuery` and give the same things: a filter over `SearchDocument`, a rank to order by,
highlighted titles and snippets (escaped HTML with `<mark>` around matches) and typo alternatives. Each
costs a fixed number of queries: alternatives one (only when the query has words to check), the page one.

- PostgreSQL: the generated, weighted `search_vector` (title A, summary B, body C) with English stemming,
  `websearch` queries per term (a word also in the number the stemmer keeps apart: "NCO" and "NCOs"),
  cover-density rank (`ts_rank_cd`, which rewards query words close together) normalised by document length
  and multiplied by the record type's prior, `ts_headline` snippets, and `pg_trgm` similarity against the
  vocabulary for misspelled words.
- SQLite: case-insensitive substring matching of a light stem of each word (`assemblies` -> `assembl`),
  a rank that counts occurrences (title x8, summary x3, body per length), snippets cut around the first
  match in Python, and `difflib` against the vocabulary words sharing the first two letters.
"""

import difflib
import functools
import re
from collections import Counter
from functools import reduce
from operator import add, and_, or_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Concat, Length, Lower, Replace
from django.utils.html import escape
from snowballstemmer import stemmer

from .models import SearchDocument, SearchTerm
from .sources import MARK_START, MARK_STOP, SOURCES

CONFIG = "english"
MAX_ALTERNATIVES = 2
SNIPPET_CHARS = 240
ADDED_WEIGHT = 0.5  # a vocabulary synonym's share of the rank, beside a word as typed (SQLite)
KEY_LENGTH = 80  # SearchPosting.key: a longer word or lexeme is searched the way phrases are
STEMMER = stemmer("english")
DOCUMENT_WORD = re.compile(r"[^\W\d_]{3,80}")  # a word as the index counts words: letters only, three or more


def backend_for(vendor=None):
    return PostgresBackend() if (vendor or connection.vendor) == "postgresql" else SQLiteBackend()


def phrase_pattern(term, word_start=r"\b"):
    """A phrase as a regular expression: its words in order, with only punctuation or spaces between them.

    Words longer than two letters may be inflected ("peaceful assemblies" for "peaceful assembly"); shorter
    ones ("U.S.", "289(2)") must be exact. Like web search engines, punctuation between the words is ignored.
    PostgreSQL spells the start of a word "\\m", Python (and so Django's REGEXP on SQLite) "\\b".
    """
    words = [
        re.escape(light_stem(word)) + r"\w*" if len(word) > 2 else re.escape(word) + r"(?!\w)" for word in term.words
    ]
    return word_start + r"\W+".join(words)


VOWELS = "aeiouy"


def singular_and_plural(word):
    """(singular, plural) of a word whose plural PostgreSQL's English stemmer keeps apart from it, else None.

    The (Snowball) stemmer drops a plural "s" only when the word has a vowel other than one right before it:
    "laws" and "ideas" lose it, but "ncos" stays "ncos", so "NCO" did not find "NCOs" (nor "CSO" "CSOs", "NGOs"
    "NGO"). Such a singular ends in its only vowel; it has three letters or more, so "gas" and "bus" are not
    read as plurals.
    """
    singular = word[:-1] if word.endswith("s") else word
    if len(singular) < 3 or not singular.isalpha() or singular[-1] not in VOWELS:
        return None
    if any(letter in VOWELS for letter in singular[:-1]):
        return None
    return singular, singular + "s"


def sole_word(parsed):
    """The query's one term when it is a single plain word (nothing excluded, no phrase, no synonym), else None:
    the searches `search.postings` answers."""
    if parsed.excluded or len(parsed.groups) != 1 or len(parsed.groups[0]) != 1:
        return None
    term = parsed.groups[0][0]
    return None if term.phrase or term.raw or term.added else term


def any_field_matches(pattern):
    return reduce(or_, (Q(**{f"{field}__iregex": pattern}) for field in ("title", "summary", "body")))


def type_prior():
    """Each document's rank multiplier: its record type's (see `Source.prior`), as an SQL CASE over `record_type`,
    times its own `weight`."""
    cases = [When(record_type=source.record_type, then=Value(source.prior)) for source in SOURCES if source.prior != 1]
    return Case(*cases, default=Value(1.0), output_field=FloatField()) * F("weight")


def relaxed_phrases(parsed):
    """The phrases typed (not added by the vocabulary) whose group also takes some of their own words, fewer.

    The vocabulary relaxes "freedom of association" to "association" (records rarely say "freedom of"), "freedom of
    speech" to "speech", "human rights defenders" to "human rights": there the phrase is the narrower, exact match.
    It adds "professional unions" to "trade unions" and "non-commercial" to "non-profit": there the alternatives are
    the report's own names for the same thing, no broader than the phrase.
    """
    phrases = []
    for group in parsed.groups:
        for term in group:
            own = {*map(light_stem, term.words)}
            if term.phrase and not term.added and any({*map(light_stem, other.words)} < own for other in group):
                phrases.append(term)
    return phrases


def typed_phrases_first(rank, parsed, holds):
    """The score to order by: the rank, after the records holding more of the `relaxed_phrases` as typed.

    Relaxed to its words, "freedom of association" ranked by them, and the records saying "association" most
    outranked the one that states the right, the constitution's Article 23 ("the right to freedom of associations"):
    12th on SQLite, where a phrase ranks as its words, and 32nd on PostgreSQL, where the added words rank in full
    and cover density rates the phrase at a quarter of the article's two "associations". As web search engines put
    exact matches first, a record holding the phrase comes before those holding only its words: the score is the
    number of such phrases held, plus the rank squashed into [0, 1), so that it still orders the hits. `holds(term)`
    is the backend's condition that a document holds a term (in one field, as the filter reads a phrase).
    """
    phrases = relaxed_phrases(parsed)
    if not phrases:
        return rank
    held = (Case(When(holds(term), then=Value(1.0)), default=Value(0.0), output_field=FloatField()) for term in phrases)
    return reduce(add, held) + rank / (rank + 1.0)


def marked_html(text):
    """Escape text whose matches are wrapped in MARK_START/MARK_STOP, then turn the markers into <mark>."""
    return escape(text).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")


class PostgresBackend:
    # pg_trgm similarity a replacement word needs; 'asembly'/'assembly' is 0.7, 'charty'/'charity' 0.5.
    MIN_SIMILARITY = 0.45

    def alternatives(self, words):
        """For each word the index does not hold, the most similar indexed words (one query for all)."""
        if not words:
            return {}
        sql = """
            SELECT q.term, t.word
            FROM unnest(%s::text[]) AS q(term)
            CROSS JOIN LATERAL (
                SELECT word FROM search_searchterm
                WHERE word %% q.term AND similarity(word, q.term) >= %s
                ORDER BY similarity(word, q.term) DESC, documents DESC, word
                LIMIT %s
            ) AS t
            WHERE NOT EXISTS (SELECT 1 FROM search_searchterm AS known WHERE known.word = q.term)
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [list(words), self.MIN_SIMILARITY, MAX_ALTERNATIVES])
            rows = cursor.fetchall()
        found = {}
        for term, word in rows:
            found.setdefault(term, []).append(word)
        return found

    @staticmethod
    def _forms(term):
        """The tsqueries that each match the term (any one will do)."""
        forms = [SearchQuery(f'"{term.text}"' if term.phrase else term.text, search_type="websearch", config=CONFIG)]
        if term.raw:
            # PostgreSQL's parser keeps "speech/advocacy" or "u.s" whole, so also look for the token as typed.
            forms.append(SearchQuery(term.raw, search_type="websearch", config=CONFIG))
        if not term.phrase:
            for number in singular_and_plural(term.text) or ():
                if number != term.text:
                    forms.append(SearchQuery(number, search_type="websearch", config=CONFIG))
        return forms

    def _tsquery(self, term):
        return reduce(or_, self._forms(term))

    def tsquery(self, parsed):
        query = reduce(and_, (reduce(or_, map(self._tsquery, group)) for group in parsed.groups))
        for term in parsed.excluded:
            for form in self._forms(term):  # not (a or b) = not a and not b
                query &= ~form
        return query

    def _alternative(self, term):
        if term.phrase:
            return any_field_matches(phrase_pattern(term, word_start=r"\m"))
        return Q(search_vector=self._tsquery(term))

    def match(self, queryset, parsed):
        """Documents whose vector matches the query (GIN index); phrases also must occur within one field.

        A tsvector ignores punctuation and joins title, summary and body, so its phrase operator alone would
        also match "...of assemblies. Peaceful..." or a phrase split across two fields.
        """
        vector = RawSQL('"search_searchdocument"."search_vector"', [], output_field=SearchVectorField())
        queryset = queryset.alias(search_vector=vector).filter(search_vector=self.tsquery(parsed))
        for group in parsed.groups:
            if any(term.phrase for term in group):
                queryset = queryset.filter(reduce(or_, map(self._alternative, group)))
        return queryset

    def _holds(self, term):
        """The phrase in one field, its words first checked in the vector: the regular expression reads only the
        documents that hold them."""
        return Q(search_vector=self._tsquery(term)) & self._alternative(term)

    def ranked(self, queryset, parsed):
        query = self.tsquery(parsed)
        rank = SearchRank(F("search_vector"), query, cover_density=True, normalization=Value(1)) * type_prior()
        return self.marked(queryset.annotate(score=typed_phrases_first(rank, parsed, self._holds)), parsed)

    def marked(self, queryset, parsed):
        """The documents with their title and snippet marked where they match (`highlight` reads them)."""
        query = self.tsquery(parsed)
        return queryset.annotate(
            title_marked=SearchHeadline(
                "title", query, config=CONFIG, start_sel=MARK_START, stop_sel=MARK_STOP, highlight_all=True
            ),
            snippet_marked=SearchHeadline(
                Concat("summary", Value(" — "), "body", output_field=TextField()),
                query,
                config=CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )

    def posting_key(self, parsed):
        """The lexeme a one-word query searches for, when the query is one plain word whose tsquery is that lexeme
        alone (one query), else None. A word whose plural the stemmer keeps apart ("NCO") searches two lexemes."""
        term = sole_word(parsed)
        if term is None or singular_and_plural(term.text):
            return None
        with connection.cursor() as cursor:
            cursor.execute("SELECT websearch_to_tsquery(%s::regconfig, %s)::text", [CONFIG, term.text])
            found = re.fullmatch(r"'((?:[^'\\]|'')+)'", cursor.fetchone()[0])
        key = found and found.group(1).replace("''", "'")
        return key if key and len(key) <= KEY_LENGTH else None

    # Each lexeme of each document, ranked as `ranked` ranks a search of that lexeme alone: the same function of the
    # same vector and a tsquery of the lexeme (written as tsquery input: quoted, its backslashes and quotes escaped).
    WRITE_POSTINGS = r"""
        INSERT INTO search_searchposting (key, document_id, record_type, country_code, year, position, score)
        SELECT lexeme.lexeme, search_searchdocument.id, record_type, country_code, year, position,
            ts_rank_cd(
                search_vector,
                ('''' || replace(replace(lexeme.lexeme, '\', '\\'), '''', '''''') || '''')::tsquery,
                1
            ) * ({prior})
        FROM search_searchdocument CROSS JOIN LATERAL unnest(search_vector) AS lexeme
        WHERE length(lexeme.lexeme) <= {length} {which}
    """

    def write_postings(self, documents, everything=False, using=DEFAULT_DB_ALIAS):
        """The postings of some saved documents (or of every document), in one INSERT ... SELECT; returns the rows
        written of some documents as (key, record_type, country_code, year), for their facet counts."""
        query = SearchDocument.objects.all().query
        prior, params = query.get_compiler(using).compile(type_prior().resolve_expression(query))
        if everything:
            which, params = "", [*params]
        else:
            which = "AND search_searchdocument.id = ANY(%s) RETURNING key, record_type, country_code, year"
            params = [*params, [document.pk for document in documents]]
        with connections[using].cursor() as cursor:
            cursor.execute(self.WRITE_POSTINGS.format(prior=prior, length=KEY_LENGTH, which=which), params)
            return None if everything else cursor.fetchall()

    def highlight(self, document, parsed):
        return marked_html(document.title_marked), marked_html(document.snippet_marked.strip(" —"))


SUFFIXES = ("ies", "ing", "ed", "es", "ful", "ly", "s", "y")


def light_stem(word):
    """A crude English stem for substring matching: 'assemblies', 'assembly' -> 'assembl'."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


class SQLiteBackend:
    MIN_RATIO = 0.8
    FIELDS = ("title", "summary", "body")
    WORD_START_CHECKED = 5  # letters: a needle this short must start a word (see `_contains`)

    def alternatives(self, words):
        """Indexed words like each unknown word, among those sharing its first two letters (one query)."""
        if not words:
            return {}
        prefixes = reduce(or_, (Q(word__startswith=word[:2]) for word in words))
        vocabulary = dict(SearchTerm.objects.filter(prefixes).values_list("word", "documents"))
        found = {}
        for word in words:
            if word in vocabulary:
                continue
            candidates = [w for w in vocabulary if w.startswith(word[:2])]
            close = difflib.get_close_matches(word, candidates, n=5, cutoff=self.MIN_RATIO)
            close.sort(key=lambda w: (-round(difflib.SequenceMatcher(None, word, w).ratio(), 2), -vocabulary[w]))
            if close:
                found[word] = close[:MAX_ALTERNATIVES]
        return found

    @staticmethod
    def needle(term):
        """A phrase as typed; a word's light stem, of its singular where PostgreSQL keeps the plural apart: the
        needle is matched as the start of a word, so "nco" finds "NCOs" too, and "ncos" found no "NCO"."""
        if term.phrase:
            return term.text
        numbers = singular_and_plural(term.text)
        return light_stem(numbers[0] if numbers else term.text)

    def _contains(self, term):
        """A word as the start of a word in any field. A short one matched inside others: "nco" inside "income",
        "ngo" inside "ongoing", "rally" inside "generally" (66 hits for NCO, 33 for NCOs). The substring test goes
        first, so the regular expression (run in Python on SQLite) reads only the rows that hold the letters; a
        longer stem ("assembl") hardly occurs inside another word, and is left to the substring test alone, which
        keeps a common word's search over 48,000 documents at its cost (the regular expression doubled it)."""
        if term.phrase:
            return any_field_matches(phrase_pattern(term))
        needle = self.needle(term)
        if not needle.isascii():
            # SQLite's LIKE folds ASCII letters only: "закон" missed "Закон" (any capitalised Russian or Kazakh word
            # was unfindable as printed). Its regular expressions run in Python, which folds every letter; the word
            # as typed, capitalised or in capitals narrows the rows they read first (LIKE, in C). Its rank counts
            # only the occurrences spelt as typed (`_occurrences`: SQLite's lower() is ASCII-only too).
            spellings = {needle, needle.capitalize(), needle.upper()}
            written = reduce(or_, (Q(**{f"{field}__contains": s}) for field in self.FIELDS for s in spellings))
            return written & any_field_matches(
                (r"\b" if len(needle) <= self.WORD_START_CHECKED else "") + re.escape(needle)
            )
        if len(needle) > self.WORD_START_CHECKED:
            return reduce(or_, (Q(**{f"{field}__icontains": needle}) for field in self.FIELDS))
        word_start = r"\b" + re.escape(needle)
        return reduce(
            or_, (Q(**{f"{field}__icontains": needle}) & Q(**{f"{field}__iregex": word_start}) for field in self.FIELDS)
        )

    def match(self, queryset, parsed):
        condition = reduce(and_, (reduce(or_, map(self._contains, group)) for group in parsed.groups))
        for term in parsed.excluded:
            condition &= ~self._contains(term)
        return queryset.filter(condition)

    def posting_key(self, parsed):
        """The stem a one-word query searches for, when the query is one plain word of letters, else None."""
        term = sole_word(parsed)
        return self.word_key(term.text) if term is not None and DOCUMENT_WORD.fullmatch(term.text) else None

    @staticmethod
    @functools.lru_cache(maxsize=65536)
    def word_key(word):
        """A word (lower case) as a one-word search matches it: its English Snowball stem, as PostgreSQL's search
        stems it ("assemblies" and "assembly" -> "assembl", "accessed" -> "access"), of its singular where the
        stemmer keeps a plural apart ("NCOs" -> "nco", see `singular_and_plural`).

        The substring search (`_contains`, every other query) matched the light stem's letters: "access" (needle
        "acces") found "accessed", but "ability" found "capability" and "act" found "action" and "activity"."""
        numbers = singular_and_plural(word)
        return STEMMER.stemWord(numbers[0] if numbers else word)

    def _postings(self, document, priors):
        """A document's posting rows: each stem of its words, weighed as `ranked` weighs a word's occurrences
        (x8 in the title, x3 in the summary, per length in the body, times the type's prior and the document's
        weight), counting the words of that stem where `ranked` counts its needle's letters."""
        fields = (document.title, document.summary, document.body)
        counts = [Counter(map(self.word_key, DOCUMENT_WORD.findall(text.lower()))) for text in fields]
        prior = priors.get(document.record_type, 1.0) * document.weight
        length = float(len(document.body)) + 1000.0
        for key in set().union(*counts):
            title, summary, body = (float(count[key]) for count in counts)
            score = (title * 8.0 + summary * 3.0 + body * 1000.0 / length) * prior
            yield (
                key,
                document.pk,
                document.record_type,
                document.country_code,
                document.year,
                document.position,
                score,
            )

    def write_postings(self, documents, everything=False, using=DEFAULT_DB_ALIAS):
        """The postings of some saved documents, computed here (SQLite has no stemmer) and inserted in batches;
        returns them as (key, record_type, country_code, year), for their facet counts."""
        priors = {source.record_type: source.prior for source in SOURCES}
        sql = (
            "INSERT INTO search_searchposting (key, document_id, record_type, country_code, year, position, score) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s)"
        )
        rows = [row for document in documents for row in self._postings(document, priors)]
        with connections[using].cursor() as cursor:
            for start in range(0, len(rows), 10000):
                cursor.executemany(sql, rows[start : start + 10000])
        return [(key, record_type, country_code, year) for key, _, record_type, country_code, year, _, _ in rows]

    def marked(self, queryset, parsed):
        return queryset  # `highlight` marks the matches in Python

    @staticmethod
    def _occurrences(field, needle):
        lowered = Lower(field)
        return Cast(Length(lowered) - Length(Replace(lowered, Value(needle), Value(""))), FloatField()) / len(needle)

    def ranked(self, queryset, parsed):
        scores, weights = [], {}
        # A phrase scores as its words would: the filter has already made sure they stand together (where the
        # vocabulary relaxed it to its words, `typed_phrases_first` puts the records holding it first). A synonym
        # the vocabulary added counts half: "rally" finds the assembly rules, but the rally rules come first.
        for term in parsed.terms():
            if term.phrase:
                found = [light_stem(word) for word in term.words if len(word) >= 4]
            else:
                found = [self.needle(term)]
            for needle in found:
                weights[needle] = max(weights.get(needle, 0), ADDED_WEIGHT if term.added else 1.0)
        weights = weights or {term.text: 1.0 for term in parsed.terms()}
        for needle, weight in sorted(weights.items()):
            body = self._occurrences("body", needle) * 1000.0 / (Cast(Length("body"), FloatField()) + 1000.0)
            score = self._occurrences("title", needle) * 8.0 + self._occurrences("summary", needle) * 3.0 + body
            scores.append(score * weight if weight != 1.0 else score)
        return queryset.annotate(score=typed_phrases_first(reduce(add, scores) * type_prior(), parsed, self._contains))

    def _pattern(self, parsed):
        parts = [
            phrase_pattern(term) if term.phrase else r"\b" + re.escape(self.needle(term)) + r"\w*"
            for term in sorted(parsed.terms(), key=lambda t: -len(t.text))
        ]
        return re.compile("|".join(parts), re.IGNORECASE)

    def _stem_matches(self, key):
        """The matches of a one-word search read from postings (`posting_key`): the words whose stem is `key`. The
        substring pattern marked the light stem's letters, and missed what only the stem found ("accessibility"
        finds "access": 3,101 of the seed's 23,990 one-word hits showed no mark). A word's stem keeps its first
        letters but the last (the stemmer rewrites endings only: "hoping" -> "hope"), so the candidates are the
        words starting with them, each confirmed by its stem."""
        pattern = re.compile(rf"(?<![^\W\d_]){re.escape(key[:-1] or key)}[^\W\d_]*(?![^\W\d_])", re.IGNORECASE)

        def matches(text):
            return (found for found in pattern.finditer(text) if self.word_key(found.group().lower()) == key)

        return matches

    @staticmethod
    def _mark(text, matches):
        pieces, last = [], 0
        for found in matches(text):
            pieces += [escape(text[last : found.start()]), "<mark>", escape(found.group()), "</mark>"]
            last = found.end()
        pieces.append(escape(text[last:]))
        return "".join(pieces)

    def highlight(self, document, parsed):
        key = self.posting_key(parsed)
        matches = self._pattern(parsed).finditer if key is None else self._stem_matches(key)
        text = " — ".join(part for part in (document.summary, document.body) if part)
        first = next(matches(text), None)
        start = max(0, (first.start() if first else 0) - SNIPPET_CHARS // 3)
        if start:
            start = text.find(" ", start) + 1
        end = start + SNIPPET_CHARS
        if end < len(text):
            end = text.rfind(" ", start, end) if " " in text[start:end] else end
        snippet = ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")
        return self._mark(document.title, matches), self._mark(snippet, matches)
