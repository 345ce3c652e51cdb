"""Uncached render time of the heaviest pages, through the full Django stack (middleware, view, templates or
serializers, SQL), with the response cache off.

Run by hand against a migrated, loaded database (not a test: wall-clock numbers depend on the machine):

    make data                                       # or: manage.py migrate && manage.py load_fixtures
    .venv/bin/python bench/render_latency.py        # median, mean and best of 30 renders (wall), median CPU
    .venv/bin/python bench/render_latency.py --profile /countries/kz/   # cProfile of one URL, top 40 by own time
    .venv/bin/python bench/render_latency.py --default-gc   # without the workers' collector settings
    bench/instructions.sh /api/v1/countries/kz/profile/    # instructions per render (callgrind), repeatable
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ngomonitor.settings")
os.environ["RESPONSE_CACHE"] = "0"

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from ngomonitor.server import tune_gc  # noqa: E402

URLS = [
    "/countries/kz/",
    "/api/v1/countries/kz/profile/",
    "/countries/kz/report/",
    "/api/v1/laws/?page_size=100",
    "/",
]


def timings(client, url, rounds):
    client.get(url)  # warm up: imports, template loading, first connection
    samples, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples, cpu, len(response.content)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--profile", metavar="URL", help="profile one URL with cProfile instead")
    parser.add_argument("--default-gc", action="store_true", help="keep Python's collector settings, to compare")
    parser.add_argument(
        "--renders",
        nargs=2,
        metavar=("URL", "N"),
        help="render URL three times, then N times more; print nothing (bench/instructions.sh counts the difference)",
    )
    args = parser.parse_args()
    client = Client()
    if not args.default_gc:
        tune_gc()  # as a production worker does once the application is loaded (gunicorn.conf.py)
    if args.renders:
        url, count = args.renders
        for _ in range(3 + int(count)):
            assert client.get(url).status_code == 200, url
        return
    if args.profile:
        client.get(args.profile)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(10):
            client.get(args.profile)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(40)
        return
    # CPU time as well as wall time: on a shared machine the wall clock also counts waiting for a core.
    # The mean as well as the median: a full garbage collection comes every few requests, and the median hides it.
    print(f"{'URL':40} {'median ms':>10} {'mean ms':>8} {'best ms':>8} {'CPU ms':>7} {'KB':>6}")
    for url in URLS:
        samples, cpu, size = timings(client, url, args.rounds)
        print(
            f"{url:40} {statistics.median(samples):10.1f} {statistics.mean(samples):8.1f} {min(samples):8.1f}"
            f" {statistics.median(cpu):7.1f} {size / 1024:6.0f}"
        )


if __name__ == "__main__":
    main()
