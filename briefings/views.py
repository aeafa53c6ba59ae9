"""Serving documents to the public.

/documents/<id>/<slug-of-title>/ is every document's address. It never
contains the file name, so replacing the file keeps the URL; a changed title
redirects the old address to the new one. The rules (who may download, how
the file opens, counting) are in docs/decisions/0012-document-serving.md.
"""

import io

from django.db.models import F
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from django.utils.http import quote_etag
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.documents.models import document_served

from .models import PublicDocument
from .validators import neutralise_csv_formulas


def is_editor(request):
    """Signed-in users who may use the Wagtail admin."""
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def check_document_is_public(document, request):
    """Hook for `before_serve_document`: the public only gets documents used
    by a live page they can see. Editors can always download."""
    if is_editor(request):
        return None
    if not document.is_published():
        raise Http404("This document is not published.")
    return None


def redirect_wagtail_document_url(document, request):
    """Hook for `before_serve_document`: Wagtail's own /documents/<id>/<file
    name> addresses (in old links) move to the stable address, after every
    other check has passed."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name == "wagtaildocs_serve":
        return redirect(document.url, permanent=True)
    return None


@require_safe
def serve_document(request, document_id, slug):
    document = get_object_or_404(PublicDocument, pk=document_id)

    # Every before_serve_document hook runs (Wagtail's collection privacy,
    # ours above) before anything about the document is revealed.
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponse):
            return result

    if slug != document.slug:
        return redirect(document.url, permanent=True)

    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404("The file of this document is missing.") from error

    etag = quote_etag(document.file_hash) if document.file_hash else None
    if etag and etag in request.headers.get("If-None-Match", ""):
        handle.close()
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response

    if document.file_extension.lower() == "csv":
        # Cells a spreadsheet would run as formulas are served as text.
        with handle:
            handle = io.BytesIO(neutralise_csv_formulas(handle.read()))
    response = FileResponse(
        handle,
        content_type=document.content_type,
        as_attachment=not document.opens_inline,
        filename=document.download_filename,
    )
    if etag:
        response["ETag"] = etag
    # Never let a browser guess a different type, nor run anything inside.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Content-Language"] = document.language
    # Revalidate every time: a document stops being public when its page is
    # unpublished, so no cache may keep serving it.
    if is_editor(request) and not document.is_published():
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, no_cache=True)

    if request.method == "GET":
        document_served.send(sender=PublicDocument, instance=document, request=request)
        if not is_editor(request):
            PublicDocument.objects.filter(pk=document.pk).update(
                download_count=F("download_count") + 1
            )
    return response
