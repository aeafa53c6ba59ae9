"""Editors see how many people subscribe to each list, never who; addresses
are visible to administrators only."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from alerts.factories import SubscriptionFactory
from lscpartnerships.editorial import roles
from places.factories import PlaceIndexPageFactory, PlacePartnershipPageFactory

pytestmark = pytest.mark.django_db


def client_in(group_name):
    user = get_user_model().objects.create_user(group_name.replace(" ", ""), "u@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def subscriptions(home):
    index = PlaceIndexPageFactory(parent=home)
    blackpool = PlacePartnershipPageFactory(parent=index, title="Blackpool", slug="blackpool")
    SubscriptionFactory(email="one@example.org")
    SubscriptionFactory(email="two@example.org", decisions=True, places=[blackpool])
    SubscriptionFactory(email="three@example.org", briefings=False, decisions=True)


def test_editors_see_counts_per_list_and_place_but_no_address(subscriptions):
    response = client_in(roles.EDITORS).get(reverse("alerts_subscriber_counts"))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    rows = {
        row.find("th").get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
        for row in html.select("table.listing")[0].select("tbody tr")
    }
    assert rows["All subscribers"] == ["2", "2"]  # briefings, decisions
    assert rows["Every place"] == ["1", "1"]
    assert rows["Blackpool only"] == ["1", "1"]
    assert "@example.org" not in response.content.decode()


@pytest.mark.parametrize("group", [roles.EDITORS, roles.APPROVERS])
def test_only_administrators_see_addresses(subscriptions, group):
    listing = reverse("alert_subscriptions:index")
    assert client_in(group).get(listing).status_code != 200
    response = client_in(roles.ADMINISTRATORS).get(listing)
    assert response.status_code == 200
    assert "one@example.org" in response.content.decode()
