"""Real servers the cache tests start on loopback (free ports) and stop:
redis-server, an HTTP purge endpoint that records calls, gunicorn."""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process=None, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listening on {port} after {timeout}s")


class RedisServer:
    """A private redis-server; its data survive a stop and start (append-only
    file), as a production Redis's would."""

    def __init__(self, directory, port=None):
        self.directory = Path(directory)
        self.port = port or free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "/usr/bin/redis-server",
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--dir", str(self.directory),
                "--save", "",
                "--appendonly", "yes",
                "--appendfsync", "always",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port, self.process)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    @property
    def client(self):
        """One client for the tests' own looks at the server (connecting runs
        commands of its own, so a count must not span a new connection)."""
        if getattr(self, "_client", None) is None:
            import redis

            self._client = redis.Redis.from_url(self.url)
        return self._client

    def command_counts(self):
        """Redis's own count of the commands it has run, by name (the INFO
        that asks is left out)."""
        stats = self.client.info("commandstats")
        return {
            name[len("cmdstat_") :]: stat["calls"]
            for name, stat in stats.items()
            if name != "cmdstat_info"
        }

    def commands_since(self, before):
        """The commands run since `before` (a `command_counts()`), by name."""
        after = self.command_counts()
        return {
            name: n - before.get(name, 0) for name, n in after.items() if n - before.get(name, 0)
        }


class PurgeRecorder:
    """An HTTP cache's purge endpoint: records (method, Host, path) of each call."""

    def __init__(self):
        self.calls = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):  # noqa: N802
                recorder.calls.append(("PURGE", self.headers.get("Host"), self.path))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def paths(self):
        return {path for _method, _host, path in self.calls}


class Gunicorn:
    """The site under gunicorn, as production serves it (gunicorn.conf.py).

    `threads=1` makes the workers plain sync workers: gunicorn.conf.py gives
    each worker threads, and gunicorn then runs its threaded worker whatever
    `--worker-class` says."""

    def __init__(self, env, workers=1, port=None, threads=None):
        self.port = port or free_port()
        self.env = {**os.environ, **env}
        self.workers = workers
        self.threads = threads
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "lscpartnerships.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(self.workers),
                "--worker-class", "sync",
                *(["--threads", str(self.threads)] if self.threads else []),
                "--access-logfile", "-" if os.environ.get("GUNICORN_LOG") else "/dev/null",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=None if os.environ.get("GUNICORN_LOG") else subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port, self.process, timeout=60)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def http_get(url, headers=None):
    """(status, headers, body) without following redirects or raising on 4xx."""
    request = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
