"""Helpers for the security tests: real log-ins through the pages, TOTP codes, cookies."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP

from tests.factories import PASSWORD


def log_in(client: Client, username: str = "alice", password: str = PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


def totp_now(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def enable_mfa(user):
    """Turn two-step verification on for `user` directly; returns (device, recovery codes)."""
    from feltsafe.web.accounts import services

    device = services.totp_begin(user=user)
    codes = services.totp_confirm(user=user, device=device, token=totp_now(device))
    device.refresh_from_db()
    return device, codes
