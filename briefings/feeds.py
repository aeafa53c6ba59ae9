"""Atom feeds of briefings: all of them (/briefings/feed/) and one per place
(/briefings/feed/<place-slug>/), so stakeholders hear of new briefings in a
feed reader without signing up to anything."""

from lscpartnerships.core.feeds import SiteFeed, as_datetime


class BriefingFeed(SiteFeed):
    place_title = "Briefings about {place}"
    place_subtitle = "Stakeholder briefings about {place}, newest first."

    def items(self):
        briefings = self.index.briefings()
        if self.place_id:
            briefings = briefings.filter(place_links__place_id=self.place_id).distinct()
        return list(
            self.index.listing(briefings).prefetch_related("changes")[: self.index.feed_length]
        )

    def item_pubdate(self, item):
        return as_datetime(item.publication_date)

    def item_updateddate(self, item):
        changes = [change.date for change in item.changes.all()]
        return as_datetime(max([item.publication_date, *changes]))

    def item_categories(self, item):
        return [item.audience_label, *self.place_categories(item)]
