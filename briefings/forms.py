"""The public filter on the briefings list."""

from django import forms

from .choices import AUDIENCE_CHOICES

FILTER_FIELDS = ("place", "audience", "year")


class BriefingFilterForm(forms.Form):
    """Place, audience and year, read from the query string.

    A value that is not on offer (a mistyped or outdated link) is reported
    next to its field and ignored; it never causes an error page.
    """

    place = forms.ChoiceField(label="Place", required=False)
    audience = forms.ChoiceField(
        label="Audience",
        required=False,
        choices=[("", "All audiences"), *AUDIENCE_CHOICES],
    )
    year = forms.TypedChoiceField(label="Year", required=False, coerce=int, empty_value=None)

    error_messages = {
        "place": "There are no briefings for that place. Choose a place from the list.",
        "audience": "Choose an audience from the list.",
        "year": "There are no briefings from that year. Choose a year from the list.",
    }

    def __init__(self, data, places, years):
        # Only the filter parameters count; "page" and anything else are ignored.
        data = {name: data.get(name, "").strip()[:100] for name in FILTER_FIELDS if name in data}
        super().__init__(data)
        self.fields["place"].choices = [("", "All places")] + [
            (slug, title) for _pk, slug, title in places
        ]
        self.fields["year"].choices = [("", "All years")] + [(str(year), year) for year in years]
        for name, field in self.fields.items():
            field.error_messages["invalid_choice"] = self.error_messages[name]

    @property
    def is_filtered(self):
        return any(self.data.get(name) for name in FILTER_FIELDS)
