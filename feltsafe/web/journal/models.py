"""The activation journal and the rupture-and-repair log.

Patterns, tools and repair categories are stored as the ids of `feltsafe.journal.vocab`; an
empty string means "not noted". Intensities are 0-10 or NULL, and the database refuses anything
else, as it refuses a reconnection recorded before its rupture.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from feltsafe.journal.vocab import PATTERNS, REPAIR_CATEGORIES, TOOLS
from feltsafe.web.encryption import EncryptedTextField
from feltsafe.web.reflections.models import Relationship


def _zero_to_ten(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0, f"{field}__lte": 10}),
        name=name,
    )


def _one_of(field: str, choices: tuple[tuple[str, str], ...], name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__in": ["", *(key for key, _ in choices)]}), name=name
    )


class ActivationEntry(models.Model):
    """A moment of activation: what happened, the body, intensities, pattern and what helped."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activation_entries"
    )
    occurred_on = models.DateField()
    what_happened = EncryptedTextField()
    tags = EncryptedTextField(blank=True, default="")
    body = EncryptedTextField(blank=True, default="")
    intensity_before = models.SmallIntegerField(null=True, blank=True)
    pattern = models.CharField(max_length=20, blank=True, default="", choices=PATTERNS)
    tool = models.CharField(max_length=20, blank=True, default="", choices=TOOLS)
    intensity_after = models.SmallIntegerField(null=True, blank=True)
    note = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name_plural = "activation entries"
        indexes = [models.Index(fields=["owner", "occurred_on"], name="activation_owner_day")]
        constraints = [
            _zero_to_ten("intensity_before", "activation_before_0_10"),
            _zero_to_ten("intensity_after", "activation_after_0_10"),
            _one_of("pattern", PATTERNS, "activation_pattern_known"),
            _one_of("tool", TOOLS, "activation_tool_known"),
        ]

    def __str__(self) -> str:
        return f"activation entry {self.pk}"

    @property
    def tag_list(self) -> tuple[str, ...]:
        return split_tags(self.tags)

    @property
    def drop(self) -> int | None:
        if self.intensity_before is None or self.intensity_after is None:
            return None
        return self.intensity_before - self.intensity_after


def split_tags(tags: str) -> tuple[str, ...]:
    """The tags of a comma list, trimmed, empties dropped: "work, , Mum" -> ("work", "Mum")."""
    return tuple(t for t in (" ".join(part.split()) for part in tags.split(",")) if t)


class Initiator(models.TextChoices):
    ME = "me", "Me"
    THEM = "them", "Them"
    BOTH = "both", "Both of us"
    NOT_YET = "not_yet", "Not yet"


class RepairEntry(models.Model):
    """A rupture, who reached out to repair, what helped, and when (if yet) you reconnected."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="repair_entries"
    )
    relationship = models.ForeignKey(
        Relationship,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repair_entries",
    )
    what_happened = EncryptedTextField()
    initiated_by = models.CharField(
        max_length=10, blank=True, default="", choices=Initiator.choices
    )
    category = models.CharField(max_length=20, blank=True, default="", choices=REPAIR_CATEGORIES)
    ruptured_at = models.DateTimeField()
    reconnected_at = models.DateTimeField(null=True, blank=True)
    note = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ruptured_at", "-pk"]
        verbose_name_plural = "repair entries"
        indexes = [models.Index(fields=["owner", "ruptured_at"], name="repair_owner_ruptured")]
        constraints = [
            models.CheckConstraint(
                condition=Q(reconnected_at__isnull=True) | Q(reconnected_at__gte=F("ruptured_at")),
                name="repair_reconnected_after_rupture",
            ),
            _one_of("category", REPAIR_CATEGORIES, "repair_category_known"),
            _one_of("initiated_by", tuple(Initiator.choices), "repair_initiator_known"),
        ]

    def __str__(self) -> str:
        return f"repair entry {self.pk}"
