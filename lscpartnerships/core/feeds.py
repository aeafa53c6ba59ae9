"""What every Atom feed of the site shares: its addresses come from the Wagtail
Site (which follows SITE_BASE_URL), never from the request's Host header, so
feed readers keep one stable address; the author is the organisation named in
site settings; a feed is of all the pages below an index, or of those about
one place."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from wagtail.contrib.routable_page.models import path


def as_datetime(date):
    """Midday London time on `date`: a feed entry needs a time, and midday
    keeps the date the same in every time zone near the UK."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(12)))


class SiteFeed(Feed):
    """A feed of the pages below `index`, or of those about one place.

    A subclass says what its pages are called (`place_title`,
    `place_subtitle`, formatted with the place's title) and gives `items`."""

    feed_type = Atom1Feed
    place_title = "{place}"
    place_subtitle = "{place}"

    def __init__(self, index, place_id=None, place_title=None):
        super().__init__()
        self.index = index
        self.place_id = place_id
        self.place_name = place_title

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.place_name:
            return self.place_title.format(place=self.place_name)
        return self.index.title

    def subtitle(self):
        if self.place_name:
            return self.place_subtitle.format(place=self.place_name)
        return self.index.summary

    def author_name(self):
        """The organisation's name, from the page shell's cache (a settings
        save purges it), as every page's header and footer read it."""
        from lscpartnerships.core.templatetags.core_tags import organisation_for

        return organisation_for(self.request)

    def link(self):
        return self.index.get_full_url(self.request)

    def feed_url(self):
        site = self.index.get_site()
        root = site.root_url if site else self.request.build_absolute_uri("/").rstrip("/")
        return root + self.request.path

    def feed_guid(self):
        return self.feed_url()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def place_categories(self, item):
        """The titles of the places a page is about (its prefetched place links)."""
        return [link.place.title for link in item.place_links.all() if link.place is not None]


class FeedsMixin:
    """For an index page (with RoutablePageMixin): an Atom feed of its pages at
    feed/, and of those about one place at feed/<place-slug>/.

    The page gives `feed_class` (its SiteFeed) and `place_for_slug(slug)`
    (the place's id and title, or None)."""

    feed_class = None

    #: The feeds list every page below the index, with the titles of their
    #: places: purged with every content change (lscpartnerships.pagecache).
    pagecache_aggregate = True

    def feed_place_slugs(self):
        """Slugs of the places that have a feed of their own here."""
        return []

    def get_cached_paths(self):
        """The list and every feed, for wagtail.contrib.frontend_cache."""
        paths = ["/", self.reverse_subpage("feed")]
        paths += [
            self.reverse_subpage("place_feed", kwargs={"place_slug": slug})
            for slug in self.feed_place_slugs()
        ]
        return ["/" + path.lstrip("/") for path in paths]

    @path("feed/", name="feed")
    def feed(self, request):
        return self.feed_class(self)(request)

    @path("feed/<slug:place_slug>/", name="place_feed")
    def place_feed(self, request, place_slug):
        place = self.place_for_slug(place_slug)
        if place is None:
            raise Http404("No such place")
        return self.feed_class(self, place_id=place[0], place_title=place[1])(request)

    def feed_url(self, place_slug=None):
        if place_slug:
            return self.url + self.reverse_subpage("place_feed", kwargs={"place_slug": place_slug})
        return self.url + self.reverse_subpage("feed")
