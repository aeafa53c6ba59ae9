"""A small site built with the apps' factories, with the response cache on.

Small so each test builds it in a second; every kind of page and every kind
of object a purge must follow is in it: a place that lists a decision and a
briefing, a director with a portrait, an FAQ page showing a question
snippet, a briefing with a document, a former partnership, site settings.
"""

from types import SimpleNamespace

import pytest
from wagtail.models import Page

from briefings.factories import (
    BriefingAttachmentFactory,
    BriefingIndexPageFactory,
    BriefingPageFactory,
)
from decisions.factories import (
    BoardDecisionIndexPageFactory,
    BoardDecisionPageFactory,
    FAQPageFactory,
    QuestionFactory,
    faq_body,
)
from directors.factories import (
    DirectorIndexPageFactory,
    DirectorProfilePageFactory,
    PortraitFactory,
)
from lscpartnerships.core.factories import ContentPageFactory
from lscpartnerships.core.models import SiteSettings
from places.factories import (
    FormerPartnershipFactory,
    PlaceIndexPageFactory,
    PlaceLinkFactory,
    PlacePartnershipPageFactory,
)


@pytest.fixture
def site(home, settings, tmp_path):
    settings.PAGECACHE_ENABLED = True
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return build_site(home)


def build_site(home):
    places_index = PlaceIndexPageFactory(parent=home)
    blackpool = PlacePartnershipPageFactory(
        parent=places_index, title="Blackpool", slug="blackpool"
    )
    lancashire = PlacePartnershipPageFactory(
        parent=places_index, title="Lancashire", slug="lancashire"
    )
    former = FormerPartnershipFactory(name="Fylde Coast ICP", successors=[blackpool])
    directors = DirectorIndexPageFactory(parent=home)
    portrait = PortraitFactory(person="Karen Smith")
    director = DirectorProfilePageFactory(
        parent=directors, title="Karen Smith", slug="karen-smith", place=blackpool, photo=portrait
    )
    decisions = BoardDecisionIndexPageFactory(parent=home, show_in_menus=True)
    decision = BoardDecisionPageFactory(
        parent=decisions, title="Align to local authority boundaries", slug="align"
    )
    PlaceLinkFactory(page=decision, place=blackpool)
    decision.save_revision().publish()
    question = QuestionFactory(question="Why did the boundaries change?", slug="why")
    faq = FAQPageFactory(parent=home, slug="faqs", body=faq_body("About", question))
    briefings = BriefingIndexPageFactory(parent=home)
    briefing = BriefingPageFactory(parent=briefings, title="July briefing", slug="july")
    PlaceLinkFactory(page=briefing, place=blackpool)
    attachment = BriefingAttachmentFactory(page=briefing, document__title="Board paper PDF")
    briefing.save_revision().publish()
    privacy = ContentPageFactory(parent=home, title="Privacy", slug="privacy")
    SiteSettings.objects.get_or_create(site=home.get_site())
    return SimpleNamespace(
        home=home,
        places_index=places_index,
        blackpool=blackpool,
        lancashire=lancashire,
        former=former,
        directors=directors,
        director=director,
        portrait=portrait,
        decisions=decisions,
        decision=decision,
        question=question,
        faq=faq,
        briefings=briefings,
        briefing=briefing,
        document=attachment.document,
        privacy=privacy,
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what happens when the editor's transaction commits (purges run on
    commit; pytest-django's test transactions never commit)."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def fetch(client, url, **extra):
    """GET `url` as an anonymous reader: (status, X-Cache, body text)."""
    response = client.get(url, **extra)
    return response.status_code, response.get("X-Cache"), response.content.decode()


def fresh(page):
    return Page.objects.get(pk=page.pk).specific
