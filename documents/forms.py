"""The admin form for documents (settings.WAGTAILDOCS_DOCUMENT_FORM_BASE)."""

from django import forms
from wagtail.documents.forms import BaseDocumentForm

from .choices import DEFAULT_LANGUAGE


class PublicDocumentForm(BaseDocumentForm):
    """Wagtail's document form, plus what editors of public documents need.

    - The language defaults to en-GB when left blank, so the multiple-upload
      page (which sends only a title and a file) saves the document at once
      rather than parking the upload half-done.
    - Editors see how many times the public has downloaded the document.
    The upload checks themselves are in PublicDocument.clean (validators.py).
    """

    downloads = forms.IntegerField(
        label="Downloads",
        required=False,
        disabled=True,
        help_text=(
            "How many times the public has downloaded this document. Counted on the server, "
            "without cookies or personal data; editors' own downloads are not counted."
        ),
    )

    accessibility_result = forms.CharField(
        label="Automatic accessibility checks",
        required=False,
        disabled=True,
        help_text="Run on every PDF upload: tagged, language, title, fonts embedded, text.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "language" in self.fields:
            self.fields["language"].required = False
        if self.instance.pk:
            self.fields["downloads"].initial = self.instance.download_count
            self._show_accessibility_checks()
        else:
            del self.fields["downloads"]
            del self.fields["accessibility_result"]

    def _show_accessibility_checks(self):
        """The stored results of the PDF checks, and what to do about each failure."""
        document = self.instance
        field = self.fields["accessibility_result"]
        field.initial = document.accessibility_summary
        failures = document.failed_accessibility_checks
        if failures:
            field.help_text = "To fix: " + "; ".join(
                f"{check.label.lower()}: {check.fix}" for check in failures
            )

    def clean_language(self):
        return (self.cleaned_data.get("language") or "").strip() or DEFAULT_LANGUAGE
