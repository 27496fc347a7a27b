"""Forms for the conversation lens: upload or paste a chat, and the message coach."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User

from feltsafe.web.lens.services import MAX_PASTE_CHARS
from feltsafe.web.reflections.models import Relationship

FORMAT_LABELS = [
    ("auto", "Work it out for me"),
    ("whatsapp", "WhatsApp export (.txt or .zip)"),
    ("telegram", "Telegram Desktop export (result.json)"),
    ("transcript", "Transcript: one “Name: message” per line"),
    ("csv", "CSV with sender, timestamp and text columns"),
]
MAX_DRAFT_CHARS = 5_000


class AnalysisForm(forms.Form):
    file = forms.FileField(
        label="A chat export file (optional)",
        required=False,
        help_text="A WhatsApp .txt or .zip, Telegram’s result.json, a .txt transcript or a "
        ".csv file, up to 20 MB. It is deleted as soon as it has been read.",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.zip,.json,.csv"}),
    )
    text = forms.CharField(
        label="Or paste a conversation (optional)",
        required=False,
        strip=False,
        max_length=MAX_PASTE_CHARS,
        help_text="For example lines like “Sam: I missed you today”.",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    format = forms.ChoiceField(label="What kind of chat is it?", choices=FORMAT_LABELS)
    relationship = forms.ModelChoiceField(
        label="Who is it with? (optional)",
        queryset=Relationship.objects.none(),
        required=False,
        empty_label="Not saying",
        help_text="One of the relationships you reflect on. Leave it blank if you like.",
    )
    keep_text = forms.BooleanField(
        label="Keep the conversation text",
        required=False,
        help_text="Off unless you choose it. Without it, only what the lens noticed is kept "
        "(who wrote when, and the markers), never the words themselves.",
    )

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"format": "auto"})
        super().__init__(*args, **kwargs)
        relationship = self.fields["relationship"]
        assert isinstance(relationship, forms.ModelChoiceField)
        relationship.queryset = Relationship.objects.filter(owner=owner)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_file = bool(data.get("file"))
        has_text = bool((data.get("text") or "").strip())
        if has_file and has_text:
            raise forms.ValidationError("Please choose either a file or pasted text, not both.")
        if not has_file and not has_text and not self.errors:
            raise forms.ValidationError("Please choose a chat file or paste a conversation.")
        return data


class CoachForm(forms.Form):
    text = forms.CharField(
        label="Your draft message",
        max_length=MAX_DRAFT_CHARS,
        strip=False,
        required=False,
        help_text="Nothing you type here is saved.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
