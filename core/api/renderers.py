"""The API's renderers.

JSON: DRF's output, written by orjson (a compiled encoder) where DRF would write compact JSON, which is every
response but the pretty-printed ones (`; indent=4`, the browsable API): about a twelfth of an uncached API
profile went into Python's `json`.

CSV for every list (`?format=csv`): flat columns named after the JSON fields, nested records as `name.sub`
columns. Columns come from the serializer, not from the data, so an empty page still has its header row; the
dataset download writes its CSV files with the same functions."""

import csv
import io
import json
import re

import orjson
from django.conf import settings
from django.utils.translation import get_language
from rest_framework import renderers, serializers
from rest_framework.renderers import BaseRenderer

from .fields import RecordRefField, RecordRefSerializer


class JSONRenderer(renderers.JSONRenderer):
    """DRF's JSON renderer, with orjson writing the compact form.

    The same bytes as DRF's (compared on every API response in the tests): compact separators, UTF-8 text
    unescaped, U+2028 and U+2029 escaped (so the output is also JavaScript). Timestamps, dates and times go to
    DRF's encoder, which writes UTC as "Z"; so does anything orjson cannot write (decimals, lazy translations,
    sets). What orjson refuses outright (an integer beyond 64 bits, a key that is not a string) is rendered by DRF
    itself, errors included. Two differences, neither in what a parser reads: a float below 1e-4 is spelt
    "1e-7" or "0.000025" where Python writes "1e-07" or "2.5e-05" (a search score may be that small); a NaN or
    an infinity, which DRF refuses under STRICT_JSON, is written as null (our numbers come from decimal columns,
    which hold neither).
    """

    def render(self, data, accepted_media_type=None, renderer_context=None):
        pretty = self.get_indent(accepted_media_type, renderer_context or {}) is not None
        if data is None or pretty or self.ensure_ascii or not self.compact:
            return super().render(data, accepted_media_type, renderer_context)
        encoder = self.encoder_class()
        try:
            text = orjson.dumps(data, default=encoder.default, option=orjson.OPT_PASSTHROUGH_DATETIME)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        return text.replace("\u2028".encode(), b"\\u2028").replace("\u2029".encode(), b"\\u2029")


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's browsable API, its page marked with the site's language.

    DRF's base template writes `<html>` outside any block, so no template of ours could add `lang`, and a screen
    reader read the page in its own voice's language (axe: html-has-lang), unlike every other page of the site.
    """

    def render(self, data, accepted_media_type=None, renderer_context=None):
        page = super().render(data, accepted_media_type, renderer_context)
        language = get_language() or settings.LANGUAGE_CODE
        return page.replace("<html>", f'<html lang="{language}">', 1)

    def get_breadcrumbs(self, request):
        """The path's steps from the API root on: `/api/` above it is a 404 by design (it names the root), and DRF
        put it first on every page as "Not Found", a link to that 404."""
        crumbs = super().get_breadcrumbs(request)
        roots = [index for index, (name, url) in enumerate(crumbs) if name == "Api Root"]
        return crumbs[roots[0] :] if roots else crumbs


def _nested_serializer(field):
    """The serializer whose fields become sub-columns of `field`, or None for a plain value."""
    if isinstance(field, serializers.ListSerializer):
        field = field.child
    elif isinstance(field, serializers.ManyRelatedField):
        field = field.child_relation
    if isinstance(field, RecordRefField):
        return RecordRefSerializer()
    if isinstance(field, serializers.Serializer):
        return field
    return None


def serializer_columns(serializer):
    """(column name, field) for every readable leaf of a serializer; nested records become `name.sub` columns."""
    return [(name, field) for name, field, _ in described_columns(serializer)]


def described_columns(serializer, prefix="", repeated=False):
    """(column name, field, repeated) for every readable leaf of a serializer: `repeated` when the column's cell
    holds a value per item of a list (the records a barrier cites, an answer's citations), joined with " | "."""
    columns = []
    for name, field in serializer.fields.items():
        if field.write_only:
            continue
        many = repeated or isinstance(
            field, serializers.ListSerializer | serializers.ManyRelatedField | serializers.ListField
        )
        nested = _nested_serializer(field)
        if nested is not None:
            columns += described_columns(nested, f"{prefix}{name}.", many)
        else:
            columns.append((f"{prefix}{name}", field, many))
    return columns


def _pick(data, parts):
    if isinstance(data, list):
        return [_pick(item, parts) for item in data]
    if data is None or not parts:
        return data
    return _pick(data.get(parts[0]) if isinstance(data, dict) else None, parts[1:])


def csv_cell(value):
    """One spreadsheet cell: lists joined with ' | ', booleans as true/false, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " | ".join(csv_cell(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return neutralise_formula(str(value))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def neutralise_formula(text):
    """A cell a spreadsheet would run as a formula ("=HYPERLINK(...)", "+cmd", "@SUM") starts with a quote,
    so that it is shown as text (CSV injection). Plain negative numbers stay numbers."""
    if text.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_csv(header, rows):
    """UTF-8 CSV text: a header row, then one line per row of cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def records_to_csv(column_names, records):
    """Serialized records (dicts) as CSV, one line each, columns picked by their dotted names."""
    paths = [name.split(".") for name in column_names]
    return write_csv(column_names, ([csv_cell(_pick(record, path)) for path in paths] for record in records))


class CSVRenderer(BaseRenderer):
    """The records of a list page (or one record) as flat columns, named after the JSON fields."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        view = (renderer_context or {}).get("view")
        if isinstance(data, dict) and "results" in data:
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        columns = [name for name, _ in serializer_columns(view.get_serializer())]
        self.name_the_download(renderer_context or {})
        return records_to_csv(columns, rows).encode(self.charset)

    @staticmethod
    def name_the_download(renderer_context):
        """A browser saves the file under a name that says what it holds ("ngomonitor-laws.csv",
        "ngomonitor-laws-page-2.csv"), not "laws" or "download"."""
        request, response = renderer_context.get("request"), renderer_context.get("response")
        if request is None or response is None or response.status_code != 200:
            return
        parts = [part for part in request.path_info.split("/") if part][2:]  # after "api", "v1"
        if parts and parts[-1].endswith(".csv"):  # a format suffix: /api/v1/laws.csv
            parts[-1] = parts[-1].removesuffix(".csv")
        page = request.query_params.get("page")
        if page and page != "1":
            parts += ["page", page]
        name = "-".join(["ngomonitor", *parts])
        if name.isascii() and all(char.isalnum() or char in "-_." for char in name):
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
