"""With REDIS_URL set, the response cache, its generation, the API throttles and the corrections rate limit live
in Redis, so every server process sees the others' invalidations. Runs against the machine's Redis
(REDIS_TEST_URL, default redis://127.0.0.1:6379/15, a database of its own, flushed around each test); without
one these tests skip, and under CI they fail."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from rest_framework.test import APIClient

from core.cache import GENERATION_KEY
from tests.support import GUNICORN, ROOT, free_port, http, unavailable, wait_until_up

pytestmark = pytest.mark.django_db

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
PREFIX = "ngomonitor-test"


@pytest.fixture
def redis_client():
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        unavailable(f"No Redis at {REDIS_TEST_URL} ({error})")
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.fixture
def redis_cache(redis_client):
    """The default cache in Redis, as REDIS_URL makes it."""
    redis_caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": PREFIX,
        }
    }
    with override_settings(CACHES=redis_caches):
        assert type(caches["default"]).__name__ == "RedisCache"
        yield redis_client


def keys(redis_client, pattern):
    return [key.decode() for key in redis_client.keys(f"{PREFIX}:*{pattern}*")]


def test_settings_use_redis_when_redis_url_is_set():
    env = {**os.environ, "REDIS_URL": REDIS_TEST_URL, "DJANGO_SETTINGS_MODULE": "ngomonitor.settings"}
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "django.core.cache.backends.redis.RedisCache"
    import hiredis  # noqa: F401 - the fast parser redis-py picks up by itself


def test_the_response_cache_and_its_invalidation_work_through_redis(redis_cache, law):
    reader = Client()
    url = f"/api/v1/laws/{law.pk}/"
    assert reader.get(url)["X-Cache"] == "miss"
    assert reader.get(url)["X-Cache"] == "hit"
    assert keys(redis_cache, GENERATION_KEY) and keys(redis_cache, "response:")
    law.title = "Statute on Zebra Crossings"
    law.save()
    response = reader.get(url)
    assert response["X-Cache"] == "miss" and response.json()["title"] == "Statute on Zebra Crossings"


def test_the_api_throttles_count_in_redis(redis_cache, law):
    rates = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "100/minute"}}
    with override_settings(REST_FRAMEWORK=rates):
        statuses = [APIClient().get("/api/v1/laws/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert keys(redis_cache, "throttle_anon")


@override_settings(CORRECTIONS_RATE_LIMIT=1)
def test_the_corrections_rate_limit_counts_in_redis(redis_cache, law):
    reader = Client(enforce_csrf_checks=False)
    data = {"page_url": law.get_absolute_url(), "what_is_wrong": "The adoption year is 2015, not 2016."}
    reader.post("/corrections/new/", data)
    assert keys(redis_cache, "ratelimit:corrections")
    assert reader.post("/corrections/new/", data).status_code == 429


# ---------------------------------------------------------------- two server processes, one Redis


@pytest.fixture
def database_copy(tmp_path, redis_client):
    """A SQLite file with the seeded data (a copy of the test database) and an administrator's token."""
    path = tmp_path / "shared.sqlite3"
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
    else:  # the test database is PostgreSQL: build the file the way a deployment would
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
        for command in (["migrate", "-v0"], ["load_fixtures", "-v0"]):
            subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=ROOT, check=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}"}
    create = (
        "from django.contrib.auth.models import User; from rest_framework.authtoken.models import Token; "
        "u = User.objects.create_superuser('racer', 'r@example.org', 'Racer-password-2026'); "
        "print(Token.objects.create(user=u).key)"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", create], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return path, out.stdout.strip().splitlines()[-1]


@pytest.fixture
def two_servers(database_copy):
    path, token = database_copy
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{path}",
        "REDIS_URL": REDIS_TEST_URL,
        "CACHE_KEY_PREFIX": PREFIX,
        "DEBUG": "1",
        "CONN_MAX_AGE": "0",
    }
    servers, processes = [], []
    try:
        for _ in range(2):
            port = free_port()
            command = [GUNICORN, "-w", "1", "-b", f"127.0.0.1:{port}"]  # gunicorn.conf.py: the production app
            process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            processes.append(process)
            servers.append(f"http://127.0.0.1:{port}")
        for base, process in zip(servers, processes, strict=True):
            wait_until_up(base, process)
        yield servers, token
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def test_two_server_processes_see_each_others_invalidations(two_servers):
    (a, b), token = two_servers
    headers, body = http("GET", f"{a}/api/v1/laws/?country=KZ&page_size=1")
    law = json.loads(body)["results"][0]
    detail = f"/api/v1/laws/{law['id']}/"
    page = law["html_url"].split("//", 1)[1].split("/", 1)[1]
    for path in (detail, f"/{page}"):
        http("GET", f"{a}{path}")
        assert http("GET", f"{a}{path}")[0]["X-Cache"] == "hit"
    http(
        "PATCH",
        f"{b}{detail}",
        json.dumps({"title": "Statute on Zebra Crossings"}).encode(),
        {"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    headers, body = http("GET", f"{a}{detail}")
    assert headers["X-Cache"] == "miss" and json.loads(body)["title"] == "Statute on Zebra Crossings"
    headers, body = http("GET", f"{a}/{page}")
    assert headers["X-Cache"] == "miss" and "Statute on Zebra Crossings" in body.decode()
