from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Full-text search over every public record; its signals keep the index in step with edits."""

    name = "search"
    verbose_name = "Search"

    def ready(self):
        from . import signals

        signals.connect()
