"""Shared pagination: bad page numbers never cause a 500."""

import pytest
from django.http import Http404
from django.test import RequestFactory

from lscpartnerships.core.pagination import page_querystring, paginate
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


def test_links_keep_filters():
    request = RequestFactory().get("/", {"year": "2022", "page": "3"})
    assert page_querystring(request, 2) == "?year=2022&page=2"
    assert page_querystring(request, 1) == "?year=2022"


def test_json_ld_cannot_break_out_of_its_script_element():
    html = json_ld({"name": "</script><script>alert(1)</script> & co"})
    assert html.startswith('<script type="application/ld+json">')
    assert html.count("</script>") == 1
    assert "\\u003c/script\\u003e" in html and "\\u0026" in html
