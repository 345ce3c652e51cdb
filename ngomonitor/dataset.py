"""The whole-dataset download: one zip with a CSV and a JSON file per resource and a data dictionary.

It reuses each resource's public queryset and serializer, so the download holds exactly what the API lists
show (published records only, the same columns as `?format=csv`), at a fixed number of queries per resource.
"""

import io
import json
import zipfile

from django.utils import timezone
from drf_spectacular.drainage import get_override
from drf_spectacular.types import OpenApiTypes
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer
from rest_framework.utils.encoders import JSONEncoder

from codebook.api import PanelRowSerializer, PanelView
from core.api.fields import RecordRefField
from core.api.renderers import described_columns, records_to_csv, serializer_columns, write_csv

README = """NGO Monitor dataset, generated {generated} from {root}

For every resource: <resource>.csv (one row per record; nested lists joined with " | ", related records as
<field>.id/.title/.url/.html_url columns) and <resource>.json (the same records as the API returns them).
panel.csv and panel.json: the codebook as a country-year panel, one row per country, year and question with the
value in force on 31 December of that year, or on the report's date in the report's own year (no row after it),
as /api/v1/panel/ gives it, from the earliest stated start of an answer. in_force_stated is false where an answer
whose start the source does not state is carried back to an earlier year.
data-dictionary.csv describes every CSV column (a list column's cell joins its values with " | ").
Only published records are included.
"""


class DatasetRenderer(BaseRenderer):
    """Pass the zip file's bytes through; errors are switched to JSON by the view."""

    media_type = "application/zip"
    format = "zip"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


FIELD_TYPES = (
    (serializers.BooleanField, "boolean"),
    (serializers.IntegerField, "integer"),
    (serializers.DecimalField, "decimal"),
    (serializers.FloatField, "number"),
    (serializers.DateTimeField, "datetime"),
    (serializers.DateField, "date"),
    (serializers.URLField, "url"),
    (serializers.ChoiceField, "choice"),
    (serializers.SlugRelatedField, "code"),
)


def column_type(field):
    """A plain word for a column's type, with the allowed values of a choice."""
    annotation = get_override(field, "field")
    if annotation == OpenApiTypes.URI or (isinstance(annotation, dict) and annotation.get("format") == "uri"):
        return "url"
    for field_class, name in FIELD_TYPES:
        if isinstance(field, field_class):
            if name == "choice":
                return "choice: " + ", ".join(repr(key) for key in field.choices)
            return name
    if isinstance(field, RecordRefField):
        return "integer"
    return "text"


def data_dictionary_rows(prefix, serializer):
    """A row per CSV column; a column holding one value per item of a list says so in its type ("' | '-joined list
    of integer"), or a reader would parse "2 | 6 | 8" as one integer and fail."""
    return [
        [prefix, column, f"' | '-joined list of {column_type(field)}" if repeated else column_type(field),
         str(field.help_text)]
        for column, field, repeated in described_columns(serializer)
    ]  # fmt: skip


def writer(archive):
    """A function that adds a text file to the zip, readable by whoever unpacks it.

    `ZipFile.writestr` with a bare name records the file as readable by its owner only (0600): unpacked on a
    shared machine or a web server's directory, nobody else could read the data.
    """
    stamp = timezone.localtime().timetuple()[:6]

    def write(name, text):
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        archive.writestr(info, text)

    return write


def to_json(records):
    """Records as the API writes them (DRF's encoder: decimals as numbers, UTC timestamps with "Z"), indented."""
    return json.dumps(records, ensure_ascii=False, indent=1, cls=JSONEncoder)


def build_dataset_zip(resources, request):
    """The zip file's bytes for the given registry resources."""
    buffer = io.BytesIO()
    dictionary = []
    context = {"request": request}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        write = writer(archive)
        for resource in resources:
            prefix, serializer_class = resource.prefix, resource.serializer_class
            records = serializer_class(resource.viewset.public_queryset(), many=True, context=context).data
            empty = serializer_class(context=context)
            columns = [name for name, _ in serializer_columns(empty)]
            write(f"{prefix}.csv", records_to_csv(columns, records))
            write(f"{prefix}.json", to_json(records))
            dictionary += data_dictionary_rows(prefix, empty)
        panel = PanelRowSerializer(PanelView.rows(PanelView.answers()), many=True).data
        columns = [name for name, _ in serializer_columns(PanelRowSerializer())]
        write("panel.csv", records_to_csv(columns, panel))
        write("panel.json", to_json(panel))
        dictionary += data_dictionary_rows("panel", PanelRowSerializer())
        write("data-dictionary.csv", write_csv(["resource", "column", "type", "description"], dictionary))
        write("README.txt", README.format(generated=timezone.now().isoformat(), root=request.build_absolute_uri("/")))
    return buffer.getvalue()
