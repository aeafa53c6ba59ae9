"""Alerts go out once per first publication, from the real worker
(`manage.py db_worker` in a subprocess, as `make worker` runs it), to a real
SMTP server on loopback; failures are retried; the send rate is limited.

These tests commit to the database (transaction=True) so the worker process
sees what the test wrote."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, connections, transaction

from alerts.factories import SubscriptionFactory
from alerts.models import Alert, Delivery, Subscription
from alerts.signals import queue_alert_on_first_publish
from alerts.tasks import Throttle
from briefings.factories import BriefingIndexPageFactory, BriefingPageFactory
from decisions.factories import BoardDecisionIndexPageFactory, BoardDecisionPageFactory
from places.factories import PlaceIndexPageFactory, PlacePartnershipPageFactory
from places.links import PlaceLink
from tests.smtp import SMTPServer, body_text, free_port

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run_worker(smtp_port, **extra_env):
    """Run the alerts worker until the queue is empty, as a separate process."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "lscpartnerships.settings.test",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_TIMEOUT": "5",
        **{key: str(value) for key, value in extra_env.items()},
    }
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--backend",
            "alerts",
            "--queue-name",
            "alerts",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def site(home):
    index = PlaceIndexPageFactory(parent=home)
    blackpool = PlacePartnershipPageFactory(parent=index, title="Blackpool", slug="blackpool")
    lancashire = PlacePartnershipPageFactory(parent=index, title="Lancashire", slug="lancashire")
    return {
        "home": home,
        "blackpool": blackpool,
        "lancashire": lancashire,
        "briefings": BriefingIndexPageFactory(parent=home),
        "decisions": BoardDecisionIndexPageFactory(parent=home),
    }


@pytest.fixture
def subscribers(site):
    return {
        "everything": SubscriptionFactory(email="all@example.org", decisions=True),
        "decisions": SubscriptionFactory(
            email="decisions@example.org", briefings=False, decisions=True
        ),
        "blackpool": SubscriptionFactory(email="blackpool@example.org", places=[site["blackpool"]]),
        "lancashire": SubscriptionFactory(email="lancs@example.org", places=[site["lancashire"]]),
    }


def publish_briefing(site, title="Review of place-based partnerships", place="blackpool"):
    briefing = BriefingPageFactory(parent=site["briefings"], title=title, live=False)
    briefing.place_links.add(PlaceLink(place=site[place]))
    briefing.save_revision().publish()
    briefing.refresh_from_db()
    return briefing


@pytest.fixture
def smtp():
    server = SMTPServer().start()
    yield server
    server.stop()


def test_worker_sends_each_alert_once_to_the_right_subscribers(site, subscribers, smtp):
    from django.test import Client

    briefing = publish_briefing(site)
    assert Alert.objects.filter(page=briefing).count() == 1
    assert smtp.inbox.messages == []  # nothing is sent in the request

    run_worker(smtp.port)

    received = sorted(address for recipients, _ in smtp.inbox.messages for address in recipients)
    assert received == ["all@example.org", "blackpool@example.org"]
    [message] = smtp.inbox.to("blackpool@example.org")
    assert message["Subject"] == "New briefing: Review of place-based partnerships"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip().strip("<>")
    text = body_text(message)
    assert briefing.get_full_url() in text
    assert unsubscribe in text
    html = body_text(message, "html")
    assert '<html lang="en-GB">' in html and unsubscribe in html

    # Published again (a correction), and the worker runs again: no second alert.
    briefing.title = "Review of place-based partnerships (corrected)"
    briefing.save_revision().publish()
    run_worker(smtp.port)
    assert Alert.objects.count() == 1
    assert len(smtp.inbox.messages) == 2
    assert Delivery.objects.filter(sent_at__isnull=False).count() == 2

    # The one-click unsubscribe link in the header works.
    path = unsubscribe.split("://", 1)[1].split("/", 1)[1]
    assert (
        Client()
        .post(
            "/" + path,
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        .status_code
        == 200
    )
    assert not Subscription.objects.filter(email="blackpool@example.org").exists()


def test_a_new_decision_goes_to_decision_subscribers(site, subscribers, smtp):
    decision = BoardDecisionPageFactory(
        parent=site["decisions"], title="Align the partnerships", live=False
    )
    decision.save_revision().publish()
    run_worker(smtp.port)
    received = sorted(address for recipients, _ in smtp.inbox.messages for address in recipients)
    assert received == ["all@example.org", "decisions@example.org"]
    assert smtp.inbox.messages[0][1]["Subject"] == "New board decision: Align the partnerships"


def test_private_pages_and_other_page_types_raise_no_alert(site, subscribers):
    from wagtail.models import PageViewRestriction

    from lscpartnerships.core.factories import ContentPageFactory

    ContentPageFactory(parent=site["home"], live=False).save_revision().publish()
    briefing = BriefingPageFactory(parent=site["briefings"], live=False)
    PageViewRestriction.objects.create(page=briefing, restriction_type="login")
    briefing.save_revision().publish()
    assert not Alert.objects.exists()


def test_two_instances_publishing_at_once_queue_one_alert(site, subscribers):
    """Two threads with their own database connections stand in for two app
    instances handling the same first publication at the same moment."""
    from django_tasks_db.models import DBTaskResult

    briefing = publish_briefing(site)
    Alert.objects.all().delete()
    DBTaskResult.objects.all().delete()
    barrier = threading.Barrier(2)
    errors = []

    def publish_here():
        try:
            with transaction.atomic():
                barrier.wait(timeout=10)
                queue_alert_on_first_publish(type(briefing), instance=briefing)
                time.sleep(0.3)  # keep both transactions open together
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish_here) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert Alert.objects.filter(page=briefing).count() == 1
    assert DBTaskResult.objects.filter(backend_name="alerts").count() == 1


def test_failed_sends_are_retried_later(site, subscribers):
    port = free_port()  # nothing listens yet: the mail server is down
    publish_briefing(site)
    run_worker(port, ALERTS_RETRY_DELAY="0.5")
    deliveries = list(Delivery.objects.all())
    assert len(deliveries) == 2
    assert all(d.sent_at is None and d.attempts == 1 and d.last_error for d in deliveries)

    server = SMTPServer(port=port).start()  # the mail server is back
    try:
        time.sleep(0.6)  # the retry was deferred by ALERTS_RETRY_DELAY
        run_worker(port, ALERTS_RETRY_DELAY="0.5")
        assert len(server.inbox.messages) == 2
        assert Delivery.objects.filter(sent_at__isnull=False, attempts=2).count() == 2
        run_worker(port)
        assert len(server.inbox.messages) == 2
    finally:
        server.stop()


def test_throttle_spaces_sends_to_the_configured_rate():
    now = [100.0]
    slept = []

    def sleep(seconds):
        slept.append(round(seconds, 3))
        now[0] += seconds

    throttle = Throttle(4, clock=lambda: now[0], sleep=sleep)
    throttle.wait()  # the first send does not wait
    throttle.wait()
    now[0] += 0.1  # sending took 0.1 s
    throttle.wait()
    now[0] += 1.0  # a slow send: no extra wait
    throttle.wait()
    assert slept == [0.25, 0.15]
