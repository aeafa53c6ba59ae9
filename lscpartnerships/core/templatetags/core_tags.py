"""Template tags for the page shell: header navigation, footer and breadcrumbs.

They feed wagtail-nhsuk-frontend's own templates, so the markup stays the
NHS.UK component's; only the data comes from this site.
"""

from django import template
from wagtail.models import Page, Site

from lscpartnerships.core.models import SiteSettings

register = template.Library()


def _site(request):
    if request is None:
        return None
    if not hasattr(request, "_lscp_site"):
        request._lscp_site = Site.find_for_request(request)
    return request._lscp_site


@register.inclusion_tag("wagtailnhsukfrontend/header.html", takes_context=True)
def site_header(context):
    """NHS.UK organisational header; the menu is the home page's live children
    marked "show in menus", so a section appears once its index page exists."""
    request = context.get("request")
    site = _site(request)
    settings = SiteSettings.for_request(request) if request else None
    links = []
    if site is not None:
        path = request.path
        for page in site.root_page.get_children().live().public().in_menu().specific():
            url = page.get_url(request)
            links.append(
                {
                    "label": getattr(page, "nav_title", page.title),
                    "url": url,
                    "current": url == path,
                    "active": url != "/" and path.startswith(url),
                }
            )
    return {
        "organisation_name": settings.organisation_name
        if settings
        else "NHS Lancashire and South Cumbria",
        "logo_href": "/",
        "primary_links": links,
        "show_search": False,
    }


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    request = context.get("request")
    settings = SiteSettings.for_request(request) if request else None
    links = []
    if settings is not None:
        for link in settings.footer_links.select_related("page").all():
            href = link.href
            if href:
                links.append({"label": link.label, "url": href})
    return {
        "links": links,
        "organisation_name": settings.organisation_name
        if settings
        else "NHS Lancashire and South Cumbria",
    }


@register.inclusion_tag("wagtailnhsukfrontend/breadcrumb.html", takes_context=True)
def breadcrumbs(context, page=None):
    """Ancestors of the page from the home page down (NHS.UK breadcrumb)."""
    page = page or context.get("page")
    request = context.get("request")
    site = _site(request)
    if not isinstance(page, Page) or site is None:
        return {"breadcrumb_pages": []}
    ancestors = (
        page.get_ancestors(inclusive=False)
        .descendant_of(site.root_page, inclusive=True)
        .order_by("depth")
        .specific(defer=True)
    )
    return {"breadcrumb_pages": list(ancestors)}


@register.simple_tag(takes_context=True)
def page_url_for(context, number):
    """Link to page `number` of the current listing, keeping its filters."""
    from lscpartnerships.core.pagination import page_querystring

    return page_querystring(context["request"], number)


@register.filter
def json_ld(data):
    """Render `data` as a schema.org JSON-LD block.

    A `application/ld+json` script is data the browser never executes, so the
    strict Content-Security-Policy does not block it; <, > and & are escaped so
    no content can close the element.
    """
    import json

    from django.utils.safestring import mark_safe

    text = json.dumps(data, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
