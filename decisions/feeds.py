"""Atom feeds of board decisions: all of them (/board-decisions/feed/) and one
per place (/board-decisions/feed/<place-slug>/), like the briefings feeds, so
stakeholders can follow decisions in a feed reader without signing up."""

from lscpartnerships.core.feeds import SiteFeed, as_datetime
from places.links import public_place_links


class DecisionFeed(SiteFeed):
    place_title = "Board decisions about {place}"
    place_subtitle = "Decisions of the board that affect {place}, newest first."

    def items(self):
        decisions = self.index.decisions()
        if self.place_id:
            decisions = decisions.filter(place_links__place_id=self.place_id).distinct()
        return list(
            # Only places the public may see in the categories.
            decisions.prefetch_related("change_notes", public_place_links())[
                : self.index.feed_length
            ]
        )

    def item_pubdate(self, item):
        return item.first_published_at or as_datetime(item.meeting_date)

    def item_updateddate(self, item):
        notes = [as_datetime(note.date) for note in item.change_notes.all()]
        published = item.last_published_at or self.item_pubdate(item)
        return max([published, *notes])

    def item_categories(self, item):
        return [item.get_status_display(), *self.place_categories(item)]
