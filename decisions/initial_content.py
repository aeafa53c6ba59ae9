"""Initial content of the decisions app, built only from facts in ../shared/seeds/.

The seeds (the 2022 page "Developing place-based partnerships in Lancashire and
South Cumbria", two versions) state one board decision, what followed it and
the facts the FAQ answers restate. Nothing here goes beyond them: the board
paper is not in the seeds, so the decision has none.
"""

import datetime

from wagtail.models import Page

from lscpartnerships.core.initial_content import CORE_AIMS, NHSEI_QUOTE, ROLE
from places.links import PlaceLink

from .models import (
    BoardDecisionChangeNote,
    BoardDecisionIndexPage,
    BoardDecisionMilestone,
    BoardDecisionPage,
    FAQPage,
    Question,
)

MEETING_DATE = datetime.date(2022, 7, 27)
PLACE_KEYS = [
    "places:blackburn-with-darwen",
    "places:blackpool",
    "places:south-cumbria",
    "places:lancashire",
]
DIRECTORS_APPOINTED = (
    "In August 2022, four directors of health and care integration were appointed by the Board "
    "and executive team of the ICB for Lancashire and South Cumbria, in collaboration with the "
    "four upper tier local authorities; Blackburn with Darwen, Blackpool, Cumbria and Lancashire."
)
KEEP_INFORMED = (
    "We will continue to keep colleagues, partners and members of the public informed about any "
    "developments as early as possible."
)


def _p(*paragraphs):
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


# (group heading, [(slug, question, answer HTML)]) — answers only restate the seeds.
FAQ_GROUPS = [
    (
        "About place-based partnerships",
        [
            (
                "what-is-a-place-based-partnership",
                "What is a place-based partnership?",
                _p(
                    "A place-based partnership is a collaboration of planners and providers "
                    "across health, local authority and the wider community, who take collective "
                    "responsibility for improving the health and wellbeing of residents within a "
                    "place. Most people’s day to day care and support needs will be met within a "
                    "place and delivered in neighbourhoods.",
                    "The common purpose of a place-based partnership is to enable collaboration "
                    "that will address specific place-based challenges and deliver within each "
                    "place the component parts of the integrated care strategy.",
                    "The document entitled “Integrating care: Next steps to building strong and "
                    "effective integrated care systems across England”, published by NHSEI in "
                    f"November 2020 states that: “{NHSEI_QUOTE}”",
                ),
            ),
            (
                "what-were-place-based-partnerships-previously-called",
                "What were place-based partnerships previously called, and how many were there?",
                _p(
                    "Place-based partnerships were previously known as Integrated Care "
                    "Partnerships (ICPs) in Lancashire and South Cumbria.",
                    "Within the Lancashire and South Cumbria Health and Care Partnership, there "
                    "have previously been five place-based partnerships.",
                ),
            ),
            (
                "what-are-the-core-aims",
                "What are the core aims of a place-based partnership?",
                "<p>The core aims of a place-based partnership are to:</p><ul>"
                + "".join(f"<li>{aim}</li>" for aim in CORE_AIMS)
                + "</ul>",
            ),
        ],
    ),
    (
        "The board’s decision",
        [
            (
                "why-did-the-boundaries-change",
                "Why did the boundaries change?",
                _p(
                    "The board of NHS Lancashire and South Cumbria made a decision to align the "
                    "place-based partnerships to the four local authority boundaries to promote "
                    "and enable deeper integration and collaboration with health and social care "
                    "in order to improve population health, hospital flow and discharges into the "
                    "community.",
                    ROLE,
                ),
            ),
            (
                "when-was-the-decision-made",
                "When was the decision made?",
                _p(
                    "In July 2022. The decision was based on a paper presented at the board "
                    "meeting of NHS Lancashire and South Cumbria on 27 July 2022."
                ),
            ),
            (
                "what-are-the-four-places",
                "What are the four places?",
                _p(
                    "The place-based partnerships are aligned to the boundaries of the four upper "
                    "tier local authorities: Blackburn with Darwen, Blackpool, Cumbria and "
                    "Lancashire."
                ),
            ),
        ],
    ),
    (
        "What happens next",
        [
            (
                "who-are-the-directors-of-health-and-care-integration",
                "Who are the directors of health and care integration?",
                _p(
                    "One of the first stages of this change is to appoint directors of health and "
                    "care integration to lead each place-based partnership.",
                    DIRECTORS_APPOINTED,
                    "The new directors are Claire Richardson, Karen Smith, Jane Scattergood and "
                    "Louise Taylor.",
                ),
            ),
            (
                "what-happens-next",
                "What happens next?",
                _p(
                    "Work to implement this change is underway and that will mean changes to the "
                    "websites for places.",
                    KEEP_INFORMED,
                ),
            ),
        ],
    ),
]

# Questions also shown on the decision page itself.
DECISION_QUESTIONS = [
    "what-is-a-place-based-partnership",
    "who-are-the-directors-of-health-and-care-integration",
    "what-happens-next",
]


def _publish_question(**fields):
    """A question, live, with its first revision (questions go through sign-off,
    so editors compare later drafts with this one)."""
    question = Question.objects.create(**fields)
    question.save_revision().publish()
    return question


def load(loader):
    """Create the FAQ questions, the FAQ page, the board decision index and the
    seed decision, once each (see lscpartnerships/core/loading.py)."""
    home = loader.home()
    if home is None:
        return

    questions = {}
    for _group, items in FAQ_GROUPS:
        for slug, text, answer in items:
            questions[slug] = loader.once(
                f"decisions:question:{slug}",
                Question,
                lambda slug=slug, text=text, answer=answer: _publish_question(
                    question=text, slug=slug, answer=answer
                ),
            )

    index = loader.page(
        "decisions:index",
        home,
        BoardDecisionIndexPage(
            title="Board decisions",
            slug="board-decisions",
            short_title="Board decisions",
            show_in_menus=True,
            summary=(
                "Decisions of the board of NHS Lancashire and South Cumbria about place-based "
                "partnerships: what was decided, why, and what has happened since."
            ),
        ),
    )

    body = []
    for group, items in FAQ_GROUPS:
        body.append({"type": "group_heading", "value": group})
        for slug, _text, _answer in items:
            if questions.get(slug) is not None:
                body.append({"type": "question", "value": questions[slug].pk})
    faq_page = loader.page(
        "decisions:faqs",
        home,
        FAQPage(
            title="Frequently asked questions",
            slug="frequently-asked-questions",
            short_title="FAQs",
            show_in_menus=True,
            summary=(
                "Answers to questions colleagues and stakeholders may have about place-based "
                "partnerships and the board’s decision to align them to local authority "
                "boundaries."
            ),
            body=body,
        ),
    )

    places = [loader.get(key, Page) for key in PLACE_KEYS]
    related_questions = [
        questions[slug].pk for slug in DECISION_QUESTIONS if questions.get(slug) is not None
    ]
    loader.page(
        "decisions:align-to-local-authority-boundaries",
        index,
        BoardDecisionPage(
            title="Aligning place-based partnerships to local authority boundaries",
            slug="align-to-local-authority-boundaries",
            summary=(
                "On 27 July 2022 the board of NHS Lancashire and South Cumbria decided to align "
                "the place-based partnerships to the four local authority boundaries."
            ),
            meeting_date=MEETING_DATE,
            status=BoardDecisionPage.BEING_IMPLEMENTED,
            decision=_p(
                "The board of NHS Lancashire and South Cumbria made a decision to align the "
                "place-based partnerships to the four local authority boundaries, based on a "
                "paper presented at the board meeting on 27 July 2022.",
                "The four upper tier local authorities are Blackburn with Darwen, Blackpool, "
                "Cumbria and Lancashire.",
                "Work to implement this change is underway.",
            ),
            rationale=_p(
                "This decision was taken to promote and enable deeper integration and "
                "collaboration with health and social care in order to improve population health, "
                "hospital flow and discharges into the community.",
                ROLE,
            ),
            related_faq_page=faq_page,
            related_questions=[
                {
                    "type": "questions",
                    "value": {
                        "heading": "Questions about this decision",
                        "heading_level": "2",
                        "questions": related_questions,
                    },
                }
            ]
            if related_questions
            else [],
            place_links=[PlaceLink(place_id=place.pk) for place in places if place],
            milestones=[
                BoardDecisionMilestone(
                    date=MEETING_DATE,
                    precision=BoardDecisionMilestone.DAY,
                    description=(
                        "The board decided to align the place-based partnerships to the four "
                        "local authority boundaries."
                    ),
                ),
                BoardDecisionMilestone(
                    date=datetime.date(2022, 8, 1),
                    precision=BoardDecisionMilestone.MONTH,
                    description=(
                        "Four directors of health and care integration appointed by the Board "
                        "and executive team of the ICB, in collaboration with the four upper tier "
                        "local authorities."
                    ),
                ),
            ],
            change_notes=[
                BoardDecisionChangeNote(
                    date=MEETING_DATE, note="Decision made at the board meeting."
                )
            ],
        ),
    )
