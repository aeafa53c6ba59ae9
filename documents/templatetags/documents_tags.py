"""Template helpers for document links: every page that lists files uses
templates/documents/includes/document_link.html, and every rich text goes
through templates/wagtailcore/shared/richtext.html."""

from urllib.parse import quote

from django import template
from django.urls import NoReverseMatch, reverse

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
