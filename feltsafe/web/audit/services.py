"""Audit services: record an event, verify the chain, read a person's own events."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Literal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction
from django.utils import timezone

from feltsafe.web.audit.models import AuditEvent, AuditIdentity

GENESIS_HASH = "0" * 64
Outcome = Literal["ok", "denied", "failed"]

# What each action means, in the words the owner reads on their activity page.
ACTION_LABELS = {
    "login": "Logged in",
    "login.failed": "A log-in attempt with the wrong password",
    "logout": "Logged out",
    "reauth": "Confirmed the password again",
    "reauth.failed": "A wrong password when confirming it again",
    "mfa.enable": "Turned on two-step verification",
    "mfa.disable": "Turned off two-step verification",
    "mfa.verify": "Passed two-step verification",
    "mfa.verify.failed": "A wrong two-step verification code",
    "mfa.recovery_code.used": "Used a recovery code",
    "mfa.recovery_codes.regenerate": "Made new recovery codes",
    "session.revoke": "Signed out a device",
    "session.revoke_others": "Signed out all other devices",
    "session.expired": "Signed out after the longest allowed session",
    "password.change": "Changed the password",
    "password.reset_request": "A password-reset link was requested by e-mail",
    "password.reset": "Set a new password from an e-mailed link (every device signed out)",
    "account.emergency_reset": "Used the emergency reset",
    "email.change": "Changed the e-mail address",
    "export": "Downloaded all their data",
    "account.delete": "Deleted the account",
}

User = AbstractBaseUser | AnonymousUser


def pseudonym_for(user: AbstractBaseUser) -> str:
    """The person's audit pseudonym, made the first time it is needed."""
    identity, _ = AuditIdentity.objects.get_or_create(user_id=user.pk)
    return identity.pseudonym


def _person(user: User | None) -> str:
    if user is None or not user.is_authenticated:
        return ""
    assert isinstance(user, AbstractBaseUser)
    return pseudonym_for(user)


def _event_hash(prev_hash: str, event: AuditEvent) -> str:
    fields = [
        prev_hash,
        event.at.isoformat(),
        event.actor,
        event.subject,
        event.action,
        event.object_type,
        event.object_id,
        event.outcome,
    ]
    payload = json.dumps(fields, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


def _target_fields(target: models.Model | None) -> tuple[str, str, User | None]:
    """Object type and id (a person is named by pseudonym) and whose data the target is."""
    if target is None:
        return "", "", None
    object_type = f"{target._meta.app_label}.{target._meta.model_name}"
    if isinstance(target, AbstractBaseUser):
        return object_type, pseudonym_for(target), target
    owner = getattr(target, "owner", None) or getattr(target, "user", None)
    return object_type, str(target.pk), owner if isinstance(owner, AbstractBaseUser) else None


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    outcome: Outcome = "ok",
    subject: User | None = None,
) -> AuditEvent:
    """Append one event to the chain. Never pass content: ids and action names only.

    `subject` is whose data the event is about; by default the target's owner, else the actor.
    """
    object_type, object_id, owner = _target_fields(target)
    who = _person(actor)
    about = _person(subject) or _person(owner) or who
    with transaction.atomic():
        last = AuditEvent.objects.select_for_update().order_by("-id").first()
        prev_hash = last.hash if last is not None else GENESIS_HASH
        event = AuditEvent(
            at=timezone.now(),
            actor=who,
            subject=about,
            action=action,
            object_type=object_type,
            object_id=object_id,
            outcome=outcome,
            prev_hash=prev_hash,
        )
        event.hash = _event_hash(prev_hash, event)
        event.save(force_insert=True)
    return event


@dataclass(frozen=True)
class AuditVerification:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    reason: str = ""


def audit_verify() -> AuditVerification:
    """Walk the chain from the start: every row must seal the one before it and itself.

    A changed field breaks that row's hash; a removed or reordered row breaks the next row's
    link. (Cutting rows off the end leaves a shorter, valid chain: compare the count with a
    backup to catch that.)
    """
    prev_hash = GENESIS_HASH
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator():
        if event.prev_hash != prev_hash:
            return AuditVerification(False, checked, event.pk, "the link to the row before")
        if _event_hash(prev_hash, event) != event.hash:
            return AuditVerification(False, checked, event.pk, "the row's own seal")
        prev_hash = event.hash
        checked += 1
    return AuditVerification(True, checked)


def audit_events_for(*, user: AbstractBaseUser) -> models.QuerySet[AuditEvent]:
    """Events about this person's own account and data, newest first."""
    return AuditEvent.objects.filter(subject=pseudonym_for(user)).order_by("-id")
