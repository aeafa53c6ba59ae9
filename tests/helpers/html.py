"""What every public page must be, checked on rendered HTML (shared by the
test folders: import it from here, never from another app's test folder)."""

from bs4 import BeautifulSoup


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def heading_levels(html):
    return [int(h.name[1]) for h in html.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def assert_well_formed_page(response):
    """One h1, headings that never skip a level, a meta description."""
    html = soup(response)
    levels = heading_levels(html.find("main"))
    assert levels.count(1) == 1, levels
    assert levels[0] == 1, levels
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading level skips from h{before} to h{after}: {levels}"
    description = html.find("meta", attrs={"name": "description"})
    assert description is not None and description["content"].strip()
    return html
