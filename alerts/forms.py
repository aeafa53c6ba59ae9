"""The subscription form: an address, what to hear about, which places.

Bots are turned away without a third-party CAPTCHA: a honeypot field that
people never see (hidden by the site's CSS, not announced to screen readers,
skipped by the keyboard) plus rate limits in the view."""

from django import forms
from django.core.validators import validate_email

from .choices import LIST_CHOICES


class SubscribeForm(forms.Form):
    email = forms.CharField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )
    lists = forms.MultipleChoiceField(
        label="What do you want to hear about?",
        choices=LIST_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select new briefings, new board decisions or both",
            "invalid_choice": "Select new briefings, new board decisions or both",
        },
    )
    places = forms.MultipleChoiceField(
        label="Which places?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave every place unticked to hear about all of them.",
        error_messages={"invalid_choice": "Select places from the list"},
    )
    # The honeypot: real people never see or fill it.
    website = forms.CharField(label="Leave this field empty", required=False, max_length=200)

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["places"].choices = [(str(pk), title) for pk, title in places]
        self.place_titles = {str(pk): title for pk, title in places}

    def clean_email(self):
        email = " ".join(self.cleaned_data["email"].split())
        try:
            validate_email(email)
        except forms.ValidationError as error:
            raise forms.ValidationError(
                "Enter an email address in the correct format, like name@example.com"
            ) from error
        local, _, domain = email.rpartition("@")
        return f"{local}@{domain.lower()}"

    @property
    def is_bot(self):
        return bool(self.data.get("website", "").strip())

    def place_ids(self):
        return sorted(int(pk) for pk in self.cleaned_data.get("places", []))

    def places_text(self):
        titles = [self.place_titles[pk] for pk in self.cleaned_data.get("places", [])]
        return join_and(titles) if titles else "every place"


def join_and(items):
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
