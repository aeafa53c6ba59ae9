"""What every Atom feed of the site shares: its addresses come from the Wagtail
Site (which follows SITE_BASE_URL), never from the request's Host header, so
feed readers keep one stable address."""

from django.contrib.syndication.views import Feed


class SiteFeed(Feed):
    """A feed of the pages below `self.index` (set by the subclass's get_object)."""

    def link(self):
        return self.index.get_full_url(self.request)

    def feed_url(self):
        site = self.index.get_site()
        root = site.root_url if site else self.request.build_absolute_uri("/").rstrip("/")
        return root + self.request.path

    def feed_guid(self):
        return self.feed_url()
