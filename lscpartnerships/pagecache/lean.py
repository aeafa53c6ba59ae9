"""Lean when not cached: the page shell's own queries, made once and few.

Every uncached page pays for finding its site, routing its path, checking its
view restrictions and its breadcrumbs before its own content. Wagtail does
that in one or two queries per path segment and one query per `.public()`;
this module does it in a fixed number, whatever the depth of the page
(docs/decisions/0063):

* `public()` (Wagtail's `PageQuerySet.private_q`) becomes one NOT EXISTS
  subquery instead of a query for the restrictions plus a filter;
* the request's Site comes from the shell cache (purged with every site-wide
  change) for pages, search, the sitemap and the API;
* `ShellRoutingMiddleware` routes a page request with one query for every
  page on its path and one for the page itself, and leaves behind the
  breadcrumb trail and the view restriction lookup, so neither is repeated.
  Anything unusual (aliases, a routable page answering part of the path, a
  route override, a page that is not there) falls back to Wagtail's routing.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import InterfaceError, OperationalError
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.urls import Resolver404, resolve
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from lscpartnerships.core.compiled import compiled, model_from_row, page_from_row
from lscpartnerships.core.visibility import PAGE_LINK_FIELDS

from .shell import cached_site

# -- public(): one subquery ---------------------------------------------------------


#: Pages in a restricted section, as SQL both PostgreSQL and SQLite read: a
#: page whose path starts with the path of a page that has a restriction.
#: Written out rather than built with the ORM because `.public()` is on nearly
#: every query of every page: the ORM's Exists/StartsWith version cost about
#: 0.6 ms of query building and compiling each time (issue 14). No input
#: reaches it; Wagtail's table names are fixed.
#:
#: Written from the restrictions: the pages below each restricted one. And
#: gated on there being any restriction at all (an uncorrelated EXISTS, which
#: PostgreSQL checks once, before anything else): a site without restrictions
#: reads no page here, whatever the planner's statistics say. The earlier
#: form, every page checked against the restrictions, scanned every page on
#: every query (0.3 ms of each listing with 1,200 pages; docs/decisions/0065).
RESTRICTED_PAGES_SQL = (
    'SELECT "lscp_p"."id" FROM "wagtailcore_pageviewrestriction" '
    'INNER JOIN "wagtailcore_page" AS "lscp_r" '
    'ON ("wagtailcore_pageviewrestriction"."page_id" = "lscp_r"."id") '
    'INNER JOIN "wagtailcore_page" AS "lscp_p" '
    'ON (substr("lscp_p"."path", 1, length("lscp_r"."path")) = "lscp_r"."path") '
    'WHERE EXISTS (SELECT 1 FROM "wagtailcore_pageviewrestriction")'
)


#: True if the page of the query (table "wagtailcore_page") or an ancestor has
#: a view restriction; read with the routed page itself.
TARGET_RESTRICTED_SQL = (
    'EXISTS (SELECT 1 FROM "wagtailcore_pageviewrestriction" '
    'INNER JOIN "wagtailcore_page" AS "lscp_r" '
    'ON ("wagtailcore_pageviewrestriction"."page_id" = "lscp_r"."id") '
    'WHERE substr("wagtailcore_page"."path", 1, length("lscp_r"."path")) = "lscp_r"."path")'
)


def _private_q(self):
    """Pages in a restricted section (on the page or an ancestor), as a
    subquery: the same pages as Wagtail's, without a query of its own."""
    # As `pk__in` rather than a bare EXISTS: the search backends only filter
    # on fields.
    return Q(pk__in=RawSQL(RESTRICTED_PAGES_SQL, []))  # noqa: S611 (a constant)


def install_public_subquery():
    PageQuerySet.private_q = _private_q


# -- the site -----------------------------------------------------------------------


# -- routing ------------------------------------------------------------------------


#: The columns routing, breadcrumbs and a parent link read from a page on the
#: path: a link's (core.visibility.PAGE_LINK_FIELDS) and whether it is an alias.
PATH_PAGE_FIELDS = (*PAGE_LINK_FIELDS, "alias_of_id")


#: Path depths (segments + 1) whose routing query is kept compiled.
KEPT_PATH_DEPTH = 12


def _path_pages(root, prefixes):
    """The pages at `prefixes` below the site root, as specific pages with only
    PATH_PAGE_FIELDS loaded, in depth order (one compiled query)."""
    like = root["path"] + "%"  # a tree path is [0-9A-Z]: nothing to escape
    # A page's URL path ends with its slug. Wagtail indexes slugs, not URL
    # paths: by slug the database reads the few pages with these slugs, not
    # every page of the site (0.4 ms a page with 1,200 pages; ADR 0065).
    # Django's `__in` drops repeated values (/news/news/), so the compiled
    # query is per number of distinct slugs too.
    slugs = list(dict.fromkeys(prefix.rstrip("/").rpartition("/")[2] for prefix in prefixes))
    params = [like, *prefixes, *slugs]
    query = compiled(
        ("path", len(prefixes), len(slugs)),
        lambda: (
            Page.objects.filter(path__startswith=root["path"])
            .filter(url_path__in=prefixes)
            .filter(slug__in=slugs)
            .order_by("depth")
            .values_list(*PATH_PAGE_FIELDS)
        ),
        params,
        # A compiled query per path depth: kept for the depths pages have, not
        # for any number of segments a visitor may type.
        keep=len(prefixes) <= KEPT_PATH_DEPTH,
    )
    pages = []
    for values in query.rows(params):
        cls = ContentType.objects.get_for_id(values["content_type_id"]).model_class() or Page
        pages.append(page_from_row(cls, values, query.db))
    return pages


def _routed_page(cls, pk):
    """The page `pk` of class `cls`, every column read, and `lscp_restricted`:
    whether it or an ancestor has a view restriction. None if it has gone."""
    query = compiled(
        ("page", cls),
        lambda: cls.objects.annotate(
            lscp_restricted=RawSQL(TARGET_RESTRICTED_SQL, [], output_field=BooleanField())  # noqa: S611 (a constant)
        ).filter(pk=pk),
        [pk],
    )
    rows = query.rows([pk])
    if not rows:
        return None
    page = model_from_row(cls, rows[0], query.db)
    page.lscp_restricted = rows[0]["lscp_restricted"]
    return page


def _plain_route(cls):
    return cls.route is Page.route


def _routable_claims(cls, components):
    """True if a routable page of class `cls` would answer `components` itself."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    if not issubclass(cls, RoutablePageMixin) or cls.route is not RoutablePageMixin.route:
        return None  # unknown: its own route()
    path = "/" + "/".join(components) + "/" if components else "/"
    try:
        cls.get_resolver().resolve(path)
    except Resolver404:
        return False
    return True


def route(request, path):
    """Wagtail's RouteResult for `path`, or None to let Wagtail route it."""
    site = cached_site(request)
    if site is None or getattr(site, "_lscp_root", None) is None:
        return None
    root = site._lscp_root
    if len(root["path"]) != 2 * Page.steplen:  # a site root below the top level
        return None
    components = [component for component in path.split("/") if component]
    prefixes = [root["url_path"]]
    for component in components:
        prefixes.append(prefixes[-1] + component + "/")
    chain = _path_pages(root, prefixes)
    # The pages must follow the path from the site root without a gap.
    for index, page in enumerate(chain):
        if (
            page.url_path != prefixes[index]
            or page.depth != len(root["path"]) // Page.steplen + index
        ):
            return None
    if not chain or any(page.alias_of_id for page in chain):
        return None
    consumed = len(chain) - 1
    # Wagtail asks each page on the way down; only plain pages pass the rest on.
    for index, page in enumerate(chain[:-1]):
        cls = type(page)
        if _plain_route(cls):
            continue
        if _routable_claims(cls, components[index:]) is not False:
            return None
    target_cls = type(chain[-1])
    if not _plain_route(target_cls) and _routable_claims(target_cls, components[consumed:]) is None:
        return None
    # The page, and whether it or an ancestor has a view restriction: most
    # pages have none, and then Wagtail's restriction check needs no query.
    target = _routed_page(target_cls, chain[-1].pk)
    if target is None:  # deleted since the path was read
        return None
    ancestors = chain[:-1]
    if ancestors:
        target._cached_parent_obj = ancestors[-1]
    _load_short_titles(request, root, ancestors)
    try:
        result = target.route(request, components[consumed:])
    except Http404:
        result = None
    if result is not None and result.page is target:
        trails = request.__dict__.setdefault("_lscp_trails", {})
        trails[target.pk] = [page for page in ancestors if page.live]
        if target.lscp_restricted:
            paths = [
                target.path[:end] for end in range(Page.steplen, len(target.path) + 1, Page.steplen)
            ]
            restrictions = PageViewRestriction.objects.filter(page__path__in=paths)
            target.get_view_restrictions = lambda: restrictions
        else:  # no query, and no filter built only to be emptied
            target.get_view_restrictions = _no_view_restrictions
        target.get_site = lambda: site  # the routed page's site is the request's
    return result


_NO_VIEW_RESTRICTIONS = []


def _no_view_restrictions():
    """An empty queryset of restrictions, evaluated once and shared: Wagtail
    iterates a page's restrictions on every view, and a fresh `.none()`
    still built and compiled its query each time to find nothing. Its
    cached result is empty for good, so sharing it between requests is safe."""
    if not _NO_VIEW_RESTRICTIONS:
        restrictions = PageViewRestriction.objects.none()
        list(restrictions)  # evaluated: later iterations read the empty cache
        _NO_VIEW_RESTRICTIONS.append(restrictions)
    return _NO_VIEW_RESTRICTIONS[0]


def _load_short_titles(request, root, pages):
    """Breadcrumbs show an ancestor's short title (`short_title or title`).
    A section in the header menu has it in the cached shell already (purged
    whenever a menu section is published); the others are loaded in one query
    per page type instead of one per page."""
    from lscpartnerships.core.templatetags.core_tags import _shell

    menu = {url: label for label, url in _shell(request).get("menu", [])}
    by_class = {}
    for page in pages:
        if page.depth <= 2 or not hasattr(type(page), "short_title"):
            continue
        url = "/" + page.url_path[len(root["url_path"]) :]
        if url in menu:
            page.short_title = menu[url]
        else:
            by_class.setdefault(type(page), []).append(page)
    for cls, members in by_class.items():
        titles = dict(
            cls.objects.filter(pk__in=[page.pk for page in members]).values_list(
                "pk", "short_title"
            )
        )
        for page in members:
            page.short_title = titles.get(page.pk, "")


class ShellRoutingMiddleware:
    """Route page requests the lean way before Wagtail's serve view asks
    (other requests pay one URL resolution: the bare view's cost stays bare)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
            if match is not None and match.url_name == "wagtail_serve":
                try:
                    result = route(request, match.kwargs.get("path", request.path_info))
                except (OperationalError, InterfaceError):
                    # The database is unreachable: leave the page to Wagtail's
                    # view, which meets the outage inside the view, where
                    # DatabaseUnavailableMiddleware answers the friendly 503.
                    result = None
                if result is not None:
                    request._wagtail_route_for_request = result
        return self.get_response(request)


# -- the sitemap ----------------------------------------------------------------------


#: The keys of a Django sitemap entry that Wagtail's pages leave out.
ENTRY_DEFAULTS = {"changefreq": None, "priority": None, "alternates": []}


def _custom_urls(cls):
    """True if pages of `cls` decide their own sitemap entries or addresses."""
    return any(
        getattr(cls, name) is not getattr(Page, name)
        for name in ("get_sitemap_urls", "get_url_parts", "get_full_url")
    )


URLSET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def urlset_xml(urlset):
    """Django's `sitemap.xml` template's output, byte for byte, written
    directly: at 1,225 pages the template's loop over its entries took two
    thirds of the sitemap's time (issue 14). tests/pagecache/test_sitemap.py
    renders both and compares them."""
    from html import escape  # what django.utils.html.escape calls, without its wrapper

    from django.utils import timezone

    def text(value):
        return escape(str(value))

    def day(value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)  # as the template's |date does
        return value.strftime("%Y-%m-%d")

    parts = [URLSET_OPEN]
    for url in urlset:
        parts.append(f"<url><loc>{text(url['location'])}</loc>")
        if url.get("lastmod"):
            parts.append(f"<lastmod>{day(url['lastmod'])}</lastmod>")
        if url.get("changefreq"):
            parts.append(f"<changefreq>{text(url['changefreq'])}</changefreq>")
        if url.get("priority"):
            parts.append(f"<priority>{text(url['priority'])}</priority>")
        for alternate in url.get("alternates") or ():
            parts.append(
                f'<xhtml:link rel="alternate" hreflang="{text(alternate["lang_code"])}" '
                f'href="{text(alternate["location"])}"/>'
            )
        parts.append("</url>")
    parts.append("\n</urlset>\n")
    return "".join(parts)


def sitemap_view(request, sitemaps):
    """Wagtail's sitemap view, its entries written by `urlset_xml` instead of
    the template (same bytes, same headers)."""
    from wagtail.contrib.sitemaps.views import sitemap

    response = sitemap(request, sitemaps)
    response.content = urlset_xml(response.context_data["urlset"])
    return response


def sitemap_class():
    from django.contrib.contenttypes.models import ContentType
    from wagtail.contrib.sitemaps import Sitemap

    class LeanSitemap(Sitemap):
        """Wagtail's sitemap in a fixed number of queries and without a page
        object per entry: an entry needs only the page's address and dates
        (Page's own columns), so each is read as a row and its address made
        from the site root's, as `Page.get_full_url` does. A page type that
        decides its own entries or addresses (overrides get_sitemap_urls or
        get_url_parts) gets its specific page as before. At 1,225 pages, making
        a page object per entry was four fifths of the sitemap's time."""

        def items(self):
            site = cached_site(self.request)
            if site is None or getattr(site, "_lscp_root", None) is None:
                return super().items()
            self._lscp_root = site._lscp_root
            return (
                Page.objects.filter(path__startswith=site._lscp_root["path"])
                .live()
                .public()
                .order_by("path")
                .values_list(
                    "pk",
                    "url_path",
                    "content_type_id",
                    "last_published_at",
                    "latest_revision_created_at",
                )
            )

        def _root_address(self):
            root = self._lscp_root
            page = Page(path=root["path"], url_path=root["url_path"])
            return page.get_full_url(self.request), root["url_path"]

        def _urls(self, page, protocol, domain):
            rows = self.paginator.page(page).object_list  # items() has run
            if not hasattr(self, "_lscp_root"):
                return super()._urls(page, protocol, domain)
            urls, last_mods = [], set()
            base, root_path = None, None
            custom = {}  # content type id: (class, whether it decides its own URLs)
            # One fetch: .iterator() took a server-side cursor and a dozen round trips.
            for pk, url_path, type_id, published, revised in rows:
                if type_id not in custom:
                    model = ContentType.objects.get_for_id(type_id).model_class() or Page
                    custom[type_id] = (model, _custom_urls(model))
                cls, decides_own = custom[type_id]
                if decides_own:
                    entries = cls.objects.get(pk=pk).get_sitemap_urls(self.request)
                else:
                    if base is None:
                        base, root_path = self._root_address()
                    if base is None or not url_path.startswith(root_path):
                        entries = cls.objects.get(pk=pk).get_sitemap_urls(self.request)
                    else:
                        entries = [
                            {
                                "location": base + url_path[len(root_path) :],
                                "lastmod": published or revised,
                            }
                        ]
                for url_info in entries:
                    # Django's sitemap template asks for these; a key missing
                    # from the entry costs a failed lookup (and a dir()) each.
                    urls.append({**ENTRY_DEFAULTS, **url_info})
                    last_mods.add(url_info.get("lastmod"))
            if last_mods and None not in last_mods:
                self.latest_lastmod = max(last_mods)
            return urls

    return LeanSitemap


# -- reading pages outside a transaction ---------------------------------------------------


def page_view():
    """Wagtail's page view, without ATOMIC_REQUESTS's transaction for GET and
    HEAD (reading a page writes nothing that needs one: a rendition is made
    in its own statement) and with it for every other method, as before
    (docs/decisions/0064)."""
    from django.db import transaction
    from wagtail.views import serve

    @transaction.non_atomic_requests
    def lean_serve(request, path):
        if request.method in ("GET", "HEAD"):
            return serve(request, path)
        with transaction.atomic():
            return serve(request, path)

    return lean_serve
