"""The content-health dashboard panel, the full report and `send_review_reminders`
list exactly the right pages, documents and images, with a fixed number of queries."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from lscpartnerships.core.factories import ContentPageFactory
from lscpartnerships.editorial import health
from lscpartnerships.editorial.wagtail_hooks import PANEL_LIMIT, ContentHealthPanel

pytestmark = pytest.mark.django_db


def today():
    """Read at use, not import: a run that crosses midnight stays consistent."""
    return timezone.localdate()


def days(n):
    return today() + datetime.timedelta(days=n)


@pytest.fixture
def review_pages(home, editor, approver, django_user_model):
    """Pages with every kind of review date, owned by different people."""
    no_email = django_user_model.objects.create_user("noemail", "", "pw")
    left = django_user_model.objects.create_user(
        "left", "left@example.invalid", "pw", is_active=False
    )

    def page(slug, due, owner=None, live=True):
        p = ContentPageFactory(
            parent=home, title=slug.replace("-", " ").capitalize(), slug=slug, live=live
        )
        p.next_review_due = due
        p.owner = owner
        p.save()
        return p

    pages = {
        "overdue-editor-1": page("overdue-editor-1", days(-40), editor),
        "overdue-editor-2": page("overdue-editor-2", days(-1), editor),
        "overdue-approver": page("overdue-approver", days(-3), approver),
        "overdue-no-owner": page("overdue-no-owner", days(-5), None),
        "overdue-no-email": page("overdue-no-email", days(-6), no_email),
        "overdue-left": page("overdue-left", days(-7), left),
        "due-today": page("due-today", today(), editor),
        "due-in-30-days": page("due-in-30-days", days(30), editor),
        "due-in-31-days": page("due-in-31-days", days(31), editor),
        "no-review-date": page("no-review-date", None, editor),
        "overdue-draft": page("overdue-draft", days(-10), editor, live=False),
    }
    # The home page is another BasePage model: it is listed too.
    home.next_review_due = days(-2)
    home.owner = approver
    home.save()
    pages["home"] = home
    return pages


DUE = [
    "overdue-editor-1",
    "overdue-left",
    "overdue-no-email",
    "overdue-no-owner",
    "overdue-approver",
    "home",
    "overdue-editor-2",
    "due-today",
    "due-in-30-days",
]
OVERDUE = [slug for slug in DUE if slug.startswith("overdue") or slug == "home"]


def test_pages_for_review_lists_live_pages_due_within_30_days_soonest_first(review_pages):
    items = health.pages_for_review()
    assert [item.page.pk for item in items] == [review_pages[s].pk for s in DUE]
    assert [item.overdue for item in items] == [s in OVERDUE for s in DUE]


def test_overdue_only_excludes_pages_due_today_or_later(review_pages):
    items = health.pages_for_review(overdue_only=True)
    assert [item.page.pk for item in items] == [review_pages[s].pk for s in OVERDUE]


def test_review_query_count_does_not_grow_with_pages(review_pages, home, django_assert_num_queries):
    with django_assert_num_queries(2):
        items = health.pages_for_review()
        [item.page.owner for item in items]
    for n in range(10):
        page = ContentPageFactory(parent=home, slug=f"more-{n}")
        page.next_review_due = days(-n)
        page.save()
    with django_assert_num_queries(2):
        items = health.pages_for_review()
        [item.page.owner for item in items]
    assert len(items) == len(DUE) + 10


def _section(html, element_id, end_tag):
    start = html.index(f'id="{element_id}"')
    return html[start : html.index(end_tag, start)]


def _linked_ids(html, pattern):
    return [int(pk) for pk in re.findall(pattern, html)]


def test_dashboard_panel_links_each_due_page_to_its_edit_screen(review_pages, approver_client):
    html = approver_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Content health" in html
    table = _section(html, "health-review", "</ul>")
    linked = _linked_ids(table, r'href="/admin/pages/(\d+)/edit/"')
    assert linked == [review_pages[s].pk for s in DUE]
    assert len(re.findall(r">\s*Overdue\s*<", table)) == len(OVERDUE)
    assert len(re.findall(r">\s*Due soon\s*<", table)) == len(DUE) - len(OVERDUE)
    assert "Pages due for review (9)" in html


def test_editors_see_the_panel_too_and_its_links_open(review_pages, editor_client):
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="health-review"' in html
    page = review_pages["overdue-approver"]
    assert editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


@pytest.fixture
def media(db):
    Document = get_document_model()
    Image = get_image_model()

    def document(title, accessible):
        doc = Document(title=title, accessible=accessible)
        doc.file.save(f"{title}.txt", ContentFile(b"Plain text document."), save=False)
        doc.save()
        return doc

    def image(title, description, decorative=False):
        # Saved without the admin form (as an import would): no alt-text check.
        image = Image.objects.create(
            title=title, file=get_test_image_file(), description=description
        )
        # Set in the database directly: Wagtail's AbstractImage.__init__ resets
        # an instance's `decorative` attribute to False (see the report).
        Image.objects.filter(pk=image.pk).update(is_decorative=decorative)
        return image

    return {
        "inaccessible": document("Inaccessible briefing", False),
        "accessible": document("Accessible briefing", True),
        "no-alt": image("Board photo", ""),
        "blank-alt": image("Map of the four places", "   "),
        "decorative": image("Divider", "", decorative=True),
        "with-alt": image("Portrait", "Portrait of a director"),
    }


def test_panel_lists_inaccessible_documents_and_images_without_alt_text(
    media, home, approver_client
):
    html = approver_client.get(reverse("wagtailadmin_home")).content.decode()
    documents = _section(html, "health-documents", "</ul>")
    assert _linked_ids(documents, r'href="/admin/documents/edit/(\d+)/"') == [
        media["inaccessible"].pk
    ]
    images = _section(html, "health-images", "</ul>")
    assert sorted(_linked_ids(images, r'href="/admin/images/(\d+)/"')) == sorted(
        [media["no-alt"].pk, media["blank-alt"].pk]
    )
    for key in ("no-alt", "inaccessible"):
        url = (
            reverse("wagtailimages:edit", args=[media[key].pk])
            if key == "no-alt"
            else reverse("wagtaildocs:edit", args=[media[key].pk])
        )
        assert approver_client.get(url).status_code == 200


def test_panel_query_count_is_fixed(review_pages, media, home, approver, rf):
    request = rf.get("/admin/")
    request.user = approver

    def count():
        with CaptureQueriesContext(connection) as queries:
            ContentHealthPanel().get_context_data({"request": request})
        return len(queries)

    first = count()
    for n in range(PANEL_LIMIT + 5):
        page = ContentPageFactory(parent=home, slug=f"extra-{n}")
        page.next_review_due = days(-n)
        page.save()
        get_image_model().objects.create(title=f"Imported {n}", file=get_test_image_file())
        doc = get_document_model()(title=f"Imported {n}")
        doc.file.save(f"imported-{n}.txt", ContentFile(b"text"), save=False)
        doc.save()
    # Past the panel's limit it also counts the rest (one query per list), no more.
    assert count() == first + 2
    assert first <= 4


def test_panel_shows_the_first_items_and_links_the_full_report(review_pages, home, approver_client):
    for n in range(PANEL_LIMIT):
        page = ContentPageFactory(parent=home, slug=f"extra-{n}")
        page.next_review_due = days(-100 - n)
        page.save()
    html = approver_client.get(reverse("wagtailadmin_home")).content.decode()
    table = _section(html, "health-review", "</ul>")
    assert len(_linked_ids(table, r'href="/admin/pages/(\d+)/edit/"')) == PANEL_LIMIT
    assert "Show every item in the content health report" in html

    report = approver_client.get(reverse("editorial_content_health"))
    assert report.status_code == 200
    table = _section(report.content.decode(), "health-review", "</ul>")
    assert len(_linked_ids(table, r'href="/admin/pages/(\d+)/edit/"')) == len(DUE) + PANEL_LIMIT


def test_panel_says_when_all_is_well(home, approver_client):
    html = approver_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "No live page is overdue for review or due in the next 30 days." in html
    assert "Every document is marked accessible." in html
    assert "Every image has alternative text or is marked decorative." in html


# -- send_review_reminders -------------------------------------------------------------


def _remind(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("send_review_reminders", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _titles(review_pages, slugs):
    return {review_pages[s].title for s in slugs}


def _listed(message, review_pages):
    return {page.title for page in review_pages.values() if f"- {page.title} (" in message.body}


def test_reminders_email_each_owner_once_about_exactly_their_overdue_pages(
    review_pages, editor, approver
):
    out, _ = _remind()
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_recipient) == [approver.email, editor.email]
    assert all(len(message.to) == 1 for message in mail.outbox)

    to_editor = by_recipient[editor.email]
    assert _listed(to_editor, review_pages) == _titles(
        review_pages, ["overdue-editor-1", "overdue-editor-2"]
    )
    assert to_editor.subject == "2 pages overdue for review"
    edit = f"http://testserver/admin/pages/{review_pages['overdue-editor-1'].pk}/edit/"
    assert edit in to_editor.body

    # Approvers get their own pages and those whose owner cannot be emailed.
    to_approver = by_recipient[approver.email]
    assert _listed(to_approver, review_pages) == _titles(
        review_pages,
        ["overdue-approver", "home", "overdue-no-owner", "overdue-no-email", "overdue-left"],
    )
    assert "Sent 2 reminder(s) about 7 overdue page(s)." in out


def test_unowned_pages_go_to_every_approver_with_an_address(review_pages, django_user_model):
    second = django_user_model.objects.create_user("approver2", "approver2@example.invalid", "pw")
    second.groups.add(Group.objects.get(name="Comms approvers"))
    _remind()
    (message,) = [m for m in mail.outbox if m.to == ["approver2@example.invalid"]]
    assert _listed(message, review_pages) == _titles(
        review_pages, ["overdue-no-owner", "overdue-no-email", "overdue-left"]
    )


def test_dry_run_sends_nothing_and_says_who_would_be_emailed(review_pages, editor):
    out, _ = _remind("--dry-run")
    assert mail.outbox == []
    assert f"Would email {editor.email}:" in out
    assert "Dry run: 2 reminder(s) not sent." in out


def test_no_overdue_pages_no_email(home):
    out, _ = _remind()
    assert mail.outbox == []
    assert "No live page is overdue for review" in out


def test_reminders_query_count_is_fixed(review_pages, home, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as before:
        _remind("--dry-run")
    for n in range(10):
        page = ContentPageFactory(parent=home, slug=f"late-{n}")
        page.next_review_due = days(-n - 1)
        page.owner = None
        page.save()
    with django_assert_max_num_queries(len(before)):
        _remind("--dry-run")
