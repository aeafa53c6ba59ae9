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
