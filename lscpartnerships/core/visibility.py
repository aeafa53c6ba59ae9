"""What the public may see of files: images (and documents) are public only
while a live page the public can see uses them.

Wagtail's reference index records every place an object is used (page foreign
keys, inline panels, StreamField blocks, rich-text embeds). A live page's row
holds its published content, so an image added in an unpublished draft stays
private until that draft is published, and unpublishing the page (or
restricting it to signed-in users) makes the image private again. This is the
rule documents follow (documents.PublicDocument.public_queryset), so the API,
search and file serving cannot disagree. See docs/decisions/0016 and 0086.

The two `check_*_is_public` functions are the privacy checks of file serving:
Wagtail hooks (`before_serve_media`, `before_serve_document`) registered by
core and documents, run before a file is served.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, CharField
from django.db.models.functions import Cast
from django.http import Http404
from wagtail.models import Page, ReferenceIndex

from lscpartnerships.core.compiled import compiled_pages


def used_by_live_public_pages(model):
    """Ids (a subquery) of `model` rows that a live public page uses."""
    live_page_ids = (
        Page.objects.live()
        .public()
        .annotate(id_text=Cast("pk", output_field=CharField()))
        .values("id_text")
    )
    return (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            to_content_type=ContentType.objects.get_for_model(model),
            object_id__in=live_page_ids,
        )
        .annotate(target_id=Cast("to_object_id", output_field=BigIntegerField()))
        .values("target_id")
    )


def public_images():
    """Images a live public page uses: what the API lists and /media/ serves."""
    from wagtail.images import get_image_model

    Image = get_image_model()
    return Image.objects.filter(pk__in=used_by_live_public_pages(Image))


def image_file_is_public(name):
    """True when the stored file `name` (an original image or a rendition,
    relative to MEDIA_ROOT) belongs to an image a live public page uses."""
    from wagtail.images import get_image_model

    Image = get_image_model()
    Rendition = Image.get_rendition_model()
    public = public_images()
    return (
        public.filter(file=name).exists()
        or Rendition.objects.filter(file=name, image__in=public).exists()
    )


def is_editor(request):
    """Signed-in users who may use the Wagtail admin (they preview drafts,
    so every file is theirs to see)."""
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def check_media_is_public(request, name):
    """For the view that serves /media/: raise Http404 unless the image file
    `name` is public, or the visitor is an editor (they preview drafts).
    A 404, not a 403, so nothing reveals that the file exists."""
    if not is_editor(request) and not image_file_is_public(name):
        raise Http404("No such file.")


def check_document_is_public(document, request):
    """For `before_serve_document`: raise Http404 unless a live page the
    public can see uses `document`, or the visitor is an editor. Nothing
    about the document (not even its current title) is revealed first."""
    if is_editor(request):
        return None
    if not used_by_live_public_pages(type(document)).filter(target_id=document.pk).exists():
        raise Http404("This document is not published.")
    return None


# -- pages ---------------------------------------------------------------------

#: The columns a link to a page needs: its title, its address (`url_path`, read
#: against the site's root paths), its type (`content_type_id`), and where it
#: sits in the tree. Links and listings read these with `.only()`, plus the
#: fields they show, instead of the fifty-odd columns of a whole page: each
#: column costs the ORM time to compile and load (issue 14). A field left out
#: and then read costs one query per page, which the query pins
#: (tests/pagecache/test_queries.py) catch.
PAGE_LINK_FIELDS = ("id", "title", "slug", "url_path", "path", "depth", "content_type_id", "live")


def link_fields(model, *extra):
    """`PAGE_LINK_FIELDS` and those of `extra` that `model` has as columns
    (for code that reads pages of any type, e.g. their `summary`)."""
    columns = {field.name for field in model._meta.concrete_fields}
    return [*PAGE_LINK_FIELDS, *(name for name in extra if name in columns)]


# A page the public may see is live AND public (no login, password or group
# restriction on it or an ancestor). Checking `page.live` alone would show the
# title of a login-restricted page wherever another page links to it.


def public_pages():
    """Every page the public may see (use as a subquery: `place__in=public_pages()`)."""
    return Page.objects.live().public()


def public_or_none(page):
    """`page` if the public may see it, else None (one query at most)."""
    if page is None or not page.live:
        return None
    return page if public_pages().filter(pk=page.pk).exists() else None


def public_related(instance, field_name):
    """The page a foreign key of `instance` points to, as its own type, if the
    public may see it, else None: in one query (the page and the visibility
    check together), without its StreamFields. Loading the related page through
    the foreign key and then asking `public_or_none` took two, the first
    reading every field of the page (issue 14). Only what a link shows is
    read (`PAGE_LINK_FIELDS`). A page already loaded (a preview's,
    or with select_related) is checked as it is."""
    field = instance._meta.get_field(field_name)
    pk = getattr(instance, field.attname)
    if pk is None:
        return None
    if field.is_cached(instance):
        return public_or_none(getattr(instance, field_name))
    model = field.related_model
    # The same query on every page of the type, so compiled once (core.compiled).
    found = compiled_pages(
        ("public_related", model),
        lambda: (
            model.objects.live()
            .public()
            .filter(pk=pk)
            .order_by("pk")
            .values_list(*PAGE_LINK_FIELDS)[:1]
        ),
        [pk],
    )
    return found[0] if found else None


def prefetch_public_specific(pages):
    """Note on each page (once for all of them) what `public_or_none` of it
    and its specific page would be: None, or the specific page."""
    pages = [page for page in pages if isinstance(page, Page)]
    if not pages:
        return
    by_class = {}
    for page in pages:  # the page's type is known from its content type (cached)
        by_class.setdefault(page.specific_class or Page, set()).add(page.pk)
    visible = {}
    for cls, ids in by_class.items():
        found = cls.objects.live().public().only(*link_fields(cls, "summary")).filter(pk__in=ids)
        visible.update((page.pk, page) for page in found)
    for page in pages:
        page._lscp_public_specific = visible.get(page.pk)


def public_link_targets(links, field="place"):
    """The pages `links` point to through `field` that the public may see,
    in the links' order, once each (one query for the links, one for the check).

    Works on a saved page's inline links and on a preview's unsaved ones
    (modelcluster's in-memory relation cannot filter by a subquery)."""
    targets, seen = [], set()
    candidates = [getattr(link, field) for link in links if getattr(link, f"{field}_id")]
    if not candidates:
        return targets
    public = set(
        public_pages().filter(pk__in=[page.pk for page in candidates]).values_list("pk", flat=True)
    )
    for page in candidates:
        if page.pk in public and page.pk not in seen:
            seen.add(page.pk)
            targets.append(page)
    return targets
