"""No data lost (issue 13): every migration of the project's apps reverses, on a scratch database of the kind the
suite runs on, through manage.py in a fresh process. Apart from test_backup.py (whose helpers it shares) so that
the two long files run on different workers."""

from tests.test_backup import PROJECT_APPS, manage, scratch_databases  # noqa: F401 - scratch_databases: a fixture

# Each app back to zero, the apps that depend on others first, in one process (a process per app cost a second of
# start-up each). Prints how many of the project's migrations were applied before, then those still applied after.
REVERSE_ALL = f"""
from django.core.management import call_command
from django.db.migrations.recorder import MigrationRecorder
project = MigrationRecorder.Migration.objects.filter(app__in={PROJECT_APPS!r})
print(project.count())
for label in {PROJECT_APPS!r}:
    call_command("migrate", label, "zero", verbosity=0)
print(sorted(project.values_list("app", "name")))
"""


def test_every_migration_reverses(scratch_databases):  # noqa: F811 - the fixture imported above
    database = scratch_databases()
    manage(database, "migrate", "-v0")
    manage(database, "load_fixtures", "-v0")
    before, after = manage(database, "shell", "-v0", "-c", REVERSE_ALL).stdout.strip().splitlines()
    assert int(before) >= 17 and after == "[]"
    manage(database, "migrate", "-v0")
    manage(database, "load_fixtures", "-v0")
