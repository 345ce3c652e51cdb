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
    "ngo": ["nco", "non-commercial organization", "public association", "cso", "non-governmental organization"],
    "ngos": ["ncos", "non-commercial organizations", "public associations", "csos", "non-governmental organizations"],
    "cso": ["civil society organization", "nco", "ngo"],
    "csos": ["civil society organizations", "ncos", "ngos"],
    "civil society organizations": ["csos"],
    "civil society organisations": ["csos", "civil society organizations"],
    # the report's "non-commercial organization" is its NCO: "non-commercial" found 10 records and NCO 42
    "non commercial": ["noncommercial", "nco"],
    "noncommercial": ["non-commercial", "nco"],
    "non commercial organization": ["nco", "noncommercial organization"],
    "non commercial organizations": ["ncos", "noncommercial organizations"],
    "noncommercial organization": ["nco", "non-commercial organization"],
    "noncommercial organizations": ["ncos", "non-commercial organizations"],
    "nco": ["non-commercial organization", "noncommercial organization"],
    "ncos": ["non-commercial organizations", "noncommercial organizations"],
    "nonprofit": ["non-commercial", "nco", "noncommercial", "non-profit"],
    "nonprofits": ["non-commercial", "ncos", "noncommercial", "non-profit"],
    "non profit": ["non-commercial", "nco", "noncommercial", "nonprofit"],
    "not for profit": ["non-commercial", "nco", "noncommercial", "non-profit"],
    "npo": ["nco", "non-commercial organization", "noncommercial", "non-profit"],
    "npos": ["ncos", "non-commercial organizations", "noncommercial", "non-profit"],
    "protest": ["assembly", "demonstration", "rally", "picket"],
    "protests": ["assemblies", "demonstrations", "rallies", "pickets"],
    "protesters": ["participants", "organizers", "assemblies"],
    "rally": ["assembly"],
    "rallies": ["assemblies"],
    "demonstrations": ["assemblies"],
    "permit": ["permission", "coordination", "authorization", "authorisation"],
    "permission": ["permit", "approval", "authorization", "authorisation", "coordination"],
    "authorization": ["authorisation", "permit", "coordination"],
    "unauthorized": ["violating", "violation", "violations"],
    "allowed": ["prohibited", "permitted"],
    "foreigner": ["foreign citizen", "stateless person"],
    "foreigners": ["foreign citizens", "stateless persons"],
    "foreign agent": ["foreign funding", "foreign sources"],
    "foreign agents": ["foreign funding", "foreign sources"],
    "founder": ["founders"],
    "ahead": ["advance", "advance notice"],
    "donation": ["donations", "charitable aid", "sponsorship"],
    "donor": ["donors", "sponsorship", "benefactor"],
    "crowdfunding": ["digital philanthropy", "e-philanthropy"],
    "tax exemption": ["exempt", "tax exempt"],
    "business": ["entrepreneurial"],
    "penalty": ["penalties", "liability", "fine", "sanction"],
    "fine": ["fines", "penalty", "liability", "sanction"],
    "fines": ["fine", "penalties", "liability", "sanctions"],
    "unregistered": ["without registering", "without registration"],
    "dissolution": ["liquidation", "suspension"],
    "shut down": ["suspension", "liquidation"],
    "types": ["forms", "organizational forms"],
    "requirements": ["required", "must", "minimum"],
    "regulate": ["regulated", "regulation", "regulations"],
    "changed": ["amendments", "amended"],
    "frequency": ["how often", "periodicity"],
    "semiannual": ["six months", "semi-annual"],
    "consultation": ["discussion", "participation"],
    "trade union": ["professional union"],
    "trade unions": ["professional unions"],
    "ombudsman": ["commissioner for human rights", "commissioner"],
    "human rights defenders": ["human rights", "activists"],
    "religion": ["religious"],
    "term limits": ["second term", "single term", "more than once"],
    "terrorist financing": ["financing of terrorism", "aml/cft"],
    "money laundering": ["aml/cft"],
    "fatf": ["financial action task force", "aml/cft"],
    # a treaty's parties: "is Kazakhstan party to the ICCPR?", "a member of the OSCE?"
    "party": ["parties", "ratified"],
    "member": ["members", "ratified"],
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
    "freedom of expression": ["expression", "speech", "censorship", "false information"],
    "freedom of speech": ["speech", "expression"],
}.items():
    ALSO[right] = words

MEANS = {
    "upr": ["universal periodic review"],  # as typed, it is also a piece of "supreme"
    "not ratified": ["unratified"],
    "unratified": ["unratified"],
    "non ratified": ["unratified"],
}


def _typed_form(phrase):
    """An entry as `parse` leaves it: "freedom of assembly" reaches the vocabulary as "freedom assembly"."""
    return " ".join(word for word in phrase.split() if word not in QUESTION_WORDS)


# An entry is found as typed ("not-for-profit" is one term) or as `parse` leaves its words ("freedom assembly").
ENTRIES = {form: phrase for phrase in (*ALSO, *MEANS) for form in (phrase, _typed_form(phrase))}


def _terms(phrases, added=True):
    return tuple(Term(tuple(phrase.split()), phrase=" " in phrase, added=added) for phrase in phrases)


def _key(group):
    """The words of a group of one unquoted term ("ngo", or "non-profit" read as "non profit"), or None."""
    if len(group) == 1 and (not group[0].phrase or group[0].raw):
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
            groups.append(_terms(MEANS[phrase], added=False) if phrase in MEANS else typed + _terms(ALSO[phrase]))
            index += length
            continue
        group = source[index]
        word = _key(group)
        entry = ENTRIES.get(word)
        if entry in MEANS:
            group = _terms(MEANS[entry], added=False)
        elif entry in ALSO:
            group = group + _terms(ALSO[entry])
        groups.append(tuple(dict.fromkeys(group)))
        index += 1
    return replace(parsed, groups=tuple(groups))
