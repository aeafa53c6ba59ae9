"""The public request form. Works without JavaScript: the "another format"
box is always shown, and required only when "Another format" is chosen."""

from django import forms

from lscpartnerships.core.forms import PublicForm, email_field, honeypot_field

from .choices import FORMAT_CHOICES, OTHER


class FormatRequestForm(PublicForm):
    name = forms.CharField(
        label="Your name",
        max_length=200,
        error_messages={
            "required": "Enter your name",
            "max_length": "Name must be 200 characters or fewer",
        },
    )
    email = email_field(
        help_text="We will send the document, or tell you when it will be ready, to this address."
    )
    format = forms.ChoiceField(
        label="Which format do you need?",
        choices=FORMAT_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the format you need",
            "invalid_choice": "Select the format you need",
        },
    )
    other_format = forms.CharField(
        label="If you need another format, which one?",
        required=False,
        max_length=200,
        help_text="For example, a Word document or British Sign Language video.",
        error_messages={"max_length": "Format must be 200 characters or fewer"},
    )
    note = forms.CharField(
        label="Anything else we should know?",
        required=False,
        max_length=1000,
        widget=forms.Textarea,
        help_text="For example, which part of the document you need most. Do not include medical details.",
        error_messages={"max_length": "Your note must be 1000 characters or fewer"},
    )
    website = honeypot_field()

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter your name")
        return name

    def clean_other_format(self):
        return " ".join(self.cleaned_data.get("other_format", "").split())

    def clean_note(self):
        return self.cleaned_data.get("note", "").replace("\x00", "").strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("format") == OTHER and not cleaned.get("other_format"):
            self.add_error("other_format", "Enter the format you need")
        return cleaned
