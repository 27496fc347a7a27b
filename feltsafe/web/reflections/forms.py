"""Forms for the reflection flow."""

from __future__ import annotations

from django import forms
from django.http import QueryDict

from feltsafe.instruments import Item
from feltsafe.web.reflections.services import MAX_LABEL_LENGTH, ReflectionInputError

ITEM_PREFIX = "item_"


class StartForm(forms.Form):
    relationship = forms.CharField(
        label="Who would you like to reflect on?",
        max_length=MAX_LABEL_LENGTH,
        help_text="In your own words, for example “my partner”, “Mum” or “my manager”.",
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Anything you would like to note down (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )


def parse_item_answers(post: QueryDict, items: tuple[Item, ...]) -> dict[str, object]:
    """Read one page's answers from a POST: blank means skipped (None).

    A posted item that is not on this page is refused, so a tampered form saves nothing.
    """
    allowed = {item.id for item in items}
    for key in post:
        if key.startswith(ITEM_PREFIX) and key[len(ITEM_PREFIX) :] not in allowed:
            raise ReflectionInputError(
                "This page sent an answer to a question it does not contain, so nothing was "
                "saved. Please reload the page and try again."
            )
    answers: dict[str, object] = {}
    for item in items:
        raw = post.get(ITEM_PREFIX + item.id, "").strip()
        if raw == "":
            answers[item.id] = None
        elif raw.lstrip("-").isdigit():
            answers[item.id] = int(raw)
        else:
            answers[item.id] = raw
    return answers
