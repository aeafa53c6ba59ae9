"""A board decision as readers see it: status, places, superseded notice,
timeline, page history, board paper, and links across apps."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from briefings.factories import BriefingIndexPageFactory, BriefingPageFactory
from decisions.factories import BoardDecisionPageFactory, FAQPageFactory, faq_body
from decisions.models import (
    BoardDecisionChangeNote,
    BoardDecisionMilestone,
    BoardDecisionPage,
)
from lscpartnerships.core.factories import ContentPageFactory
from places.links import PlaceLink

pytestmark = pytest.mark.django_db


def test_decision_shows_status_meeting_places_and_reasons(client, make_place, decision_index):
    blackpool = make_place("Blackpool")
    lancashire = make_place("Lancashire")
    draft_place = make_place("Unpublished place", live=False)
    decision = BoardDecisionPageFactory(
        parent=decision_index,
        status=BoardDecisionPage.BEING_IMPLEMENTED,
        rationale="<p>To improve population health.</p>",
        place_links=[
            PlaceLink(place=blackpool),
            PlaceLink(place=lancashire),
            PlaceLink(place=draft_place),
        ],
    )
    html = client.get(decision.url).content.decode()
    assert '<strong class="nhsuk-tag nhsuk-tag--yellow">Being implemented</strong>' in html
    assert "27 July 2022" in html
    assert f'<a href="{blackpool.url}">Blackpool</a>' in html
    assert f'<a href="{lancashire.url}">Lancashire</a>' in html
    assert "Unpublished place" not in html
    assert "<h2>What the board decided</h2>" in html
    assert "<h2>Why the board made this decision</h2>" in html
    assert "To improve population health." in html
    assert "warning-callout" not in html


def test_place_lists_its_decisions_through_the_reverse_relation(make_place, decision_index):
    place = make_place("Blackpool")
    other = make_place("Elsewhere")
    older = BoardDecisionPageFactory(
        parent=decision_index,
        meeting_date=datetime.date(2021, 1, 1),
        place_links=[PlaceLink(place=place), PlaceLink(place=other)],
    )
    newer = BoardDecisionPageFactory(
        parent=decision_index,
        meeting_date=datetime.date(2022, 7, 27),
        place_links=[PlaceLink(place=place)],
    )
    BoardDecisionPageFactory(parent=decision_index, place_links=[PlaceLink(place=other)])
    BoardDecisionPageFactory(
        parent=decision_index, live=False, place_links=[PlaceLink(place=place)]
    )
    [(heading, _anchor, pages)] = place.linked_pages()
    assert heading == "Board decisions"
    assert pages == [newer, older]


def test_superseded_decision_shows_a_warning_linking_to_its_replacement(client, decision_index):
    replacement = BoardDecisionPageFactory(parent=decision_index, title="The new arrangement")
    old = BoardDecisionPageFactory(
        parent=decision_index,
        title="The old arrangement",
        status=BoardDecisionPage.SUPERSEDED,
        superseded_by=replacement,
    )
    html = client.get(old.url).content.decode()
    callout = html.split('<div class="nhsuk-warning-callout" id="superseded">')[1].split("</div>")[
        0
    ]
    assert "This decision has been replaced" in callout
    assert f'<a href="{replacement.url}">The new arrangement</a>' in callout
    # The callout comes straight after the title, before the summary.
    assert html.index("<h1>") < html.index('id="superseded"') < html.index("nhsuk-lede-text")
    assert '<strong class="nhsuk-tag nhsuk-tag--red">Superseded</strong>' in html
    # The replacing decision names the one it replaced.
    html = client.get(replacement.url).content.decode()
    assert "<h2>Decisions this replaces</h2>" in html
    assert f'<a href="{old.url}">The old arrangement</a>' in html


@pytest.mark.parametrize(
    ("status", "with_replacement", "field", "message"),
    [
        ("superseded", False, "superseded_by", "must link to its replacement"),
        ("agreed", True, "status", "Set the status to “Superseded”"),
    ],
)
def test_superseded_validation(decision_index, status, with_replacement, field, message):
    other = BoardDecisionPageFactory(parent=decision_index)
    decision = BoardDecisionPageFactory(parent=decision_index)
    decision.status = status
    decision.superseded_by = other if with_replacement else None
    with pytest.raises(ValidationError) as error:
        decision.full_clean()
    assert message in " ".join(error.value.message_dict[field])


def test_a_decision_cannot_replace_itself_or_link_a_non_faq_page(home, decision_index):
    decision = BoardDecisionPageFactory(parent=decision_index)
    decision.status = BoardDecisionPage.SUPERSEDED
    decision.superseded_by = decision
    with pytest.raises(ValidationError) as error:
        decision.full_clean()
    assert error.value.message_dict["superseded_by"] == ["A decision cannot replace itself."]
    # The links are typed: the form fields offer and accept only the right page type.
    other = ContentPageFactory(parent=home)
    for name in ("related_faq_page", "superseded_by"):
        field = BoardDecisionPage._meta.get_field(name).formfield()
        with pytest.raises(ValidationError):
            field.clean(other.pk)


def test_timeline_in_date_order_and_history_newest_first(client, decision_index):
    decision = BoardDecisionPageFactory(
        parent=decision_index,
        milestones=[
            BoardDecisionMilestone(
                date=datetime.date(2022, 8, 1),
                precision="month",
                description="Directors appointed.",
            ),
            BoardDecisionMilestone(date=datetime.date(2022, 7, 27), description="Board decision."),
        ],
        change_notes=[
            BoardDecisionChangeNote(date=datetime.date(2022, 7, 27), note="Decision made."),
            BoardDecisionChangeNote(date=datetime.date(2022, 9, 2), note="Status updated."),
        ],
    )
    html = client.get(decision.url).content.decode()
    assert html.index("Board decision.") < html.index("Directors appointed.")
    assert '<time datetime="2022-08">August 2022</time>' in html
    assert html.index("Status updated.") < html.index("Decision made.")
    # "Last updated" near the top is the newest change, linked to the history.
    top = html.split("<h2>What the board decided</h2>")[0]
    assert "Last updated" in top and "2 September 2022" in top
    assert 'href="#page-history"' in top
    assert '<h2 id="page-history" class="nhsuk-heading-s">Page history</h2>' in html


def test_board_paper_and_faq_page_links(client, home, decision_index):
    paper = get_document_model().objects.create(
        title="Review of place-based partnerships: board paper",
        file=ContentFile(b"The paper.", name="board-paper.txt"),
    )
    faq = FAQPageFactory(parent=home, slug="frequently-asked-questions", body=faq_body("A"))
    decision = BoardDecisionPageFactory(
        parent=decision_index, board_paper=paper, related_faq_page=faq
    )
    html = client.get(decision.url).content.decode()
    assert "<h2>Board paper</h2>" in html
    assert f'href="{paper.url}">Review of place-based partnerships: board paper</a>' in html
    assert "<h2>Questions about this decision</h2>" in html
    assert (
        'Read all the <a href="/frequently-asked-questions/">frequently asked questions</a>' in html
    )


def test_briefings_listed_through_the_reverse_relation(client, home, decision_index):
    """A briefing's typed link to the decision is all it takes: the decision
    lists its live public briefings, newest first."""
    decision = BoardDecisionPageFactory(parent=decision_index)
    briefings = BriefingIndexPageFactory(parent=home)
    older = BriefingPageFactory(
        parent=briefings,
        title="Older briefing",
        related_decision=decision,
        publication_date=datetime.date(2022, 7, 27),
    )
    newer = BriefingPageFactory(
        parent=briefings,
        title="Newer briefing",
        related_decision=decision,
        publication_date=datetime.date(2022, 8, 5),
    )
    BriefingPageFactory(
        parent=briefings, title="Draft briefing", related_decision=decision, live=False
    )
    html = client.get(decision.url).content.decode()
    assert "<h2>Briefings about this decision</h2>" in html
    assert html.index(f'<li><a href="{newer.url}">Newer briefing</a></li>') < html.index(
        f'<li><a href="{older.url}">Older briefing</a></li>'
    )
    assert "Draft briefing" not in html


def test_decision_page_queries_do_not_grow_with_places(client, make_place, decision_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(decision):
        client.get(decision.url)
        with CaptureQueriesContext(connection) as context:
            assert client.get(decision.url).status_code == 200
        return len(context)

    places = [make_place(f"Place {n}") for n in range(4)]
    one = BoardDecisionPageFactory(parent=decision_index, place_links=[PlaceLink(place=places[0])])
    four = BoardDecisionPageFactory(
        parent=decision_index, place_links=[PlaceLink(place=p) for p in places]
    )
    assert count(one) == count(four)


def test_a_preview_shows_unsaved_milestones_and_notes(rf, decision_index):
    """The published page reads its timeline and history with a compiled query
    (core.compiled.child_objects); a preview shows the editor's unsaved rows."""
    decision = BoardDecisionPageFactory(
        parent=decision_index,
        milestones=[BoardDecisionMilestone(date=datetime.date(2022, 7, 27), description="Saved.")],
    )
    assert [m.description for m in BoardDecisionPage.objects.get(pk=decision.pk).timeline] == [
        "Saved."
    ]
    draft = BoardDecisionPage.objects.get(pk=decision.pk)
    draft.milestones = [
        BoardDecisionMilestone(date=datetime.date(2022, 8, 1), description="Not yet saved.")
    ]
    draft.change_notes = [
        BoardDecisionChangeNote(date=datetime.date(2022, 9, 2), note="Draft note.")
    ]
    request = rf.get("/")
    html = draft.serve_preview(request, draft.default_preview_mode).rendered_content
    assert "Not yet saved." in html and "Saved." not in html.replace("Not yet saved.", "")
    assert "Draft note." in html
    assert [m.description for m in BoardDecisionPage.objects.get(pk=decision.pk).timeline] == [
        "Saved."
    ]
