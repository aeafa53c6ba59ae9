"""The site built and served exactly as production runs it.

Production settings (lscpartnerships.settings.production) with only the
environment docs/deployment.md lists, a fresh PostgreSQL database of its own,
`check --deploy`, `migrate`, `load_initial_content`, `collectstatic` into a
temporary STATIC_ROOT, then gunicorn with the repository's gunicorn.conf.py on
a free loopback port. Nothing of the test settings leaks in: the commands run
with a clean environment.

Two differences from a real deployment, both because the test speaks plain
HTTP on loopback: SECURE_SSL_REDIRECT=false, and SERVE_MEDIA=true so director
portraits are served from MEDIA_ROOT (object storage takes that role where it
is configured).
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.helpers.databases import drop_database, own_database

ROOT = Path(__file__).resolve().parents[2]
SITE_BASE_URL = "https://places.example.nhs.uk"
SITE_HOST = urlsplit(SITE_BASE_URL).hostname


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_environment(**variables: str) -> dict[str, str]:
    """Only what a production process would have: no test settings, no DEBUG."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "TZ")
    environment = {name: os.environ[name] for name in keep if name in os.environ}
    environment.update(variables)
    return environment


def production_environment(database_url: str, **extra: str) -> dict[str, str]:
    """The environment docs/deployment.md asks for (plus `extra`)."""
    return clean_environment(
        DJANGO_SETTINGS_MODULE="lscpartnerships.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{SITE_HOST},127.0.0.1",
        DATABASE_URL=database_url,
        SITE_BASE_URL=SITE_BASE_URL,
        **extra,
    )


def run(command: list[str], environment: dict[str, str], what: str) -> str:
    started = time.monotonic()
    result = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr)[-4000:]
        pytest.fail(f"{what} failed (exit {result.returncode}):\n{output}")
    print(f"\nProduction build: {what} took {time.monotonic() - started:.1f} s", end="")
    return result.stdout


@dataclass
class ProductionSite:
    server_url: str
    site_base_url: str
    static_root: Path
    media_root: Path
    environment: dict[str, str]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture(scope="session")
def production_site(tmp_path_factory):
    """gunicorn serving a production build of the site on a free loopback port."""
    database_url, parts, name = own_database("production")

    work = tmp_path_factory.mktemp("production")
    static_root, media_root = work / "static", work / "media"
    port = free_port()
    environment = production_environment(
        database_url,
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(media_root),
        SERVE_MEDIA="true",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        # Two processes keep the shared test machine responsive; the default
        # (2 x cores + 1) is tested in test_gunicorn_config.py.
        WEB_CONCURRENCY="2",
    )
    manage = [sys.executable, "manage.py"]
    # The deploy check runs with the redirect on, as in production.
    run([*manage, "check", "--deploy", "--fail-level", "WARNING"], environment, "check --deploy")
    environment["SECURE_SSL_REDIRECT"] = "false"
    # The static build needs no database: it runs beside migrate, as a build
    # step would run before the release.
    with ThreadPoolExecutor(max_workers=1) as executor:
        static_build = executor.submit(
            run, [*manage, "collectstatic", "--noinput"], environment, "collectstatic"
        )
        run([*manage, "migrate", "--noinput"], environment, "migrate")
        run([*manage, "load_initial_content"], environment, "load_initial_content")
        static_build.result()

    log_path = work / "gunicorn.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server_url = f"http://127.0.0.1:{port}"
    site = ProductionSite(server_url, SITE_BASE_URL, static_root, media_root, environment, log_path)
    try:
        for _ in range(150):
            if server.poll() is not None:
                pytest.fail(f"gunicorn exited ({server.returncode}):\n{site.log()[-4000:]}")
            try:
                urllib.request.urlopen(server_url + "/robots.txt", timeout=5)  # noqa: S310
                break
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        else:
            pytest.fail(f"gunicorn did not answer:\n{site.log()[-4000:]}")
        yield site
    finally:
        server.terminate()
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        drop_database(parts, name)


@pytest.fixture(scope="session")
def production_crawl(production_site):
    """Every public page and sub-resource of the production build, fetched once."""
    from tests.production.crawl import Crawl

    crawl = Crawl(production_site.server_url, production_site.site_base_url)
    return crawl.run(
        "/",
        "/sitemap.xml",
        "/robots.txt",
        "/api/v2/pages/?limit=50",
        "/api/v2/images/?limit=50",
        "/api/v2/documents/?limit=50",
    )
