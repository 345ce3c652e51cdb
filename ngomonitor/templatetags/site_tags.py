"""Template helpers of the public site: sanitised Markdown, correction notes and partial dates.

Rich text in the database is Markdown typed by editors (or copied from the source report). It is rendered
here, once, and then cleaned by nh3 with an allow-list, so no template ever needs `|safe` on raw input.
"""

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

from ngomonitor.charts import format_number
from ngomonitor.models import DatePrecision, format_partial_date

register = template.Library()

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "b", "i", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": {"colspan"}, "ol": {"start"}}


def render_markdown(text):
    """Markdown to HTML, then sanitised: scripts, styles, event handlers and unknown tags are dropped."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


@register.filter(name="markdown")
def markdown_filter(text):
    """`{{ law.summary|markdown }}`: the only way rich text reaches a page."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 just above


@register.simple_tag
def partial_date(value, precision):
    """`{% partial_date law.adopted_on law.adopted_precision %}`: a date as precisely as the source gave it."""
    return format_partial_date(value, precision)


@register.inclusion_tag("includes/correction.html")
def correction(record):
    """The visible, accessible note that says where the source report is wrong and what is right."""
    return {"note": getattr(record, "correction_note", "")}


@register.simple_tag
def iso_date(value, precision):
    """A machine-readable date for `<time datetime>`, no more precise than the source: 2006, 2023-07, 2023-07-15."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


@register.filter
def quantity(value, unit=""):
    """`{{ part.value|quantity:part.unit }}`: 67.73 years, 70.2%, 19,543,464 people (no trailing zeros)."""
    if value is None or value == "":
        return ""
    number = format_number(value)
    if unit in ("percent", "%"):
        return f"{number}%"
    return f"{number} {unit}".strip()


@register.filter
def unit_if_missing(figure):
    """The figure's unit, unless its printed value already says it ("five days" needs no "days" after it)."""
    unit = figure.unit.strip()
    printed = figure.printed_value.lower()
    if not unit or unit.lower() in printed or (unit in ("percent", "%") and "%" in printed):
        return ""
    return unit
