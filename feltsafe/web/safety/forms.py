"""Forms for safety settings."""

from __future__ import annotations

from typing import Any

from django import forms

from feltsafe.safety import available_countries


class SafetySettingsForm(forms.Form):
    country = forms.ChoiceField(
        label="Where are you?",
        help_text="So that the phone numbers and services we show can reach you.",
    )
    discreet = forms.BooleanField(
        label="Discreet mode",
        required=False,
        help_text=(
            "Shows a plain title (“Notes”) and icon in browser tabs and history, instead of the "
            "name of this app."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        country = self.fields["country"]
        assert isinstance(country, forms.ChoiceField)
        country.choices = available_countries()
