"""`make test`: pick the database, then run the gates and the whole suite.

Order: manage.py check, makemigrations --check, ruff, the architecture checks
(tests/architecture), pytest. The first line
printed says which database the tests run on. With CI=true the database must
be PostgreSQL at 127.0.0.1:5432 (or DATABASE_URL if that is PostgreSQL); if none
answers the run stops with a clear message instead of testing something else.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def default_database_url():
    # One database name per checkout, so two clones can test at the same time.
    suffix = hashlib.md5(str(ROOT).encode(), usedforsecurity=False).hexdigest()[:8]
    return f"postgres://postgres@127.0.0.1:5432/lscp_{suffix}"


def postgres_answers(url):
    """Connect to the server; create the named database if it is missing."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    try:
        with psycopg.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or None,
            dbname="postgres",
            connect_timeout=5,
            autocommit=True,
        ) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if name and not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
            return True, ""
    except Exception as exc:  # noqa: BLE001 - any failure means "not usable"
        return False, str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)


def fail(message):
    print(f"make test: {message}", file=sys.stderr)
    sys.exit(2)


def main():
    url = os.environ.get("DATABASE_URL", "").strip() or default_database_url()
    scheme = urlsplit(url).scheme
    if scheme.startswith("postgres"):
        ok, why = postgres_answers(url)
        safe = urlsplit(url)._replace(
            netloc=f"{urlsplit(url).hostname}:{urlsplit(url).port or 5432}"
        )
        print(f"Testing on PostgreSQL at {safe.geturl()}", flush=True)
        if not ok:
            fail(
                f"PostgreSQL does not answer at {safe.netloc} ({why}). Start it, or set "
                "DATABASE_URL=postgres://USER@HOST:PORT/NAME to one that runs."
            )
    else:
        if CI:
            fail(f"CI=true needs PostgreSQL, but DATABASE_URL is {scheme}://…")
        print(f"Testing on {scheme} ({url}); CI uses PostgreSQL", flush=True)

    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "lscpartnerships.settings.test",
    }
    steps = [
        ("manage.py check", [PY, "manage.py", "check", "--fail-level", "WARNING"]),
        ("makemigrations --check", [PY, "manage.py", "makemigrations", "--check", "--dry-run"]),
        ("ruff", [str(Path(PY).parent / "ruff"), "check", "."]),
        # Seconds, no database: import cycles, what may import what, tests that
        # assert nothing (docs/architecture.md). The full run repeats them.
        ("architecture checks", [PY, "-m", "pytest", "-q", "tests/architecture"]),
        # Two pytest-xdist workers (TEST_WORKERS=0 for one process); a file's tests,
        # and all the browser tests, stay on one worker (tests/helpers/workers.py, ADR 0089).
        (
            "pytest",
            [
                PY,
                "-m",
                "pytest",
                *["-n", os.environ.get("TEST_WORKERS", "2"), "--dist", "loadfile"],
                *os.environ.get("PYTEST_ARGS", "").split(),
            ],
        ),
    ]
    for name, command in steps:
        print(f"\n==> {name}", flush=True)
        result = subprocess.run(command, cwd=ROOT, env=env)
        if result.returncode != 0:
            fail(f"{name} failed (exit {result.returncode}).")
    print("\nmake test: all checks and tests passed.")


if __name__ == "__main__":
    main()
