"""Editors' accessibility checker runs the same rules as CI.

Wagtail's content checker (the userbar on a signed-in editor's page view and
the "Checks" tab of the page editor's preview panel) runs axe-core. Out of the
box it runs a handful of rules; here it runs the WCAG 2.0, 2.1 and 2.2 A and AA
rules (colour contrast included) that tests/browser/test_accessibility.py
requires every page to pass, plus Wagtail's own alt-text-quality check. An
editor therefore sees, before publishing, what would make the build fail.
"""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem

# The axe-core tags CI runs (tests/browser/a11y.py imports these).
AXE_WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN_ONLY = AXE_WCAG_TAGS


class WCAGContentCheckerItem(ContentCheckerItem):
    """Wagtail's content checker with the site's WCAG 2.2 AA rule set."""

    axe_run_only = AXE_RUN_ONLY
    # Wagtail's own rules are not WCAG-tagged, so they are switched on by name:
    # alt text that looks like a file name is the commonest editor mistake.
    axe_rules = {"alt-text-quality": {"enabled": True}}
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "color-contrast": {
            "error_name": _("Text does not stand out enough from its background"),
            "help_text": _("Use the NHS.UK colours and text styles"),
        },
        "image-alt": {
            "error_name": _("Image has no alternative text"),
            "help_text": _("Describe the image, or mark it decorative"),
        },
        "link-in-text-block": {
            "error_name": _("Link cannot be told apart from the text around it"),
            "help_text": _("Keep links underlined"),
        },
        "duplicate-id-aria": {
            "error_name": _("Two elements share an id"),
            "help_text": _("Give each heading a different text"),
        },
    }


@hooks.register("construct_wagtail_userbar")
def use_wcag_content_checker(request, items, page):
    """Swap Wagtail's default checker for the WCAG one, in the userbar and the
    preview panel alike (both build their items through this hook)."""
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, WCAGContentCheckerItem):
            items[index] = WCAGContentCheckerItem(in_editor=getattr(item, "in_editor", False))


@hooks.register("insert_global_admin_css")
def admin_contrast_fixes():
    """Where Wagtail's own admin falls short of WCAG 2.2 AA (the login page's error
    message contrast), static/css/admin.css puts it right; CI checks the login page."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("before_serve_media")
def images_private_until_published(request, folder, name):
    """/media/ serves an image file (original or rendition) only while a live
    public page uses the image; editors see every image (they preview drafts).
    See core/visibility.py and docs/decisions/0016."""
    from .visibility import check_media_is_public

    check_media_is_public(request, f"{folder}/{name}")
