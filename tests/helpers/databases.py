"""Databases of their own for tests that run the site in another process
(runserver, gunicorn, manage.py). Those processes see only committed data, so
they cannot share the test database, whose every test is a transaction rolled
back.

A database is named after DATABASE_URL's (one per checkout, see
scripts/run_tests.py), the pytest-xdist worker running the test, if any, and
what it is for: two clones, or two workers of one run, never share one.
"""

import os
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest


def admin_sql(parts, sql, params=None):
    """Run SQL on the server's maintenance database; returns the rows, if any."""
    with psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def database_url(purpose):
    """(url, parts, name) of the database for `purpose`: its DATABASE_URL, the
    server's address (urlsplit of DATABASE_URL) and its name."""
    parts = urlsplit(os.environ.get("DATABASE_URL", ""))
    if not parts.scheme.startswith("postgres"):
        pytest.fail(
            f"The {purpose} tests need DATABASE_URL to point at PostgreSQL (make test sets it)."
        )
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    name = "_".join(filter(None, [parts.path.lstrip("/"), worker, purpose]))
    return urlunsplit(parts._replace(path="/" + name)), parts, name


def own_database(purpose):
    """Create an empty database for `purpose`, dropping any an earlier run left;
    returns database_url(purpose)."""
    url, parts, name = database_url(purpose)
    recreate_database(parts, name)
    return url, parts, name


def recreate_database(parts, name):
    drop_database(parts, name)
    admin_sql(parts, f'CREATE DATABASE "{name}"')


def drop_database(parts, name):
    admin_sql(parts, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
