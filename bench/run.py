"""Throughput benchmark: `make bench` (README, "Performance").

Measures with wrk (2 threads, 16 connections, `--latency`) the production server (gunicorn.conf.py: uvicorn
workers; DEBUG=0, `BENCH_WORKERS` workers, default 2, API throttles raised out of the way) on six URLs, cached
(the response cache on) and uncached
(`RESPONSE_CACHE=0`), on SQLite and, when reachable, PostgreSQL (`DATABASE_URL_BENCH`, else a local server at
127.0.0.1:5432: scratch databases are created and dropped), on the seed and on synthetic data
(`generate_synthetic`, 200 countries, added to the seed). In the same run, as yardsticks:

- nginx (one worker) serving the profile's exact gzip bytes, fetched from our server, with `gzip_static`;
- Datasette (one process) serving the same laws rows as JSON from the same SQLite file.

Each of our URLs is then measured once more with one connection (`BENCH_LATENCY_SECONDS`, default half of
`BENCH_SECONDS`, longer for a slow URL until it has 20 requests): the "p50 alone" is the time a request takes;
under 16 connections on two workers the p50 is mostly the wait behind the other 15. The synthetic / seed ratios
compare the p50 alone, of requests that return the same rows: the 100-row laws page holds only 68 rows on the seed
(it has no more laws) and 100 on the synthetic data, so its ratio would weigh 47% more rows as if it were the data's
size; the 50-row page, full on both, stands for it.

Prints one table (req/s, p50, p99, p50 alone) with the ratios ours/nginx and ours/Datasette, and writes it to
bench/results.md. `BENCH_SECONDS` (default 10) is the length of each wrk run. Every process it starts is
stopped at the end, also on Ctrl-C.
"""

import atexit
import gzip
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
# The latency pass: one connection, so the p50 is the time a request takes, not the time it queues behind 15 others.
LATENCY_SECONDS = int(os.environ.get("BENCH_LATENCY_SECONDS", str(max(2, SECONDS // 2))))
LATENCY_SAMPLES, LATENCY_MAX_SECONDS = 20, 30  # the latency pass runs longer (up to 30 s) for fewer than 20
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
DATASETTE_VERSION = "0.65.5"
URLS = [
    ("home", "/"),
    ("profile", "/countries/kz/"),
    ("laws list page", "/countries/kz/laws/"),
    ("API laws list", "/api/v1/laws/?page_size=100"),
    ("API laws list, 50 rows", "/api/v1/laws/?page_size=50"),
    ("API profile", "/api/v1/countries/kz/profile/"),
    ("search", "/search/?q=assembly"),
]
GZIP = {"Accept-Encoding": "gzip"}
# Not in the synthetic / seed ratios: a different number of rows on each side (see the docstring).
NOT_THE_SAME_ROWS = {"API laws list"}

PROCESSES = []
CLEANUPS = []


def say(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------------------------------------------- processes


def start(args, env=None, cwd=ROOT, log=None):
    process = subprocess.Popen(
        args, cwd=cwd, env=env, stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True
    )
    PROCESSES.append(process)
    return process


def stop(process):
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    if process in PROCESSES:
        PROCESSES.remove(process)


def cleanup():
    for process in list(PROCESSES):
        stop(process)
    while CLEANUPS:
        try:
            CLEANUPS.pop()()
        except Exception as exc:  # noqa: BLE001 - cleaning up: report and go on
            say(f"cleanup: {exc}")


def on_signal(signum, frame):
    cleanup()
    sys.exit(128 + signum)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, process, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server for {url} exited (code {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {timeout}s")


def fetch(url, headers=None):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as response:
        # Header names in lower case: servers differ in how they write them (uvicorn: lower case).
        return response.status, {name.lower(): value for name, value in response.headers.items()}, response.read()


# ---------------------------------------------------------------------------------------------------- set-up


def require_tools():
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists()]
    if missing:
        raise SystemExit(
            f"missing: {', '.join(missing)}. Install with: sudo apt-get install -y {' '.join(missing)} (Debian/Ubuntu)"
        )
    if not (BIN / "datasette").exists():
        say(f"installing Datasette {DATASETTE_VERSION} into the virtualenv")
        subprocess.run([BIN / "pip", "install", "--quiet", f"datasette=={DATASETTE_VERSION}"], check=True)


def base_env():
    env = dict(os.environ)
    for name in ("REDIS_URL", "DATABASE_REPLICA_URL", "RESPONSE_CACHE"):
        env.pop(name, None)
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        API_THROTTLE_ANON="100000000/hour",
        API_THROTTLE_USER="100000000/hour",
        LOG_LEVEL="ERROR",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args):
    subprocess.run([BIN / "python", "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def postgres_base():
    """A PostgreSQL URL to create scratch databases beside, or None."""
    url = os.environ.get("DATABASE_URL_BENCH")
    if url:
        return url
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return "postgres://postgres@127.0.0.1:5432/postgres"
    except OSError:
        return None


def pg_admin(base, sql):
    import psycopg2

    parts = urlsplit(base)
    connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


def prepare_databases(workdir, env):
    """{(database kind, data): DATABASE_URL}: the seed and the seed plus 200 synthetic countries."""
    databases = {}
    seed = workdir / "seed.sqlite3"
    say("SQLite: migrate, load_fixtures")
    manage({**env, "DATABASE_URL": f"sqlite:///{seed}"}, "migrate", "--noinput")
    manage({**env, "DATABASE_URL": f"sqlite:///{seed}"}, "load_fixtures")
    synthetic = workdir / "synthetic.sqlite3"
    shutil.copy(seed, synthetic)
    say("SQLite: generate_synthetic --countries 200 --laws 100 --news 500")
    manage({**env, "DATABASE_URL": f"sqlite:///{synthetic}"}, "generate_synthetic", "--force")
    databases["SQLite", "seed"] = f"sqlite:///{seed}"
    databases["SQLite", "synthetic"] = f"sqlite:///{synthetic}"

    base = postgres_base()
    if not base:
        say("PostgreSQL: none reachable (set DATABASE_URL_BENCH), skipped")
        return databases
    try:
        for data in ("seed", "synthetic"):
            name = f"ngomonitor_bench_{data}_{os.getpid()}"
            pg_admin(base, f'CREATE DATABASE "{name}"')
            CLEANUPS.append(lambda name=name: pg_admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            url = urlunsplit(urlsplit(base)._replace(path=f"/{name}"))
            say(f"PostgreSQL {data}: migrate, load_fixtures" + (", generate_synthetic" if data == "synthetic" else ""))
            manage({**env, "DATABASE_URL": url}, "migrate", "--noinput")
            manage({**env, "DATABASE_URL": url}, "load_fixtures")
            if data == "synthetic":
                manage({**env, "DATABASE_URL": url}, "generate_synthetic", "--force")
            databases["PostgreSQL", data] = url
    except Exception as exc:  # noqa: BLE001 - PostgreSQL is optional: say why and go on with SQLite
        say(f"PostgreSQL: skipped ({exc})")
    return databases


# ---------------------------------------------------------------------------------------------------- measuring


def wrk(url, headers=None, connections=16, seconds=SECONDS):
    threads = min(2, connections)
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    output = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    if requests == 0:  # wrk then prints 0 for every percentile
        raise RuntimeError(f"wrk: no request to {url} completed in {seconds} s")
    return {"rps": rate, "p50": to_ms(percentiles["50"]), "p99": to_ms(percentiles["99"]),
            "errors": int(errors.group(1)) if errors else 0, "requests": requests}  # fmt: skip


def latency(url, headers):
    """The p50 of one request at a time, over at least LATENCY_SAMPLES requests: a request of a second (an uncached
    search on the synthetic data) gave two samples in the default seconds, and its p50 read 1.3 s where twenty
    gave 0.37."""
    seconds = LATENCY_SECONDS
    result = wrk(url, headers, connections=1, seconds=seconds)
    while result["requests"] < LATENCY_SAMPLES and seconds < LATENCY_MAX_SECONDS:
        seconds = min(LATENCY_MAX_SECONDS, seconds * 3)
        result = wrk(url, headers, connections=1, seconds=seconds)
    return result["p50"]


def to_ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def gunicorn(env, database_url, cached, workdir):
    port = free_port()
    server_env = {**env, "DATABASE_URL": database_url, "RESPONSE_CACHE": "1" if cached else "0"}
    log = open(workdir / f"gunicorn-{port}.log", "wb")  # noqa: SIM115 - closed with the process
    CLEANUPS.append(log.close)
    process = start(
        [BIN / "gunicorn", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--log-level", "error"],
        env=server_env,
        log=log,
    )
    origin = f"http://127.0.0.1:{port}"
    wait_for(f"{origin}/healthz", process)
    return process, origin


def fetch_in_turn(url, headers):
    """One request after another, twice per worker, each answered 200: each waits for the worker it reaches."""
    for _ in range(WORKERS * 2):
        status, _, _ = fetch(url, headers)
        assert status == 200, (url, status)


def measure_server(results, env, kind, data, database_url, cached, workdir, extra=()):
    mode = "cached" if cached else "uncached"
    process, origin = gunicorn(env, database_url, cached, workdir)
    try:
        for name, path, headers in [(n, p, None) for n, p in URLS] + list(extra):
            fetch_in_turn(origin + path, headers)  # every worker renders (and, cached, stores) it once first
            result = wrk(origin + path, headers)
            fetch_in_turn(origin + path, headers)  # wait out the requests the 16 connections left queued
            result["p50_alone"] = latency(origin + path, headers)
            results.append({"server": f"ours, {kind}, {data}, {mode}", "name": name, "path": path, **result})
            say(
                f"{kind} {data} {mode:8} {path:34} {result['rps']:8.0f} req/s  p50 {result['p50']:.1f} ms"
                f"  alone {result['p50_alone']:.1f} ms"
            )
    finally:
        stop(process)
    return origin


def nginx_yardstick(results, env, database_url, workdir):
    """nginx, one worker, serving the cached profile's exact gzip bytes."""
    process, origin = gunicorn(env, database_url, True, workdir)
    try:
        status, headers, body = fetch(origin + "/countries/kz/", GZIP)
    finally:
        stop(process)
    assert status == 200 and headers.get("content-encoding") == "gzip", headers
    site = workdir / "nginx" / "site"
    page = site / "countries" / "kz"
    page.mkdir(parents=True)
    (page / "index.html.gz").write_bytes(body)
    (page / "index.html").write_bytes(gzip.decompress(body))
    port = free_port()
    prefix = workdir / "nginx"
    conf = prefix / "nginx.conf"
    conf.write_text(f"""
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {prefix}/tmp-body;
    proxy_temp_path {prefix}/tmp-proxy;
    fastcgi_temp_path {prefix}/tmp-fastcgi;
    uwsgi_temp_path {prefix}/tmp-uwsgi;
    scgi_temp_path {prefix}/tmp-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {site};
        index index.html;
        gzip_static on;
        etag on;
    }}
}}
""")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    process = start([nginx, "-p", str(prefix), "-c", str(conf)])
    try:
        url = f"http://127.0.0.1:{port}/countries/kz/"
        wait_for(url, process)
        status, headers, served = fetch(url, GZIP)
        assert served == body and headers.get("content-encoding") == "gzip", headers
        result = wrk(url, GZIP)
        results.append({"server": "nginx, 1 worker, gzip_static", "name": "profile (gzip)", "path": "/countries/kz/",
                        **result})  # fmt: skip
        say(f"nginx                    /countries/kz/ (gzip)  {result['rps']:8.0f} req/s  p50 {result['p50']:.1f} ms")
    finally:
        stop(process)


def datasette_yardstick(results, database_url, workdir):
    """Datasette, one process, the same laws rows as JSON from the same SQLite file."""
    path = Path(urlsplit(database_url).path)
    copy = workdir / "db.sqlite3"  # named so that Datasette's URL reads /db/...
    shutil.copy(path, copy)
    port = free_port()
    process = start([BIN / "datasette", "serve", str(copy), "-p", str(port), "-h", "127.0.0.1",
                     "--setting", "default_page_size", "100"])  # fmt: skip
    try:
        # The API's list: published laws, 100 a page, in the model's order (country, order, title).
        query = "/db/laws_law.json?publication_status__exact=published&_sort=id&_size=100&_shape=objects"
        url = f"http://127.0.0.1:{port}{query}"
        wait_for(url, process)
        result = wrk(url)
        results.append({"server": "Datasette, 1 process", "name": "laws as JSON", "path": query, **result})
        say(f"Datasette                laws JSON             {result['rps']:8.0f} req/s  p50 {result['p50']:.1f} ms")
    finally:
        stop(process)


# ---------------------------------------------------------------------------------------------------- report


def milliseconds(value):
    """Two decimals below 10 ms (a cached answer takes 0.1-0.2 ms alone), one above."""
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def table(results):
    def find(server, name):
        return next((r for r in results if r["server"] == server and r["name"] == name), None)

    lines = [
        f"wrk -t2 -c16 -d{SECONDS}s --latency; gunicorn -w {WORKERS} (uvicorn workers, gunicorn.conf.py), DEBUG=0; "
        f"{time.strftime('%Y-%m-%d')}, "
        f"{os.cpu_count()} cores (wrk on the same machine)",
        "",
        f"p50 alone: wrk -t1 -c1 -d{LATENCY_SECONDS}s (longer, up to {LATENCY_MAX_SECONDS}s, until it has"
        f" {LATENCY_SAMPLES} requests), one request at a time (what a request takes, without queueing);"
        " our server only (nginx and Datasette are yardsticks of throughput)",
        "",
        "| server | URL | req/s | p50 ms | p99 ms | p50 alone ms |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for r in results:
        errors = f" ({r['errors']} errors)" if r["errors"] else ""
        alone = milliseconds(r["p50_alone"]) if "p50_alone" in r else ""
        path = f"`{r['path']}`" + (" (gzip)" if r["name"].endswith("(gzip)") else "")
        lines.append(f"| {r['server']} | {path}{errors} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {alone} |")
    lines += ["", "| comparison | ratio | target |", "|---|---:|---|"]

    def ratio(label, a, b, target, check):
        if a and b:
            value = a["rps"] / b["rps"]
            lines.append(f"| {label} | {value:.2f} | {target}: {'met' if check(value) else 'MISSED'} |")

    seed = "ours, SQLite, seed"
    ratio("cached profile (gzip) / nginx", find(f"{seed}, cached", "profile (gzip)"),
          find("nginx, 1 worker, gzip_static", "profile (gzip)"), "≥ 0.1", lambda v: v >= 0.1)  # fmt: skip
    for mode, floor in (("cached", 2), ("uncached", 1)):
        ratio(f"API laws list {mode} / Datasette", find(f"{seed}, {mode}", "API laws list"),
              find("Datasette, 1 process", "laws as JSON"), f"≥ {floor}", lambda v, f=floor: v >= f)  # fmt: skip
    for name in ("profile", "API profile"):
        r = find(f"{seed}, uncached", name)
        if r:
            lines.append(f"| uncached {name}, req/s | {r['rps']:.0f} | ≥ 30: {'met' if r['rps'] >= 30 else 'MISSED'} |")
            verdict = "met" if r["p50_alone"] <= 60 else "MISSED"
            lines.append(f"| uncached {name}, p50 alone ms | {milliseconds(r['p50_alone'])} | ≤ 60: {verdict} |")
    for kind in ("SQLite", "PostgreSQL"):
        for mode in ("cached", "uncached"):
            for name, _ in URLS:
                if name in NOT_THE_SAME_ROWS:
                    continue
                a = find(f"ours, {kind}, synthetic, {mode}", name)
                b = find(f"ours, {kind}, seed, {mode}", name)
                if a and b:
                    # The request's own time: under 16 connections on two workers the p50 is mostly queueing,
                    # which swings with whatever else the machine does during those seconds.
                    value = a["p50_alone"] / b["p50_alone"]  # wrk() refuses a run where nothing completed
                    verdict = "met" if value <= 1.5 else "MISSED"
                    lines.append(
                        f"| {kind} {mode} {name}: p50 alone synthetic / seed | {value:.2f} | ≤ 1.5: {verdict} |"
                    )
    return "\n".join(lines)


def main():
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    atexit.register(cleanup)
    require_tools()
    workdir = Path(tempfile.mkdtemp(prefix="ngomonitor-bench-"))
    CLEANUPS.append(lambda: shutil.rmtree(workdir, ignore_errors=True))
    env = base_env()
    say(f"work directory {workdir}; {SECONDS}s per URL, {WORKERS} workers")
    say("collectstatic")
    manage({**env, "DATABASE_URL": f"sqlite:///{workdir / 'static.sqlite3'}"}, "collectstatic", "--noinput")
    databases = prepare_databases(workdir, env)
    results = []
    for (kind, data), url in databases.items():
        for cached in (True, False):
            extra = [("profile (gzip)", "/countries/kz/", GZIP)] if (kind, data) == ("SQLite", "seed") else []
            measure_server(results, env, kind, data, url, cached, workdir, extra)
    nginx_yardstick(results, env, databases["SQLite", "seed"], workdir)
    datasette_yardstick(results, databases["SQLite", "seed"], workdir)
    report = table(results)
    print()
    print(report)
    (ROOT / "bench" / "results.md").write_text(
        "# Benchmark results (`make bench`)\n\nWritten by bench/run.py; see README, Performance.\n\n" + report + "\n"
    )
    say("written to bench/results.md")


if __name__ == "__main__":
    main()
