"""How values are shown to readers: partial dates as precisely as the source gave them, numbers with
thousands separators, and Markdown rendered then sanitised (the only way rich text reaches a page)."""

from decimal import Decimal
from functools import lru_cache

import markdown as markdown_lib
import nh3
from django.utils.formats import date_format
from django.utils.translation import get_language

from .choices import DatePrecision


def format_partial_date(value, precision):
    """Show a date only as precisely as the source printed it."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    return _formatted_date(value, "F Y" if precision == DatePrecision.MONTH else "F j, Y", get_language())


@lru_cache(maxsize=8192)
def _formatted_date(value, format_string, language):
    """`date_format`, remembered: a country profile writes some 120 dates, a few dozen distinct, and Django's
    formatter reads the locale's settings and walks the format string every time. The language is part of the
    key, since month names depend on it (`date_format` uses the active one, which the caller passes)."""
    return date_format(value, format_string)


def iso_partial_date(value, precision):
    """A machine-readable date no more precise than the source: 2006, 2023-07, 2023-07-15."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def format_number(number):
    """A number as a reader expects it: thousands separated, no trailing zeros."""
    number = Decimal(number)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number.normalize():,f}"


def format_quantity(value, unit=""):
    """67.73 years, 70.2%, 19,543,464 people: a number with its unit (no trailing zeros)."""
    if value is None or value == "":
        return ""
    number = format_number(value)
    if unit in ("percent", "%"):
        return f"{number}%"
    return f"{number} {unit}".strip()


ALLOWED_TAGS = {
    "p", "br", "em", "strong", "b", "i", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": {"colspan"}, "ol": {"start"}}


def render_markdown(text):
    """Markdown to HTML, then sanitised: scripts, styles, event handlers and unknown tags are dropped."""
    if not text:
        return ""
    return _render_markdown(str(text))


@lru_cache(maxsize=4096)
def _render_markdown(text):
    """The rendering itself, remembered per text (a pure function of it; the report's pages render the same
    few hundred bodies at every request)."""
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
