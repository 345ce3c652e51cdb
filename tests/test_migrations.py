"""No data lost (issue 13): every migration of the project's apps reverses, on a scratch database of the kind the
suite runs on, through manage.py in a fresh process. Apart from test_backup.py (whose helpers it shares) so that
the two long files run on different workers."""

from tests.test_backup import PROJECT_APPS, manage, scratch_databases  # noqa: F401 - scratch_databases: a fixture


def test_every_migration_reverses(scratch_databases):  # noqa: F811 - the fixture imported above
    database = scratch_databases()
    manage(database, "migrate", "-v0")
    manage(database, "load_fixtures", "-v0")
    for label in PROJECT_APPS:
        manage(database, "migrate", label, "zero", "-v0")
    plan = manage(database, "showmigrations", *PROJECT_APPS, "--plan").stdout
    applied = [
        line for line in plan.splitlines() if line.startswith("[X]") and line.split()[1].split(".")[0] in PROJECT_APPS
    ]
    assert applied == []
    manage(database, "migrate", "-v0")
    manage(database, "load_fixtures", "-v0")
