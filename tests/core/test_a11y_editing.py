"""Accessible by default for editors: the real admin forms refuse an image
without alt text, vague link texts and skipped heading levels, and say what to
fix; signed-in editors' pages carry Wagtail's checker with CI's WCAG rules."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from lscpartnerships.core.blocks import (
    ContentStreamBlock,
    ExpanderBlock,
    InsetTextBlock,
    rich_text_link_errors,
)
from lscpartnerships.core.factories import ContentPageFactory
from lscpartnerships.core.models import ContentPage
from lscpartnerships.core.wagtail_hooks import AXE_WCAG_TAGS

pytestmark = pytest.mark.django_db


def upload():
    """A PNG as a browser uploads it."""
    return SimpleUploadedFile("board.png", get_test_image_file().file.getvalue(), "image/png")


def test_image_upload_without_alt_text_is_refused_with_a_message(admin_client):
    Image = get_image_model()
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Board meeting", "file": upload(), "description": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Add alternative text describing the image" in html
    assert "The submitted file is empty" not in html
    assert "tick “decorative”" in html or "tick &ldquo;decorative&rdquo;" in html
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    "extra",
    [{"description": "The board of NHS Lancashire and South Cumbria"}, {"is_decorative": "on"}],
    ids=["with-alt-text", "decorative"],
)
def test_image_upload_with_alt_text_or_decorative_is_saved(admin_client, extra):
    Image = get_image_model()
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Board meeting", "file": upload(), "description": "", **extra},
    )
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.default_alt_text == extra.get("description", "")


def _edit_form(admin_client, page, body):
    """The page's real admin edit form as a browser would post it, with `body`."""
    url = f"/admin/pages/{page.pk}/edit/"
    html = admin_client.get(url).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    for key in [k for k in data if k.startswith("body")]:
        del data[key]
    data.update(nested_form_data({"body": streamfield(body)}))
    return url, data


def _errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(soup.get_text(" ").split())


@pytest.fixture
def content_page(home):
    return ContentPageFactory(parent=home, title="Next steps", slug="next-steps")


@pytest.mark.parametrize("text", ["click here", "Read more", "here"])
def test_page_with_a_vague_rich_text_link_is_not_saved(admin_client, content_page, text):
    before = content_page.get_latest_revision()
    body = [
        (
            "rich_text",
            rich_text(
                f'<p>For the stakeholder briefing <a href="https://www.nhs.uk/">{text}</a>.</p>'
            ),
        )
    ]
    url, data = _edit_form(admin_client, content_page, body)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    # The stream editor shows the error on the block (sent to it as JSON).
    error = response.context["form"].errors.as_data()["body"][0]
    assert f"The link text “{text}” does not say where the link goes" in str(error.block_errors[0])
    assert "does not say where the link goes" in response.content.decode()
    assert "The page could not be saved due to validation errors" in _errors(response)
    assert content_page.get_latest_revision() == before


def test_page_with_meaningful_link_text_is_saved(admin_client, content_page):
    body = [
        (
            "rich_text",
            rich_text('<p>Read <a href="https://www.nhs.uk/">the NHS website</a>.</p>'),
        )
    ]
    url, data = _edit_form(admin_client, content_page, body)
    response = admin_client.post(url, data)
    assert response.status_code == 302
    revision = ContentPage.objects.get(pk=content_page.pk).get_latest_revision_as_object()
    assert "the NHS website" in str(revision.body[0].value)


def test_page_whose_headings_skip_a_level_is_not_saved(admin_client, content_page):
    before = content_page.get_latest_revision()
    body = [
        ("heading", {"text": "Belonging to a place", "level": "2"}),
        ("heading", {"text": "Common purpose", "level": "4"}),
    ]
    url, data = _edit_form(admin_client, content_page, body)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "This heading 4 skips a level" in response.content.decode()
    assert content_page.get_latest_revision() == before


def test_links_inside_inset_text_and_expanders_are_checked():
    inset = InsetTextBlock()
    with pytest.raises(Exception) as error:
        inset.clean(
            inset.to_python({"body": '<p><a href="https://www.nhs.uk/">Click here</a></p>'})
        )
    assert "does not say where the link goes" in str(error.value.block_errors["body"])

    expander = ExpanderBlock()
    value = expander.to_python(
        {
            "title": "What is a place?",
            "body": [
                {"type": "richtext", "value": "<p>A place is a local authority area.</p>"},
                {"type": "richtext", "value": '<p><a href="https://www.nhs.uk/">more</a></p>'},
            ],
        }
    )
    with pytest.raises(Exception) as error:
        expander.clean(value)
    body_errors = error.value.block_errors["body"].block_errors
    assert list(body_errors) == [1]
    assert "does not say where the link goes" in str(body_errors[1])


def test_rich_text_links_without_text_are_refused():
    assert rich_text_link_errors('<p><a href="https://www.nhs.uk/"> </a></p>') == [
        "A link has no text, so screen readers cannot say where it goes. Select the link and "
        "type words that describe its destination, or remove it."
    ]
    assert rich_text_link_errors('<p><a href="/contact-us/">Contact us</a></p>') == []


def test_stream_reports_the_bad_link_on_its_own_block():
    block = ContentStreamBlock()
    value = block.to_python(
        [
            {"type": "rich_text", "value": '<p><a href="/contact-us/">Contact us</a></p>'},
            {"type": "rich_text", "value": '<p><a href="/contact-us/">here</a></p>'},
        ]
    )
    with pytest.raises(Exception) as error:
        block.clean(value)
    assert list(error.value.block_errors) == [1]


def _checker_config(html):
    soup = BeautifulSoup(html, "html.parser")
    template = soup.find("template", id="wagtail-userbar-template")
    assert template is not None, "The page has no Wagtail userbar"
    inner = BeautifulSoup(template.decode_contents(), "html.parser")
    script = inner.find("script", id="checker-axe-configuration")
    assert script is not None, "The userbar has no accessibility checker"
    return json.loads(script.string)


def test_editors_page_view_runs_the_checker_with_the_ci_rules(admin_client, content_page):
    config = _checker_config(admin_client.get(content_page.url).content.decode())
    assert config["options"]["runOnly"] == AXE_WCAG_TAGS
    assert config["options"]["rules"] == {"alt-text-quality": {"enabled": True}}
    assert "color-contrast" in config["messages"]


def test_preview_panel_checks_use_the_ci_rules(admin_client, content_page):
    """The page editor's preview panel ("Checks") builds its userbar through the same hook."""
    url, data = _edit_form(admin_client, content_page, [("rich_text", rich_text("<p>Text</p>"))])
    preview_url = f"/admin/pages/{content_page.pk}/edit/preview/"
    assert admin_client.post(preview_url, data).json()["is_valid"]
    html = admin_client.get(preview_url, {"in_preview_panel": "true"}).content.decode()
    assert _checker_config(html)["options"]["runOnly"] == AXE_WCAG_TAGS


def test_visitors_get_no_userbar(client, content_page):
    html = client.get(content_page.url).content.decode()
    assert "wagtail-userbar" not in html


def test_userbar_adds_no_inline_script_or_style(admin_client, content_page):
    """The strict Content-Security-Policy must still hold for editors."""
    soup = BeautifulSoup(admin_client.get(content_page.url).content, "html.parser")
    template = soup.find("template", id="wagtail-userbar-template")
    inner = BeautifulSoup(template.decode_contents(), "html.parser")
    for tree in (soup, inner):
        for script in tree.find_all("script"):
            assert script.get("src") or script.get("type") in {
                "application/json",
                "application/ld+json",
            }, script
        assert not tree.find_all("style")
    assert Page.objects.filter(pk=content_page.pk).exists()


@pytest.mark.parametrize(
    "text", ["Click here", "read more.", "Find out more", "More information", "this page"]
)
def test_rich_text_block_refuses_vague_link_texts(text):
    from lscpartnerships.core.blocks import RichTextBlock

    block = RichTextBlock()
    value = block.to_python(f'<p>See <a href="https://www.nhs.uk/">{text}</a></p>')
    with pytest.raises(Exception) as error:
        block.clean(value)
    assert f"The link text “{text}” does not say where the link goes" in str(error.value)
