"""Pulse check-ins and the reminder cadence a person chose.

One column per pulse question of `feltsafe.journal.vocab.CHECKIN_QUESTIONS` (the column name is
the question id); NULL means the question was skipped. The database itself refuses an answer
outside 0-10.

Two columns are derived, kept so that insights over years of check-ins can be averaged in the
database instead of in Python: `felt_safety` (the core's `checkin_score` of the answers) and
`day` (the calendar day of `created_at` in the server's TIME_ZONE). `checkin_create` fills them;
rows written any other way are filled in before the insights read them
(`services.checkin_fill_derived`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from feltsafe.journal.vocab import CHECKIN_QUESTIONS
from feltsafe.web.encryption import EncryptedTextField
from feltsafe.web.reflections.models import Relationship

ANSWER_FIELDS: tuple[str, ...] = tuple(q.id for q in CHECKIN_QUESTIONS)
"""The answer columns, in question order (a test keeps them equal to the vocabulary)."""


def _zero_to_ten(field: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gte": 0, f"{field}__lte": 10}),
        name=f"checkin_{field}_0_10",
    )


class CheckIn(models.Model):
    """One pulse check-in: five 0-10 answers (each may be skipped) and an optional note."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    relationship = models.ForeignKey(
        Relationship,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checkins",
    )
    created_at = models.DateTimeField(default=timezone.now)
    could_be_myself = models.SmallIntegerField(null=True, blank=True)
    felt_heard = models.SmallIntegerField(null=True, blank=True)
    handled_with_care = models.SmallIntegerField(null=True, blank=True)
    body_calm = models.SmallIntegerField(null=True, blank=True)
    need_repair = models.SmallIntegerField(null=True, blank=True)
    note = EncryptedTextField(blank=True, default="")
    felt_safety = models.FloatField(null=True, blank=True, editable=False)
    """Derived: the 0-10 felt safety summary (None when every question was skipped)."""
    day = models.DateField(null=True, blank=True, editable=False)
    """Derived: the local calendar day of `created_at`."""

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "created_at"], name="checkin_owner_created")]
        constraints = [
            *(_zero_to_ten(field) for field in ANSWER_FIELDS),
            _zero_to_ten("felt_safety"),
        ]

    def __str__(self) -> str:
        return f"check-in {self.pk}"

    @property
    def answers(self) -> dict[str, int | None]:
        """Answers by question id (None for skipped)."""
        return {field: getattr(self, field) for field in ANSWER_FIELDS}


class Cadence(models.TextChoices):
    OFF = "off", "Off"
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class CheckinReminder(models.Model):
    """How often a person would like a gentle in-app note that a check-in is open.

    Off unless they choose otherwise; there is no e-mail and nothing leaves the app.
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkin_reminder"
    )
    cadence = models.CharField(max_length=10, choices=Cadence.choices, default=Cadence.OFF)

    def __str__(self) -> str:
        return f"reminder {self.cadence}"
