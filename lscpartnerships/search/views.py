"""Site search: Wagtail's database search backend (PostgreSQL full-text search
in production and tests, plain SQLite matching for `make run`).

Everything a visitor types is harmless here: the query is trimmed to a length
cap, never written to the database, and echoed only through auto-escaping.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.shortcuts import render
from django.utils.text import capfirst
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from lscpartnerships.core.compiled import compiled_pages
from lscpartnerships.core.pagination import paginate
from lscpartnerships.core.visibility import PAGE_LINK_FIELDS, link_fields
from lscpartnerships.pagecache.shell import cached_site

MAX_QUERY_LENGTH = getattr(settings, "SEARCH_MAX_QUERY_LENGTH", 200)
MAX_RESULTS = 500
#: Results a page shows at most; a query for more pages of one type is compiled
#: for its request only.
KEPT_RESULTS = 50
DOCUMENTS = "documents"


def clean_query(raw):
    """Collapse whitespace, drop control characters and cap the length."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable() or ch == " ")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def _type_key(model):
    return model._meta.label_lower.replace(".", "-")


def _type_label(model):
    return capfirst(model._meta.verbose_name)


def public_documents():
    """Documents the public may download (see the document model's own rule)."""
    Document = get_document_model()
    manager_method = getattr(Document, "public_queryset", None)
    if callable(manager_method):
        return manager_method()
    return Document.objects.all()


@transaction.non_atomic_requests  # reads only: no transaction (docs/decisions/0064)
def search(request):
    query = clean_query(request.GET.get("q"))
    chosen_type = request.GET.get("type", "")
    site = cached_site(request)
    results, type_counts, promotions = [], {}, []

    if query:
        pages = Page.objects.live().public()
        if site is not None:
            pages = pages.filter(path__startswith=site._lscp_root["path"])  # the site's pages
        page_hits = _page_hits(pages, query)
        document_hits = list(public_documents().search(query)[:MAX_RESULTS])

        for hit in page_hits:
            model = _page_type(hit)
            key = _type_key(model)
            type_counts.setdefault(key, {"key": key, "label": _type_label(model), "count": 0})
            type_counts[key]["count"] += 1
        if document_hits:
            type_counts[DOCUMENTS] = {
                "key": DOCUMENTS,
                "label": "Document",
                "count": len(document_hits),
            }

        if chosen_type == DOCUMENTS:
            hits = document_hits
        elif chosen_type in type_counts:
            hits = [hit for hit in page_hits if _type_key(_page_type(hit)) == chosen_type]
        else:
            chosen_type = ""
            hits = page_hits + document_hits
        results = hits

        normalised = normalise_query_string(query)
        # A promotion of a draft or login-restricted page is left out (its
        # title would leak); external-link promotions have no page.
        promotions = list(
            SearchPromotion.objects.filter(query__query_string=normalised)
            .filter(Q(page__isnull=True) | Q(page__in=Page.objects.live().public()))
            .select_related("page")
            .only(
                "sort_order",
                "description",
                "external_link_url",
                "external_link_text",
                *(f"page__{name}" for name in PAGE_LINK_FIELDS),
            )
            .order_by("sort_order")
        )
        promotions = [p for p in promotions if p.page_id is None or p.page.url]

    page_obj = paginate(request, results, per_page=10)
    page_obj.object_list = _results(page_obj.object_list, request)
    context = {
        "query": query,
        "chosen_type": chosen_type,
        "type_counts": sorted(type_counts.values(), key=lambda t: t["label"]),
        "page_obj": page_obj,
        "result_count": len(results),
        "promotions": promotions,
        "noindex": True,
    }
    return render(request, "search/search.html", context)


class PageHit:
    """A matching page as its id and type, until it is on the page of results
    shown (`_results` reads those as pages)."""

    __slots__ = ("pk", "content_type_id")

    def __init__(self, pk, content_type_id):
        self.pk = pk
        self.content_type_id = content_type_id

    @property
    def specific_class(self):
        return ContentType.objects.get_for_id(self.content_type_id).model_class()


def _page_hits(pages, query):
    """The best MAX_RESULTS matches of `pages`, best first, as `PageHit`s.

    The type counts need only each match's id and type, so they are read as
    rows: building up to 500 page objects (and reading the concatenated text
    vector modelsearch annotates each with) to count them was a third of a
    common word's search at 1,000 briefings (issue 14). Only the page of
    results shown is read as pages (`_results`), so a common word costs the
    same on a site of 1,000 briefings as on 10. Wagtail's database backends
    rank in the queryset their results hand back (`get_queryset`); another
    backend's results are read as pages."""
    results = pages.only("id", "content_type_id").search(query)[:MAX_RESULTS]
    ranked = getattr(results, "get_queryset", None)
    if ranked is None:
        return [PageHit(page.pk, page.content_type_id) for page in results]
    return [PageHit(*row) for row in ranked().values_list("pk", "content_type_id")]


def _page_type(page):
    return page.specific_class or Page


def _results(hits, request):
    """The shown hits as results, their pages read as specific pages in one
    query per page type (only the columns a result shows). A page deleted
    since it matched is left out."""
    by_type = {}
    for hit in hits:
        if isinstance(hit, PageHit):
            by_type.setdefault(_page_type(hit), []).append(hit.pk)
    specific = {}
    for model, ids in by_type.items():
        specific.update((page.pk, page) for page in _shown_pages(model, ids))
    return [
        _result(specific[hit.pk] if isinstance(hit, PageHit) else hit, request)
        for hit in hits
        if not isinstance(hit, PageHit) or hit.pk in specific
    ]


def _shown_pages(model, ids):
    """The pages `ids` of one page type, with only the columns a result shows.
    The query has one shape per type and number of pages, and a results page
    shows at most `per_page` of them, so each is compiled once and kept
    (core.compiled): Django building one query per type shown was a third of
    a search's CPU (issue 14)."""
    fields = link_fields(model, "summary", "search_description")
    return compiled_pages(
        ("search-results", model._meta.label_lower, len(ids)),
        lambda: model.objects.filter(pk__in=ids).values_list(*fields),
        ids,
        keep=len(ids) <= KEPT_RESULTS,
    )


def _result(hit, request):
    if isinstance(hit, Page):
        return {
            "title": hit.title,
            "url": hit.get_url(request),
            "summary": getattr(hit, "summary", "") or hit.search_description,
            "type": _type_label(type(hit)),
        }
    return {
        "title": hit.title,
        "url": hit.url,
        "summary": getattr(hit, "description", ""),
        "type": "Document",
    }
