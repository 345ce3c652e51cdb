"""Template helpers of the public site: sanitised Markdown, correction notes and partial dates.

Rich text in the database is Markdown typed by editors (or copied from the source report). It is rendered
by `core.formatting.render_markdown` and cleaned by nh3 with an allow-list, so no template ever needs
`|safe` on raw input.
"""

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


@register.filter
def unit_if_missing(figure):
    """The figure's unit, unless its printed value already says it ("five days" needs no "days" after it)."""
    unit = figure.unit.strip()
    printed = figure.printed_value.lower()
    if not unit or unit.lower() in printed or (unit in ("percent", "%") and "%" in printed):
        return ""
    return unit
