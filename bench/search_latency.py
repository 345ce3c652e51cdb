"""Search latency on the seeded data, through the full Django stack (URL routing, view, serializer, SQL).

Run by hand against a migrated, loaded database (not a test: wall-clock numbers depend on the machine):

    make data                                   # or: manage.py migrate && manage.py load_fixtures
    .venv/bin/python bench/search_latency.py    # DATABASE_URL picks SQLite (default) or PostgreSQL
    .venv/bin/python bench/search_latency.py --rounds 100 --scale 20

`--scale N` first copies every search document N times (inside a transaction that is rolled back) to see how
latency grows with the index; the seeded profile alone is about 260 documents.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ngomonitor.settings")
os.environ.setdefault("RESPONSE_CACHE", "0")  # the searches themselves, not the response cache's copies of them

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from search.backends import backend_for  # noqa: E402
from search.models import SearchDocument  # noqa: E402
from search.postings import delete_postings, write_all_postings  # noqa: E402

QUERIES = [
    "peaceful assembly",
    "foreign funding",
    "charity",
    '"public associations" registration',
    "tax -exemption",
    "asembly",
    "registration or reregistration",
    "Law on Payments",
]


def measure(client, url, params, rounds):
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url, params)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.content[:200]
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params)
    return statistics.median(timings), sorted(timings)[int(len(timings) * 0.95) - 1], len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--scale", type=int, default=1, help="copy the index this many times first")
    args = parser.parse_args()
    client = Client()
    with transaction.atomic():
        if args.scale > 1:
            originals = list(SearchDocument.objects.all())
            copies = []
            for n in range(1, args.scale):
                for doc in originals:
                    doc.pk = None
                    doc.object_id += 10_000_000 * n
                    copies.append(SearchDocument(**{f.attname: getattr(doc, f.attname) for f in doc._meta.fields}))
            SearchDocument.objects.bulk_create(copies, batch_size=1000)
            delete_postings()  # and the copies' postings, which one-word searches read (search/postings.py)
            write_all_postings(backend_for(), SearchDocument.objects.iterator())
        documents = SearchDocument.objects.count()
        print(f"{connection.vendor}: {documents} documents, {args.rounds} rounds per query (ms)")
        print(f"{'query':40} {'API p50':>8} {'API p95':>8} {'page p50':>9} {'queries':>8}")
        api_medians, page_medians = [], []
        for q in QUERIES:
            api_p50, api_p95, count = measure(client, "/api/v1/search/", {"q": q}, args.rounds)
            page_p50, _, _ = measure(client, "/search/", {"q": q}, args.rounds)
            api_medians.append(api_p50)
            page_medians.append(page_p50)
            print(f"{q:40} {api_p50:8.1f} {api_p95:8.1f} {page_p50:9.1f} {count:8}")
        api_all, page_all = statistics.median(api_medians), statistics.median(page_medians)
        print(f"{'median over queries':40} {api_all:8.1f} {'':8} {page_all:9.1f}")
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
