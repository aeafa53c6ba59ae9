"""Uploaded images as Chromium loads them from the filesystem storage: through
the site's /media/ view (tests/core/test_media.py covers what it refuses)."""

import pytest

pytestmark = pytest.mark.browser


def test_portraits_load_through_the_media_view(page, site_server):
    page.goto(site_server + "/directors/")
    page.wait_for_load_state("load")
    images = page.eval_on_selector_all(
        "main img", "els => els.map(e => [e.getAttribute('src'), e.complete && e.naturalWidth])"
    )
    assert len(images) == 4, images
    for src, width in images:
        assert src.startswith("/media/images/"), src
        assert width > 0, f"{src} did not load"
