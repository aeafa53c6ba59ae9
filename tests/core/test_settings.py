"""Settings fail fast in production and pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "place.example.nhs.uk",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "SITE_BASE_URL": "https://place.example.nhs.uk",
}


def manage(*args, **env):
    # A clean production environment: nothing the test run itself set (the browser
    # tests' DJANGO_ALLOW_ASYNC_UNSAFE, say) may leak into the deploy check.
    leaks = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
    base = {k: v for k, v in os.environ.items() if k not in leaks}
    base["DJANGO_SETTINGS_MODULE"] = "lscpartnerships.settings.production"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION))
def test_production_refuses_to_start_and_names_what_is_missing(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "need these environment variables, which are not set" in result.stderr
    assert missing in result.stderr.splitlines()[-1]


def test_production_passes_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_development_serves_uploaded_images_but_never_documents_from_media():
    """`make run` shows portraits; documents only go through their checked view."""
    code = (
        "from django.conf import settings; from django.urls import resolve, Resolver404\n"
        "print(settings.SERVE_MEDIA)\n"
        "print(resolve('/media/images/portrait.png').func.__name__)\n"
        "from django.http import Http404; from django.test import RequestFactory\n"
        "match = resolve('/media/documents/secret.pdf')\n"
        "try:\n    match.func(RequestFactory().get('/'), **match.kwargs); print('served')\n"
        "except (Resolver404, Http404):\n    print('not-served')\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    env["DJANGO_SETTINGS_MODULE"] = "lscpartnerships.settings.dev"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split()[-3:] == ["True", "serve_media", "not-served"], result.stderr
