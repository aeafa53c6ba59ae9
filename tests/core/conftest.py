"""Fixtures for the core tests that need a real server process."""

import pytest

from tests.helpers.gunicorn_site import start_site


@pytest.fixture(scope="session")
def faults_site(tmp_path_factory):
    """gunicorn serving the initial content, its database behind a TcpProxy that
    tests cut and reopen (they must leave it open)."""
    site, stop = start_site(tmp_path_factory.mktemp("faults-site"))
    yield site
    stop()
