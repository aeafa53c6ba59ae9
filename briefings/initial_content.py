"""Initial content of the briefings app, built only from facts in ../shared/seeds/.

The seed page says "Please find below a link to a full stakeholder briefing
regarding the review and the decision made, alongside a set of frequently
asked questions". The briefing itself is not in the seeds, so its HTML body
is written only from the facts the seed page states about the review and the
decision, and its PDF version is generated from the same text at load time
(documents/pdf.py), so the two always say the same thing.

Publication date: the seeds do not date the briefing. It is about the board's
decision of 27 July 2022 and was linked from the page that announced it, so
27 July 2022 is the earliest date it can carry and the only one the seeds
tie to it. The body therefore states only what was known on that date (not
the August 2022 appointments). Editors should correct it if they know better.
"""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page

from documents.pdf import write_text_pdf
from lscpartnerships.core.initial_content import CORE_AIMS
from places.links import PlaceLink

from .models import (
    BriefingAttachment,
    BriefingIndexPage,
    BriefingPage,
)

ORGANISATION = "NHS Lancashire and South Cumbria"
TITLE = "Review of place-based partnerships: stakeholder briefing"
SLUG = "review-of-place-based-partnerships-stakeholder-briefing"
PUBLICATION_DATE = datetime.date(2022, 7, 27)
SUMMARY = (
    "The review of place-based partnerships in Lancashire and South Cumbria and the board’s "
    "decision of 27 July 2022 to align them to the four local authority boundaries."
)
PLACE_KEYS = [
    "places:blackburn-with-darwen",
    "places:blackpool",
    "places:south-cumbria",
    "places:lancashire",
]

# (heading or None, paragraphs, list items) — the briefing's text, once, for
# both the web page and the PDF.
SECTIONS = [
    (
        None,
        [
            "This briefing is about the review of place-based partnerships and the decision "
            "made. It sits alongside a set of frequently asked questions, which aims to give "
            "colleagues and stakeholders answers to queries they may have.",
        ],
        [],
    ),
    (
        "The decision",
        [
            "The board of NHS Lancashire and South Cumbria made a decision to align the "
            "place-based partnerships to the four local authority boundaries (Blackburn with "
            "Darwen, Blackpool, Cumbria and Lancashire) based on a paper presented at the board "
            "meeting on 27 July 2022.",
            "This decision was taken to promote and enable deeper integration and collaboration "
            "with health and social care in order to improve population health, hospital flow "
            "and discharges into the community.",
        ],
        [],
    ),
    (
        "Why place-based partnerships matter",
        [
            "The role of place-based partnerships is integral to the future of the Lancashire "
            "and South Cumbria system achieving a collaborative approach to health inequalities "
            "and the wider determinants of health for our communities throughout the life course.",
            "A place-based partnership is a collaboration of planners and providers across "
            "health, local authority and the wider community, who take collective responsibility "
            "for improving the health and wellbeing of residents within a place. Most people’s "
            "day to day care and support needs will be met within a place and delivered in "
            "neighbourhoods.",
        ],
        [],
    ),
    (
        "What changes",
        [
            "Place-based partnerships were previously known as Integrated Care Partnerships "
            "(ICPs) in Lancashire and South Cumbria. Within the Lancashire and South Cumbria "
            "Health and Care Partnership, there have previously been five place-based "
            "partnerships.",
            "Work to implement the change is underway and that will mean changes to the websites "
            "for places. One of the first stages of this change is to appoint directors of "
            "health and care integration to lead each place-based partnership.",
        ],
        [],
    ),
    (
        "The core aims of a place-based partnership",
        ["The core aims of a place-based partnership are to:"],
        CORE_AIMS,
    ),
    (
        "Next steps",
        [
            "We will continue to keep colleagues, partners and members of the public informed "
            "about any developments as early as possible.",
        ],
        [],
    ),
]
CONTACT_HTML = 'If you have any questions, please <a href="/contact-us/">contact us</a>.'
CONTACT_TEXT = "If you have any questions, please contact us."


def body_blocks():
    """The briefing's StreamField content."""
    blocks = []
    for heading, paragraphs, items in SECTIONS:
        if heading:
            blocks.append({"type": "heading", "value": {"text": heading, "level": "2"}})
        texts = list(paragraphs)
        introduction = texts.pop() if items else ""
        if heading == "Next steps":
            texts.append(CONTACT_HTML)
        if texts:
            blocks.append(
                {"type": "rich_text", "value": "".join(f"<p>{text}</p>" for text in texts)}
            )
        if items:
            blocks.append(
                {
                    "type": "aims_list",
                    "value": {"introduction": introduction, "style": "bullet", "items": items},
                }
            )
    return blocks


def pdf_content():
    """The PDF version: the same text as the web page, with its title."""
    blocks = [("title", TITLE), ("small", ORGANISATION), ("p", SUMMARY)]
    for heading, paragraphs, items in SECTIONS:
        if heading:
            blocks.append(("h2", heading))
        blocks.extend(("p", text) for text in paragraphs)
        blocks.extend(("li", item) for item in items)
        if heading == "Next steps":
            blocks.append(("p", CONTACT_TEXT))
    return write_text_pdf(TITLE, blocks, author=ORGANISATION)


def _create_document():
    document = get_document_model()(
        title=TITLE,
        description="The printable version of this briefing: the same text as this page.",
        language="en-GB",
        # Generated text-only PDF: not tagged, so readers are offered another format.
        accessible=False,
    )
    document.file.save(f"{SLUG}.pdf", ContentFile(pdf_content()), save=False)
    document.save()
    return document


def _update(page_id, change):
    """Apply `change` to the live briefing and publish it as a new revision."""
    page = BriefingPage.objects.filter(pk=page_id).first()
    if page is None:
        return
    change(page)
    page.save_revision(log_action=True).publish()


def load(loader):
    home = loader.home()
    if home is None:
        return
    index = loader.page(
        "briefings:index",
        home,
        BriefingIndexPage(
            title="Briefings",
            slug="briefings",
            short_title="Briefings",
            show_in_menus=True,
            summary=(
                "Briefings for stakeholders about place-based partnerships in Lancashire and "
                "South Cumbria, with their documents to download."
            ),
        ),
    )
    if index is None:
        return

    document = loader.once(
        "briefings:document:review-stakeholder-briefing", get_document_model(), _create_document
    )
    briefing = loader.page(
        "briefings:review-stakeholder-briefing",
        index,
        BriefingPage(
            title=TITLE,
            slug=SLUG,
            summary=SUMMARY,
            publication_date=PUBLICATION_DATE,
            audience="stakeholders",
            body=body_blocks(),
            attachments=[BriefingAttachment(document=document)] if document else [],
        ),
    )
    if briefing is None:
        return

    # Links to other apps' pages, each made once, when that page exists (a
    # later run adds a link whose target's loader had not run before).
    decision = loader.get("decisions:align-to-local-authority-boundaries", Page)
    if decision is not None:

        def link_decision(page):
            page.related_decision_id = decision.pk

        loader.do_once(
            "briefings:review-stakeholder-briefing:decision",
            lambda: _update(briefing.pk, link_decision),
        )

    faq = loader.get("decisions:faqs", Page)
    if faq is not None:

        def link_faq(page):
            page.related_faq_id = faq.pk

        loader.do_once(
            "briefings:review-stakeholder-briefing:faq", lambda: _update(briefing.pk, link_faq)
        )

    for key in PLACE_KEYS:
        place = loader.get(key, Page)
        if place is None:
            continue

        def link_place(page, place=place):
            page.place_links.add(PlaceLink(place_id=place.pk))

        loader.do_once(
            f"briefings:review-stakeholder-briefing:{key}",
            lambda link_place=link_place: _update(briefing.pk, link_place),
        )
