"""Blocks that put frequently asked questions on pages without copying them.

A `decisions.Question` snippet is written once and chosen wherever it is
needed, so correcting an answer corrects it everywhere it appears:

- `FAQStreamBlock` is the body of an FAQPage: group headings and questions, in
  the order editors set.
- `QuestionsBlock` pulls a few chosen questions into any other page (a board
  decision, and later a place page). To offer it, add it to a page's stream:

      from decisions.blocks import QuestionsBlock

      class PlaceStreamBlock(ContentStreamBlock):
          questions = QuestionsBlock()

  It renders the same NHS.UK expanders as the FAQ page, each with a link to
  the answer on the FAQ page that holds the question (found automatically).
"""

import copy

from django.apps import apps
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from lscpartnerships.core.compiled import compiled, compiled_pages, model_from_row
from lscpartnerships.core.visibility import PAGE_LINK_FIELDS

#: The most questions one stream reads with a query kept compiled: one shape
#: per count, and the counts are the editors' (a FAQ page lists about twenty).
KEPT_IN_BULK = 100


def faq_pages_by_question(question_ids, request=None):
    """Map question id → the live FAQ page that lists it (the first in the tree).

    One query for all FAQ pages (there are few); the question ids are read from
    each page's raw stream data, so no question is fetched twice. The result is
    cached on the request, so several QuestionsBlocks on a page share it.
    """
    cache = getattr(request, "_decisions_faq_pages", None) if request is not None else None
    if cache is None:
        FAQPage = apps.get_model("decisions", "FAQPage")
        cache = {}
        pages = compiled_pages(  # the same query on every page with questions (core.compiled)
            ("faq-pages-with-body",),
            lambda: (
                FAQPage.objects.live()
                .public()
                .order_by("path")
                .values_list(*PAGE_LINK_FIELDS, "body")
            ),
            [],
        )
        for page in pages:
            for item in page.body.raw_data:
                if item.get("type") == "question" and item.get("value") is not None:
                    cache.setdefault(item["value"], page)
        if request is not None:
            request._decisions_faq_pages = cache
    return {pk: cache[pk] for pk in question_ids if pk in cache}


class QuestionChooserBlock(SnippetChooserBlock):
    """Wagtail's snippet chooser, reading a stream's chosen questions with a
    compiled query (core.compiled): Django built and compiled the same
    `in_bulk` query on every FAQ page and decision (issue 14). Saved and
    migrated as Wagtail's own block: what is stored does not change."""

    def deconstruct(self):
        _path, args, kwargs = super().deconstruct()
        return "wagtail.snippets.blocks.SnippetChooserBlock", args, kwargs

    def bulk_to_python(self, values):
        model = self.model_class
        ids = list(dict.fromkeys(value for value in values if value is not None))
        if not ids or len(ids) > KEPT_IN_BULK or not all(type(pk) is int for pk in ids):
            return super().bulk_to_python(values)
        query = compiled(
            ("snippets-in-bulk", model._meta.label_lower, len(ids)),
            lambda: model.objects.filter(pk__in=ids).order_by(),
            ids,
        )
        pk_name = model._meta.pk.attname
        objects = {row[pk_name]: model_from_row(model, row, query.db) for row in query.rows(ids)}
        result, seen = [], set()
        for pk in values:  # as Wagtail's: a question chosen twice is two objects
            obj = objects.get(pk)
            if obj is not None and pk in seen:
                obj = copy.copy(obj)
            result.append(obj)
            seen.add(pk)
        return result


class FAQGroupHeadingBlock(blocks.CharBlock):
    """A heading (h2) that groups the questions after it, e.g. “The board’s decision”."""

    class Meta:
        icon = "title"
        label = "Group heading"
        template = "decisions/blocks/group_heading.html"
        help_text = "A short heading for the questions that follow it (shown as heading 2)."


class FAQStreamBlock(blocks.StreamBlock):
    """The body of an FAQ page: group headings and questions, in order.

    Only these two blocks: an FAQ page is a list of answers, and the page
    checks that no question appears twice (its slug is the anchor id, which
    must be unique on the page).
    """

    group_heading = FAQGroupHeadingBlock()
    # The question's slug becomes the expander's id, so links to
    # /frequently-asked-questions/#slug keep working.
    question = QuestionChooserBlock(
        "decisions.Question",
        icon="help",
        label="Question",
        template="decisions/blocks/faq_question.html",
        help_text="Choose a question, or create one, from FAQ questions.",
    )

    class Meta:
        min_num = 1

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        seen = set()
        for index, child in enumerate(value):
            if child.block_type != "question" or child.value is None:
                continue
            if child.value.pk in seen:
                errors[index] = ErrorList(
                    [
                        ValidationError(
                            f"“{child.value}” is already on this page. Each question can "
                            "appear only once, because its link (#"
                            f"{child.value.slug}) must lead to one place."
                        )
                    ]
                )
            seen.add(child.value.pk)
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value


class QuestionsBlock(blocks.StructBlock):
    """Chosen questions shown on another page, without copying them.

    Each renders as the same NHS.UK expander as on the FAQ page, with a link
    to the answer on the FAQ page that lists it (when one does).
    """

    heading = blocks.CharBlock(
        required=False,
        help_text=(
            "Optional heading, e.g. “Questions about this decision”. Leave blank if a "
            "heading just before already introduces these questions."
        ),
    )
    heading_level = blocks.ChoiceBlock(
        choices=[("2", "Heading 2"), ("3", "Heading 3")],
        default="2",
        help_text="Heading 3 only when this sits under a heading 2 of the same topic.",
    )
    questions = blocks.ListBlock(
        QuestionChooserBlock("decisions.Question"),
        min_num=1,
        help_text="Questions to show. Edit a question's answer once in FAQ questions.",
    )

    class Meta:
        icon = "help"
        label = "Questions and answers"
        template = "decisions/blocks/questions_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        request = parent_context.get("request")
        current = parent_context.get("page")
        # Published questions only: a draft or unpublished one is not shown.
        questions = [q for q in value["questions"] if q is not None and q.live]
        faq_pages = faq_pages_by_question([question.pk for question in questions], request)
        items = []
        for question in questions:
            faq_page = faq_pages.get(question.pk)
            if faq_page is not None and current is not None and faq_page.pk == current.pk:
                faq_page = None  # already on the FAQ page: no link to itself
            items.append({"question": question, "faq_page": faq_page})
        context["items"] = items
        return context
