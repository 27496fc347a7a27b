"""Forms for the pulse check-in and the reminder setting."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User

from feltsafe.journal.vocab import CHECKIN_QUESTIONS, CheckinQuestion
from feltsafe.web.checkins.models import Cadence
from feltsafe.web.checkins.services import MAX_NOTE_LENGTH
from feltsafe.web.reflections.models import Relationship
from feltsafe.web.reflections.services import MAX_LABEL_LENGTH

SCALE = tuple(range(11))
_SCALE_CHOICES = [("", "Skip"), *((str(v), str(v)) for v in SCALE)]


class CheckinForm(forms.Form):
    """Five skippable 0-10 questions (one field per question id), a note and who it is about."""

    relationship = forms.ModelChoiceField(
        queryset=Relationship.objects.none(),
        required=False,
        empty_label="Not about one relationship",
        label="Who is this check-in about? (optional)",
    )
    new_relationship = forms.CharField(
        required=False,
        max_length=MAX_LABEL_LENGTH,
        label="Or someone not listed (optional)",
        help_text="In your own words, for example “my partner” or “Mum”.",
    )
    note = forms.CharField(
        required=False,
        max_length=MAX_NOTE_LENGTH,
        label="Anything you would like to note down (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["relationship"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Relationship.objects.filter(owner=owner)
        for question in CHECKIN_QUESTIONS:
            self.fields[question.id] = forms.TypedChoiceField(
                label=question.text,
                choices=_SCALE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
            )

    def answers(self) -> dict[str, int | None]:
        return {q.id: self.cleaned_data.get(q.id) for q in CHECKIN_QUESTIONS}

    def questions(self) -> list[dict[str, Any]]:
        """What the template needs for each question's radio group, with the chosen value."""
        rows = []
        for question in CHECKIN_QUESTIONS:
            bound = self[question.id]
            raw = bound.value()
            rows.append(
                {
                    "question": question,
                    "name": bound.html_name,
                    "value": "" if raw in (None, "") else str(raw),
                    "scale": [str(v) for v in SCALE],
                    "errors": bound.errors,
                    "ends": _ends(question),
                }
            )
        return rows


def _ends(question: CheckinQuestion) -> dict[str, str]:
    return {"0": question.low_label, "10": question.high_label}


class ReminderForm(forms.Form):
    cadence = forms.ChoiceField(
        choices=Cadence.choices,
        widget=forms.RadioSelect,
        label="A gentle note on your home page that a check-in is open",
    )
