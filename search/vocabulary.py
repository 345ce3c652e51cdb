"""The field's words: what a researcher types, and the words the report and the records use for it.

"notice period" is "advance notice" in the law; "NGO" is "NCO" or "public association" in Kazakhstan;
"ICRMW" is the migrant workers' convention; "not ratified" is a treaty status (indexed as "unratified",
because PostgreSQL drops "not" as a stop word). `expand()` rewrites a parsed query with these before it
is matched, on both search backends: `ALSO` adds alternatives to what was typed, `MEANS` replaces it.
"""

from dataclasses import replace

from .query import Term

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

MEANS = {
    "not ratified": ["unratified"],
    "unratified": ["unratified"],
    "non ratified": ["unratified"],
}


def _terms(phrases):
    return tuple(Term(tuple(phrase.split()), phrase=" " in phrase) for phrase in phrases)


def _key(group):
    """The words of a group of one unquoted term, or None."""
    if len(group) == 1 and not group[0].phrase:
        return group[0].text
    return None


def expand(parsed):
    """The query with the vocabulary applied: two-word entries first ("notice period"), then single words."""
    groups, index = [], 0
    source = list(parsed.groups)
    while index < len(source):
        pair = None
        if index + 1 < len(source) and _key(source[index]) and _key(source[index + 1]):
            pair = f"{_key(source[index])} {_key(source[index + 1])}"
        if pair in MEANS or pair in ALSO:
            typed = (Term(tuple(pair.split()), phrase=True),)
            groups.append(_terms(MEANS[pair]) if pair in MEANS else typed + _terms(ALSO[pair]))
            index += 2
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
