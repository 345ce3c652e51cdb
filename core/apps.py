from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Registers the template tags and the OpenAPI extensions of the shared building blocks, and the response
    cache's invalidation on every write to the project's models."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        # drf-spectacular finds its extensions by subclass registration: the module must be imported.
        from . import cache
        from .api import schema  # noqa: F401

        cache.connect_signals()
