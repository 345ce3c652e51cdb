"""No data lost (issue 13): `export_dataset` and `import_dataset` round-trip a database (content, history,
readers' corrections, users) into a fresh one identically (that every migration reverses: test_migrations.py).
Each test works on scratch databases of the kind the suite runs on (SQLite files, or PostgreSQL databases),
through manage.py in a fresh process, as an operator would."""

import datetime
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PROJECT_APPS = ["editorial", "search", "codebook", "news", "rankings", "organizations", "laws", "countries"]

EDITS = """
from django.contrib.auth import get_user_model
from editorial.models import CorrectionSubmission
from laws.models import Law
law = Law.objects.get(country__iso2="KZ", slug="civil-code")
law._change_reason = "Title clarified"
law.title = law.title + " (amended title)"
law.save()
law.title = law.title.replace(" (amended title)", "")
law.save()
CorrectionSubmission.objects.create(page_url="/countries/kz/", what_is_wrong="A date is wrong", email="r@example.org")
# a version that names a record deleted since: a citation of a law, both edited, then both deleted
from codebook.models import Answer, Citation
gone = Law.objects.create(country=law.country, slug="repealed-law", title="Repealed law", kind=law.kind)
answer = Answer.objects.filter(country__iso2="KZ").first()
citation = Citation.objects.create(answer=answer, law=gone, order=99, quote="Q")
citation.quote = "Quoted"
citation.save()
citation.delete()
gone.delete()
get_user_model().objects.create_user("amina", "amina@example.org", "Quill-and-ledger-2026", is_staff=True)
"""


class ScratchDatabases:
    """Empty databases of the suite's kind (SQLite files, or PostgreSQL databases), dropped by `drop()`."""

    def __init__(self, folder):
        self.folder = folder
        self.default = settings.DATABASES["default"]
        self.created = []

    @property
    def sqlite(self):
        return self.default["ENGINE"].endswith("sqlite3")

    def new(self, template=None):
        """The URL of a new database: empty, or a copy of `template` (a URL this object gave)."""
        if self.sqlite:
            path = self.folder / f"{uuid.uuid4().hex}.sqlite3"
            if template:
                shutil.copyfile(template.removeprefix("sqlite:///"), path)
            return f"sqlite:///{path}"
        name = f"ngo_scratch_{uuid.uuid4().hex[:12]}"
        self.admin_sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template.rsplit("/", 1)[1]}"' if template else ""))
        self.created.append(name)
        user, host, port = self.default["USER"], self.default["HOST"] or "127.0.0.1", self.default["PORT"] or 5432
        return f"postgres://{user}@{host}:{port}/{name}"

    def admin_sql(self, statement):
        import psycopg2

        default = self.default
        connection = psycopg2.connect(
            dbname="postgres", user=default["USER"], host=default["HOST"], port=default["PORT"] or None
        )
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(statement)
        connection.close()

    def drop(self):
        for name in reversed(self.created):
            self.admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory):
    """A database migrated once by `manage.py migrate`, which tests copy instead of migrating again (10 s each)."""
    databases = ScratchDatabases(tmp_path_factory.mktemp("template"))
    template = databases.new()
    manage(template, "migrate", "-v0")
    yield template
    databases.drop()


@pytest.fixture
def scratch_databases(tmp_path, request):
    """`new()` gives the URL of an empty database of the suite's kind, `new(migrated=True)` one that
    `manage.py migrate` has brought up to date; all are dropped at the end."""
    databases = ScratchDatabases(tmp_path)

    def new(migrated=False):
        return databases.new(template=request.getfixturevalue("migrated_template") if migrated else None)

    yield new
    databases.drop()


def manage(database_url, *args, check=True):
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if check:
        assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-2000:])
    return result


def records(path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)["records"]


def test_a_database_round_trips_through_export_and_import(scratch_databases, tmp_path):
    first, second = scratch_databases(migrated=True), scratch_databases(migrated=True)
    manage(first, "load_fixtures", "-v0")
    manage(first, "shell", "-v0", "-c", EDITS)
    manage(first, "export_dataset", str(tmp_path / "first.json.gz"))
    exported = records(tmp_path / "first.json.gz")
    kinds = {record["model"] for record in exported}
    assert {"laws.law", "laws.historicallaw", "codebook.answer", "codebook.citation", "auth.user"} <= kinds
    assert "editorial.correctionsubmission" in kinds
    assert not kinds & {"contenttypes.contenttype", "sessions.session", "authtoken.token", "search.searchdocument"}
    reasons = [r["fields"]["history_change_reason"] for r in exported if r["model"] == "laws.historicallaw"]
    assert "Title clarified" in reasons
    user = next(r for r in exported if r["model"] == "auth.user" and r["fields"]["username"] == "amina")
    assert user["fields"]["password"].startswith("!")  # no hash leaves the database without --with-credentials

    assert "Imported" in manage(second, "import_dataset", str(tmp_path / "first.json.gz")).stdout
    manage(second, "export_dataset", str(tmp_path / "second.json.gz"))
    assert records(tmp_path / "second.json.gz") == exported
    # The imported site answers, search included (the index is rebuilt).
    code = "from search.models import SearchDocument; print(SearchDocument.objects.count() > 100)"
    assert manage(second, "shell", "-v0", "-c", code).stdout.strip() == "True"

    # With credentials, the hash comes along and the editor can still sign in after a restore.
    manage(first, "export_dataset", str(tmp_path / "full.json"), "--with-credentials")
    third = scratch_databases(migrated=True)
    manage(third, "import_dataset", str(tmp_path / "full.json"))
    code = "from django.contrib.auth import get_user_model; print(get_user_model().objects.get(username='amina').check_password('Quill-and-ledger-2026'))"  # noqa: E501
    assert manage(third, "shell", "-v0", "-c", code).stdout.strip() == "True"


def test_import_refuses_a_database_with_content_and_a_file_that_is_not_an_export(scratch_databases, tmp_path):
    database = scratch_databases(migrated=True)
    not_export = tmp_path / "other.json"
    not_export.write_text('[{"model": "laws.law", "fields": {}}]')
    result = manage(database, "import_dataset", str(not_export), check=False)
    assert result.returncode != 0 and "is not an NGO Monitor export" in result.stderr
    missing = manage(database, "import_dataset", str(tmp_path / "missing.json"), check=False)
    assert missing.returncode != 0 and "Cannot read" in missing.stderr
    manage(database, "load_fixtures", "-v0")
    manage(database, "export_dataset", str(tmp_path / "export.json"))
    again = manage(database, "import_dataset", str(tmp_path / "export.json"), check=False)
    assert again.returncode != 0 and "already holds content" in again.stderr


@pytest.mark.django_db
def test_a_time_a_few_microseconds_past_a_second_is_written_as_the_import_will_read_it_back(tmp_path):
    from django.core.management import call_command

    from laws.models import Law

    first, second = Law.objects.order_by("pk")[:2]
    stamp = datetime.datetime(2024, 5, 30, 12, 0, 0, tzinfo=datetime.UTC)
    Law.objects.filter(pk=first.pk).update(modified_at=stamp.replace(microsecond=123))  # ".000" to Django's JSON
    Law.objects.filter(pk=second.pk).update(modified_at=stamp.replace(microsecond=5_000))
    call_command("export_dataset", str(tmp_path / "export.json"), stdout=io.StringIO())
    laws = {r["pk"]: r["fields"] for r in records(tmp_path / "export.json") if r["model"] == "laws.law"}
    # an import reads "12:00:00.000Z" back as 12:00:00, which the next export wrote "12:00:00Z"
    assert laws[first.pk]["modified_at"] == "2024-05-30T12:00:00Z"
    assert laws[second.pk]["modified_at"] == "2024-05-30T12:00:00.005Z"
