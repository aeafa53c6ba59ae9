"""Template tags for the page shell: header navigation, footer and breadcrumbs.

They feed wagtail-nhsuk-frontend's own templates, so the markup stays the
NHS.UK component's; only the data comes from this site.
"""

from django import template
from django.template.loader import render_to_string
from wagtail.models import Page

from lscpartnerships.core.models import DEFAULT_ORGANISATION_NAME, SiteSettings
from lscpartnerships.pagecache.shell import cached_site
from lscpartnerships.pagecache.store import shell_fragment

register = template.Library()

DEFAULT_ORGANISATION = DEFAULT_ORGANISATION_NAME


def _site(request):
    if request is None:
        return None
    if not hasattr(request, "_lscp_site"):
        request._lscp_site = cached_site(request)
    return request._lscp_site


def _trail(request, page, site):
    """The page's ancestors from the home page down (cached for the request:
    breadcrumbs and BreadcrumbList JSON-LD both need them)."""
    cache = request.__dict__.setdefault("_lscp_trails", {})
    if page.pk not in cache:
        cache[page.pk] = list(
            page.get_ancestors(inclusive=False)
            .descendant_of(site.root_page, inclusive=True)
            .live()  # a live page under a draft section must not reveal its title
            .order_by("depth")
            .specific(defer=True)
        )
    return cache[page.pk]


def _shell(request):
    """The organisation name, header menu and footer links of the request's
    site: the same on every page, so cached (lscpartnerships.pagecache) and
    purged when settings or a menu section change."""
    site = _site(request)
    if site is None:
        return {"organisation_name": DEFAULT_ORGANISATION, "menu": [], "footer": []}
    if not hasattr(request, "_lscp_shell"):
        request._lscp_shell = shell_fragment(f"site-{site.pk}", lambda: _compute_shell(site))
    return request._lscp_shell


def _compute_shell(site):
    settings = SiteSettings.for_site(site)
    menu = [
        (getattr(page, "nav_title", page.title), page.get_url())
        for page in site.root_page.get_children().live().public().in_menu().specific()
    ]
    footer = [
        (link.label, link.href)
        for link in settings.footer_links.select_related("page").all()
        if link.href
    ]
    return {
        "organisation_name": settings.organisation_name,
        "contact_email": settings.contact_email,
        "contact_phone": settings.contact_phone,
        "menu": menu,
        "footer": footer,
    }


def organisation_for(request):
    """The organisation's name from the request's Site settings (cached with the
    page shell); the default where there is no request (the 503 page)."""
    return _shell(request)["organisation_name"] if request else DEFAULT_ORGANISATION


@register.simple_tag(takes_context=True)
def organisation_name(context):
    return organisation_for(context.get("request"))


@register.simple_tag
def default_organisation_name():
    """The name for pages that must not touch the database (base_shell.html:
    the 400, 500 and 503 pages); every other page uses `organisation_name`."""
    return DEFAULT_ORGANISATION


def _shell_html(request, name, template_name, values):
    """`template_name` rendered with `values`, kept with the page shell.

    The header and footer are the same on every page of a site, apart from
    which menu section is marked as the current one (part of `name`), and are
    built only from the shell's own data, so they are rendered once per shell
    generation instead of once per page: about 1.5 ms of template work on every
    uncached page (issue 14). A purge that changes the shell's data (settings,
    a menu section) starts a new generation, so the new HTML follows on the
    next request on every instance. Without a request (the 503 page) it is
    rendered directly."""
    render = lambda: render_to_string(template_name, values)  # noqa: E731
    site = _site(request)
    if site is None:
        return render()
    return shell_fragment(f"html-{site.pk}-{name}", render)


@register.simple_tag(takes_context=True)
def site_header(context):
    """NHS.UK organisational header; the menu is the home page's live children
    marked "show in menus", so a section appears once its index page exists."""
    request = context.get("request")
    shell = _shell(request) if request else {"organisation_name": DEFAULT_ORGANISATION, "menu": []}
    path = request.path if request else ""
    links = [
        {
            "label": label,
            "url": url,
            "current": url == path,
            "active": url != "/" and path.startswith(url),
        }
        for label, url in shell["menu"]
    ]
    marks = "".join("c" if link["current"] else "a" if link["active"] else "-" for link in links)
    values = {
        "organisation_name": shell["organisation_name"],
        "logo_href": "/",
        "primary_links": links,
        "show_search": True,
        "search_action": "/search/",
        "search_visually_hidden_label": "Search this website",
        "search_placeholder": "Search",
        "search_visually_hidden_button": "Search",
    }
    return _shell_html(request, f"header-{marks}", "wagtailnhsukfrontend/header.html", values)


@register.simple_tag(takes_context=True)
def site_footer(context):
    request = context.get("request")
    shell = (
        _shell(request) if request else {"organisation_name": DEFAULT_ORGANISATION, "footer": []}
    )
    values = {
        "links": [{"label": label, "url": url} for label, url in shell["footer"]],
        "organisation_name": shell["organisation_name"],
    }
    return _shell_html(request, "footer", "includes/footer.html", values)


@register.inclusion_tag("wagtailnhsukfrontend/breadcrumb.html", takes_context=True)
def breadcrumbs(context, page=None):
    """Ancestors of the page from the home page down (NHS.UK breadcrumb)."""
    page = page or context.get("page")
    request = context.get("request")
    site = _site(request)
    if not isinstance(page, Page) or site is None:
        return {"breadcrumb_pages": []}
    return {"breadcrumb_pages": _trail(request, page, site)}


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


@register.inclusion_tag("includes/site_meta.html", takes_context=True)
def site_meta(context):
    """Open Graph and Twitter card tags, feed links, and schema.org JSON-LD:
    BreadcrumbList on every page below home, GovernmentOrganization on home."""
    from lscpartnerships.core.relations import feeds

    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page) or request is None:
        return {}
    shell = _shell(request)
    organisation = shell["organisation_name"]
    site = _site(request)
    root_url = site.root_url if site else ""
    json_ld = []
    if site and page.pk == site.root_page_id:
        organisation_data = {
            "@context": "https://schema.org",
            "@type": "GovernmentOrganization",
            "name": organisation,
            "url": root_url + "/",
        }
        if shell.get("contact_email"):
            organisation_data["email"] = shell["contact_email"]
        if shell.get("contact_phone"):
            organisation_data["telephone"] = shell["contact_phone"]
        json_ld.append(organisation_data)
    elif site:
        trail = [*_trail(request, page, site), page]
        json_ld.append(
            {
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": position,
                        "name": "Home" if crumb.pk == site.root_page_id else crumb.title,
                        "item": crumb.get_full_url(request),
                    }
                    for position, crumb in enumerate(trail, start=1)
                ],
            }
        )
    image = getattr(page, "social_image", None)
    image_url = ""
    if image is not None:
        rendition = image.get_rendition("fill-1200x630")
        image_url = rendition.full_url if hasattr(rendition, "full_url") else rendition.url
        if image_url.startswith("/"):
            image_url = root_url + image_url
    return {
        "title": getattr(page, "seo_title", "") or page.title,
        "description": getattr(page, "meta_description", ""),
        "url": page.full_url,
        "site_name": organisation,
        "image_url": image_url,
        "image_alt": getattr(image, "default_alt_text", "") if image else "",
        "og_type": "website" if site and page.pk == site.root_page_id else "article",
        "json_ld": json_ld,
        "feeds": feeds.for_page(page, request),
    }


@register.filter
def public_or_none(page):
    """The page (specific) if the public may see it, else None: a link block
    to a draft or login-restricted page is left out rather than showing its title."""
    from lscpartnerships.core.visibility import public_or_none as visible

    if hasattr(page, "_lscp_public_specific"):  # noted for a whole stream at once
        return page._lscp_public_specific
    page = visible(page)
    return page.specific if page is not None else None
