"""Shared pagination: bad page numbers never cause a 500."""

import pytest
from bs4 import BeautifulSoup
from django.http import Http404
from django.template.loader import render_to_string
from django.test import RequestFactory

from lscpartnerships.core.pagination import paginate
from lscpartnerships.core.templatetags.core_tags import json_ld

ITEMS = list(range(25))


@pytest.mark.parametrize(("raw", "first"), [("1", 0), ("2", 10), ("abc", 0), ("-3", 0), ("", 0)])
def test_page_numbers_visitors_type(raw, first):
    request = RequestFactory().get("/", {"page": raw})
    assert paginate(request, ITEMS)[0] == first


def test_page_past_the_end_is_not_found():
    with pytest.raises(Http404):
        paginate(RequestFactory().get("/", {"page": "99999"}), ITEMS)


def test_empty_listing_has_a_first_page():
    assert list(paginate(RequestFactory().get("/"), [])) == []


def pagination_links(query):
    request = RequestFactory().get("/", query)
    html = render_to_string(
        "includes/pagination.html",
        {"page_obj": paginate(request, ITEMS), "request": request},
        request=request,
    )
    return [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a")]


def test_links_keep_filters():
    assert pagination_links({"year": "2022", "page": "2"}) == ["?year=2022", "?year=2022&page=3"]
    assert pagination_links({"year": "2022", "page": "3"}) == ["?year=2022&page=2"]
    assert pagination_links({"page": "2"}) == ["?", "?page=3"]


def test_json_ld_cannot_break_out_of_its_script_element():
    html = json_ld({"name": "</script><script>alert(1)</script> & co"})
    assert html.startswith('<script type="application/ld+json">')
    assert html.count("</script>") == 1
    assert "\\u003c/script\\u003e" in html and "\\u0026" in html
