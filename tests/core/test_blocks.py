"""Shared blocks refuse content that would make a page inaccessible, and say why."""

import pytest
from django.core.exceptions import ValidationError

from lscpartnerships.core.blocks import ActionLinkBlock, ContentStreamBlock, ImageBlock


def stream(*children):
    block = ContentStreamBlock()
    return block, block.to_python([{"type": t, "value": v} for t, v in children])


def heading(level):
    return ("heading", {"text": f"Heading {level}", "level": str(level)})


def test_headings_in_order_are_accepted():
    block, value = stream(heading(2), heading(3), heading(3), heading(2), heading(3), heading(4))
    cleaned = block.clean(value)
    assert [child.value["level"] for child in cleaned] == ["2", "3", "3", "2", "3", "4"]


@pytest.mark.parametrize(
    ("levels", "bad_index", "message"),
    [
        ((3,), 0, "Make it a heading 2"),
        ((2, 4), 1, "skips a level: the heading before it is a heading 2"),
        ((2, 3, 2, 4), 3, "Make it a heading 3"),
    ],
)
def test_skipped_heading_levels_are_refused(levels, bad_index, message):
    block, value = stream(*(heading(level) for level in levels))
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    errors = error.value.block_errors
    assert list(errors) == [bad_index]
    assert message in str(errors[bad_index])


@pytest.mark.django_db
def test_image_model_requires_alt_text_unless_decorative():
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    Image = get_image_model()
    image = Image(title="Portrait", file=get_test_image_file())
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "Add alternative text" in str(error.value.message_dict["description"])
    image.is_decorative = True
    image.full_clean()
    assert image.default_alt_text == ""
    image.is_decorative, image.description = False, "Portrait of Karen Smith"
    image.full_clean()
    assert image.default_alt_text == "Portrait of Karen Smith"


@pytest.mark.django_db
def test_image_block_uses_image_alt_text_or_needs_its_own():
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    Image = get_image_model()
    described = Image.objects.create(title="a", file=get_test_image_file(), description="Map")
    decorative = Image.objects.create(title="b", file=get_test_image_file(), is_decorative=True)
    block = ImageBlock()
    block.clean({"image": described, "alt_text": "", "decorative": False, "caption": ""})
    with pytest.raises(ValidationError) as error:
        block.clean({"image": decorative, "alt_text": " ", "decorative": False, "caption": ""})
    assert "Add alternative text" in str(error.value.block_errors["alt_text"])
    block.clean({"image": decorative, "alt_text": "", "decorative": True, "caption": ""})


@pytest.mark.parametrize("text", ["Click here", "read more", "Here."])
def test_action_link_refuses_meaningless_text(text):
    block = ActionLinkBlock()
    value = block.to_python(
        {"text": text, "external_url": "https://www.nhs.uk/", "new_window": False}
    )
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "does not say where the link goes" in str(error.value.block_errors["text"])


def test_action_link_with_meaningful_text_is_accepted():
    block = ActionLinkBlock()
    value = block.to_python(
        {"text": "Read the stakeholder briefing", "external_url": "https://www.nhs.uk/"}
    )
    assert block.clean(value)["text"] == "Read the stakeholder briefing"
