"""Production settings refuse to start without what must not default, and the
site's public address (SITE_BASE_URL) drives every absolute URL setting.

Each case imports the settings module in a fresh interpreter with only the
environment given, as a production process would.
"""

import json
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from lscpartnerships.core.sites import parse_site_base_url
from tests.production.conftest import ROOT, clean_environment

REQUIRED = {
    "SECRET_KEY": "a-long-production-secret-key-for-the-settings-test-0123456789",
    "ALLOWED_HOSTS": "places.example.nhs.uk",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
    "SITE_BASE_URL": "https://places.example.nhs.uk",
}
SHOW = (
    "import json, importlib; "
    "s = importlib.import_module('lscpartnerships.settings.{module}'); "
    "print(json.dumps({{name: getattr(s, name) for name in "
    "('SITE_BASE_URL', 'WAGTAILADMIN_BASE_URL', 'WAGTAILAPI_BASE_URL', "
    "'CSRF_TRUSTED_ORIGINS', 'DATABASES')  if hasattr(s, name)}}))"
)


def load_settings(module="production", **variables):
    """(exit code, settings as JSON or the error output) in a clean interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", SHOW.format(module=module)],
        cwd=ROOT,
        env=clean_environment(**variables),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode == 0:
        return 0, json.loads(result.stdout)
    return result.returncode, result.stderr


def test_production_names_every_missing_variable_at_once():
    """(tests/core/test_settings.py checks each one on its own.)"""
    code, error = load_settings()
    assert code != 0
    assert "not set: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, SITE_BASE_URL" in error


def test_admin_emails_api_and_csrf_follow_site_base_url():
    code, values = load_settings(**{**REQUIRED, "SITE_BASE_URL": "https://places.example.nhs.uk/"})
    assert code == 0, values
    assert values["SITE_BASE_URL"] == "https://places.example.nhs.uk"
    assert values["WAGTAILADMIN_BASE_URL"] == "https://places.example.nhs.uk"
    assert values["WAGTAILAPI_BASE_URL"] == "https://places.example.nhs.uk"
    assert values["CSRF_TRUSTED_ORIGINS"][0] == "https://places.example.nhs.uk"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("places.example.nhs.uk", "must be an http:// or https:// address"),
        ("https://places.example.nhs.uk/site/", "only the scheme, host and port"),
        ("https://places.example.nhs.uk:8443", "https must use port 443"),
        ("https://elsewhere.example.nhs.uk", "not in ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_a_site_base_url_it_cannot_use(value, message):
    code, error = load_settings(**{**REQUIRED, "SITE_BASE_URL": value})
    assert code != 0
    assert message in error.strip().splitlines()[-1]


def test_make_run_keeps_the_local_address():
    """Development settings (`make run`) default to http://127.0.0.1:8000."""
    code, values = load_settings("dev")
    assert code == 0, values
    assert values["SITE_BASE_URL"] == "http://127.0.0.1:8000"
    assert values["WAGTAILADMIN_BASE_URL"] == "http://127.0.0.1:8000"
    assert values["WAGTAILAPI_BASE_URL"] == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://places.example.nhs.uk", ("https://places.example.nhs.uk", 443)),
        ("https://places.example.nhs.uk:443/", ("https://places.example.nhs.uk", 443)),
        ("http://127.0.0.1:8000", ("http://127.0.0.1:8000", 8000)),
        ("HTTP://Example.NHS.UK", ("http://example.nhs.uk", 80)),
    ],
)
def test_site_base_url_is_normalised(value, expected):
    url, _, _, port = parse_site_base_url(value)
    assert (url, port) == expected


@pytest.mark.parametrize(
    "value",
    ["", "ftp://example.nhs.uk", "https://", "http://x:443", "https://u:p@x", "http://x/?a"],
)
def test_site_base_url_rejects_what_a_site_cannot_be(value):
    with pytest.raises(ImproperlyConfigured, match="SITE_BASE_URL"):
        parse_site_base_url(value)


def test_postgresql_keeps_repeated_queries_prepared_unless_told_not_to():
    """ADR 0091; tests/core/test_prepared_statements.py checks PostgreSQL's side."""
    code, values = load_settings(**REQUIRED)
    assert code == 0, values
    options = values["DATABASES"]["default"]["OPTIONS"]
    assert (options["server_side_binding"], options["prepare_threshold"]) == (True, 5)
    code, values = load_settings(**REQUIRED, DATABASE_PREPARED_STATEMENTS="false")
    assert code == 0, values
    options = values["DATABASES"]["default"]["OPTIONS"]
    assert "server_side_binding" not in options and "prepare_threshold" not in options
