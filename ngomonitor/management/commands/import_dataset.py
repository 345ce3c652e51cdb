"""Load a file written by `export_dataset` into a freshly migrated database, then rebuild the search index.

Refuses a database that already holds content (it would mix two datasets) unless `--force`, and a file that
is not an export of this site.
"""

import json
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction

from core.cache import bump_generation
from core.db import analyze

from .export_dataset import CONTENT_APPS, FORMAT_VERSION, open_file


class Command(BaseCommand):
    help = "Load FILE (from export_dataset) into this database, which must hold no content yet."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--force", action="store_true", help="Load even if the database already holds content.")

    def handle(self, file, force=False, **options):
        try:
            with open_file(file, "r") as handle:
                document = json.load(handle)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        if not isinstance(document, dict) or document.get("format") != "ngomonitor-dataset":
            raise CommandError(f"{file} is not an NGO Monitor export (written by export_dataset).")
        if document.get("version") != FORMAT_VERSION:
            raise CommandError(f"{file} is format version {document.get('version')}; this site reads {FORMAT_VERSION}.")
        if not force and any(
            model.objects.exists() for label in CONTENT_APPS for model in apps.get_app_config(label).get_models()
        ):
            raise CommandError("This database already holds content; import into a fresh one, or pass --force.")
        with tempfile.TemporaryDirectory() as folder:
            fixture = Path(folder) / "dataset.json"
            fixture.write_text(json.dumps(document["records"]), encoding="utf-8")
            with transaction.atomic():
                call_command("loaddata", str(fixture), verbosity=0)
        call_command("rebuild_search_index", verbosity=0)
        analyze()  # the planner's statistics, for the data just loaded (core/db.py)
        bump_generation()
        self.stdout.write(f"Imported {len(document['records'])} records from {file}.")
