"""Board decisions and frequently asked questions.

Readers want to know what the board decided, why, what it changes for their
place and what happens next. A decision is a page of its own (with status,
places affected, timeline and a public change history) so it can be linked,
superseded and listed by year; questions are snippets written once and shown
on the FAQ page and wherever else they help (see blocks.QuestionsBlock).
"""

from functools import lru_cache

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.rich_text import expand_db_html, get_text_for_indexing
from wagtail.search import index

from lscpartnerships.core.api_fields import DocumentLinkField, LivePageLinkField, RichTextHTMLField
from lscpartnerships.core.blocks import RICH_TEXT_FEATURES
from lscpartnerships.core.compiled import child_objects, compiled_pages
from lscpartnerships.core.feeds import FeedsMixin
from lscpartnerships.core.models import BasePage
from lscpartnerships.core.pagination import paginate
from lscpartnerships.core.visibility import PAGE_LINK_FIELDS, public_related
from places.links import PlaceLinksMixin, public_places

from .blocks import FAQStreamBlock, QuestionsBlock
from .feeds import DecisionFeed

# -- Questions -----------------------------------------------------------------


class Question(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """One frequently asked question and its answer.

    A snippet, so it is written once and reused: the FAQ page lists it and a
    decision (or a place) can show it too. Its slug is the stable anchor id,
    e.g. /frequently-asked-questions/#why-did-the-boundaries-change.

    An answer is public information, so it goes through sign-off like a page:
    editors save drafts and submit them to the "Comms sign-off" workflow, and
    the row (what the public sees) changes only when an approver publishes.
    Public pages and the API show only live questions (see `live_questions`).
    """

    question = models.CharField(
        max_length=255,
        help_text="The question as a reader would ask it, e.g. “Why did the boundaries change?”.",
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        blank=True,
        error_messages={
            "unique": "Another question already uses this link anchor. Choose a different one."
        },
        help_text=(
            "The question's link anchor, e.g. “why-did-the-boundaries-change”. Leave blank "
            "to make one from the question. Changing it breaks links people have shared."
        ),
    )
    answer = RichTextField(
        features=RICH_TEXT_FEATURES,
        help_text="The answer in plain language. No headings: it sits inside an expander.",
    )

    # Revisions and workflow states of a snippet are found through these (Wagtail
    # docs, "Snippets": "Saving revisions" and "Enabling workflows").
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="question",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="question",
        for_concrete_model=False,
    )

    panels = [FieldPanel("question"), FieldPanel("slug"), FieldPanel("answer")]
    search_fields = [
        index.SearchField("question", boost=2),
        index.AutocompleteField("question"),
        index.SearchField("answer"),
        index.FilterField("slug"),
    ]

    class Meta:
        ordering = ["question"]
        verbose_name = "FAQ question"
        verbose_name_plural = "FAQ questions"

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self):
        base = slugify(self.question)[:90].strip("-") or "question"
        others = Question.objects.exclude(pk=self.pk)
        slug, number = base, 2
        while others.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug

    @property
    def answer_text(self):
        """The answer as plain text, on one line (for JSON-LD and search)."""
        return plain_text(str(self.answer or ""))

    def get_preview_template(self, request, mode_name):
        return "decisions/question_preview.html"


#: Distinct answers whose plain text a process keeps (a few kilobytes each).
KEPT_PLAIN_TEXTS = 512


@lru_cache(maxsize=KEPT_PLAIN_TEXTS)
def plain_text(richtext):
    """Rich text as plain text on one line.

    Kept per source text: every FAQ page view puts each answer's plain text in
    its JSON-LD, and Django's strip_tags (an HTML parser run until nothing
    changes) took a sixth of an uncached FAQ page's time (issue 14). The text
    is a function of the source alone, so an edited answer is a new key.
    """
    return " ".join(get_text_for_indexing(richtext).split())


def live_questions(questions):
    """Only the questions the public may see (published), in the given order.

    A chooser may hold a question that was never published or was unpublished;
    a live question's row always holds its published content, never a draft.
    """
    return [question for question in questions if question is not None and question.live]


# -- FAQ page ------------------------------------------------------------------


class FAQPage(BasePage):
    """Frequently asked questions, grouped under headings, as NHS.UK expanders.

    The page only arranges questions (snippets); their wording lives in one
    place. Each expander's id is the question's slug so an answer can be linked
    directly, and the page publishes schema.org FAQPage data for search engines.
    """

    page_description = "Frequently asked questions, shown as expanders, grouped under headings."

    body = StreamField(
        FAQStreamBlock(),
        help_text=(
            "Group headings and questions in the order readers should see them. Each question "
            "can appear once."
        ),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("questions_text")]
    api_fields = [*BasePage.api_fields, APIField("api_questions")]

    parent_page_types = ["core.HomePage", "core.ContentPage"]
    subpage_types = []

    class Meta:
        verbose_name = "FAQ page"

    @cached_property
    def questions(self):
        """The page's live questions in order (fetched in one query for the stream)."""
        return live_questions(child.value for child in self.body if child.block_type == "question")

    def questions_text(self):
        return " ".join(f"{q.question} {q.answer_text}" for q in self.questions)

    @property
    def api_questions(self):
        """Questions for the partner API, with their stable anchor ids."""
        return [
            {"question": q.question, "id": q.slug, "answer": expand_db_html(q.answer)}
            for q in self.questions
        ]

    @property
    def json_ld_data(self):
        """schema.org FAQPage: every question with its answer as plain text."""
        return {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": question.question,
                    "acceptedAnswer": {"@type": "Answer", "text": question.answer_text},
                }
                for question in self.questions
            ],
        }


# -- Board decisions -----------------------------------------------------------


class BoardDecisionIndexPage(FeedsMixin, RoutablePageMixin, BasePage):
    """All board decisions, newest meeting first, filterable by year, with
    Atom feeds of all decisions and of each place's (decisions/feeds.py).

    The filter is a plain GET form so it works without JavaScript; a year with
    no decisions (or one that is not a year) gets a message, never an error.
    """

    feed_class = DecisionFeed

    page_description = "The list of board decisions, newest first. There is only one."

    per_page = 10
    feed_length = 20
    show_latest_on_home = True

    parent_page_types = ["core.HomePage"]
    subpage_types = ["decisions.BoardDecisionPage"]
    max_count = 1

    class Meta:
        verbose_name = "board decision index page"

    def decisions(self):
        return (
            BoardDecisionPage.objects.child_of(self)
            .live()
            .public()
            .only(*PAGE_LINK_FIELDS, *BoardDecisionPage.listing_fields)
            .order_by("-meeting_date", "-pk")
        )

    def latest_children(self, limit=3):
        """Newest decisions by meeting date, for the home page."""
        return self.decisions()[:limit]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        decisions = self.decisions()
        years = [date.year for date in decisions.dates("meeting_date", "year", order="DESC")]
        raw_year = request.GET.get("year", "").strip()
        selected_year = None
        unknown_year = None
        if raw_year:
            try:
                year = int(raw_year)
            except ValueError:
                year = None
            if year in years:
                selected_year = year
                decisions = decisions.filter(meeting_date__year=year)
            else:
                unknown_year = raw_year[:20]
                decisions = decisions.none()
        context.update(
            years=years,
            selected_year=selected_year,
            unknown_year=unknown_year,
            filtered="year" in request.GET,
            noindex="year" in request.GET,  # a filtered list is not for search engines
            page_obj=paginate(request, decisions, self.per_page),
        )
        return context

    # -- feeds (i15) -------------------------------------------------------------
    def feed_place_slugs(self):
        return list(public_places().order_by("slug").values_list("slug", flat=True).distinct())

    def place_for_slug(self, slug):
        """(id, title) of the live public place page with this slug; None if
        there is none."""
        return public_places().filter(slug=slug).order_by("pk").values_list("pk", "title").first()


class BoardDecisionPage(PlaceLinksMixin, BasePage):
    """One decision of the board: what was decided, why, for which places, its
    status and what has happened since.

    Status changes are public: a superseded decision stays published with a
    prominent link to the decision that replaced it, and dated notes record
    what changed on the page (GOV.UK's "Page history", newest first).
    """

    page_description = "A decision of the board: what, why, which places, status and timeline."

    PROPOSED = "proposed"
    AGREED = "agreed"
    BEING_IMPLEMENTED = "being_implemented"
    IMPLEMENTED = "implemented"
    SUPERSEDED = "superseded"
    STATUS_CHOICES = [
        (PROPOSED, "Proposed"),
        (AGREED, "Agreed"),
        (BEING_IMPLEMENTED, "Being implemented"),
        (IMPLEMENTED, "Implemented"),
        (SUPERSEDED, "Superseded"),
    ]
    STATUS_TAG_COLOURS = {
        PROPOSED: "grey",
        AGREED: "blue",
        BEING_IMPLEMENTED: "yellow",
        IMPLEMENTED: "green",
        SUPERSEDED: "red",
    }

    # Nullable so a new decision's draft can be (auto)saved before the date is
    # known; not blank, so it is still required to submit or publish (0042).
    meeting_date = models.DateField(
        null=True,
        help_text="The date of the board meeting at which the decision was made.",
    )
    status = models.CharField(
        max_length=20,
        choices=STATUS_CHOICES,
        default=AGREED,
        help_text=(
            "Where the decision stands now. Choose “Superseded” only together with the "
            "decision that replaced it."
        ),
    )
    superseded_by = models.ForeignKey(
        "decisions.BoardDecisionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The decision that replaced this one. Required when the status is Superseded.",
    )
    decision = RichTextField(
        "What the board decided",
        features=RICH_TEXT_FEATURES,
        help_text="The decision in full, in plain language. The summary above is its short form.",
    )
    rationale = RichTextField(
        "Why",
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Why the board made this decision: the reasons and what it should achieve.",
    )
    board_paper = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The paper presented to the board, if it is published (optional).",
    )
    related_faq_page = models.ForeignKey(
        "decisions.FAQPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="related FAQ page",
        help_text="The frequently asked questions page that answers questions about this decision.",
    )
    related_questions = StreamField(
        [("questions", QuestionsBlock())],
        blank=True,
        help_text="Optional: a few questions and answers to show on this page.",
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("meeting_date"),
                FieldPanel("status"),
                FieldPanel("superseded_by"),
            ],
            heading="Meeting and status",
        ),
        FieldPanel("decision"),
        FieldPanel("rationale"),
        InlinePanel("place_links", heading="Places affected", label="Place"),
        FieldPanel("board_paper"),
        InlinePanel("milestones", heading="Implementation timeline", label="Milestone"),
        FieldPanel("related_faq_page"),
        FieldPanel("related_questions"),
        InlinePanel("change_notes", heading="Page history", label="Change note", min_num=0),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("decision"),
        index.SearchField("rationale"),
        index.FilterField("meeting_date"),
        index.FilterField("status"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("meeting_date"),
        APIField("status"),
        APIField("decision", serializer=RichTextHTMLField()),
        APIField("rationale", serializer=RichTextHTMLField()),
        APIField("place_links"),
        APIField("milestones"),
        APIField("change_notes"),
        APIField("board_paper", serializer=DocumentLinkField()),
        APIField("related_faq_page", serializer=LivePageLinkField()),
        APIField("superseded_by", serializer=LivePageLinkField()),
    ]

    parent_page_types = ["decisions.BoardDecisionIndexPage"]
    subpage_types = []

    #: Place pages list the decisions that affect them, newest meeting first.
    place_listing_order = ("-meeting_date", "-pk")
    #: What the listing, the home page's latest list and the feeds show of a
    #: decision, beside `PAGE_LINK_FIELDS` (they read only these columns).
    listing_fields = (
        "summary",
        "meeting_date",
        "status",
        "first_published_at",
        "last_published_at",
    )

    class Meta:
        verbose_name = "board decision"
        indexes = [
            # Listings of decisions are newest meeting first and take the
            # first few: read from this index and stop, not sort them all.
            models.Index(fields=["-meeting_date", "-page_ptr"], name="decision_newest_first"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.status == self.SUPERSEDED and not self.superseded_by_id:
            errors["superseded_by"] = (
                "Choose the decision that replaced this one: a superseded decision must "
                "link to its replacement."
            )
        if self.superseded_by_id:
            if self.status != self.SUPERSEDED:
                errors["status"] = (
                    "Set the status to “Superseded”, or remove the replacing decision: only a "
                    "superseded decision links to one that replaced it."
                )
            if self.pk and self.superseded_by_id == self.pk:
                errors["superseded_by"] = "A decision cannot replace itself."
        if errors:
            raise ValidationError(errors)

    # -- what the template shows ---------------------------------------------
    @property
    def status_tag_colour(self):
        return self.STATUS_TAG_COLOURS.get(self.status, "grey")

    @property
    def is_superseded(self):
        return self.status == self.SUPERSEDED

    @cached_property
    def replacement(self):
        """The live decision that replaced this one, if any."""
        return public_related(self, "superseded_by")

    @cached_property
    def timeline(self):
        """Milestones in date order."""
        return sorted(child_objects(self, "milestones"), key=lambda m: (m.date, m.sort_order or 0))

    @cached_property
    def history(self):
        """Change notes, newest first (GOV.UK's page history convention)."""
        notes = child_objects(self, "change_notes")
        return sorted(notes, key=lambda n: (n.date, n.sort_order or 0))[::-1]

    @property
    def last_updated(self):
        if self.history:
            return self.history[0].date
        return self.last_published_at.date() if self.last_published_at else None

    def replaces(self):
        """Live decisions this one replaced (the other side of superseded_by)."""
        if not self.pk:
            return []
        return compiled_pages(  # the same query on every decision (core.compiled)
            ("decisions-replaced",),
            lambda: (
                BoardDecisionPage.objects.live()
                .public()
                .filter(superseded_by=self)
                .order_by("-meeting_date")
                .values_list(*PAGE_LINK_FIELDS, "meeting_date")
            ),
            [self.pk],
        )

    def live_briefings(self):
        """Live public briefings that explain this decision, newest first (the
        reverse of BriefingPage.related_decision)."""
        if not self.pk:
            return []
        briefings = compiled_pages(  # the same query on every decision (core.compiled)
            ("decision-briefings",),
            lambda: (
                self.briefings.live()
                .public()
                .order_by("-publication_date")
                .values_list(*PAGE_LINK_FIELDS, "related_decision")
            ),
            [self.pk],
        )
        field = self.briefings.field  # BriefingPage.related_decision, which is this page
        for briefing in briefings:
            field.set_cached_value(briefing, self)
        return briefings

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["briefings"] = self.live_briefings()
        context["replaces"] = self.replaces()
        context["faq_page"] = public_related(self, "related_faq_page")
        return context


class BoardDecisionMilestone(Orderable):
    """A dated step in putting a decision into effect, e.g. “August 2022: four
    directors of health and care integration appointed”."""

    DAY = "day"
    MONTH = "month"

    decision = ParentalKey(
        "decisions.BoardDecisionPage", on_delete=models.CASCADE, related_name="milestones"
    )
    date = models.DateField(help_text="When it happened. For a month only, use any day of it.")
    precision = models.CharField(
        max_length=5,
        choices=[(DAY, "Show the day"), (MONTH, "Show the month only")],
        default=DAY,
        help_text="Show “August 2022” when the sources give only the month.",
    )
    description = models.CharField(
        max_length=300,
        help_text="What happened, in one sentence.",
    )

    panels = [FieldPanel("date"), FieldPanel("precision"), FieldPanel("description")]

    @property
    def display_date(self):
        return self.date.strftime("%B %Y") if self.precision == self.MONTH else _day(self.date)

    @property
    def machine_date(self):
        return (
            self.date.strftime("%Y-%m") if self.precision == self.MONTH else self.date.isoformat()
        )

    api_fields = [APIField("date"), APIField("precision"), APIField("description")]


class BoardDecisionChangeNote(Orderable):
    """A public note of a change to the decision page, shown in its page
    history (e.g. “27 July 2022: decision made”)."""

    decision = ParentalKey(
        "decisions.BoardDecisionPage", on_delete=models.CASCADE, related_name="change_notes"
    )
    date = models.DateField(help_text="When the change was made.")
    note = models.CharField(
        max_length=300,
        help_text="What changed, in a sentence readers understand, e.g. “Status updated”.",
    )

    panels = [FieldPanel("date"), FieldPanel("note")]

    api_fields = [APIField("date"), APIField("note")]


def _day(date):
    return f"{date.day} {date.strftime('%B %Y')}"
