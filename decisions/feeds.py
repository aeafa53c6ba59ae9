"""Atom feeds of board decisions: all of them (/board-decisions/feed/) and one
per place (/board-decisions/feed/<place-slug>/), like the briefings feeds, so
stakeholders can follow decisions in a feed reader without signing up."""

import datetime

from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from lscpartnerships.core.feeds import SiteFeed


def _as_datetime(date):
    """Midday London time on `date` (a feed entry needs a time)."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(12)))


class DecisionFeed(SiteFeed):
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
            return f"Board decisions about {self.place_title}"
        return self.index.title

    def subtitle(self):
        if self.place_title:
            return f"Decisions of the board that affect {self.place_title}, newest first."
        return self.index.summary

    def author_name(self):
        from lscpartnerships.core.models import SiteSettings

        return SiteSettings.for_request(self.request).organisation_name

    def items(self):
        decisions = self.index.decisions()
        if self.place_id:
            decisions = decisions.filter(place_links__place_id=self.place_id).distinct()
        return list(
            decisions.prefetch_related("change_notes", "place_links__place")[
                : self.index.feed_length
            ]
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
        return item.first_published_at or _as_datetime(item.meeting_date)

    def item_updateddate(self, item):
        notes = [_as_datetime(note.date) for note in item.change_notes.all()]
        published = item.last_published_at or self.item_pubdate(item)
        return max([published, *notes])

    def item_categories(self, item):
        return [item.get_status_display()] + [
            link.place.title for link in item.place_links.all() if link.place is not None
        ]
