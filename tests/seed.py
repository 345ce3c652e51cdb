"""The seed data as the fixture files hold it, read without the code under test: where the seed report lives
(a copy is kept beside the fixtures it was turned into), and the published records of each fixture file, so
that tests take expected counts and values from the data itself, not from the querysets they check."""

import functools
import json
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED_REPORT = FIXTURES / "kazakhstan/source/kazakhstan-civic-freedom-monitor.txt"


@functools.cache
def _fixture_records():
    records = []
    for path in sorted(FIXTURES.glob("*/*.json")):
        records += json.loads(path.read_text(encoding="utf-8"))
    return tuple(records)


def seeded(model, **match):
    """The fields of every published fixture record of `model` ("laws.law") whose fields equal `match`.

    A country-scoped record names its country by code (`country="KZ"`); other relations by natural key.
    """
    match = {name: [value] if name == "country" else value for name, value in match.items()}
    return [
        record["fields"]
        for record in _fixture_records()
        if record["model"] == model
        and record["fields"].get("publication_status", "published") == "published"
        and all(record["fields"].get(name) == value for name, value in match.items())
    ]


def seeded_records(model_class):
    """(primary key, fields) of every published fixture record of a model class, its natural key resolved in the
    test database (which holds the fixtures)."""
    from django.core import serializers

    label = model_class._meta.label_lower
    wanted = [record for record in _fixture_records() if record["model"] == label]
    objects = serializers.deserialize("json", json.dumps(wanted), handle_forward_references=True)
    return [
        (obj.object.pk, record["fields"])
        for obj, record in zip(objects, wanted, strict=True)
        if record["fields"].get("publication_status", "published") == "published"
    ]
