"""Account security records: the sessions a person has open, and their recovery codes."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_otp.models import Device, ThrottlingMixin


class DeviceSession(models.Model):
    """One logged-in session, so the person can see where they are logged in and end it.

    Only a short description of the browser is kept ("Firefox on Linux"), never the full
    user-agent string.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="device_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    device = models.CharField(max_length=80, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return self.device or "a browser"


def hash_recovery_code(code: str) -> str:
    """SHA-256 of the normalised code. Codes are random (60 bits), so a fast hash is enough."""
    normalised = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(normalised.encode("ascii", "ignore")).hexdigest()


class RecoveryCodeDevice(ThrottlingMixin, Device):  # type: ignore[misc]  # untyped base
    """A django-otp device whose tokens are single-use recovery codes, stored only as hashes."""

    class Meta(Device.Meta):  # type: ignore[misc]
        verbose_name = "recovery codes"

    def __str__(self) -> str:
        return "recovery codes"

    def get_throttle_factor(self) -> int:
        return 1

    def verify_token(self, token: Any) -> bool:
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        match = self.codes.filter(code_hash=hash_recovery_code(str(token))).first()
        if match is None:
            self.throttle_increment(commit=True)
            return False
        match.delete()  # single use
        self.throttle_reset(commit=True)
        return True


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return "recovery code"
