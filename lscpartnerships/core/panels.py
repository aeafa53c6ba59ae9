"""Admin panels shared by the domain apps."""

from django.apps import apps
from wagtail.admin.panels import FieldPanel, PageChooserPanel


def model_or_none(model_string):
    """The model for "app.Model", or None when that app is not installed."""
    try:
        return apps.get_model(model_string)
    except (LookupError, ValueError):
        return None


class OptionalTypePageChooserPanel(PageChooserPanel):
    """A page chooser limited to `page_type` when that model exists.

    Domain apps link to each other's pages without importing each other; if
    the linked app is not installed the chooser offers any page instead of
    breaking the edit form.
    """

    def get_form_options(self):
        if self.page_type and model_or_none(self.page_type) is None:
            return FieldPanel.get_form_options(self)
        return super().get_form_options()
