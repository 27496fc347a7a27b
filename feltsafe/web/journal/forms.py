"""Forms for the activation journal, the repair log and the CSV import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils import timezone

from feltsafe.journal.vocab import PATTERN_DESCRIPTIONS, PATTERNS, REPAIR_CATEGORIES, TOOLS
from feltsafe.web.journal.models import Initiator
from feltsafe.web.journal.services import MAX_SHORT_LENGTH, MAX_TEXT_LENGTH
from feltsafe.web.reflections.models import Relationship
from feltsafe.web.reflections.services import MAX_LABEL_LENGTH

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
_INTENSITY = [("", "Not noted"), *((str(v), str(v)) for v in range(11))]
_NOT_NOTED = ("", "Not noted")


def _intensity_field(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=_INTENSITY,
        coerce=int,
        empty_value=None,
        required=False,
        help_text="0 = calm, 10 = the most intense it gets.",
    )


class ActivationForm(forms.Form):
    occurred_on = forms.DateField(
        label="When did it happen?",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    what_happened = forms.CharField(
        label="What happened?",
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A few words are enough.",
    )
    tags = forms.CharField(
        label="Tags (optional)",
        required=False,
        max_length=MAX_SHORT_LENGTH,
        help_text="Short words, separated by commas, for example “money, tone of voice”.",
    )
    body = forms.CharField(
        label="Where did you feel it in your body? (optional)",
        required=False,
        max_length=MAX_SHORT_LENGTH,
        help_text="For example “tight chest” or “hot face”.",
    )
    intensity_before = _intensity_field("How intense was it at first? (optional)")
    pattern = forms.ChoiceField(
        label="Which protective pattern showed up? (optional)",
        choices=[_NOT_NOTED, *PATTERNS],
        required=False,
        widget=forms.RadioSelect,
    )
    tool = forms.ChoiceField(
        label="What helped? (optional)",
        choices=[_NOT_NOTED, *TOOLS],
        required=False,
        widget=forms.RadioSelect,
    )
    intensity_after = _intensity_field("How intense was it afterwards? (optional)")
    note = forms.CharField(
        label="Anything else you would like to note (optional)",
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    pattern_help = PATTERN_DESCRIPTIONS


_DATETIME = {"type": "datetime-local"}


class RepairForm(forms.Form):
    what_happened = forms.CharField(
        label="What happened?",
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    relationship = forms.ModelChoiceField(
        queryset=Relationship.objects.none(),
        required=False,
        empty_label="Not about one relationship",
        label="Who was it with? (optional)",
    )
    new_relationship = forms.CharField(
        required=False,
        max_length=MAX_LABEL_LENGTH,
        label="Or someone not listed (optional)",
    )
    ruptured_at = forms.DateTimeField(
        label="When did it happen?",
        widget=forms.DateTimeInput(attrs=_DATETIME, format="%Y-%m-%dT%H:%M"),
    )
    initiated_by = forms.ChoiceField(
        label="Who reached out to repair? (optional)",
        choices=[_NOT_NOTED, *Initiator.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(
        label="What helped you find each other again? (optional)",
        choices=[_NOT_NOTED, *REPAIR_CATEGORIES],
        required=False,
        widget=forms.RadioSelect,
    )
    reconnected_at = forms.DateTimeField(
        label="When did you feel reconnected? (optional)",
        required=False,
        widget=forms.DateTimeInput(attrs=_DATETIME, format="%Y-%m-%dT%H:%M"),
        help_text="Leave it empty if it has not happened yet. There is no deadline.",
    )
    note = forms.CharField(
        label="Anything else you would like to note (optional)",
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["relationship"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Relationship.objects.filter(owner=owner)


def repair_initial_now() -> dict[str, Any]:
    return {"ruptured_at": timezone.localtime().replace(second=0, microsecond=0)}


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Journal CSV file",
        help_text=(
            "Columns: date,trigger,intensity_before,pattern,tool,intensity_after,note "
            "(a header row first; ISO dates like 2026-01-31; intensities 0 to 10)."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                "That file is larger than 2 MB. Please split it and import the parts one by one."
            )
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".txt")):
            raise forms.ValidationError("Please choose a .csv file (a spreadsheet saved as CSV).")
        raw = upload.read()
        not_utf8 = "That file is not UTF-8 text. Please save it as “CSV UTF-8” and try again."
        if b"\x00" in raw:  # UTF-16, or not text at all
            raise forms.ValidationError(not_utf8)
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(not_utf8) from exc
