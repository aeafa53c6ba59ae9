"""Fixtures for the briefings tests: uploads go to a temporary MEDIA_ROOT, and
two place pages to link briefings to."""

import pytest

from briefings.factories import BriefingIndexPageFactory


@pytest.fixture(autouse=True)
def _own_media_folders(media_root):
    """Every test here writes files to its own folders (tests/conftest.py)."""
    return media_root


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
