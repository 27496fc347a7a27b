"""The audit log: append-only rows, each sealed with a SHA-256 hash over the one before it.

People appear only under a random pseudonym (`AuditIdentity`), never by id or name. When an
account is deleted its identity row goes with it, so the events that remain (the tombstone
included) can no longer be tied to anyone.
"""

from __future__ import annotations

import secrets
from typing import Any, NoReturn

from django.conf import settings
from django.db import models


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an audit event through the ORM."""


def new_pseudonym() -> str:
    return secrets.token_hex(16)


class AuditIdentity(models.Model):
    """The pseudonym under which a person's audit events are kept."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_identity"
    )
    pseudonym = models.CharField(max_length=32, unique=True, default=new_pseudonym)

    def __str__(self) -> str:
        return self.pseudonym


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit events cannot be changed.")

    def delete(self) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit events cannot be removed.")


class AuditEvent(models.Model):
    """One thing that happened: who, what, to which object, with what outcome, when (UTC)."""

    at = models.DateTimeField()
    actor = models.CharField(max_length=32, blank=True)  # pseudonym; "" when no one logged in
    subject = models.CharField(max_length=32, blank=True, db_index=True)  # whose data
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(max_length=16)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.outcome}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogIsAppendOnly("Audit events cannot be removed.")
