"""Fixtures for the security tests: the initial content, loaded once per test."""

import os

import pytest
from django.core.management import call_command
from wagtail.models import Site


@pytest.fixture
def seeded(db):
    """The whole initial content, as `make run` loads it; returns the home page."""
    call_command("load_initial_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return Site.objects.get(is_default_site=True).root_page.specific
