"""Export the whole database to one JSON file that `import_dataset` loads into a fresh database, identically.

What goes in: every content record with its primary key (so history rows still point at their records), the
full change history, readers' corrections, editors' admin log, and user accounts. Passwords and API tokens
are credentials, not data: passwords are replaced by an unusable marker and tokens left out, unless
`--with-credentials`. Left out because they are rebuilt or transient: content types and permissions and the
Editors group (made by `migrate`), sessions, login-attempt records, the search index (rebuilt on import).
"""

import gzip
import json
import re
from io import StringIO

from django.apps import apps
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management import BaseCommand, CommandError, call_command
from django.db import models

CONTENT_APPS = ["countries", "laws", "organizations", "rankings", "news", "codebook", "editorial"]
ACCOUNTS = ["auth.user", "admin.logentry"]
FORMAT_VERSION = 1


def open_file(path, mode):
    return gzip.open(path, mode + "t", encoding="utf-8") if str(path).endswith(".gz") else open(path, mode)  # noqa: SIM115


def dump(*labels, natural_foreign=True, exclude=()):
    out = StringIO()
    call_command("dumpdata", *labels, natural_foreign=natural_foreign, exclude=list(exclude), indent=None, stdout=out)
    return json.loads(out.getvalue() or "[]")


def datetime_fields(label):
    """The names of a model's timestamp fields ("laws.law" -> {"created_at", "modified_at"})."""
    return {field.name for field in apps.get_model(label)._meta.fields if isinstance(field, models.DateTimeField)}


WHOLE_SECOND = re.compile(r"\.000(?=Z$|[+-]\d\d:\d\d$)")


def whole_seconds_without_fraction(records):
    """Write every timestamp at a whole second without ".000", as Django writes a time of no microseconds.

    Django's JSON keeps a time to the millisecond, so a time a few microseconds past the second is written
    "...:22.000Z"; an import reads it back as "...:22", which the next export writes "...:22Z". One timestamp in a
    thousand changed the file on a round trip (the backup test failed in CI when one such time was among the edits).
    """
    fields = {}
    for record in records:
        model = record["model"]
        if model not in fields:
            fields[model] = datetime_fields(model)
        for name in fields[model]:
            value = record["fields"].get(name)
            if isinstance(value, str) and ".000" in value:
                record["fields"][name] = WHOLE_SECOND.sub("", value)
    return records


def history_labels():
    """The history tables of the content apps (simple-history's versions, their links, an answer's citations)."""
    return [
        model._meta.label_lower
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        if model._meta.model_name.startswith("historical")
    ]


class Command(BaseCommand):
    help = "Write the whole database (content, history, corrections, users) to FILE (.json or .json.gz)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--with-credentials",
            action="store_true",
            help="Keep password hashes and include API tokens (store such a file as carefully as the database).",
        )

    def handle(self, file, with_credentials=False, **options):
        # History by primary key: a version may name a record deleted since (a law a citation no longer cites),
        # whose natural key cannot be read, and the export stopped there; the records keep their keys anyway.
        history = history_labels()
        # Versions in the order of their keys, not of their times (history's own ordering): the file keeps a time to
        # the millisecond, so an imported database sorts versions written within one millisecond by key alone, and
        # a round trip under load once listed a law's two versions in another order than the first export.
        versions = sorted(dump(*history, natural_foreign=False), key=lambda record: (record["model"], record["pk"]))
        records = dump(*CONTENT_APPS, exclude=history) + versions + dump(*ACCOUNTS)
        for record in records:
            if record["model"] == "auth.user" and not with_credentials:
                record["fields"]["password"] = UNUSABLE_PASSWORD_PREFIX  # "!": no password can match
        if with_credentials:
            records += dump("authtoken.token")
        records = whole_seconds_without_fraction(records)
        document = {"format": "ngomonitor-dataset", "version": FORMAT_VERSION, "records": records}
        try:
            with open_file(file, "w") as handle:
                json.dump(document, handle, ensure_ascii=False, sort_keys=True)
        except OSError as error:
            raise CommandError(f"Cannot write {file}: {error}") from error
        self.stdout.write(f"Exported {len(records)} records to {file}.")
