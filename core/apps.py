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

        from django.db.models.signals import pre_save
        from simple_history.signals import post_create_historical_record, pre_create_historical_record

        from .history import links_follow, loaded_without_history, save_again, version_made

        pre_create_historical_record.connect(links_follow, dispatch_uid="core.links_follow")
        post_create_historical_record.connect(version_made, dispatch_uid="core.version_made")
        pre_save.connect(loaded_without_history, dispatch_uid="core.loaded_without_history")
        pre_save.connect(save_again, dispatch_uid="core.save_again")
