"""Account services: sign-up, sessions and devices, two-step verification, password and e-mail."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from feltsafe.web.accounts.models import (
    DeviceSession,
    RecoveryCode,
    RecoveryCodeDevice,
    hash_recovery_code,
)
from feltsafe.web.audit.services import audit_record

RECOVERY_CODE_COUNT = 10
_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: easy to copy by hand


@transaction.atomic
def user_create(*, username: str, password: str, email: str = "") -> User:
    """Create a person's account with a hashed password."""
    return User.objects.create_user(username=username, password=password, email=email)


# --- sessions -------------------------------------------------------------------------------


def device_session_touch(
    *, user: User, session_key: str, device: str, ip_address: str | None
) -> DeviceSession:
    """Record that this session was just used (made on its first request)."""
    now = timezone.now()
    record, _ = DeviceSession.objects.update_or_create(
        session_key=session_key,
        defaults={"user": user, "device": device, "ip_address": ip_address, "last_seen_at": now},
        create_defaults={
            "user": user,
            "device": device,
            "ip_address": ip_address,
            "created_at": now,
            "last_seen_at": now,
        },
    )
    return record


def _session_store_delete(keys: Iterable[str]) -> None:
    engine = import_module(settings.SESSION_ENGINE)
    for key in keys:
        engine.SessionStore(session_key=key).delete()


def _session_keys_of(user: User) -> set[str]:
    """Every live session key that belongs to this person, recorded or not."""
    keys = set(DeviceSession.objects.filter(user=user).values_list("session_key", flat=True))
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
            if session.get_decoded().get("_auth_user_id") == str(user.pk):
                keys.add(session.session_key)
    return keys


@transaction.atomic
def session_revoke(*, user: User, device_session: DeviceSession) -> None:
    """End one session: its cookie stops working on the very next request."""
    if device_session.user_id != user.pk:
        raise PermissionError("Not this person's session.")
    _session_store_delete([device_session.session_key])
    device_session.delete()
    audit_record(actor=user, action="session.revoke")


@transaction.atomic
def sessions_revoke_others(*, user: User, keep_session_key: str | None, audit: bool = True) -> int:
    """End every session of this person except the one they are using; returns how many."""
    keys = _session_keys_of(user) - {keep_session_key}
    _session_store_delete(keys)
    DeviceSession.objects.filter(user=user, session_key__in=keys).delete()
    if audit:
        audit_record(actor=user, action="session.revoke_others")
    return len(keys)


def sessions_delete_all(*, user: User) -> None:
    """End every session of this person (account deletion)."""
    _session_store_delete(_session_keys_of(user))
    DeviceSession.objects.filter(user=user).delete()


# --- two-step verification ------------------------------------------------------------------


def totp_device_for(*, user: User, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


def mfa_enabled(*, user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


@transaction.atomic
def totp_begin(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator key, shown to the person until they type a first code."""
    existing = totp_device_for(user=user, confirmed=False)
    if existing is not None:
        return existing
    return TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@transaction.atomic
def recovery_codes_regenerate(*, user: User, audit: bool = True) -> list[str]:
    """Replace the person's recovery codes; the new ones are shown once, then kept hashed."""
    device, _ = RecoveryCodeDevice.objects.get_or_create(
        user=user, defaults={"name": "recovery codes", "confirmed": True}
    )
    device.codes.all().delete()
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=device, code_hash=hash_recovery_code(code)) for code in codes
    )
    if audit:
        audit_record(actor=user, action="mfa.recovery_codes.regenerate")
    return codes


@transaction.atomic
def totp_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str] | None:
    """Turn two-step verification on when the code matches; returns the new recovery codes."""
    if device.user_id != user.pk or device.confirmed:
        return None
    if not device.verify_token(token.strip().replace(" ", "")):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    audit_record(actor=user, action="mfa.enable")
    return recovery_codes_regenerate(user=user, audit=False)


@transaction.atomic
def mfa_disable(*, user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
    audit_record(actor=user, action="mfa.disable")


def recovery_codes_left(*, user: User) -> int:
    return RecoveryCode.objects.filter(device__user=user).count()


# --- password and e-mail --------------------------------------------------------------------


@transaction.atomic
def password_change(*, user: User, new_password: str, keep_session_key: str | None) -> None:
    """Set a new password and sign out every other device."""
    user.set_password(new_password)
    user.save(update_fields=["password"])
    sessions_revoke_others(user=user, keep_session_key=keep_session_key, audit=False)
    audit_record(actor=user, action="password.change")


@transaction.atomic
def email_change(*, user: User, email: str) -> None:
    user.email = email
    user.save(update_fields=["email"])
    audit_record(actor=user, action="email.change")


def device_session_rekey(*, old_key: str | None, new_key: str | None) -> None:
    """The session got a new key (the second step was passed): keep its device record."""
    if old_key and new_key:
        DeviceSession.objects.filter(session_key=old_key).update(session_key=new_key)
