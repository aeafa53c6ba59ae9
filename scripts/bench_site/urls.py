from django.http import HttpResponse
from django.urls import path

from lscpartnerships.urls import urlpatterns as site_patterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("__bare__/", bare), *site_patterns]
