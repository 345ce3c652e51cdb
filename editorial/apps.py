from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save


class EditorialConfig(AppConfig):
    """Editors' role, history completion, the public what-changed pages and readers' corrections."""

    name = "editorial"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from .history import reason_from_request, record_baseline
        from .roles import sync_editors_group

        post_migrate.connect(sync_editors_group, sender=self, dispatch_uid="editorial.sync_editors_group")
        pre_save.connect(record_baseline, dispatch_uid="editorial.record_baseline")
        pre_create_historical_record.connect(reason_from_request, dispatch_uid="editorial.reason_from_request")
