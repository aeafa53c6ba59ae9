"""People in each editorial role, signed-in clients for them, and the page type the
sign-off tests create.

The groups and the "Comms sign-off" workflow come from the editorial data
migration, so every test database already has them: these fixtures only add
people to the groups, as a site administrator would.
"""

import io
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from briefings.factories import BriefingIndexPageFactory
from briefings.models import BriefingPage
from lscpartnerships.core.models import ContentPage
from lscpartnerships.editorial import roles


def _member(django_user_model, username, group_name, **extra):
    user = django_user_model.objects.create_user(
        username,
        f"{username}@example.invalid",
        "pw",
        first_name=username.title(),
        **extra,
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return _member(django_user_model, "editor", roles.EDITORS)


@pytest.fixture
def approver(db, django_user_model):
    return _member(django_user_model, "approver", roles.APPROVERS)


@pytest.fixture
def site_administrator(db, django_user_model):
    return _member(django_user_model, "siteadmin", roles.ADMINISTRATORS)


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    return _client_for(editor)


@pytest.fixture
def approver_client(approver):
    return _client_for(approver)


# -- page types the tests create through the admin -------------------------------------
#
# A briefing is what comms staff publish most, so the sign-off journeys create
# briefings.BriefingPage under the briefing index. Switching them to another page
# type is the one line `SIGN_OFF_PAGE = ...` below. Tests of what every page has
# (review dates, the "being reviewed" notice) use the core ContentPage.


@dataclass
class PageKind:
    """A page type, where it is created, and the admin form data for it."""

    model: type
    parent_fixture: str

    def extra_form_data(self, document):
        return {}

    def form_data(self, title, slug, paragraph, document=None, **extra):
        """POST data for the admin create/edit form; `document` is linked from the body."""
        link = ""
        if document is not None:
            link = f' <a linktype="document" id="{document.pk}">{document.title}</a>'
        data = {
            "title": title,
            "slug": slug,
            "summary": f"Summary of {title}.",
            "body": streamfield([("rich_text", rich_text(f"<p>{paragraph}{link}</p>"))]),
            **self.extra_form_data(document),
            **extra,
        }
        return nested_form_data(data)


class BriefingPageKind(PageKind):
    def extra_form_data(self, document):
        return {
            "publication_date": "2022-08-05",
            "audience": "stakeholders",
            "attachments": inline_formset([{"document": document.pk}] if document else []),
            "place_links": inline_formset([]),
            "changes": inline_formset([]),
        }


CONTENT_PAGE = PageKind(model=ContentPage, parent_fixture="home")
BRIEFING_PAGE = BriefingPageKind(model=BriefingPage, parent_fixture="briefing_index")
SIGN_OFF_PAGE = BRIEFING_PAGE


@pytest.fixture
def briefing_index(home):
    return BriefingIndexPageFactory(parent=home)


@pytest.fixture
def page_kind():
    return SIGN_OFF_PAGE


@pytest.fixture
def content_kind():
    return CONTENT_PAGE


@pytest.fixture
def sign_off_parent(request, page_kind):
    return request.getfixturevalue(page_kind.parent_fixture)


@pytest.fixture
def public_path(sign_off_parent):
    """The public path of a page created under the sign-off parent."""
    return lambda slug: f"{sign_off_parent.url}{slug}/"


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def pdf_bytes(text="Stakeholder briefing"):
    """A small but real PDF (one blank page), as the upload checks expect."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def upload_pdf(client, title="Stakeholder briefing", accessible=False):
    """Upload a PDF through the admin's "Add a document" form; return the document."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model

    Document = get_document_model()
    before = set(Document.objects.values_list("pk", flat=True))
    data = {
        "title": title,
        "file": SimpleUploadedFile("briefing.pdf", pdf_bytes(title), "application/pdf"),
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
        "description": "The full briefing as a PDF.",
        "language": "en-GB",
    }
    if accessible:
        data["accessible"] = "on"
    response = client.post(reverse("wagtaildocs:add"), data)
    if response.status_code != 302:
        raise AssertionError(f"Upload refused: {response.context['form'].errors.as_text()}")
    (new_pk,) = set(Document.objects.values_list("pk", flat=True)) - before
    return Document.objects.get(pk=new_pk)
