"""A person's safety settings and their private harm screens.

Harm-screen answers belong to the person alone: no partner, therapist or shared view ever reads
these rows, and nothing a partner can see depends on them directly.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from feltsafe.web.encryption import EncryptedJSONField


class SafetySettings(models.Model):
    """Where the person lives (for resources) and whether the app should look discreet."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_settings"
    )
    country = models.CharField(max_length=3, blank=True, default="")
    discreet = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"safety settings of {self.owner_id}"


class HarmScreen(models.Model):
    """One completed private harm screen about one relationship."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="harm_screens"
    )
    relationship = models.ForeignKey(
        "reflections.Relationship", on_delete=models.CASCADE, related_name="harm_screens"
    )
    screen_version = models.CharField(max_length=20)
    answers = EncryptedJSONField(default=dict)
    positive = models.BooleanField()
    concerns = EncryptedJSONField(default=list)
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-answered_at"]
        indexes = [models.Index(fields=["owner", "relationship", "answered_at"])]

    def __str__(self) -> str:
        return f"harm screen {self.pk}"
