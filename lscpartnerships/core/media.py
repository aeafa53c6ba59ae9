"""The /media/ route: image files only, by plain file name.

It answers two kinds of address and nothing else:

- ``/media/images/<name>``: an image rendition, from the public store;
- ``/media/original_images/<name>``: an original image, from the private store.

``<name>`` must be a file name as Django's storages make them (letters,
digits, ``-``, ``_`` and ``.``, not starting with a dot): no further slash, no
``..``, no backslash, no NUL, no percent sign. Servers decode ``%2e``, ``%2f``
and ``%5c`` before Django sees the path, so every encoded form of a traversal
arrives here as one of those characters and is refused (404) before any file
is touched; the storage then joins the name to its root with Django's
``safe_join`` as a second guard. Documents are never served here: they go
through documents.views.serve, which checks that a live public page
uses them.

Whether the public may see a given image is decided by the
``before_serve_media`` Wagtail hooks (see ``check_media_access``), so a rule
such as "only images a live page uses" is a hook, not a change to this view.
"""

import mimetypes
import re

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from wagtail import hooks

from .storage import private_storage

#: A folder Wagtail writes images to, then one plain file name.
MEDIA_PATH = re.compile(r"(?P<folder>images|original_images)/(?P<name>[\w-][\w.-]*)")


def storage_for(folder):
    """Renditions are public files; originals are kept with the private ones."""
    return default_storage if folder == "images" else private_storage()


def check_media_access(request, folder, name):
    """Run every ``before_serve_media`` hook, ``hook(request, folder, name)``.

    A hook may raise Http404 or return a response (which is sent instead of
    the file); returning None lets the file be served.
    """
    for hook in hooks.get_hooks("before_serve_media"):
        result = hook(request, folder, name)
        if isinstance(result, HttpResponse):
            return result
    return None


@require_safe
def serve_media(request, path):
    match = MEDIA_PATH.fullmatch(path)
    if match is None:
        raise Http404("Not an image address.")
    folder, name = match["folder"], match["name"]

    refusal = check_media_access(request, folder, name)
    if refusal is not None:
        return refusal

    storage = storage_for(folder)
    try:
        handle = storage.open(path, "rb")
        modified = storage.get_modified_time(path)
    except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation) as error:
        raise Http404("No such image.") from error

    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Last-Modified"] = http_date(modified.timestamp())
    return response
