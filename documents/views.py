"""Serving documents to the public.

/documents/<id>/<slug-of-title>/ is every document's address. It never
contains the file name, so replacing the file keeps the URL; a changed title
redirects the old address to the new one, and Wagtail's own
/documents/<id>/<file name> addresses (in old links) redirect to it too.

This view is a thin front on Wagtail's serve view, which does the work:
it runs the `before_serve_document` hooks (the privacy check,
lscpartnerships.core.visibility.check_document_is_public, then
redirect_to_stable_address below), sends `document_served` (downloads are
counted from it, signals.py), answers conditional requests by the file's
hash (ETag), and streams the file with the type from WAGTAILDOCS_CONTENT_TYPES,
`nosniff` and a CSP that blocks anything embedded. What Wagtail does not do
is added here: the download's file name, Content-Language, revalidation on
every request, and CSV cells that a spreadsheet would run as formulas served
as text. docs/decisions/0012-document-serving.md and 0086-documents-app.md.
"""

from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve

from lscpartnerships.core.visibility import is_editor

from .validators import neutralise_csv_formulas


def redirect_to_stable_address(document, request):
    """Hook for `before_serve_document`, run after the privacy check: an old
    address (Wagtail's file-name one, or ours with an outdated title) moves
    permanently to the document's current address."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    if match.view_name == "wagtaildocs_serve" or (
        match.view_name == "documents:document" and match.kwargs.get("slug") != document.slug
    ):
        return redirect(document.url, permanent=True)
    return None


@require_safe
def serve(request, document_id, slug):
    document = get_object_or_404(get_document_model(), pk=document_id)
    # We never send Last-Modified (the ETag is the one validator), so a
    # date-based revalidation is not ours to answer: Wagtail would 304 it.
    if request.META.pop("HTTP_IF_MODIFIED_SINCE", None) is not None:
        request.__dict__.pop("headers", None)  # request.headers is cached from META
    response = wagtail_serve(request, document.pk, document.filename)
    if response.status_code not in (200, 304):
        return response  # a redirect or a refusal from a hook

    if "Last-Modified" in response:
        del response["Last-Modified"]
    if response.get("Content-Encoding") == "None":
        # Wagtail's sendfile writes the missing encoding of a local file as
        # the text "None"; the file is sent as it is stored.
        del response["Content-Encoding"]
    if response.status_code == 200:
        disposition = "inline" if document.opens_inline else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{document.download_filename}"'
        response["Content-Language"] = document.language
        if document.file_extension.lower() == "csv":
            content = neutralise_csv_formulas(b"".join(response.streaming_content))
            response.streaming_content = [content]
            response["Content-Length"] = len(content)
    # Revalidate every time: a document stops being public when its page is
    # unpublished, so no cache may keep serving it; an editor's preview of an
    # unpublished document is not stored at all.
    if is_editor(request) and not document.is_published():
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, no_cache=True)
    return response
