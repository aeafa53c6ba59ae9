"""Pagination shared by every listing page.

Visitors edit URLs: `?page=abc` shows the first page and a page past the end
answers 404, never a 500. Links keep the other query parameters (filters):
templates/includes/pagination.html builds them with Django's {% querystring %}.
"""

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404


def paginate(request, object_list, per_page=10):
    """Return the requested Page of `object_list` (a queryset or list)."""
    paginator = Paginator(object_list, per_page)
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        number = 1
    if number < 1:
        number = 1
    try:
        return paginator.page(number)
    except EmptyPage as error:
        if number == 1:
            return paginator.page(1)
        raise Http404("No such page of results") from error
