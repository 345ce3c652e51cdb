"""Rebuild the search index from the public querysets (after a bulk load, or to repair it)."""

from django.core.management import BaseCommand

from search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the full-text search index from every published record."

    def handle(self, *args, **options):
        count = rebuild_index()
        if options["verbosity"]:
            self.stdout.write(f"Indexed {count} records.")
