"""The field's words: what a researcher types, and the words the report and the records use for it.

"notice period" is "advance notice" in the law; "NGO" is "NCO" or "public association" in Kazakhstan;
"ICRMW" is the migrant workers' convention; "not ratified" is a treaty status (indexed as "unratified",
because PostgreSQL drops "not" as a stop word). `expand()` rewrites a parsed query with these before it
is matched, on both search backends: `ALSO` adds alternatives to what was typed, `MEANS` replaces it.
"""

from dataclasses import replace

from .query import QUESTION_WORDS, Term

ALSO = {
    "notice period": ["advance notice", "notification", "notice"],
    "lead time": ["advance notice", "notice"],
    "ngo": ["nco", "non-commercial organization", "public association"],
    "ngos": ["ncos", "non-commercial organizations", "public associations"],
    "cso": ["civil society organization", "nco", "ngo"],
    "csos": ["civil society organizations", "ncos", "ngos"],
    "nonprofit": ["non-commercial", "nco"],
    "protest": ["assembly", "demonstration", "rally", "picket"],
    "protests": ["assemblies", "demonstrations", "rallies", "pickets"],
    "permit": ["permission", "coordination", "authorization"],
    "foreign agent": ["foreign funding", "foreign sources"],
    "foreign agents": ["foreign funding", "foreign sources"],
    "founder": ["founders"],
    "ahead": ["advance", "advance notice"],
    "donation": ["donations", "charitable aid", "sponsorship"],
    "tax exemption": ["exempt", "tax exempt"],
}
for treaty, words in {
    "iccpr": "civil and political rights",
    "icescr": "economic social and cultural rights",
    "icerd": "racial discrimination",
    "cedaw": "discrimination against women",
    "crc": "rights of the child",
    "icrmw": "migrant workers",
    "crpd": "persons with disabilities",
}.items():
    ALSO[treaty] = [words]

# The rights by their usual names: the records rarely say "freedom of" ("Regime for a rally", "Minimum number of
# founders"), so "freedom of assembly" as typed (every word required) found none of the assembly rules.
for right, words in {
    "freedom of assembly": ["assembly", "assemblies", "peaceful assembly"],
    "freedom of association": ["association", "associations", "public association"],
    "freedom of expression": ["expression", "speech", "information"],
    "freedom of speech": ["speech", "expression"],
}.items():
    ALSO[right] = words

MEANS = {
    "not ratified": ["unratified"],
    "unratified": ["unratified"],
    "non ratified": ["unratified"],
}


def _typed_form(phrase):
    """An entry as `parse` leaves it: "freedom of assembly" reaches the vocabulary as "freedom assembly"."""
    return " ".join(word for word in phrase.split() if word not in QUESTION_WORDS)


ENTRIES = {_typed_form(phrase): phrase for phrase in (*ALSO, *MEANS)}


def _terms(phrases):
    return tuple(Term(tuple(phrase.split()), phrase=" " in phrase) for phrase in phrases)


def _key(group):
    """The words of a group of one unquoted term, or None."""
    if len(group) == 1 and not group[0].phrase:
        return group[0].text
    return None


def _phrase_at(source, index):
    """The longest vocabulary entry of three or two words that the groups starting at `index` spell, and how
    many groups it takes, or (None, 0)."""
    for length in (3, 2):
        keys = [_key(group) for group in source[index : index + length]]
        if len(keys) == length and all(keys) and " ".join(keys) in ENTRIES:
            return ENTRIES[" ".join(keys)], length
    return None, 0


def expand(parsed):
    """The query with the vocabulary applied: the longest entries first ("freedom of assembly", "notice period"),
    then single words."""
    groups, index = [], 0
    source = list(parsed.groups)
    while index < len(source):
        phrase, length = _phrase_at(source, index)
        if phrase is not None:
            typed = (Term(tuple(phrase.split()), phrase=True),)
            groups.append(_terms(MEANS[phrase]) if phrase in MEANS else typed + _terms(ALSO[phrase]))
            index += length
            continue
        group = source[index]
        word = _key(group)
        if word in MEANS:
            group = _terms(MEANS[word])
        elif word in ALSO:
            group = group + _terms(ALSO[word])
        groups.append(tuple(dict.fromkeys(group)))
        index += 1
    return replace(parsed, groups=tuple(groups))
