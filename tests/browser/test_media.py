"""Uploaded images as Chromium loads them from the filesystem storage: through
the site's /media/ view (tests/core/test_media.py covers what it refuses)."""

import pytest

pytestmark = pytest.mark.browser


def test_portraits_load_through_the_media_view(page, site_server):
    page.goto(site_server + "/directors/")
    portraits = page.locator("main img")
    assert portraits.count() == 4
    for index in range(4):
        portrait = portraits.nth(index)
        # Portraits below the fold load lazily: bring each one into view, as a
        # reader scrolling down would, then wait for it to be decoded.
        portrait.scroll_into_view_if_needed()
        src = portrait.get_attribute("src")
        assert src.startswith("/media/images/"), src
        loaded = portrait.evaluate(
            "img => img.complete && img.naturalWidth > 0 ? true : new Promise(done => {"
            " img.addEventListener('load', () => done(img.naturalWidth > 0));"
            " img.addEventListener('error', () => done(false)); })"
        )
        assert loaded, f"{src} did not load"
        assert portrait.evaluate("img => img.currentSrc").startswith(site_server + "/media/images/")
