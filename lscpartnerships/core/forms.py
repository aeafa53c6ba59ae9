"""What the site's public forms share (email alerts, accessible-format
requests): an email address field with GOV.UK's error messages, and a honeypot
that turns bots away without a third-party CAPTCHA: a field people never see
(hidden by the site's CSS, not announced to screen readers, skipped by the
keyboard). The views add rate limits."""

from django import forms
from django.core.validators import validate_email


def email_field(**kwargs):
    return forms.CharField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "max_length": "Email address must be 254 characters or fewer",
        },
        **kwargs,
    )


def honeypot_field():
    return forms.CharField(label="Leave this field empty", required=False, max_length=200)


class PublicForm(forms.Form):
    """A form the public fills in: declare `email = email_field()` and
    `website = honeypot_field()` where they belong in the form's order."""

    @property
    def is_bot(self):
        return bool(self.data.get("website", "").strip())

    def clean_email(self):
        email = " ".join(self.cleaned_data["email"].split())
        try:
            validate_email(email)
        except forms.ValidationError as error:
            raise forms.ValidationError(
                "Enter an email address in the correct format, like name@example.com"
            ) from error
        return email
