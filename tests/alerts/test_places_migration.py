"""A subscriber's chosen places survive the migration that types the link
(alerts 0003): every place kept, a link to a page that is not a place dropped."""

import pytest

from alerts.models import Subscription
from tests.helpers.migrations import latest, migrate

BEFORE = [("alerts", "0002_grant_addresses_to_site_administrators")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_chosen_places_survive_and_other_pages_are_dropped(home, make_place):
    blackpool, lancashire = make_place("Blackpool"), make_place("Lancashire")
    try:
        old_apps = migrate(BEFORE)
        OldSubscription = old_apps.get_model("alerts", "Subscription")
        subscriber = OldSubscription.objects.create(
            email="reader@example.com", briefings=True, confirmed_at="2026-01-01T12:00Z"
        )
        # Under the old schema any page could be stored; the form offered places only.
        subscriber.places.add(blackpool.pk, lancashire.pk, home.pk)
        everything = OldSubscription.objects.create(
            email="all@example.com", decisions=True, confirmed_at="2026-01-01T12:00Z"
        )
    finally:
        migrate(latest())

    moved = Subscription.objects.get(pk=subscriber.pk)
    assert sorted(moved.places.values_list("title", flat=True)) == ["Blackpool", "Lancashire"]
    assert Subscription.objects.get(pk=everything.pk).places.count() == 0
