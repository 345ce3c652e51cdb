from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Registers the template tags and the OpenAPI extensions of the shared building blocks."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        # drf-spectacular finds its extensions by subclass registration: the module must be imported.
        from .api import schema  # noqa: F401
