"""Forms of the two-factor screens."""

from django import forms


class CodeForm(forms.Form):
    """One field: a six-digit code from the app, or a recovery code."""

    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code your authenticator app shows now.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()
