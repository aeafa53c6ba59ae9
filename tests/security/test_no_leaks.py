"""Nothing private leaks: a draft page and a login-restricted page never
appear, not even their titles, on any public surface — pages that link to
them, listings, the Atom feed (categories included), search results and
promotions, the sitemap and the API — and images used only by them are
neither listed by the API nor served from /media/."""

import pytest
from django.test import Client
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

from briefings.factories import BriefingPageFactory
from briefings.models import BriefingIndexPage
from directors.factories import DirectorProfilePageFactory, PortraitFactory
from directors.models import DirectorIndexPage
from lscpartnerships.core.factories import ContentPageFactory
from places.factories import (
    FormerPartnershipFactory,
    PlaceLinkFactory,
    PlacePartnershipPageFactory,
)
from places.models import PlaceIndexPage

pytestmark = pytest.mark.django_db

SECRETS = (b"Hidden draft", b"Hidden restricted")


def restrict(page):
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    return page


@pytest.fixture
def hidden(initial_content):
    """A draft and a login-restricted page of each kind, linked from live
    public pages, plus images used only by the hidden pages."""
    places = PlaceIndexPage.objects.get()
    directors = DirectorIndexPage.objects.get()
    briefings = BriefingIndexPage.objects.get()
    draft_image = PortraitFactory(person="Hidden draft", title="Hidden draft image")
    restricted_image = PortraitFactory(person="Hidden restricted", title="Hidden restricted image")
    draft_place = PlacePartnershipPageFactory(
        parent=places, title="Hidden draft place", live=False, social_image=draft_image
    )
    restricted_place = restrict(
        PlacePartnershipPageFactory(
            parent=places, title="Hidden restricted place", social_image=restricted_image
        )
    )
    # Live public places led by hidden directors (the link is on the profile).
    open_places = [
        PlacePartnershipPageFactory(parent=places, title=f"Open place {n}") for n in (1, 2)
    ]
    draft_director = DirectorProfilePageFactory(
        parent=directors, title="Hidden draft director", live=False, place=open_places[0]
    )
    restricted_director = restrict(
        DirectorProfilePageFactory(
            parent=directors, title="Hidden restricted director", place=open_places[1]
        )
    )
    # Live public pages that point at the hidden ones.
    briefing = BriefingPageFactory(parent=briefings, title="Open briefing about hidden places")
    for place in (draft_place, restricted_place):
        PlaceLinkFactory(page=briefing, place=place)
    for place in (draft_place, restricted_place):
        DirectorProfilePageFactory(parent=directors, title=f"Open director {place.pk}", place=place)
    FormerPartnershipFactory(successors=[draft_place, restricted_place])
    # The home page's "about" cards link to both hidden places.
    initial_content.about_links = [
        ("link", {"page": draft_place, "description": ""}),
        ("link", {"page": restricted_place, "description": ""}),
    ]
    initial_content.save()
    query = Query.get("hidden")
    for page in (draft_place, restricted_place):
        SearchPromotion.objects.create(query=query, page=page, description="Promoted")
    return {
        "pages": [draft_place, restricted_place, draft_director, restricted_director],
        "images": [draft_image, restricted_image],
        "briefing": briefing,
        "home": initial_content,
        "briefings": briefings,
    }


def get(path):
    response = Client().get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content


def assert_no_secret(content, where):
    for secret in SECRETS:
        assert secret.lower() not in content.lower(), f"{secret!r} leaks on {where}"


def test_pages_that_link_to_hidden_pages(hidden):
    assert_no_secret(get(hidden["briefing"].url), "a briefing page")
    assert_no_secret(get(hidden["home"].url), "the home page's page-link cards")
    for page in Page.objects.live().public().filter(title__startswith="Open "):
        assert_no_secret(get(page.url), page.title)


def test_listings(hidden):
    for model in (BriefingIndexPage, PlaceIndexPage, DirectorIndexPage):
        index = model.objects.get()
        assert_no_secret(get(index.url), index.title)
    # The open briefing is listed; its hidden places are not.
    assert b"Open briefing about hidden places" in get(hidden["briefings"].url)


def test_atom_feed_and_its_categories(hidden):
    feed = get(hidden["briefings"].url + "feed/")
    assert b"Open briefing about hidden places" in feed
    assert_no_secret(feed, "the Atom feed")


def test_decisions_feed_listing_and_page(hidden):
    """A decision about hidden places: its feed categories, the decisions
    listing and the decision's own page show only the places the public may see."""
    from decisions.factories import BoardDecisionPageFactory
    from decisions.models import BoardDecisionIndexPage

    index = BoardDecisionIndexPage.objects.get()
    decision = BoardDecisionPageFactory(parent=index, title="Open decision about hidden places")
    for place in hidden["pages"][:2]:
        PlaceLinkFactory(page=decision, place=place)
    feed = get(index.url + "feed/")
    assert b"Open decision about hidden places" in feed
    assert_no_secret(feed, "the decisions feed")
    assert_no_secret(get(index.url), "the decisions listing")
    assert_no_secret(get(decision.url), "the decision page")


def test_search_results_and_promotions(hidden):
    content = get("/search/?q=hidden")
    assert b"Open briefing about hidden places" in content
    assert_no_secret(content, "search")


def test_sitemap(hidden):
    content = get("/sitemap.xml")
    for page in hidden["pages"]:
        assert page.url_path.encode() not in content.replace(b"http://localhost", b"")
        assert f"/{page.slug}/".encode() not in content


def test_api_pages_and_links(hidden):
    listing = get("/api/v2/pages/?limit=50&search=hidden")
    assert_no_secret(listing, "the API listing")
    for page in hidden["pages"]:
        assert Client().get(f"/api/v2/pages/{page.pk}/").status_code == 404
    detail = get(f"/api/v2/pages/{hidden['briefing'].pk}/")
    assert_no_secret(detail, "the API's briefing detail")


def test_api_lists_images_only_while_a_live_public_page_uses_them(hidden):
    listing = get("/api/v2/images/?limit=50")
    assert_no_secret(listing, "the images API")
    for image in hidden["images"]:
        assert Client().get(f"/api/v2/images/{image.pk}/").status_code == 404
    # A public page starts using the draft image: now it is listed.
    image = hidden["images"][0]
    ContentPageFactory(parent=hidden["home"], title="Open page", social_image=image)
    assert Client().get(f"/api/v2/images/{image.pk}/").status_code == 200


def test_image_files_are_served_only_while_a_live_public_page_uses_them(hidden, admin_user):
    client = Client()
    for image in hidden["images"]:
        rendition = image.get_rendition("fill-100x100")
        for name in (image.file.name, rendition.file.name):
            assert client.get("/media/" + name).status_code == 404, name
    # Editors still see them (they preview drafts).
    client.force_login(admin_user)
    assert client.get("/media/" + hidden["images"][0].file.name).status_code == 200
    # A portrait a live public director page uses is served to everyone.
    public = Client()
    from directors.models import DirectorProfilePage

    director = DirectorProfilePage.objects.live().public().exclude(photo=None).first()
    assert public.get("/media/" + director.photo.file.name).status_code == 200
    rendition = director.photo.get_rendition("fill-100x100")
    assert public.get("/media/" + rendition.file.name).status_code == 200
