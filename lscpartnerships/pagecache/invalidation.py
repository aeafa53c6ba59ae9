"""What to purge when content changes, and when.

A page shows more than itself: listings show their children, a place page
lists the decisions and briefings that link to it, a briefing names its
places, the FAQ page shows question snippets, and every page's header shows
the sections. So a change purges:

* a page published, unpublished (expiry, deletion), or changed by a
  scheduled go-live: the page's URLs (feeds of a routable page included),
  its live ancestors (listings, home), the pages that link to it or that it
  links to before and after the change (Wagtail's reference index) and the
  listings of those (they name it too), its live descendants if its title
  changed (their breadcrumbs), every page if it is a
  section in the header menu, and the aggregates: sitemap, feeds, API;
* a page moved or its slug changed: everything (its descendants' URLs moved);
* a snippet, document or image saved or deleted: the pages that use it
  (reference index, plus the `pagecache_pages_showing` hook for listings that
  show every row of a model), their listings and the pages linked to them
  (a portrait shows on the directors index and the director's place page too),
  and the aggregates;
* site settings, sites, page view restrictions, and the index pages whose
  feeds every page links to (PAGECACHE_SHELL_PAGE_TYPES): everything (header and footer are on every page);
* a redirect: its old path.

Purges run after the transaction commits, so no app instance can re-cache
the old content from a database that has not changed yet; they go through
wagtail.contrib.frontend_cache so a configured CDN is purged with the same
URLs (docs/decisions/0061).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import store

logger = logging.getLogger(__name__)

#: The frontend_cache backend name of our own response cache.
OWN_BACKEND = "site"

# -- collecting and running purges ---------------------------------------------


def _new_state():
    return {"pages": set(), "urls": set(), "site": False}


def _schedule(contribution):
    """Run a purge once the current transaction commits (at once outside one;
    dropped with a rollback)."""
    transaction.on_commit(lambda: _run(contribution))


def _run(state):
    try:
        if state["site"]:
            purge_everything()
            return
        batch = PurgeBatch()
        pages = Page.objects.live().filter(pk__in=state["pages"]).specific(defer=True)
        batch.add_pages(pages)
        batch.add_urls(state["urls"])
        batch.purge()
    except Exception:  # a purge must never break the editor's action
        logger.exception("Purging the response cache failed; purging everything instead.")
        store.purge_site()


def purge_everything():
    """New site generation for our cache; every live page and aggregate to
    any other frontend cache backend (a CDN)."""
    store.purge_site()
    others = [name for name in getattr(settings, "WAGTAILFRONTENDCACHE", {}) if name != OWN_BACKEND]
    if others:
        batch = PurgeBatch()
        batch.add_pages(Page.objects.live().specific(defer=True))
        batch.add_urls(_aggregate_urls())
        batch.purge(backends=others)


def _site_roots(site=None):
    """Root URLs of the given site, or of every site (as page URLs are built)."""
    sites = [site] if site is not None else Site.objects.all()
    return [site.root_url.rstrip("/") for site in sites]


def _aggregate_urls():
    return [root + path for root in _site_roots() for path in settings.PAGECACHE_AGGREGATE_PATHS]


def _add_aggregates(state):
    state["urls"].update(_aggregate_urls())
    for model in _aggregate_page_models():
        state["pages"].update(model.objects.live().values_list("pk", flat=True))


def _aggregate_page_models():
    from wagtail.models import get_page_models

    return [model for model in get_page_models() if getattr(model, "pagecache_aggregate", False)]


# -- what a page or object is shown on ------------------------------------------


def linked_page_ids(obj):
    """Pages that reference `obj`, and pages `obj` references (Wagtail's
    reference index: links in fields, choosers, inline panels, StreamFields)."""
    ids = _linked(ReferenceIndex._get_base_content_type(obj), [obj.pk])
    if isinstance(obj, Page):
        ids.discard(obj.pk)
    return ids


def _linked(content_type, pks):
    """Pages that reference any of these objects (of one content type), and
    pages they reference, in two queries."""
    page_type = ReferenceIndex._get_base_content_type(Page)
    keys = [str(pk) for pk in pks]
    inbound = ReferenceIndex.objects.filter(
        to_content_type_id=content_type, to_object_id__in=keys, base_content_type_id=page_type
    ).values_list("object_id", flat=True)
    outbound = ReferenceIndex.objects.filter(
        base_content_type_id=content_type, object_id__in=keys, to_content_type_id=page_type
    ).values_list("to_object_id", flat=True)
    return {int(pk) for pk in (*inbound, *outbound) if str(pk).isdigit()}


def _parent_ids(page_ids):
    """The live parents of these pages (the listings that show them)."""
    paths = Page.objects.filter(pk__in=page_ids).values_list("path", flat=True)
    parents = {path[: -Page.steplen] for path in paths if len(path) > Page.steplen}
    return set(Page.objects.live().filter(path__in=parents).values_list("pk", flat=True))


def _hooked_pages(obj):
    ids = set()
    for hook in hooks.get_hooks("pagecache_pages_showing"):
        pages = hook(obj)
        if pages is not None:
            ids.update(page.pk if isinstance(page, Page) else page for page in pages)
    return ids


def _is_menu_section(page):
    site_roots = set(Site.objects.values_list("root_page__path", flat=True))
    return page.show_in_menus and any(
        page.path.startswith(root) and page.depth == len(root) // Page.steplen + 1
        for root in site_roots
    )


def _in_shell(page):
    """Pages the shell itself names on every page (the feeds' index pages)."""
    return page._meta.label_lower in settings.PAGECACHE_SHELL_PAGE_TYPES


# -- signal handlers --------------------------------------------------------------


def remember_links_before_save(sender, instance, update_fields=None, **kwargs):
    """Before a page's full save (publishing), note what it linked to and its
    titles: a place it no longer names must lose it from its list too."""
    if not isinstance(instance, Page) or instance.pk is None or update_fields is not None:
        return
    instance._pagecache_before = {
        "links": linked_page_ids(instance),
        # A menu section taken out of the menu leaves the cached shell too.
        "in_menus": Page.objects.filter(pk=instance.pk, show_in_menus=True).exists()
        and _is_menu_section(Page(path=instance.path, depth=instance.depth, show_in_menus=True)),
        "titles": tuple(
            Page.objects.filter(pk=instance.pk).values_list("title", "slug").first() or ()
        ),
        "short_title": type(instance)
        .objects.filter(pk=instance.pk)
        .values_list("short_title", flat=True)
        .first()
        if hasattr(instance, "short_title")
        else None,
    }


def page_changed(sender, instance, **kwargs):
    """Published, unpublished (also on expiry and before deletion)."""
    page = instance
    state = _new_state()
    before = getattr(page, "_pagecache_before", {})
    if _is_menu_section(page) or _in_shell(page) or before.get("in_menus"):
        everything_changed()
        return
    state["pages"].add(page.pk)
    state["pages"].update(
        page.get_ancestors().filter(depth__gt=1).live().values_list("pk", flat=True)
    )
    linked = before.get("links", set()) | linked_page_ids(page)
    state["pages"].update(linked)
    # Listings name their items' linked pages too (the directors index each
    # director's place, the briefings index each briefing's places), and
    # must drop them when they are unpublished.
    state["pages"].update(_parent_ids(linked))
    titles_changed = before.get("titles", ()) != (page.title, page.slug) or before.get(
        "short_title"
    ) != getattr(page, "short_title", None)
    if titles_changed:
        state["pages"].update(page.get_descendants().live().values_list("pk", flat=True))
    # Its own URLs by address too: after an unpublish or a deletion it is no
    # longer a live page to look up when the purge runs.
    url = page.get_full_url()
    if url:
        state["urls"].update(url + path.lstrip("/") for path in page.get_cached_paths())
    _add_aggregates(state)
    _schedule(state)


def everything_changed(sender=None, **kwargs):
    # The shell (menu, footer) is read in this transaction too (the editor's
    # next screen, tests): new site generation now, and again on commit.
    store.purge_site()
    state = _new_state()
    state["site"] = True
    _schedule(state)


def object_changed(instance):
    """A snippet, document or image saved or deleted."""
    state = _new_state()
    users = linked_page_ids(instance) | _hooked_pages(instance)
    state["pages"].update(users)
    # What those pages show of it is shown with them: in their listings and
    # on the pages linked to them (a portrait on the directors index and on
    # the director's place page).
    state["pages"].update(_parent_ids(users))
    if users:
        state["pages"].update(_linked(ReferenceIndex._get_base_content_type(Page), users))
    _add_aggregates(state)
    _schedule(state)


def redirect_changed(instance):
    state = _new_state()
    site = instance.site if instance.site_id else None
    state["urls"].update(root + instance.old_path for root in _site_roots(site))
    _schedule(state)


_kinds = None


def _kind(model):
    """'object', 'site', 'redirect' or None for a model class (decided once:
    snippets register in wagtail_hooks, after this app is ready)."""
    global _kinds
    if _kinds is None:
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.snippets.models import get_snippet_models

        kinds = dict.fromkeys(get_snippet_models(), "object")
        kinds[get_document_model()] = "object"
        kinds[get_image_model()] = "object"
        kinds.update(dict.fromkeys(_site_wide_models(), "site"))
        kinds[Redirect] = "redirect"
        _kinds = kinds
    return _kinds.get(model)


def model_saved_or_deleted(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures
        return
    kind = _kind(sender)
    if kind == "object":
        object_changed(instance)
    elif kind == "site":
        from wagtail.contrib.settings.registry import registry

        if kwargs.get("created") and sender in registry:
            # Wagtail creates a settings row with its defaults the first time a
            # page reads it; nothing shown changes (the admin's save comes next).
            return
        everything_changed()
    elif kind == "redirect":
        redirect_changed(instance)


def connect():
    pre_save.connect(remember_links_before_save, dispatch_uid="pagecache_before")
    page_published.connect(page_changed, dispatch_uid="pagecache_published")
    page_unpublished.connect(page_changed, dispatch_uid="pagecache_unpublished")
    post_page_move.connect(everything_changed, dispatch_uid="pagecache_moved")
    page_slug_changed.connect(everything_changed, dispatch_uid="pagecache_slug")
    post_save.connect(model_saved_or_deleted, dispatch_uid="pagecache_saved")
    post_delete.connect(model_saved_or_deleted, dispatch_uid="pagecache_deleted")


def _site_wide_models():
    """Sites, and the settings the page shell shows on every page with their
    inline rows (footer links)."""
    from modelcluster.fields import ParentalKey
    from wagtail.contrib.settings.registry import registry
    from wagtail.models import PageViewRestriction

    # A page restricted or opened up: pages, listings and the shell's
    # public() lookups all change with it.
    models = [Site, PageViewRestriction]
    for model in registry:
        models.append(model)
        models.extend(
            rel.related_model
            for rel in model._meta.related_objects
            if isinstance(rel.remote_field, ParentalKey)
        )
    return models
