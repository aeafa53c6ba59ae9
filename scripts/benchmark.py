"""Print response-time and query figures for every public page (not a test).

Runs Django's test client in-process against the database in DATABASE_URL
(load the initial content first), so it measures the application, not the
network. Usage:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lscp_bench \\
      .venv/bin/python scripts/benchmark.py [--runs 20]
"""

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscpartnerships.settings.test")


def main():
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page, Site

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    site = Site.objects.get(is_default_site=True)
    urls = [p.url for p in site.root_page.get_descendants(inclusive=True).live().public()]
    urls += ["/search/?q=Blackpool", "/search/?q=director", "/sitemap.xml", "/api/v2/pages/"]
    client = Client(HTTP_HOST=site.hostname)
    print(f"{'url':58} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'peak KB':>8}")
    for url in urls:
        client.get(url)  # warm caches
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        with CaptureQueriesContext(connection) as queries:
            tracemalloc.start()
            client.get(url)
            peak = tracemalloc.get_traced_memory()[1] / 1024
            tracemalloc.stop()
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(
            f"{url[:58]:58} {statistics.median(times):8.1f} {p95:8.1f} "
            f"{len(queries):8d} {peak:8.0f}  [{response.status_code}]"
        )
    del Page


if __name__ == "__main__":
    main()
