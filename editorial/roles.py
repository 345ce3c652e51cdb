"""The Editors role: a group whose permissions are defined here, in code, and kept in sync on every migrate.

Editors may add, change, delete and view every content model, view the history tables, and moderate readers'
corrections. They get nothing on users, groups, permissions or API tokens: an editor can never grant
themselves (or anyone) more rights. The group is (re)built by a post_migrate handler rather than a data
migration, so a content model added later is covered at the next `migrate`, and a fresh database, the test
database (with or without migrations) and production all end up with the same role.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

from .content import CONTENT_APPS, content_models, inline_parts

EDITORS_GROUP = "Editors"
CONTENT_ACTIONS = ("add", "change", "delete", "view")
# Readers' corrections: editors moderate them (readers file them through the public form, not admin).
MODERATION = {"editorial.correctionsubmission": ("change", "delete", "view")}


def editor_permission_codenames():
    """(app_label, codename) of every permission the Editors group holds."""
    wanted = []
    for model in [*content_models(), *inline_parts()]:
        opts = model._meta
        wanted += [(opts.app_label, f"{action}_{opts.model_name}") for action in CONTENT_ACTIONS]
        history_opts = model.history.model._meta
        wanted.append((history_opts.app_label, f"view_{history_opts.model_name}"))
    for label, actions in MODERATION.items():
        app_label, model_name = label.split(".")
        wanted += [(app_label, f"{action}_{model_name}") for action in actions]
    return wanted


def sync_editors_group(using=DEFAULT_DB_ALIAS, **kwargs):
    """Create the Editors group if needed and set its permissions to exactly `editor_permission_codenames()`.

    Permissions are themselves created post_migrate, app by app; create them first for the apps involved so
    the result does not depend on the order handlers run in.
    """
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    for label in (*CONTENT_APPS, "editorial"):
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using)
    query = Q(pk__in=[])
    for app_label, codename in editor_permission_codenames():
        query |= Q(content_type__app_label=app_label, codename=codename)
    group, _ = Group.objects.using(using).get_or_create(name=EDITORS_GROUP)
    group.permissions.set(Permission.objects.using(using).filter(query))
    return group
