"""What the page shell caches about the request's site, read by the page
views, templates, search and the API: the Site itself (one lookup per host)
and the header menu's sections. Both live in the shell cache (store.py) and
are purged with it (invalidation.py).

Its own module so that the shell's readers (core's template tags and HomePage,
lean routing) import it without importing each other.
"""

from wagtail.models import Page, Site

from . import store


def cached_site(request):
    """The request's Site (as Site.find_for_request), from the shell cache."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    from django.http.request import split_domain_port

    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()

    def compute():
        site = Site._find_for_request(request)
        if site is None:
            return False
        root = Page.objects.filter(pk=site.root_page_id).values("path", "url_path").first()
        return site, root

    found = store.shell_fragment(f"site-for:{hostname}:{port}", compute)
    if not found:
        request._wagtail_site = None
        return None
    site, root = found
    site._lscp_root = root
    request._wagtail_site = site
    return site


def menu_sections(root):
    """The live public children of `root` shown in menus, as specific pages
    without their StreamFields: the header menu's sections, cached with the
    shell and purged with it (a menu section published, moved or restricted)."""
    return store.shell_fragment(
        f"sections-{root.pk}",
        lambda: list(root.get_children().live().public().in_menu().defer_streamfields().specific()),
    )


def install_site_root_paths_memo():
    """Wagtail's `Site.get_site_root_paths`, read from its cache (Redis) once
    per request instead of once per page object: a page's `url` and
    `full_url` without a request keep the paths on the page, so a page showing
    twenty links asked Redis twenty times (issue 14). Clearing the paths, as
    Wagtail does when a site or a site's root page changes, clears the memo
    too, so the request that made the change reads the new paths."""
    read, clear = Site.get_site_root_paths, Site.clear_site_root_paths_cache

    def get_site_root_paths():
        scope = store._request
        if not scope.active:
            return read()
        if scope.site_root_paths is None:
            scope.site_root_paths = read()
        return scope.site_root_paths

    def clear_site_root_paths_cache():
        store._request.site_root_paths = None
        clear()

    Site.get_site_root_paths = staticmethod(get_site_root_paths)
    Site.clear_site_root_paths_cache = staticmethod(clear_site_root_paths_cache)


#: Addresses of page paths, as Django's `reverse("wagtail_serve")` gives them,
#: by URLconf, script prefix, language and path (pages' own url_paths only).
_serve_paths = {}
SERVE_PATHS_KEPT = 5000


def install_serve_path_memo():
    """Wagtail's page addresses without a `reverse()` per link.

    Every page link's address ends in `reverse("wagtail_serve", args=(path,))`,
    about 45 µs of Django's resolver each, a dozen to thirty times a page. The
    answer depends only on the URLconf, the script prefix, the language and
    the path, so it is kept per process (at most SERVE_PATHS_KEPT addresses;
    the paths are pages' own, not visitors' input) and forgotten when Django
    clears its URL caches (a new ROOT_URLCONF, say)."""
    from django.conf import settings
    from django.core.signals import setting_changed
    from django.urls import get_script_prefix, get_urlconf, reverse
    from django.utils import translation
    from wagtail.models import pages

    def serve_reverse(viewname, urlconf=None, args=None, kwargs=None, current_app=None, **extra):
        if viewname != "wagtail_serve" or urlconf or kwargs or current_app or extra:
            return reverse(viewname, urlconf, args, kwargs, current_app, **extra)
        key = (
            get_urlconf() or settings.ROOT_URLCONF,
            get_script_prefix(),
            translation.get_language(),
            tuple(args or ()),
        )
        address = _serve_paths.get(key)
        if address is None:
            address = reverse(viewname, args=args)
            if len(_serve_paths) >= SERVE_PATHS_KEPT:
                _serve_paths.clear()
            _serve_paths[key] = address
        return address

    def forget(setting, **kwargs):
        if setting == "ROOT_URLCONF":
            _serve_paths.clear()

    pages.reverse = serve_reverse
    setting_changed.connect(forget, weak=False, dispatch_uid="pagecache-serve-paths")
