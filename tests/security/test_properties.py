"""Property-based tests (hypothesis): whatever a visitor puts in the search
box, the listing filters or the API's query parameters, the answer is a
page or a clear 400, never a server error."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# A page number past the end is a 404 (the listing has no such page): that is
# an answer, not a failure. The seeded database is set up once per test function and only read by the
# requests, so sharing it between examples is safe.
PROPERTY_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text a visitor could send: any Unicode (including NUL and control
# characters), numbers of any size, and the values the site itself uses.
visitor_text = st.one_of(
    st.text(max_size=300),
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
    st.sampled_from(
        ["", "2022", "blackpool", "stakeholders", "documents", "places-placepartnershippage"]
    ),
)


def _get(path, params):
    client = Client(raise_request_exception=False)
    return client.get(path + "?" + urlencode(params, doseq=True))


@PROPERTY_SETTINGS
@given(q=visitor_text, type_=visitor_text, page=visitor_text)
def test_search_never_fails(initial_content, q, type_, page):
    params = {"q": q, "type": type_, "page": page}
    response = _get("/search/", params)
    assert response.status_code < 500, params
    if response.status_code == 200 and q.strip():
        assert b"search" in response.content.lower()


@PROPERTY_SETTINGS
@given(place=visitor_text, audience=visitor_text, year=visitor_text, page=visitor_text)
def test_briefing_filters_never_fail(initial_content, place, audience, year, page):
    params = {"place": place, "audience": audience, "year": year, "page": page}
    response = _get("/briefings/", params)
    assert response.status_code in (200, 400, 404), (response.status_code, params)


@PROPERTY_SETTINGS
@given(year=visitor_text, page=visitor_text)
def test_decision_filters_never_fail(initial_content, year, page):
    from decisions.models import BoardDecisionIndexPage

    index = BoardDecisionIndexPage.objects.live().first()
    response = _get(index.url, {"year": year, "page": page})
    assert response.status_code in (200, 400, 404), (response.status_code, year, page)


API_PARAMETERS = st.dictionaries(
    keys=st.sampled_from(
        [
            "search",
            "search_operator",
            "offset",
            "limit",
            "order",
            "fields",
            "type",
            "child_of",
            "ancestor_of",
            "descendant_of",
            "title",
            "slug",
            "id",
            "show_in_menus",
            "publication_date",
            "meeting_date",
            "locale",
            "tags",
        ]
    ),  # fmt: skip
    values=visitor_text,
    max_size=4,
)


@PROPERTY_SETTINGS
@given(endpoint=st.sampled_from(["pages", "images", "documents"]), params=API_PARAMETERS)
def test_api_query_parameters_never_fail(initial_content, endpoint, params):
    response = _get(f"/api/v2/{endpoint}/", params)
    assert response.status_code in (200, 400, 404), (response.status_code, params)
    assert response["Content-Type"].startswith("application/json"), params
    if response.status_code == 400:
        assert response.json()["message"]
