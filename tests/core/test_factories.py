"""Page factories build their own parents: given no `parent=`, each page lands
where the site would put it (top-level pages under the home page, children
under their one index), so the page is routable; given `parent=`, it goes
exactly there."""

import pytest

from briefings.factories import BriefingIndexPageFactory, BriefingPageFactory
from decisions.factories import (
    BoardDecisionIndexPageFactory,
    BoardDecisionPageFactory,
    FAQPageFactory,
)
from directors.factories import DirectorIndexPageFactory, DirectorProfilePageFactory
from lscpartnerships.core.factories import ContentPageFactory
from places.factories import PlaceIndexPageFactory, PlacePartnershipPageFactory

TOP_LEVEL = [
    ContentPageFactory,
    FAQPageFactory,
    PlaceIndexPageFactory,
    DirectorIndexPageFactory,
    BoardDecisionIndexPageFactory,
    BriefingIndexPageFactory,
]
CHILDREN = [
    (PlacePartnershipPageFactory, PlaceIndexPageFactory),
    (DirectorProfilePageFactory, DirectorIndexPageFactory),
    (BoardDecisionPageFactory, BoardDecisionIndexPageFactory),
    (BriefingPageFactory, BriefingIndexPageFactory),
]


@pytest.mark.parametrize("page_factory", TOP_LEVEL, ids=lambda f: f.__name__)
def test_top_level_page_goes_under_the_home_page(client, home, page_factory):
    page = page_factory()
    assert page.get_parent().pk == home.pk
    assert page.url is not None
    assert client.get(page.url).status_code == 200


@pytest.mark.parametrize(("page_factory", "index_factory"), CHILDREN, ids=lambda f: f.__name__)
def test_child_page_builds_its_index_under_the_home_page(client, home, page_factory, index_factory):
    page = page_factory()
    index = page.get_parent()
    assert index.specific_class is index_factory._meta.model
    assert index.get_parent().pk == home.pk
    assert page.url is not None
    assert client.get(page.url).status_code == 200
    # A second page shares the index rather than making another (indexes are one per site).
    assert page_factory().get_parent().pk == index.pk


def test_an_explicit_parent_is_used_as_given(home):
    other_index = BriefingIndexPageFactory(parent=home, slug="other-briefings")
    BriefingIndexPageFactory()  # the one a parentless briefing would use
    page = BriefingPageFactory(parent=other_index)
    assert page.get_parent().pk == other_index.pk
