"""Template helpers for document links: every page that lists files uses
templates/documents/includes/document_link.html, and every rich text is shown
with document links' type and size: the project's templates through
`|rich_text`, anything else of Wagtail's through
templates/wagtailcore/shared/richtext.html."""

from urllib.parse import quote

from django import template
from django.urls import NoReverseMatch, reverse
from wagtail.rich_text import RichText, expand_db_html

from lscpartnerships.core.models import SiteSettings

from ..rich_text import add_document_meta

register = template.Library()

#: Where readers ask for an accessible format when Site settings has no email
#: address (the seeds give none, so none is invented).
CONTACT_PAGE_URL = "/contact-us/"


@register.simple_tag(takes_context=True)
def accessible_format_href(context, document):
    """The on-site accessible-format request form for `document` (the
    format_requests app: stored, emailed to the comms team, with a reply-by
    date). Without that app: a mailto link to the contact address in Site
    settings, or the Contact us page when no address is set."""
    try:
        return reverse("format_requests_public:request", args=[document.pk])
    except NoReverseMatch:
        pass
    request = context.get("request")
    email = ""
    if request is not None:
        email = (SiteSettings.for_request(request).contact_email or "").strip()
    if not email:
        return CONTACT_PAGE_URL
    subject = quote(f"Accessible format request: {document.title}")
    return f"mailto:{email}?subject={subject}"


@register.filter
def document_link_meta(html):
    """Rich-text HTML with “(PDF, 5 KB, 2 pages)” added to document links."""
    return add_document_meta(html)


@register.filter
def rich_text(value):
    """The HTML Wagtail's `|richtext` filter gives for a rich-text field or
    block value (links expanded, then document links' type and size added by
    templates/wagtailcore/shared/richtext.html), without rendering that
    template each time: Django's render_to_string took 30 of the 40 µs a rich
    text cost, eight times on the FAQ page (issue 14)."""
    if isinstance(value, RichText):
        value = value.source
    return add_document_meta(expand_db_html(str(value or "")))
