"""Reading what a person typed into a search box, the way web search engines do.

`parse("peaceful \"freedom of assembly\" -religion charity or charities")` gives groups that must all
match (each group is a choice of terms, joined by `or`), terms that must not match (`-word`, `-"a phrase"`)
and quoted phrases, mirroring PostgreSQL's `websearch_to_tsquery`. Both search backends build their
queries from this one structure, so they agree on what a query means.
"""

import re
from dataclasses import dataclass, replace

MAX_TERMS = 16
# The words that make a query a question ("how many founders does an association need?", "is a rally a
# notification or a permit?"). Records never hold them as a statement of the rule ("Minimum number of founders
# required to form a public association"), so requiring every typed word found nothing; on SQLite "a" or "is"
# also matched inside almost every word. They are left out, unless quoted, negated or all there is; "not" stays,
# because "not ratified" means something.
QUESTION_WORDS = frozenset(
    """a an the and is are was were be been being am do does did done has have had having can could might must
    shall should would how many much long often what which who whom whose when where why since there here
    it its this that these those to of in on at by for with from into about as any some need needs needed if
    i we you they me my our your their please tell say says exist exists happen happens""".split()
)
# What is left of a contraction ("doesn't", "what's") once its apostrophe splits it: a question word too.
CONTRACTED = frozenset(
    "don doesn didn isn aren wasn weren hasn haven hadn can couldn shouldn wouldn won t s ll re ve d m".split()
)
TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    """A word, or a phrase whose words must appear together in this order."""

    words: tuple
    phrase: bool = False
    raw: str = ""  # an unquoted token with punctuation inside, as typed: "Speech/Advocacy", "U.S.", "289(2)"
    added: bool = False  # a synonym the vocabulary added to what was typed: it ranks for less (see the backends)

    @property
    def text(self):
        return " ".join(self.words)

    @property
    def correctable(self):
        """Only single alphabetic words of four letters or more get typo alternatives."""
        return not self.phrase and len(self.words) == 1 and self.words[0].isalpha() and len(self.words[0]) >= 4


@dataclass(frozen=True)
class ParsedQuery:
    groups: tuple = ()  # every group must match; a group matches when one of its terms does
    excluded: tuple = ()  # no excluded term may match

    @property
    def is_empty(self):
        return not self.groups

    def terms(self):
        return [term for group in self.groups for term in group]

    def correctable_words(self):
        return sorted({term.text for term in self.terms() if term.correctable})

    def with_alternatives(self, alternatives):
        """Add words to the groups that hold a misspelled word: 'asembly' also matches 'assembly'."""
        if not alternatives:
            return self
        groups = []
        for group in self.groups:
            extra = [Term((word,)) for term in group if term.correctable for word in alternatives.get(term.text, ())]
            groups.append(tuple(dict.fromkeys(group + tuple(extra))))
        return replace(self, groups=tuple(groups))


def _term(text, quoted):
    words = tuple(word.lower() for word in WORD.findall(text))
    if not words:
        return None
    joined = not quoted and len(words) > 1
    return Term(words, phrase=quoted or joined, raw=text if joined else "")


def is_question_word(term):
    if term.raw:  # typed as one token: "doesn't", "what's" (but not "U.S.")
        return all(word in QUESTION_WORDS or word in CONTRACTED for word in term.words)
    return not term.phrase and term.words[0] in QUESTION_WORDS


def parse(text):
    """Parse a query into groups of alternatives and exclusions; punctuation-only input parses to nothing.

    Question words (`QUESTION_WORDS`) typed as plain words are dropped, unless the query holds nothing else.
    """
    parsed = _parse(text, skip_question_words=True)
    return parsed if parsed.groups else _parse(text, skip_question_words=False)


def _parse(text, skip_question_words):
    groups, excluded = [], []
    join_next = False
    count = 0
    for match in TOKEN.finditer(text):
        negated = bool(match.group(1) or match.group(3))
        quoted = match.group(2) is not None
        raw = match.group(2) if quoted else match.group(4)
        if not quoted and not negated and raw.lower() == "or":
            join_next = bool(groups)
            continue
        term = _term(raw, quoted)
        if term is None or count >= MAX_TERMS:
            continue
        if skip_question_words and not negated and not quoted and is_question_word(term):
            continue  # "notification or a permit" still joins "notification" and "permit"
        count += 1
        if negated:
            excluded.append(term)
        elif join_next:
            groups[-1] = groups[-1] + (term,)
        else:
            groups.append((term,))
        join_next = False
    return ParsedQuery(tuple(groups), tuple(excluded))
