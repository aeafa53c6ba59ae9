"""Atom feeds of briefings: all of them (/briefings/feed/) and one per place
(/briefings/feed/<place-slug>/), so stakeholders hear of new briefings in a
feed reader without signing up to anything."""

import datetime

from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from lscpartnerships.core.feeds import SiteFeed


def _as_datetime(date):
    """Midday London time on `date`: a feed entry needs a time, and midday
    keeps the date the same in every time zone near the UK."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(12)))


class BriefingFeed(SiteFeed):
    feed_type = Atom1Feed

    def __init__(self, index, place_id=None, place_title=None):
        super().__init__()
        self.index = index
        self.place_id = place_id
        self.place_title = place_title

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.place_title:
            return f"Briefings about {self.place_title}"
        return self.index.title

    def subtitle(self):
        if self.place_title:
            return f"Stakeholder briefings about {self.place_title}, newest first."
        return self.index.summary

    def author_name(self):
        from lscpartnerships.core.models import SiteSettings

        return SiteSettings.for_request(self.request).organisation_name

    def items(self):
        briefings = self.index.briefings()
        if self.place_id:
            briefings = briefings.filter(place_links__place_id=self.place_id).distinct()
        return list(
            self.index.listing(briefings).prefetch_related("changes")[: self.index.feed_length]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return _as_datetime(item.publication_date)

    def item_updateddate(self, item):
        changes = [change.date for change in item.changes.all()]
        return _as_datetime(max([item.publication_date, *changes]))

    def item_categories(self, item):
        return [item.audience_label] + [
            link.place.title for link in item.place_links.all() if link.place is not None
        ]
