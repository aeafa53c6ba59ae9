"""A real site for fault tests: its own PostgreSQL database with the initial
content, reached through a TcpProxy, served by gunicorn in a child process whose
stdout (the JSON log) is kept in a file the tests read.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlunsplit

from tests.helpers.databases import admin_sql, drop_database, own_database
from tests.helpers.tcp_proxy import TcpProxy

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: dict
    body: str

    def json(self):
        return json.loads(self.body)


def get(url, headers=None, timeout=30):
    """GET without raising on 4xx/5xx: the status is what the tests look at."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return Response(response.status, dict(response.headers), response.read().decode())
    except urllib.error.HTTPError as error:
        return Response(error.code, dict(error.headers), error.read().decode())


@dataclass
class Site:
    base_url: str
    proxy: TcpProxy
    database: str
    database_parts: object
    stdout: Path

    def get(self, path, **kwargs):
        return get(self.base_url + path, **kwargs)

    def log_records(self):
        """The JSON objects the server wrote to stdout so far (other lines skipped)."""
        records = []
        for line in self.stdout.read_text().splitlines():
            if line.startswith("{"):
                try:
                    records.append(json.loads(line))
                except ValueError:
                    continue
        return records

    def terminate_database_connections(self):
        """What a database restart or failover does to the site's idle connections."""
        return admin_sql(
            self.database_parts,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [self.database],
        )


def start_site(tmp_path, workers=2):
    """Create the database, load the initial content, start the proxy and gunicorn.
    Returns (site, stop) where stop() ends the server and drops the database."""
    url, parts, name = own_database("faults")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lscpartnerships.settings.test",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    for command in (["migrate", "--noinput"], ["load_initial_content"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    proxy = TcpProxy(parts.hostname, parts.port or 5432)
    proxy.open()
    userinfo, at, _ = parts.netloc.rpartition("@")
    auth = userinfo + at
    proxied = urlunsplit(parts._replace(netloc=f"{auth}127.0.0.1:{proxy.port}", path="/" + name))
    port = free_port()
    stdout = tmp_path / "gunicorn.stdout"
    stderr = tmp_path / "gunicorn.stderr"
    server_env = {
        **env,
        "DATABASE_URL": proxied,
        # Persistent connections, as production has them: the point of the test.
        "CONN_MAX_AGE": "60",
        "DATABASE_CONNECT_TIMEOUT": "3",
        "LOG_LEVEL": "WARNING",
    }
    server_env.pop("SENTRY_DSN", None)
    with open(stdout, "w") as out, open(stderr, "w") as err:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "lscpartnerships.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=server_env,
            stdout=out,
            stderr=err,
        )
    site = Site(f"http://127.0.0.1:{port}", proxy, name, parts, stdout)

    def stop():
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        proxy.cut()
        drop_database(parts, name)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            stop()
            raise RuntimeError(f"gunicorn exited: {stderr.read_text()[-2000:]}")
        try:
            if site.get("/healthz/ready", timeout=5).status == 200:
                return site, stop
        except OSError:
            pass
        time.sleep(0.2)
    stop()
    raise RuntimeError(f"The site did not start: {stderr.read_text()[-2000:]}")
