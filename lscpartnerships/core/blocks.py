"""Shared StreamField blocks, built on wagtail-nhsuk-frontend's components.

One stream block (`ContentStreamBlock`) offers every block a narrative page may
use; page types that need less curate it by subclassing. Each block has an
icon, a template that renders NHS.UK markup and a preview value for the admin.
"""

from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtailnhsukfrontend.blocks import ActionLinkBlock as NHSActionLinkBlock
from wagtailnhsukfrontend.blocks import ExpanderBlock as NHSExpanderBlock
from wagtailnhsukfrontend.blocks import InsetTextBlock as NHSInsetTextBlock

# Rich text may not contain its own headings: headings are HeadingBlocks so
# their levels can be checked (see ContentStreamBlock.clean).
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

# Link texts that say nothing about where they go (WCAG 2.4.4).
VAGUE_LINK_TEXTS = {
    "click here",
    "here",
    "read more",
    "more",
    "link",
    "this link",
    "find out more",
    "learn more",
    "click",
    "more info",
    "more information",
    "this page",
}


def check_link_text(text):
    """Return an error message when `text` would not make sense read on its own."""
    cleaned = " ".join((text or "").lower().strip(" .!:").split())
    if cleaned in VAGUE_LINK_TEXTS:
        return (
            f"“{text}” does not say where the link goes. Use words that make sense "
            "on their own, such as the title of the page or document."
        )
    return None


class _LinkTextParser(HTMLParser):
    """Collects the text of every <a> in a rich text value's HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._depth += 1
            self.links.append("")

    def handle_endtag(self, tag):
        if tag == "a" and self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.links[-1] += data


def rich_text_link_errors(value):
    """Messages for links in rich text whose text is empty or says nothing
    about where they go ("click here", "read more"…), one per bad link."""
    source = getattr(value, "source", value) or ""
    parser = _LinkTextParser()
    parser.feed(str(source))
    parser.close()
    messages = []
    for text in parser.links:
        text = " ".join(text.split())
        if not text:
            messages.append(
                "A link has no text, so screen readers cannot say where it goes. Select the "
                "link and type words that describe its destination, or remove it."
            )
            continue
        message = check_link_text(text)
        if message:
            messages.append(f"The link text {message} Select the link and retype its text.")
    return messages


class RichTextBlock(blocks.RichTextBlock):
    """Paragraphs, lists and links. Headings are separate blocks; link texts
    are checked, so every link makes sense read on its own (WCAG 2.4.4)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        messages = rich_text_link_errors(value)
        if messages:
            raise ValidationError([ValidationError(message) for message in messages])
        return value

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text_block.html"
        preview_value = (
            "<p>Most people’s day to day care and support needs will be met within a place.</p>"
        )


class HeadingBlock(blocks.StructBlock):
    """A section heading; levels are checked so they never skip (h2 → h4)."""

    text = blocks.CharBlock(help_text="Short, descriptive heading text.")
    level = blocks.ChoiceBlock(
        choices=[("2", "Heading 2"), ("3", "Heading 3"), ("4", "Heading 4")],
        default="2",
        help_text="Start with heading 2. Use heading 3 only under a heading 2, and so on.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "What do we mean by a place-based partnership?", "level": "2"}


class QuoteBlock(blocks.StructBlock):
    """A quotation with its source, e.g. from NHSEI's “Integrating care”."""

    quote = blocks.TextBlock(help_text="The words quoted, without quotation marks.")
    citation = blocks.CharBlock(
        required=False, help_text="Who said or published it, and where (shown under the quote)."
    )
    citation_url = blocks.URLBlock(required=False, help_text="Optional link to the source.")

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        preview_value = {
            "quote": "Every area is different.",
            "citation": "NHSEI, Integrating care, November 2020",
        }


class InsetTextBlock(NHSInsetTextBlock):
    """NHS.UK inset text: information set apart from the surrounding text."""

    class Meta:
        icon = "info-circle"
        template = "wagtailnhsukfrontend/inset_text.html"
        preview_value = {"body": "<p>This information is being reviewed.</p>"}

    def clean(self, value):
        value = super().clean(value)
        messages = rich_text_link_errors(value.get("body"))
        if messages:
            raise blocks.StructBlockValidationError(
                block_errors={"body": ValidationError([ValidationError(m) for m in messages])}
            )
        return value


class AimsListBlock(blocks.StructBlock):
    """A numbered or bulleted list of aims or priorities."""

    introduction = blocks.CharBlock(
        required=False, help_text="Optional lead-in, e.g. “The core aims of a partnership are to:”."
    )
    style = blocks.ChoiceBlock(
        choices=[("bullet", "Bulleted"), ("number", "Numbered")],
        default="bullet",
        help_text="Numbered only when the order matters.",
    )
    items = blocks.ListBlock(
        blocks.CharBlock(label="Item"), min_num=1, help_text="One aim per item."
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/aims_list_block.html"
        preview_value = {
            "style": "bullet",
            "items": [
                "Improve the health and wellbeing of the population and reduce inequalities."
            ],
        }


class ActionLinkBlock(NHSActionLinkBlock):
    """NHS.UK action link to a page or URL, with link text checked for meaning."""

    class Meta:
        icon = "link"
        template = "wagtailnhsukfrontend/action_link.html"
        preview_value = {
            "text": "Find out about place-based partnerships",
            "external_url": "https://www.nhs.uk/",
        }

    def clean(self, value):
        message = check_link_text(value.get("text"))
        if message:
            raise blocks.StructBlockValidationError(block_errors={"text": ErrorList([message])})
        return super().clean(value)


class ExpanderBlock(NHSExpanderBlock):
    """NHS.UK expander (details/summary): works without JavaScript. Links
    inside it are checked like links anywhere else."""

    class Meta:
        icon = "plus-inverse"
        template = "wagtailnhsukfrontend/expander.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        for index, child in enumerate(value.get("body") or []):
            if child.block_type == "richtext":
                messages = rich_text_link_errors(child.value)
            elif child.block_type == "action_link":
                message = check_link_text(child.value.get("text"))
                messages = [message] if message else []
            elif child.block_type == "inset_text":
                messages = rich_text_link_errors(child.value.get("body"))
            else:
                messages = []
            if messages:
                errors[index] = ValidationError([ValidationError(m) for m in messages])
        if errors:
            raise blocks.StructBlockValidationError(
                block_errors={"body": StreamBlockValidationError(block_errors=errors)}
            )
        return value


class ImageBlock(blocks.StructBlock):
    """An image. Its alternative text comes from the image (where it is required)
    unless the editor overrides it here or marks this use decorative."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        help_text="Leave blank to use the image's own alternative text. Describe what it shows.",
    )
    decorative = blocks.BooleanBlock(
        required=False,
        help_text="Tick only if the image adds nothing to the text (screen readers will skip it).",
    )
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"

    def clean(self, value):
        value = super().clean(value)
        image = value.get("image")
        own_alt = (value.get("alt_text") or "").strip()
        image_alt = getattr(image, "default_alt_text", "") if image else ""
        if not value.get("decorative") and not own_alt and not image_alt:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ErrorList(
                        [
                            ValidationError(
                                "Add alternative text, or tick “decorative” if the image "
                                "adds nothing to the text."
                            )
                        ]
                    )
                }
            )
        return value


class PageLinkBlock(blocks.StructBlock):
    """A link to a page of this site, shown as an NHS.UK card."""

    page = blocks.PageChooserBlock()
    description = blocks.CharBlock(
        required=False, help_text="Optional. Leave blank to use the page's summary."
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/page_link_block.html"

    def bulk_to_python(self, values):
        """Every link of a stream at once: which linked pages the public may
        see, and their specific pages, in one query per page type (the
        template's `public_or_none` then asks nothing)."""
        from lscpartnerships.core.visibility import prefetch_public_specific

        result = super().bulk_to_python(values)
        prefetch_public_specific([value.get("page") for value in result])
        return result


class ContactDetailsBlock(blocks.StaticBlock):
    """The organisation's email and phone from Site settings, kept in one place."""

    class Meta:
        icon = "mail"
        template = "blocks/contact_details_block.html"
        admin_text = "Shows the contact email and phone number from Site settings."
        label = "Contact details"


def heading_level_errors(stream_value, first_level=2):
    """Map block index → message for headings that skip a level.

    The page's h1 is its title, so the first heading may be at most
    `first_level`; each later heading may go at most one level deeper.
    """
    errors = {}
    previous = first_level - 1
    for index, child in enumerate(stream_value):
        if child.block_type != "heading":
            continue
        level = int(child.value["level"])
        if level > previous + 1:
            errors[index] = ErrorList(
                [
                    ValidationError(
                        f"This heading {level} skips a level: the heading before it is "
                        f"{'the page title (heading 1)' if previous == 1 else f'a heading {previous}'}. "
                        f"Make it a heading {previous + 1}."
                    )
                ]
            )
        previous = level
    return errors


class ContentStreamBlock(blocks.StreamBlock):
    """Everything a narrative page can contain, with heading levels checked."""

    heading = HeadingBlock()
    rich_text = RichTextBlock()
    quote = QuoteBlock()
    inset_text = InsetTextBlock()
    aims_list = AimsListBlock()
    action_link = ActionLinkBlock()
    expander = ExpanderBlock()
    image = ImageBlock()
    contact_details = ContactDetailsBlock()

    def clean(self, value):
        value = super().clean(value)
        errors = heading_level_errors(value)
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value
