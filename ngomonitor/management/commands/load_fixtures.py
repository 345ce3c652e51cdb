"""Load every country's fixtures (fixtures/<country>/*.json) in one `loaddata` call.

One call lets Django resolve natural-key references across files (a forward reference is saved once its target
is loaded). Not so for a record whose own natural key goes through a relation (a codebook answer is keyed by its
country's code): its target must already be loaded, so each folder's `countries.json` loads first. Because every
record has a natural key, running it twice changes nothing.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command

from core.cache import bump_generation
from core.db import analyze


class Command(BaseCommand):
    help = "Load all fixtures under fixtures/ (safe to run twice)."

    def add_arguments(self, parser):
        parser.add_argument("countries", nargs="*", help="Country folders to load (default: all).")

    def handle(self, *args, countries=(), **options):
        root = Path(settings.BASE_DIR) / "fixtures"
        folders = [root / name for name in countries] if countries else sorted(p for p in root.iterdir() if p.is_dir())
        files = [
            str(f)
            for folder in folders
            for f in sorted(folder.glob("*.json"), key=lambda f: (f.name != "countries.json", f.name))
        ]
        missing = [str(f) for f in folders if not f.is_dir()]
        if missing:
            raise CommandError(f"No such fixture folder: {', '.join(missing)}")
        if not files:
            self.stdout.write("No fixtures to load.")
        else:
            call_command("loaddata", *files, verbosity=options["verbosity"])
        # loaddata saves raw, so the search index's signals skip those rows: rebuild it from what is now public.
        call_command("rebuild_search_index", verbosity=options["verbosity"])
        analyze()  # the planner's statistics, for the data just loaded (core/db.py)
        # loaddata's raw saves bump the response cache's generation at commit; once more, to be plain about it.
        bump_generation()
