"""Template helpers of the public site: sanitised Markdown, correction notes and partial dates.

Rich text in the database is Markdown typed by editors (or copied from the source report). It is rendered
by `core.formatting.render_markdown` and cleaned by nh3 with an allow-list, so no template ever needs
`|safe` on raw input.
"""

import re

from django import template
from django.utils.safestring import mark_safe

from core.formatting import format_partial_date, format_quantity, iso_partial_date, render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """`{{ law.summary|markdown }}`: the only way rich text reaches a page."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 in render_markdown


@register.simple_tag
def partial_date(value, precision):
    """`{% partial_date law.adopted_on law.adopted_precision %}`: a date as precisely as the source gave it."""
    return format_partial_date(value, precision)


@register.inclusion_tag("includes/correction.html", takes_context=True)
def correction(context, record):
    """`{% correction law %}`: a correction of fact in full, a printed error as a numbered marker (see
    `core.notes`). Outside a page's RequestContext (no collector) every note is shown in full."""
    notes = context.get("page_notes")
    if notes is None:
        note = getattr(record, "correction_note", "")
        return {"kind": "fact" if note else "", "note": note}
    kind, note = notes.note(record)
    return {"kind": kind, "note": note}


@register.simple_tag
def iso_date(value, precision):
    """A machine-readable date for `<time datetime>`, no more precise than the source: 2006, 2023-07, 2023-07-15."""
    return iso_partial_date(value, precision)


@register.filter
def quantity(value, unit=""):
    """`{{ part.value|quantity:part.unit }}`: 67.73 years, 70.2%, 19,543,464 people (no trailing zeros)."""
    return format_quantity(value, unit)


# Units a printed value may say in other words: "$4.1 million" is in USD, "150 times the monthly rated index" in
# MCI, "fivefold" and "once a year" are counts of times.
SPELLED_UNITS = {
    "usd": ("$",),
    "mci": ("monthly rated index",),
    "times": ("fold", "once", "twice"),
    "percent": ("%",),
    "%": ("%",),
}
UNIT_FILLERS = {"a", "an", "the", "per", "of"}


def _stem(word):
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


@register.filter
def unit_if_missing(figure):
    """What the printed value lacks of the figure's unit, so that the two read as one phrase: nothing when it says
    the unit already ("five days", "$4.1 million" in USD, "more than one year" in years, "6-month"), the rest when
    it says the unit's first words ("two hours" and "hours a day": "two hours a day", not "two hours hours a day"),
    and a plural in the singular after "one" ("one person", not "one persons")."""
    unit = figure.unit.strip()
    printed = figure.printed_value.lower()
    if not unit or unit.lower() in printed:
        return ""
    words = unit.split()
    said = {_stem(word) for word in re.findall(r"[a-z]+", printed)}
    if any(way in printed for way in SPELLED_UNITS.get(words[0].lower(), ())):  # "once" for "times a year"
        said.add(_stem(words[0].lower()))
    for index, word in enumerate(words):
        if word.lower() not in UNIT_FILLERS and _stem(word.lower()) in said:
            rest = words[index + 1 :]
            # what the printed value does not say of the rest: "two hours per day" needs no "a day"
            missing = [w for w in rest if w.lower() not in UNIT_FILLERS and _stem(w.lower()) not in said]
            return " ".join(rest) if missing else ""
    if re.search(r"(^|\s)(one|1)$", printed) and _stem(words[0]) != words[0]:
        words[0] = _stem(words[0])
    return " ".join(words)
