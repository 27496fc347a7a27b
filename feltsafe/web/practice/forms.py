"""Forms for the practice workspace."""

from __future__ import annotations

from typing import Any

from django import forms

from feltsafe.reports.schedule import MAX_INTERVAL_DAYS
from feltsafe.web.practice.logos import MAX_LOGO_BYTES
from feltsafe.web.practice.models import AssignmentKind
from feltsafe.web.practice.services import (
    MAX_APPROACH_LENGTH,
    MAX_NAME_LENGTH,
    SCOPE_HELP,
    available_scopes,
)

CADENCE_CHOICES = [
    ("weekly", "Every week"),
    ("fortnightly", "Every two weeks"),
    ("monthly", "Every month"),
    ("custom", "Every few days (choose how many)"),
]


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=40,
        help_text="As you were given it, for example ABCD-EFGH-JKMN.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class ScopeForm(forms.Form):
    scopes = forms.MultipleChoiceField(
        label="What would you like to share?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["scopes"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(s.value, f"{s.label}: {SCOPE_HELP[s]}") for s in available_scopes()]


class AcceptForm(CodeForm, ScopeForm):
    pass


class PracticeForm(forms.Form):
    name = forms.CharField(label="Name of the practice", max_length=MAX_NAME_LENGTH)
    approach = forms.CharField(
        label="Your approach, in a few sentences (optional)",
        required=False,
        max_length=MAX_APPROACH_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: trauma-informed individual therapy and couples therapy.",
    )
    contact_url = forms.URLField(
        label="Contact or booking link (optional)",
        required=False,
        assume_scheme="https",
    )
    listed = forms.BooleanField(
        label="Show the practice on the “Finding support” page", required=False
    )
    logo = forms.FileField(
        label="Logo (optional)",
        required=False,
        help_text=f"A PNG or JPEG image of at most {MAX_LOGO_BYTES // 1024} KB.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label="Remove the logo", required=False)


class AssignmentForm(forms.Form):
    kind = forms.ChoiceField(label="What to suggest", choices=AssignmentKind.choices)
    cadence = forms.ChoiceField(label="How often", choices=CADENCE_CHOICES)
    interval_days = forms.IntegerField(
        label="Every how many days (for “every few days”)",
        required=False,
        min_value=1,
        max_value=MAX_INTERVAL_DAYS,
    )
    start_date = forms.DateField(
        label="Starting on", widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, kinds: list[AssignmentKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(k.value, k.label) for k in kinds]
