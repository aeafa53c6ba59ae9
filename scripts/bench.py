"""`make bench`: the site under gunicorn with production settings on
PostgreSQL and Redis, beside a bare Django view on the same stack.

Prints, for each public page type: requests/s, p50 and p99 (wrk), the ratio
to the bare view's requests/s, cached and uncached (the cache cleared before
each uncached run), and the queries the page takes uncached. Then a scale run:
1,000 briefings and 200 decisions, and the listing, search, sitemap and feed
p50 uncached against the small site. Figures are printed, never asserted.

It builds its own database (DATABASE_URL's name + "_bench"), Redis
(a private redis-server on a free port) and static files (collectstatic).

    .venv/bin/python scripts/bench.py [--duration 10] [--connections 8]
        [--workers 2] [--only home,faq] [--no-scale]
        [--compare-label bakerydemo --compare home=http://127.0.0.1:8100/ ...]

`--compare PAGE=URL` (repeatable) measures another site's equivalent page,
already serving on this machine, in turn with this site's page in the uncached
run (five short runs each, alternating), so both meet the same machine at the
same moments, and prints the ratio.
The issue's uncached target is against Wagtail's bakerydemo: bring it up
yourself (it is not part of this project) and pass its pages here. Uncached
figures on a shared 2-core machine vary from run to run by up to 2×; the
ratio measured side by side is the figure to judge by.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests" / "pagecache"))  # the loopback server helpers

from servers import Gunicorn, RedisServer, http_get  # noqa: E402

from tests.helpers.databases import drop_database, recreate_database  # noqa: E402

PAGES = {
    "bare view": "/__bare__/",
    "home": "/",
    # The cheapest routed page: a narrative page is the page shell and its own
    # text, no query of its own; the floor every other page type builds on.
    "narrative": "/what-is-a-place-based-partnership/",
    "place": "/places/blackpool/",
    "director": "/directors/karen-smith/",
    "decision": "/board-decisions/align-to-local-authority-boundaries/",
    "FAQ": "/frequently-asked-questions/",
    "briefings index": "/briefings/",
    "briefing": "/briefings/review-of-place-based-partnerships-stakeholder-briefing/",
    "search": "/search/?q=blackpool",
    "feed": "/briefings/feed/",
    "sitemap": "/sitemap.xml",
    "API": "/api/v2/pages/?type=places.PlacePartnershipPage&fields=local_authority_name",
}
SCALE_PAGES = ["briefings index", "search", "sitemap", "feed"]
#: A compared page and this site's are measured in turn, in this many short runs each.
COMPARE_ROUNDS = 5
HOST = "localhost"


def database_url():
    url = os.environ.get("DATABASE_URL", "") or "postgres://postgres@127.0.0.1:5432/lscp"
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        sys.exit("make bench needs DATABASE_URL to point at PostgreSQL.")
    name = parts.path.lstrip("/") + "_bench"
    return urlunsplit(parts._replace(path="/" + name)), parts, name


def manage(env, *args):
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def wrk(url, duration, connections, host=HOST):
    """(requests/s, p50 ms, p99 ms) from wrk (`host=None`: the URL's own)."""
    output = subprocess.run(
        [
            "/usr/bin/wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            *(["-H", f"Host: {host}"] if host else []),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        print(f"  warning: {non_2xx.group(1)} error responses from {url}", file=sys.stderr)

    def percentile(label):
        value, unit = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return rate, percentile("50"), percentile("99")


def count_queries(env, pages):
    """Queries per page, uncached, measured in-process on the same database."""
    code = (
        "import json, sys\n"
        "import django\n"
        "django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client(HTTP_HOST='localhost')\n"
        "out = {}\n"
        "for name, url in json.loads(sys.argv[1]).items():\n"
        "    client.get(url)\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        status = client.get(url).status_code\n"
        "    out[name] = len(queries) if status == 200 else f'HTTP {status}'\n"
        "print(json.dumps(out))\n"
    )
    import json

    result = subprocess.run(
        [sys.executable, "-c", code, json.dumps(pages)],
        env={**env, "PAGECACHE_ENABLED": "false"},
        cwd=ROOT / "scripts",
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def generate_scale(env, briefings, decisions):
    code = f"""
import datetime, django
django.setup()
from wagtail.models import Page
from briefings.factories import BriefingPageFactory
from briefings.models import BriefingIndexPage
from decisions.factories import BoardDecisionPageFactory
from decisions.models import BoardDecisionIndexPage
from places.models import PlaceLink, PlacePartnershipPage
places = list(PlacePartnershipPage.objects.live())
index = BriefingIndexPage.objects.get()
for n in range({briefings}):
    page = BriefingPageFactory(parent=index, title=f"Generated briefing {{n}} about Blackpool",
                               slug=f"generated-{{n}}",
                               publication_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    PlaceLink.objects.create(page=page, place=places[n % len(places)])
index = BoardDecisionIndexPage.objects.get()
for n in range({decisions}):
    page = BoardDecisionPageFactory(parent=index, title=f"Generated decision {{n}}",
                                    slug=f"generated-decision-{{n}}")
    PlaceLink.objects.create(page=page, place=places[n % len(places)])
# A site that grew to this size has had its statistics gathered by autovacuum;
# measured straight after a bulk insert, the planner would still think it small.
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
"""
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT / "scripts", check=True)


def parse_compare(pairs):
    """{page name: URL} from PAGE=URL arguments; unknown page names refused."""
    known = {name.lower(): name for name in PAGES if name != "bare view"}
    compare = {}
    for pair in pairs:
        name, _, url = pair.partition("=")
        if name.strip().lower() not in known or not url.startswith(("http://", "https://")):
            sys.exit(
                f"--compare takes PAGE=URL with PAGE one of {', '.join(known.values())}: {pair!r}"
            )
        compare[known[name.strip().lower()]] = url
    return compare


def measure(server_url, names, duration, connections, clear=None, compare=None):
    """wrk figures for each page; with `compare`, also the other site's
    equivalent page right after each (under "<name> compared")."""
    results = {}
    for name in names:
        url = server_url + PAGES[name]
        status = http_get(url, {"Host": HOST})[0]
        if status != 200:
            print(f"  warning: {name} answered {status}", file=sys.stderr)
        if clear:
            clear()
        else:
            http_get(url, {"Host": HOST})  # warm the cache
        if compare and name in compare:
            http_get(compare[name], {})  # its first request may build thumbnails
            results[name], results[name + " compared"] = interleaved(
                url, compare[name], duration, connections
            )
        else:
            results[name] = wrk(url, duration, connections)
    return results


def interleaved(url, other_url, duration, connections, rounds=COMPARE_ROUNDS):
    """This site's page and the other site's, measured in turn in `rounds`
    short runs each (the same total time): a shared machine whose speed
    changes within a minute slows both alike, instead of whichever ran in the
    slow half. Each side's figures: mean requests/s, median p50, worst p99."""
    seconds = max(1, round(duration / rounds))
    ours, theirs = [], []
    for _ in range(rounds):
        ours.append(wrk(url, seconds, connections))
        theirs.append(wrk(other_url, seconds, connections, host=None))
    return combine(ours), combine(theirs)


def combine(runs):
    """(mean requests/s, median p50, worst p99) of several wrk runs."""
    import statistics

    return (
        statistics.fmean(run[0] for run in runs),
        statistics.median(run[1] for run in runs),
        max(run[2] for run in runs),
    )


def print_comparison(label, compare, uncached):
    print(
        f"\nuncached, side by side with {label} (each pair measured in turn, "
        f"{COMPARE_ROUNDS} short runs each)"
    )
    header = f"{'page':16} {'req/s':>7} {'p50 ms':>7} │ {label[:24]:>24} {'req/s':>7} {'p50 ms':>7} │ {'×':>5}"
    print(header)
    print("─" * len(header))
    for name, url in compare.items():
        if name not in uncached:
            continue
        ours, theirs = uncached[name], uncached[name + " compared"]
        path = urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
        print(
            f"{name:16} {ours[0]:7.0f} {ours[1]:7.2f} │ {path[:24]:>24} {theirs[0]:7.0f} "
            f"{theirs[1]:7.2f} │ {ours[0] / theirs[0]:5.2f}"
        )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds per page and mode")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--no-scale", action="store_true")
    parser.add_argument("--briefings", type=int, default=1000)
    parser.add_argument("--decisions", type=int, default=200)
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="PAGE=URL",
        help="another site's equivalent page, measured beside this one uncached",
    )
    parser.add_argument("--compare-label", default="other site")
    args = parser.parse_args(argv)
    compare = parse_compare(args.compare)
    duration = max(1, round(args.duration))

    names = [name for name in PAGES if name != "bare view"]
    if args.only:
        wanted = {n.strip().lower() for n in args.only.split(",")}
        names = [name for name in names if name.lower() in wanted]

    url, parts, name = database_url()
    workdir = Path(tempfile.mkdtemp(prefix="lscp-bench-"))
    redis = RedisServer(workdir).start()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "scripts"), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "bench_site.settings",
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SITE_BASE_URL": f"http://{HOST}",  # production settings require it
        "SECURE_SSL_REDIRECT": "false",
        "REDIS_URL": redis.url,
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "LOG_LEVEL": "ERROR",
        # wrk is one client: the API's per-address throttle would answer 429s,
        # measuring refusals instead of the API.
        "API_THROTTLE_ANON_RATE": "100000000/minute",
    }
    servers = []

    def serve(cached):
        # Sync workers, one request at a time each, as the issue measures
        # both sites (production's gunicorn.conf.py adds threads per worker).
        server = Gunicorn(
            {**env, "PAGECACHE_ENABLED": str(cached).lower()}, args.workers, threads=1
        )
        server.env["PYTHONPATH"] = env["PYTHONPATH"]
        servers.append(server.start())
        return server

    def clear_cache():
        import redis as redis_client

        redis_client.Redis.from_url(redis.url).flushdb()

    try:
        print(f"Building the bench database {name} (migrate, initial content, static)…")
        recreate_database(parts, name)
        manage(env, "migrate", "--noinput")
        manage(env, "load_initial_content")
        manage(env, "collectstatic", "--noinput")

        queries = count_queries(env, {n: PAGES[n] for n in names})
        print(
            f"\ngunicorn {args.workers} sync workers, wrk -c{args.connections} "
            f"{duration}s a page; production settings, PostgreSQL, Redis\n"
        )
        cached_server = serve(cached=True)
        cached = measure(cached_server.url, ["bare view", *names], duration, args.connections)
        cached_server.stop()
        uncached_server = serve(cached=False)
        uncached = measure(
            uncached_server.url,
            ["bare view", *names],
            duration,
            args.connections,
            clear_cache,
            compare,
        )

        bare = cached["bare view"][0]
        header = (
            f"{'page':16} {'queries':>7} │ {'cached req/s':>12} {'p50 ms':>7} {'p99 ms':>7} "
            f"{'× bare':>6} │ {'uncached req/s':>14} {'p50 ms':>7} {'p99 ms':>7} {'× bare':>6}"
        )
        print(header)
        print("─" * len(header))
        for page in ["bare view", *names]:
            c, u = cached[page], uncached[page]
            print(
                f"{page:16} {queries.get(page, '-')!s:>7} │ {c[0]:12.0f} {c[1]:7.2f} {c[2]:7.2f} "
                f"{c[0] / bare:6.2f} │ {u[0]:14.0f} {u[1]:7.2f} {u[2]:7.2f} "
                f"{u[0] / uncached['bare view'][0]:6.2f}"
            )
        if compare:
            print_comparison(args.compare_label, compare, uncached)

        if not args.no_scale:
            scale_names = [n for n in SCALE_PAGES if n in names]
            print(f"\nScale: generating {args.briefings} briefings and {args.decisions} decisions…")
            generate_scale(env, args.briefings, args.decisions)
            scale_queries = count_queries(env, {n: PAGES[n] for n in scale_names})
            scale = measure(
                uncached_server.url, scale_names, duration, args.connections, clear_cache
            )
            print(
                f"\n{'page (uncached)':16} {'small p50':>9} {'scale p50':>9} {'×':>5} {'queries':>9}"
            )
            for page in scale_names:
                small, big = uncached[page][1], scale[page][1]
                print(
                    f"{page:16} {small:9.2f} {big:9.2f} {big / small:5.2f} "
                    f"{queries[page]!s:>4}→{scale_queries[page]!s:<4}"
                )
    finally:
        for server in servers:
            server.stop()
        redis.stop()
        drop_database(parts, name)
        shutil.rmtree(workdir, ignore_errors=True)
        time.sleep(0)


if __name__ == "__main__":
    main()
