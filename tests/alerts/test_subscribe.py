"""Subscribing: the form, double opt-in through a real SMTP server, signed
expiring links, bad input, the honeypot, rate limits and unsubscribing."""

import re

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from alerts.factories import SubscriptionFactory
from alerts.models import Subscription
from places.factories import PlaceIndexPageFactory, PlacePartnershipPageFactory
from tests.smtp import body_text

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/email-alerts/"


@pytest.fixture
def places(home):
    index = PlaceIndexPageFactory(parent=home)
    return [
        PlacePartnershipPageFactory(parent=index, title="Blackpool", slug="blackpool"),
        PlacePartnershipPageFactory(parent=index, title="Lancashire", slug="lancashire"),
    ]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def confirmation_link(message):
    match = re.search(r"https?://\S+/email-alerts/confirm/[^/\s]+/", body_text(message))
    assert match, body_text(message)
    return match.group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def test_subscribe_confirm_by_email_then_unsubscribe(client, places, smtp):
    page = client.get(SUBSCRIBE)
    assert page.status_code == 200
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    form = soup(page).find("form", method="post")
    assert form.find("input", {"name": "email", "type": "email", "autocomplete": "email"})
    assert {i["value"] for i in form.find_all("input", {"name": "places"})} == {
        str(p.pk) for p in places
    }

    response = client.post(
        SUBSCRIBE,
        {
            "email": "Reader@Example.ORG",
            "lists": ["briefings", "decisions"],
            "places": [places[0].pk],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("alerts:check_email")
    # Nothing is stored before confirmation; one email went out over SMTP.
    assert not Subscription.objects.exists()
    [message] = smtp.inbox.to("Reader@example.org")
    assert message["Subject"] == "Confirm your email alerts from NHS Lancashire and South Cumbria"
    text = body_text(message)
    assert "new briefings and new board decisions for Blackpool" in text
    html = body_text(message, "html")
    assert '<html lang="en-GB">' in html and "Confirm your subscription" in html

    link = path_of(confirmation_link(message))
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert not Subscription.objects.exists()  # a link scanner's GET subscribes nobody
    assert "Reader@example.org" in confirm_page.content.decode()

    done = client.post(link)
    assert done.status_code == 200
    assert "You are subscribed" in done.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.email == "reader@example.org"
    assert (subscription.briefings, subscription.decisions) == (True, True)
    assert [p.pk for p in subscription.places.all()] == [places[0].pk]

    # Confirming again with other choices replaces them (still one row).
    client.post(SUBSCRIBE, {"email": "reader@example.org", "lists": ["decisions"]})
    client.post(path_of(confirmation_link(smtp.inbox.messages[-1][1])))
    subscription = Subscription.objects.get()
    assert (subscription.briefings, subscription.decisions) == (False, True)
    assert not subscription.places.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "", "lists": ["briefings"]}, "email", "Enter your email address"),
        (
            {"email": "not-an-address", "lists": ["briefings"]},
            "email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        (
            {"email": "a@example.org<script>", "lists": ["briefings"]},
            "email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        ({"email": "x" * 300 + "@example.org", "lists": ["briefings"]}, "email", "254 characters"),
        ({"email": "a@example.org"}, "lists", "Select new briefings, new board decisions or both"),
        (
            {"email": "a@example.org", "lists": ["everything"]},
            "lists",
            "Select new briefings, new board decisions or both",
        ),
        (
            {"email": "a@example.org", "lists": ["briefings"], "places": ["99999"]},
            "places",
            "Select places from the list",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_and_sends_nothing(
    client, places, smtp, data, field, message
):
    response = client.post(SUBSCRIBE, data)
    assert response.status_code == 400
    html = soup(response)
    assert html.title.get_text().startswith("Error: ")
    summary = html.find(class_="nhsuk-error-summary")
    assert message in summary.get_text()
    link = summary.find("a")
    assert link["href"].startswith(f"#id_{field}")
    assert message in html.find(id=f"id_{field}-error").get_text()
    assert not Subscription.objects.exists()
    assert smtp.inbox.messages == []


def test_honeypot_submissions_are_thanked_and_ignored(client, places, smtp):
    response = client.post(
        SUBSCRIBE,
        {"email": "bot@example.org", "lists": ["briefings"], "website": "http://spam.example"},
    )
    assert response.status_code == 302
    assert smtp.inbox.messages == []


def test_honeypot_is_hidden_from_people_and_assistive_technology(client, places):
    html = soup(client.get(SUBSCRIBE))
    trap = html.find("input", {"name": "website"})
    wrapper = trap.find_parent(class_="app-honeypot")
    assert wrapper["aria-hidden"] == "true"
    assert trap["tabindex"] == "-1"


def test_rate_limits_per_connection_and_per_address(client, places, smtp, settings):
    settings.ALERTS_SUBSCRIBE_LIMIT_PER_IP = 4
    settings.ALERTS_CONFIRMATIONS_PER_ADDRESS = 2
    for _ in range(3):
        client.post(SUBSCRIBE, {"email": "victim@example.org", "lists": ["briefings"]})
    # A third request for the same address sends nothing (no inbox flooding).
    assert len(smtp.inbox.to("victim@example.org")) == 2
    client.post(SUBSCRIBE, {"email": "other@example.org", "lists": ["briefings"]})
    response = client.post(SUBSCRIBE, {"email": "more@example.org", "lists": ["briefings"]})
    assert response.status_code == 429
    assert "too many sign-up attempts" in response.content.decode()
    assert smtp.inbox.to("more@example.org") == []
    # Another connection is not affected.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert (
        other.post(SUBSCRIBE, {"email": "more@example.org", "lists": ["briefings"]}).status_code
        == 302
    )


def test_mail_outage_is_a_clear_message_not_an_error(client, places, settings):
    from tests.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    response = client.post(SUBSCRIBE, {"email": "a@example.org", "lists": ["briefings"]})
    assert response.status_code == 503
    assert "could not send the confirmation email" in response.content.decode()
    assert not Subscription.objects.exists()


def test_expired_and_tampered_confirmation_links(client, places, smtp, settings):
    client.post(SUBSCRIBE, {"email": "late@example.org", "lists": ["briefings"]})
    link = path_of(confirmation_link(smtp.inbox.messages[-1][1]))

    tampered = link.replace("/confirm/", "/confirm/x")
    response = client.post(tampered)
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()

    settings.ALERTS_CONFIRMATION_MAX_AGE = -1  # every link is now too old
    response = client.post(link)
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    assert not Subscription.objects.exists()


def test_unsubscribe_page_and_one_click_post(places, smtp):
    from alerts.emails import unsubscribe_url

    subscription = SubscriptionFactory(email="leaver@example.org")
    path = path_of(unsubscribe_url(subscription))
    client = Client(enforce_csrf_checks=True)

    page = client.get(path)
    assert page.status_code == 200
    assert soup(page).find("button", string=re.compile("Unsubscribe"))
    assert Subscription.objects.exists()  # a GET changes nothing

    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click", no CSRF token.
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    # The link keeps answering kindly, and cannot unsubscribe a new subscriber
    # who happens to reuse the address.
    assert "already been unsubscribed" in client.get(path).content.decode()
    assert client.post("/email-alerts/unsubscribe/forged/").status_code == 400


def test_privacy_notice(client, places):
    response = client.get(reverse("alerts:privacy"))
    assert response.status_code == 200
    text = soup(response).get_text(" ")
    assert "Until you unsubscribe" in text
    assert "administrators" in text
    assert reverse("alerts:privacy") in client.get(SUBSCRIBE).content.decode()
