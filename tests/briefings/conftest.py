"""Fixtures for the briefings tests: uploads go to a temporary MEDIA_ROOT, and
two place pages to link briefings to."""

from pathlib import Path

import pytest

from briefings.factories import BriefingIndexPageFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes files to its own empty folders (public MEDIA_ROOT and
    PRIVATE_MEDIA_ROOT, side by side), so "no file left behind" can be checked
    by looking at the folder that holds both."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return Path(tmp_path)


@pytest.fixture
def index(home):
    return BriefingIndexPageFactory(parent=home)


@pytest.fixture
def places(make_place):
    """Two place pages."""
    return [
        make_place("Blackpool", slug="blackpool"),
        make_place("Lancashire", slug="lancashire"),
    ]
