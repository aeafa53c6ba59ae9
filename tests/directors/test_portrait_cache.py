"""A portrait shown on an uncached page is read from the rendition cache and
not written back to it on every request (lscpartnerships/core/rendition_cache.py):
Wagtail 8 rewrote every cached rendition it read, a Redis write of pickled
renditions per image per page view (issue 14)."""

from unittest import mock

import pytest
from django.core.cache import caches

from directors.factories import DirectorProfilePageFactory, PortraitFactory
from lscpartnerships.core.models import SiteRendition
from places.factories import PlacePartnershipPageFactory
from tests.helpers.html import assert_well_formed_page


class RenditionWrites:
    """Rendition keys written to the cache Wagtail's renditions use."""

    def __init__(self):
        self.keys = []
        self.backend = caches["default"]

    def __enter__(self):
        set_, set_many = self.backend.set, self.backend.set_many

        def recording_set(key, value, *args, **kwargs):
            self.keys.append(key)
            return set_(key, value, *args, **kwargs)

        def recording_set_many(data, *args, **kwargs):
            self.keys.extend(data)
            return set_many(data, *args, **kwargs)

        self.patches = [
            mock.patch.object(self.backend, "set", recording_set),
            mock.patch.object(self.backend, "set_many", recording_set_many),
        ]
        for patch in self.patches:
            patch.start()
        return self

    def __exit__(self, *exc):
        for patch in self.patches:
            patch.stop()

    def renditions(self):
        return [key for key in self.keys if "rendition" in key]


def portraits(html):
    return sorted(img["src"] for img in html.find_all("img") if "/media/images/" in img["src"])


@pytest.mark.django_db
def test_a_portrait_read_from_the_cache_is_not_written_back(client, director_index, places_index):
    place = PlacePartnershipPageFactory(parent=places_index, title="Blackpool")
    karen = DirectorProfilePageFactory(
        parent=director_index,
        title="Karen Smith",
        place=place,
        photo=PortraitFactory(person="Karen Smith"),
    )
    with RenditionWrites() as first:
        first_profile = portraits(assert_well_formed_page(client.get(karen.url)))
        first_place = portraits(assert_well_formed_page(client.get(place.url)))
    assert first_profile and first_place
    assert first.renditions()  # made once and cached

    with RenditionWrites() as again:
        assert portraits(assert_well_formed_page(client.get(karen.url))) == first_profile
        assert portraits(assert_well_formed_page(client.get(place.url))) == first_place
        assert portraits(assert_well_formed_page(client.get(director_index.url)))
    assert again.renditions() == []


@pytest.mark.django_db
def test_renditions_made_or_read_from_the_database_are_still_cached(director_index):
    photo = PortraitFactory(person="Karen Smith")
    with RenditionWrites() as made:
        made_now = photo.get_rendition("fill-100x100")
    assert len(made.renditions()) == 1

    # Gone from the cache (evicted, or Redis restarted): read from the
    # database and cached again.
    SiteRendition.cache_backend.delete(made_now.get_cache_key())
    with RenditionWrites() as reread:
        again = type(photo).objects.get(pk=photo.pk).get_rendition("fill-100x100")
    assert again.pk == made_now.pk
    assert len(reread.renditions()) == 1

    with RenditionWrites() as hit:
        cached = type(photo).objects.get(pk=photo.pk).get_rendition("fill-100x100")
        cached_many = type(photo).objects.get(pk=photo.pk).get_renditions("fill-100x100")
    assert cached.url == made_now.url == cached_many["fill-100x100"].url
    assert hit.renditions() == []


@pytest.mark.django_db
def test_a_picture_tag_keeps_its_filters_and_shows_each_image_its_own(media_root):
    """`{% picture %}` parses its filter specs once per compiled tag
    (core/image_filters.py), not on every render; what it shows is still each
    image's own renditions, in every format and size asked for."""
    from django.template import engines

    from lscpartnerships.core.image_filters import install_kept_image_filters

    install_kept_image_filters()  # done by the core app; a second call changes nothing
    template = engines["django"].from_string(
        "{% load wagtailimages_tags %}"
        '{% picture image format-{avif,webp,jpeg} fill-{200x200,400x400} alt="" %}'
    )
    karen, jane = PortraitFactory(person="Karen Smith"), PortraitFactory(person="Jane Doe")
    first = template.render({"image": karen})
    node = next(n for n in template.template.nodelist if hasattr(n, "filter_specs"))
    kept = node._lscp_filters
    second, again = template.render({"image": jane}), template.render({"image": karen})
    assert node._lscp_filters is kept and len(kept) == 6
    assert again == first != second
    for html, image in ((first, karen), (second, jane)):
        urls = [r.url for r in image.get_renditions(*[f.spec for f in kept]).values()]
        assert len(urls) == 6 and all(url in html for url in urls)
        assert html.count("<source") == 2 and 'width="200"' in html and 'height="200"' in html
