"""Briefing page types: they render, editors can create them through the admin
form, the tree is closed, and a briefing shows its contents list, change
history and related pages (which also list it back)."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from briefings.factories import (
    BriefingChangeFactory,
    BriefingIndexPageFactory,
    BriefingPageFactory,
)
from briefings.models import BriefingAttachment, BriefingChange, BriefingIndexPage, BriefingPage
from decisions.factories import (
    BoardDecisionIndexPageFactory,
    BoardDecisionPageFactory,
    FAQPageFactory,
)
from documents.factories import PublicDocumentFactory
from lscpartnerships.core.models import HomePage
from places.factories import PlaceLinkFactory


@pytest.fixture
def document(db):
    return PublicDocumentFactory(title="Stakeholder briefing")


@pytest.fixture
def stakeholder_briefing(index):
    return BriefingPageFactory(parent=index, title="Stakeholder briefing")


def test_pages_render(client, index, stakeholder_briefing, page_checks):
    page_checks.assertPageIsRenderable(index)
    page_checks.assertPageIsRenderable(stakeholder_briefing)


def test_pages_are_editable_and_previewable(
    admin_client, index, stakeholder_briefing, places, document, page_checks
):
    briefing = stakeholder_briefing
    data = nested_form_data(
        {
            "title": briefing.title,
            "slug": briefing.slug,
            "summary": "Edited summary.",
            "publication_date": "2022-07-27",
            "audience": "partners",
            "body": streamfield([("heading", {"text": "The decision", "level": "2"})]),
            "attachments": inline_formset([{"document": document.pk}]),
            "place_links": inline_formset([{"place": places[0].pk}]),
            "changes": inline_formset([{"date": "2022-08-05", "note": "Edited"}]),
        }
    )
    page_checks.assertPageIsEditable(briefing, post_data=data)
    page_checks.assertPageIsPreviewable(briefing, post_data=data)
    index_data = {"title": "Briefings", "slug": "briefings", "summary": "All briefings."}
    page_checks.assertPageIsEditable(index, post_data=index_data)
    page_checks.assertPageIsPreviewable(index, post_data=index_data)


def test_tree_is_closed(home):
    assert set(BriefingIndexPage.allowed_parent_page_models()) == {HomePage}
    assert set(BriefingIndexPage.allowed_subpage_models()) == {BriefingPage}
    assert set(BriefingPage.allowed_parent_page_models()) == {BriefingIndexPage}
    assert set(BriefingPage.allowed_subpage_models()) == set()
    assert BriefingPage not in HomePage.allowed_subpage_models()
    assert BriefingIndexPage.can_create_at(home)
    BriefingIndexPageFactory(parent=home)
    # There is only one index.
    assert not BriefingIndexPage.can_create_at(home)


def test_briefing_created_through_the_admin_form(
    admin_client, index, places, document, page_checks
):
    page_checks.assertCanCreate(
        index,
        BriefingPage,
        nested_form_data(
            {
                "title": "Review of place-based partnerships",
                "slug": "review",
                "summary": "What the board decided.",
                "publication_date": "2022-07-27",
                "audience": "stakeholders",
                "body": streamfield(
                    [
                        ("heading", {"text": "The decision", "level": "2"}),
                        ("rich_text", rich_text("<p>The board made a decision.</p>")),
                    ]
                ),
                "attachments": inline_formset([{"document": document.pk}]),
                "place_links": inline_formset([{"place": places[0].pk}]),
                "changes": inline_formset(
                    [{"date": "2022-08-05", "note": "Added frequently asked questions"}]
                ),
            }
        ),
    )
    page = BriefingPage.objects.get(slug="review")
    assert page.live
    assert page.publication_date == datetime.date(2022, 7, 27)
    assert [a.document for a in page.attachments.all()] == [document]
    assert [link.place_id for link in page.place_links.all()] == [places[0].pk]
    assert page.changes.get().note == "Added frequently asked questions"


def test_heading_levels_are_checked_in_the_body(admin_client, index):
    response = admin_client.post(
        f"/admin/pages/add/briefings/briefingpage/{index.pk}/",
        nested_form_data(
            {
                "title": "Skipping headings",
                "slug": "skipping",
                "summary": "A summary.",
                "publication_date": "2022-07-27",
                "audience": "stakeholders",
                "body": streamfield([("heading", {"text": "Too deep", "level": "4"})]),
                "attachments": inline_formset([]),
                "place_links": inline_formset([]),
                "changes": inline_formset([]),
            }
        ),
    )
    assert response.status_code == 200
    assert not BriefingPage.objects.filter(slug="skipping").exists()


@pytest.fixture
def briefing(index, places):
    page = BriefingPageFactory(
        parent=index,
        title="Review of place-based partnerships: stakeholder briefing",
        summary="What the board decided on 27 July 2022.",
        body=[
            ("rich_text", "<p>This briefing is about the review.</p>"),
            ("heading", {"text": "The decision", "level": "2"}),
            ("rich_text", "<p>The board made a decision.</p>"),
            ("heading", {"text": "Why it matters", "level": "2"}),
            ("heading", {"text": "For residents", "level": "3"}),
            ("heading", {"text": "Next steps", "level": "2"}),
        ],
    )
    for place in places:
        PlaceLinkFactory(page=page, place=place)
    BriefingChangeFactory(
        page=page, date=datetime.date(2022, 8, 5), note="Added frequently asked questions"
    )
    page.save_revision().publish()
    return page


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_contents_list_is_built_from_the_heading_2s(client, briefing):
    html = soup(client.get(briefing.url))
    contents = html.select("nav.nhsuk-contents-list a")
    assert [(a.get_text(), a["href"]) for a in contents] == [
        ("The decision", "#the-decision"),
        ("Why it matters", "#why-it-matters"),
        ("Next steps", "#next-steps"),
    ]
    for link in contents:  # every entry points at a heading on the page
        assert html.find(id=link["href"][1:]).name == "h2"


@pytest.mark.django_db
def test_briefing_shows_dates_audience_places_and_change_history(client, briefing, places):
    html = soup(client.get(briefing.url))
    main = html.find("main").get_text(" ", strip=True)
    assert html.find_all("h1")[0].get_text() == briefing.title
    assert "Published 27 July 2022" in main
    assert "Last updated 5 August 2022" in main
    assert "Written for Stakeholders" in main
    history = [li.get_text(" ", strip=True) for li in html.select("#change-history + ul li")]
    assert history == [
        "Updated 5 August 2022 : added frequently asked questions",
        "Published 27 July 2022",
    ]
    places_row = html.find("dt", string="Places").find_parent("div")
    place_links = {a.get_text(): a["href"] for a in places_row.select("a")}
    assert place_links == {place.title: place.url for place in places}
    assert len(html.find_all("h1")) == 1


@pytest.mark.django_db
def test_related_decision_and_faq_are_linked(client, briefing, home):
    decision = BoardDecisionPageFactory(
        parent=BoardDecisionIndexPageFactory(parent=home),
        title="Aligning to local authority boundaries",
    )
    faq = FAQPageFactory(parent=home, title="Frequently asked questions")
    briefing.related_decision = decision
    briefing.related_faq = faq
    briefing.save_revision().publish()

    html = soup(client.get(briefing.url))
    links = {a.get_text(): a["href"] for a in html.select("#related + ul a")}
    assert links == {decision.title: decision.url, faq.title: faq.url}

    # An unpublished related page is not linked.
    faq.unpublish()
    html = soup(client.get(briefing.url))
    assert [a.get_text() for a in html.select("#related + ul a")] == [decision.title]


@pytest.mark.django_db
def test_places_and_the_related_decision_are_shown_only_if_the_public_may_see_them(
    client, briefing, places, make_place, home
):
    """The briefing's places and related decision are read in one query each,
    visibility included: the places in the editor's order and once each, and a
    draft or login-restricted page is never named."""
    from wagtail.models import PageViewRestriction

    draft_place = make_place("Cumbria", slug="cumbria")
    draft_place.unpublish()
    private_place = make_place("Blackburn with Darwen", slug="blackburn-with-darwen")
    PageViewRestriction.objects.create(page=private_place, restriction_type="login")
    decision = BoardDecisionPageFactory(
        parent=BoardDecisionIndexPageFactory(parent=home), title="A restricted decision"
    )
    briefing.place_links.all().delete()
    for place in [places[1], draft_place, places[0], private_place, places[1]]:
        PlaceLinkFactory(page=briefing, place=place)
    briefing.related_decision = decision
    briefing.save_revision().publish()

    def shown():
        html = soup(client.get(briefing.url))
        places_row = html.find("dt", string="Places").find_parent("div")
        return [a.get_text() for a in places_row.select("a")], [
            a.get_text() for a in html.select("#related + ul a")
        ]

    assert shown() == (["Lancashire", "Blackpool"], [decision.title])
    PageViewRestriction.objects.create(page=decision, restriction_type="login")
    assert shown() == (["Lancashire", "Blackpool"], [])


@pytest.mark.django_db
def test_places_and_decisions_list_their_briefings(briefing, places, index, home):
    """The other side of each link, through the typed links' reverse relations."""
    decision = BoardDecisionPageFactory(
        parent=BoardDecisionIndexPageFactory(parent=home), title="A decision"
    )
    faq = FAQPageFactory(parent=home, title="Questions")
    briefing.related_decision = decision
    briefing.related_faq = faq
    briefing.save_revision().publish()
    older = BriefingPageFactory(
        parent=index, title="Older briefing", publication_date=datetime.date(2022, 1, 1)
    )
    PlaceLinkFactory(page=older, place=places[0])
    older.save_revision().publish()
    draft = BriefingPageFactory(parent=index, title="Draft briefing", live=False)
    PlaceLinkFactory(page=draft, place=places[0])
    draft.save()

    def listed(place):
        [(heading, _anchor, pages)] = place.linked_pages()
        assert heading == "Briefings"
        return [p.title for p in pages]

    assert listed(places[0]) == [briefing.title, "Older briefing"]
    assert listed(places[1]) == [briefing.title]
    assert [p.title for p in decision.live_briefings()] == [briefing.title]
    assert [p.title for p in faq.briefings.live()] == [briefing.title]


@pytest.mark.django_db
def test_json_ld_describes_the_briefing_and_its_files(client, briefing):
    document = PublicDocumentFactory(title="Stakeholder briefing")
    briefing.attachments.add(BriefingAttachment(document=document))
    briefing.save_revision().publish()

    html = soup(client.get(briefing.url))
    blocks = [json.loads(s.string) for s in html.find_all("script", type="application/ld+json")]
    (data,) = [block for block in blocks if block["@type"] == "Report"]
    assert data["headline"] == briefing.title
    assert data["datePublished"] == "2022-07-27"
    assert data["dateModified"] == "2022-08-05"
    assert data["audience"]["audienceType"] == "Stakeholders"
    assert [place["name"] for place in data["about"]] == ["Blackpool", "Lancashire"]
    assert data["associatedMedia"][0]["contentUrl"].endswith(document.url)
    assert data["associatedMedia"][0]["encodingFormat"] == "application/pdf"


@pytest.mark.django_db
def test_index_json_ld_and_feed_discovery(client, index):
    html = soup(client.get(index.url))
    blocks = [json.loads(s.string) for s in html.find_all("script", type="application/ld+json")]
    assert [block for block in blocks if block["@type"] == "CollectionPage"]
    feeds = html.find_all("link", rel="alternate", type="application/atom+xml")
    assert "/briefings/feed/" in [feed["href"] for feed in feeds]


@pytest.mark.django_db
def test_home_page_lists_the_latest_briefings(client, home, index):
    BriefingPageFactory(parent=index, title="Older", publication_date=datetime.date(2021, 5, 1))
    BriefingPageFactory(parent=index, title="Newer", publication_date=datetime.date(2022, 9, 1))
    html = soup(client.get(home.url))
    section = html.find(id="latest-briefings").find_parent("section")
    assert [a.get_text() for a in section.select("li a")] == ["Newer", "Older"]


@pytest.mark.django_db
def test_documents_and_changes_show_in_order_and_a_preview_shows_unsaved_ones(rf, briefing):
    """The published page reads its documents and change history with compiled
    queries (core.compiled); the editor's order holds, and a preview shows the
    editor's unsaved rows instead."""
    first, second = (PublicDocumentFactory(title=title) for title in ("Second", "First"))
    briefing.attachments = [
        BriefingAttachment(document=second, sort_order=0),
        BriefingAttachment(document=first, sort_order=1),
    ]
    briefing.save_revision().publish()
    saved = BriefingPage.objects.get(pk=briefing.pk)
    assert [document.title for document in saved.documents] == ["First", "Second"]
    assert [change.note for change in saved.change_history] == ["Added frequently asked questions"]

    draft = BriefingPage.objects.get(pk=briefing.pk)
    draft.attachments = [BriefingAttachment(document=PublicDocumentFactory(title="Unsaved"))]
    draft.changes = [
        BriefingChange(date=datetime.date(2022, 9, 2), note="Draft note"),
        BriefingChange(date=datetime.date(2022, 10, 3), note="Later draft note"),
    ]
    html = draft.serve_preview(rf.get("/"), draft.default_preview_mode).rendered_content
    page = BeautifulSoup(html, "html.parser")
    documents = page.find(id="documents").find_parent("section").get_text()
    assert "Unsaved" in documents and "First" not in documents
    history = [li.get_text(" ", strip=True) for li in page.select("#change-history + ul li")]
    assert history == [
        "Updated 3 October 2022 : later draft note",
        "Updated 2 September 2022 : draft note",
        "Published 27 July 2022",
    ]
    assert [document.title for document in BriefingPage.objects.get(pk=briefing.pk).documents] == [
        "First",
        "Second",
    ]
