"""The accessibility statement: loaded by load_initial_content, linked from
every page's footer, and covering what regulation 7 and the GOV.UK model
statement ask for."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from lscpartnerships.core.models import ContentPage

pytestmark = pytest.mark.django_db

REQUIRED_HEADINGS = [
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website’s accessibility",
    "Compliance status",
    "Non-accessible content",
    "What we’re doing to improve accessibility",
    "Preparation of this accessibility statement",
    "How we tested this website",
]


@pytest.fixture
def statement(initial_content):
    return ContentPage.objects.get(slug="accessibility-statement")


def test_statement_covers_the_model_statement(client, statement):
    soup = BeautifulSoup(client.get(statement.url).content, "html.parser")
    main = soup.find("main")
    headings = [h.get_text(strip=True) for h in main.find_all(["h2", "h3"])]
    for heading in REQUIRED_HEADINGS:
        assert heading in headings
    text = " ".join(main.get_text(" ").split())
    for phrase in [
        "We’ll consider your request and get back to you in 10 working days",
        "Equality and Human Rights Commission (EHRC)",
        "Equality Commission for Northern Ireland (ECNI)",
        "Web Content Accessibility Guidelines version 2.2 AA standard",
        "partially compliant",
        "PDF",
        "axe-core",
        "This statement was prepared on 24 November 2026",
        "last reviewed on 24 November 2026",
        "Page last reviewed: 24 November 2026",
    ]:
        assert phrase in text, phrase
    # Requests for other formats and problem reports go to the Contact us page.
    contact = [a for a in main.find_all("a") if a["href"] == "/contact-us/"]
    assert len(contact) >= 2
    assert client.get("/contact-us/").status_code == 200


def test_statement_passes_the_rules_editors_work_to(statement):
    """Headings in order and meaningful link texts, as the editor would be held to."""
    block = statement.body.stream_block
    block.clean(statement.body)
    assert statement.last_reviewed == datetime.date(2026, 11, 24)
    assert statement.next_review_due > statement.last_reviewed


def test_every_page_links_to_the_statement_in_its_footer(client, statement):
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    assert pages.count() >= 5
    for page in pages:
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        links = [a["href"] for a in soup.select("footer a")]
        assert statement.url in links, page.url
    soup = BeautifulSoup(client.get("/no-such-page/").content, "html.parser")
    assert statement.url in [a["href"] for a in soup.select("footer a")]
