"""Forms for linking, sharing and the couple's repair log."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone

from feltsafe.journal.vocab import REPAIR_CATEGORIES
from feltsafe.web.couples.models import ShareKind
from feltsafe.web.couples.services import MAX_REPAIR_TEXT
from feltsafe.web.reflections.models import Relationship
from feltsafe.web.reflections.services import MAX_LABEL_LENGTH

NEW = ""


def _relationship_choices(relationships: Iterable[Relationship]) -> list[tuple[str, str]]:
    return [(NEW, "Someone new (give a name below)")] + [
        (str(r.pk), r.label) for r in relationships
    ]


class _RelationshipChoiceForm(forms.Form):
    relationship = forms.ChoiceField(required=False)
    new_label = forms.CharField(
        label="Or a new name",
        required=False,
        max_length=MAX_LABEL_LENGTH,
        help_text="In your own words, for example “my partner”. Only you see this name.",
    )

    def __init__(
        self, *args: Any, relationships: Iterable[Relationship] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["relationship"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _relationship_choices(relationships)

    def relationship_id(self) -> int | None:
        raw = self.cleaned_data.get("relationship") or ""
        return int(raw) if raw.isdigit() else None


class InviteForm(_RelationshipChoiceForm):
    field_order = ["relationship", "new_label"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["relationship"].label = "Who would you like to invite?"


class CodeInput(forms.TextInput):
    """A text box that never shows a code back: every answer to a join attempt looks the same."""

    def format_value(self, value: Any) -> str | None:
        return None


class JoinForm(_RelationshipChoiceForm):
    code = forms.CharField(
        label="Invitation code",
        max_length=40,
        help_text="The code the other person gave you, for example ABCD-EFGH-JKMN-PQRS.",
        widget=CodeInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    field_order = ["code", "relationship", "new_label"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["relationship"].label = "Who is this person for you?"


class ShareForm(forms.Form):
    kind = forms.ChoiceField(choices=ShareKind.choices)
    object_id = forms.IntegerField(required=False, min_value=1)


class RepairForm(forms.Form):
    what_happened = forms.CharField(
        label="What happened?",
        max_length=MAX_REPAIR_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A few words are enough. Describe the moment, not the person.",
    )
    category = forms.ChoiceField(
        label="What helped you find each other again? (optional)",
        required=False,
        choices=[("", "Nothing yet, or not sure"), *REPAIR_CATEGORIES],
    )
    ruptured_at = forms.DateTimeField(
        label="When did it happen?",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    reconnected_at = forms.DateTimeField(
        label="When did you feel reconnected? (optional)",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text="Leave it empty if you haven't yet. There is no deadline.",
    )
    share = forms.BooleanField(
        label="Show this entry to the other person now",
        required=False,
        help_text="Off by default: you can share it later, and stop sharing it at any time.",
    )

    def aware(self, name: str) -> datetime | None:
        value: datetime | None = self.cleaned_data.get(name)
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value
