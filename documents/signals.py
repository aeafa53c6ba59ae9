"""Download counts, from Wagtail's `document_served` signal (sent by its serve
view once the privacy hooks have passed): a GET by a member of the public
that gets the file counts once. HEAD requests, revalidations answered
"304 Not Modified" and editors checking a file do not count. Nothing
personal is stored: the count is a number on the document."""

from django.db.models import F
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag

from lscpartnerships.core.visibility import is_editor


def is_download(request, document):
    if request is None or request.method != "GET" or is_editor(request):
        return False
    etag = quote_etag(document.file_hash) if document.file_hash else None
    return get_conditional_response(request, etag=etag) is None


def count_download(sender, instance, request=None, **kwargs):
    if is_download(request, instance):
        sender.objects.filter(pk=instance.pk).update(download_count=F("download_count") + 1)
