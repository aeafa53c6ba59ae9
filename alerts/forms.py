"""The subscription form: an address, what to hear about, which places.

Bots are turned away without a third-party CAPTCHA: a honeypot field that
people never see (hidden by the site's CSS, not announced to screen readers,
skipped by the keyboard) plus rate limits in the view."""

from django import forms

from lscpartnerships.core.forms import PublicForm, email_field, honeypot_field

from .choices import LIST_CHOICES


class SubscribeForm(PublicForm):
    email = email_field()
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
    website = honeypot_field()

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["places"].choices = [(str(pk), title) for pk, title in places]
        self.place_titles = {str(pk): title for pk, title in places}

    def clean_email(self):
        local, _, domain = super().clean_email().rpartition("@")
        return f"{local}@{domain.lower()}"

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
