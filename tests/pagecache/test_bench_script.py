"""`make bench` smoke test: its wrk runner and parser against a loopback HTTP
server for one second (the full run builds a database and takes minutes)."""

import importlib.util
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.pagecache.servers import ROOT


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Ok(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def test_bench_measures_requests_per_second_and_percentiles():
    bench = _load_bench()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        rate, p50, p99 = bench.wrk(f"http://127.0.0.1:{server.server_address[1]}/", 1, 2)
    finally:
        server.shutdown()
        server.server_close()
    assert rate > 10
    assert 0 < p50 <= p99


def test_bench_knows_every_page_type_of_the_issue():
    bench = _load_bench()
    assert {
        "home",
        "place",
        "director",
        "decision",
        "FAQ",
        "briefings index",
        "briefing",
        "search",
        "feed",
        "sitemap",
        "API",
    } <= set(bench.PAGES)
    with pytest.raises(SystemExit) as exit_info:
        bench.main(["--help"])
    assert exit_info.value.code == 0


def test_bench_compares_with_another_sites_equivalent_pages(capsys):
    """`--compare PAGE=URL` names this site's page types; anything else is
    refused before a database is built, and the side-by-side table divides
    this site's requests/s by the other's."""
    bench = _load_bench()
    assert bench.parse_compare(["home=http://127.0.0.1:8100/", "Decision=http://x/blog/a/"]) == {
        "home": "http://127.0.0.1:8100/",
        "decision": "http://x/blog/a/",
    }
    for bad in ["homepage=http://127.0.0.1:8100/", "home=/relative/", "bare view=http://x/"]:
        with pytest.raises(SystemExit):
            bench.parse_compare([bad])
    bench.print_comparison(
        "bakerydemo",
        {"home": "http://127.0.0.1:8100/?a=1"},
        {"home": (150.0, 20.0, 40.0), "home compared": (50.0, 60.0, 90.0)},
    )
    row = [line for line in capsys.readouterr().out.splitlines() if line.startswith("home")][0]
    assert "/?a=1" in row
    assert row.split()[-1] == "3.00"


def test_compared_pages_are_measured_in_turn(monkeypatch):
    """A compared page and this site's alternate in short runs, so a machine
    whose speed changes mid-run slows both alike; the figures combine as the
    mean rate, the median p50 and the worst p99."""
    bench = _load_bench()
    calls = []
    figures = {
        "ours": iter([(100.0, 30.0, 80.0)] + [(300.0, 20.0, 50.0)] * 4),
        "theirs": iter([(50.0, 80.0, 95.0)] + [(100.0, 70.0, 90.0)] * 4),
    }

    def fake_wrk(url, duration, connections, host=bench.HOST):
        calls.append((url, duration))
        return next(figures[url])

    monkeypatch.setattr(bench, "wrk", fake_wrk)
    ours, theirs = bench.interleaved("ours", "theirs", 10, 8, rounds=5)
    assert [url for url, _ in calls] == ["ours", "theirs"] * 5
    assert {duration for _, duration in calls} == {2}
    assert ours == (260.0, 20.0, 80.0)
    assert theirs == (90.0, 70.0, 95.0)
