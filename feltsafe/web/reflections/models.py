"""A person's relationships, their reflections on each, and the answers given."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from feltsafe.web.encryption import EncryptedTextField


class Relationship(models.Model):
    """Someone the person reflects on, named in their own words ("my partner", "Mum")."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="relationships"
    )
    label = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "label"], name="unique_relationship_label")
        ]

    def __str__(self) -> str:
        return self.label


class Reflection(models.Model):
    """One round of an instrument about one relationship, kept with the version answered."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="reflections"
    )
    instrument_id = models.CharField(max_length=40)
    instrument_version = models.CharField(max_length=20)
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # The part of the flow to resume at (0-based dimension index).
    resume_step = models.PositiveSmallIntegerField(default=0)
    note = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["owner", "relationship", "completed_at"])]

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.instrument_version} ({self.relationship_id})"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class Answer(models.Model):
    """One answered item. A skipped item simply has no row."""

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="answers")
    item_id = models.CharField(max_length=60)
    value = models.SmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reflection", "item_id"], name="unique_answer_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item_id}={self.value}"
