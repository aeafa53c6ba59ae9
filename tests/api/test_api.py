"""The read-only partner API at /api/v2/: useful fields, live public content
only, documents only when the public may download them, CORS open for GET."""

import pytest
from wagtail.models import Page, PageViewRestriction

from lscpartnerships.core.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    response = client.get(path, params, HTTP_ORIGIN="https://partner.example.org")
    assert response.status_code == 200, (path, response.status_code, response.content[:300])
    return response


def test_places_expose_their_useful_fields(client, initial_content):
    fields = "local_authority_name,director,summary,priorities"
    data = get(client, "/api/v2/pages/", type="places.PlacePartnershipPage", fields=fields).json()
    assert data["meta"]["total_count"] == 4
    blackpool = next(p for p in data["items"] if p["meta"]["slug"] == "blackpool")
    assert blackpool["local_authority_name"]
    assert blackpool["director"]["title"] == "Karen Smith"
    assert blackpool["director"]["url"].endswith("/directors/karen-smith/")


def test_directors_decisions_briefings_and_faqs_are_exposed(client, initial_content):
    directors = get(
        client, "/api/v2/pages/", type="directors.DirectorProfilePage", fields="job_title,place"
    ).json()
    assert {p["title"] for p in directors["items"]} == {
        "Claire Richardson",
        "Karen Smith",
        "Jane Scattergood",
        "Louise Taylor",
    }
    decisions = get(
        client,
        "/api/v2/pages/",
        type="decisions.BoardDecisionPage",
        fields="meeting_date,status,place_links,milestones",
    ).json()
    decision = decisions["items"][0]
    assert decision["meeting_date"] == "2022-07-27"
    assert len(decision["place_links"]) == 4
    faq = get(client, "/api/v2/pages/", type="decisions.FAQPage", fields="api_questions").json()
    questions = faq["items"][0]["api_questions"]
    assert questions and {"question", "id", "answer"} <= set(questions[0])
    briefings = get(
        client,
        "/api/v2/pages/",
        type="briefings.BriefingPage",
        fields="publication_date,attachments",
    ).json()
    attachment = briefings["items"][0]["attachments"][0]["document"]
    assert attachment["file_type"] == "PDF" and attachment["page_count"]


def test_drafts_and_private_pages_are_never_exposed(client, initial_content):
    draft = ContentPageFactory(parent=initial_content, title="Draft only", live=False)
    private = ContentPageFactory(parent=initial_content, title="Private page")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    listing = get(client, "/api/v2/pages/", limit=50).json()
    titles = {p["title"] for p in listing["items"]}
    assert "Draft only" not in titles and "Private page" not in titles
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404


def test_a_restricted_section_is_left_out_for_every_caller(
    client, initial_content, django_user_model
):
    """Below a restricted page too, in a listing of one type, and for a
    signed-in caller: the API answers what the public sees (ADR 0016)."""
    section = ContentPageFactory(parent=initial_content, title="Members area")
    below = ContentPageFactory(parent=section, title="Below the members area")
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    client.force_login(django_user_model.objects.create_superuser("api-editor", password="x"))
    for params in ({"limit": 50}, {"type": "core.ContentPage", "limit": 50}):
        data = get(client, "/api/v2/pages/", **params).json()
        titles = {p["title"] for p in data["items"]}
        assert titles and not titles & {"Members area", "Below the members area"}, params
        assert data["meta"]["total_count"] == len(titles)
    assert client.get(f"/api/v2/pages/{below.pk}/").status_code == 404
    typed = get(client, "/api/v2/pages/", type="core.ContentPage", site="localhost").json()
    assert typed["items"]
    assert client.get("/api/v2/pages/", {"site": "elsewhere.example"}).status_code == 404
    assert client.get("/api/v2/pages/", {"type": "core.NoSuchPage"}).status_code == 400


def test_link_to_an_unpublished_page_is_null(client, initial_content):
    director = Page.objects.get(slug="karen-smith")
    director.unpublish()
    data = get(client, "/api/v2/pages/", type="places.PlacePartnershipPage", fields="director")
    blackpool = next(p for p in data.json()["items"] if p["meta"]["slug"] == "blackpool")
    assert blackpool["director"] is None


def test_documents_only_when_a_live_page_uses_them(client, initial_content):
    from wagtail.documents import get_document_model

    data = get(client, "/api/v2/documents/").json()
    assert data["meta"]["total_count"] == 1
    briefing = Page.objects.get(slug="review-of-place-based-partnerships-stakeholder-briefing")
    briefing.unpublish()
    assert get(client, "/api/v2/documents/").json()["meta"]["total_count"] == 0
    document = get_document_model().objects.get()
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404


def test_images_carry_alt_text(client, initial_content):
    data = get(client, "/api/v2/images/", fields="description").json()
    assert data["meta"]["total_count"] >= 4
    assert all(item["description"] for item in data["items"])


def test_read_only_and_cors_open_for_get(client, initial_content):
    response = get(client, "/api/v2/pages/")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.post("/api/v2/pages/", {}).status_code == 405
    assert client.delete("/api/v2/pages/1/").status_code == 405
    # Not beyond the API: the public site sends no CORS header.
    assert "Access-Control-Allow-Origin" not in client.get("/", HTTP_ORIGIN="https://x.org")


@pytest.mark.django_db
def test_the_api_reads_outside_a_transaction_and_never_breaks_a_callers(client, initial_content):
    """ATOMIC_REQUESTS does not wrap the API's views (it only reads: BEGIN and
    COMMIT were two round trips of six). Inside a caller's transaction (this
    test's) it reads in a savepoint: DRF rolls back the transaction it is in
    on every refusal (a 404, a 400, a 429), which must be the savepoint, never
    the caller's own transaction (without it, tests/security's hostile
    requests and throttling tests see the next page fail)."""
    from django.db import connection
    from django.urls import resolve

    for path in ("/api/v2/pages/", "/api/v2/pages/1/", "/api/v2/images/", "/api/v2/documents/"):
        assert resolve(path).func._non_atomic_requests == {"default"}, path
    assert client.get("/api/v2/pages/999999/").status_code == 404
    assert client.get("/api/v2/pages/?child_of=99999999999999999999999").status_code == 400
    assert not connection.needs_rollback
    assert client.get("/").status_code == 200
    assert client.get("/api/v2/pages/").status_code == 200
