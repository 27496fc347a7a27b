"""Account services: sign-up, sessions and devices, two-step verification, password and e-mail,
password reset by e-mail, and the one-step emergency reset."""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from feltsafe.web.accounts.models import (
    DeviceSession,
    RecoveryCode,
    RecoveryCodeDevice,
    hash_recovery_code,
)
from feltsafe.web.audit.services import audit_record
from feltsafe.web.couples import services as couples_services
from feltsafe.web.practice import services as practice_services

logger = logging.getLogger(__name__)

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


# --- password reset by e-mail -----------------------------------------------------------------

# Reset links asked for one address from one network address, per window (the rest are dropped
# silently, with the same page). Keyed on both, like the log-in lockout, so someone asking from
# their own connection can't stop the owner getting a link from anywhere else.
RESET_REQUESTS_PER_WINDOW = 3
RESET_WINDOW_SECONDS = 15 * 60
MAIL_THREAD_NAME = "feltsafe-mail"


def _reset_allowed(*, email: str, ip_address: str | None) -> bool:
    digest = hashlib.sha256(f"{email.strip().lower()}|{ip_address or ''}".encode()).hexdigest()
    key = f"feltsafe:password-reset:{digest}"
    cache.add(key, 0, RESET_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RESET_WINDOW_SECONDS)
        count = 1
    return count <= RESET_REQUESTS_PER_WINDOW


def _reset_message(*, user: User, to: str, domain: str, use_https: bool) -> EmailMessage:
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {
        "link": f"{'https' if use_https else 'http'}://{domain}{path}",
        "hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600),
    }
    subject = render_to_string("accounts/email/password_reset_subject.txt", context)
    body = render_to_string("accounts/email/password_reset_body.txt", context)
    return EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [to])


def _send_quietly(messages: list[EmailMessage]) -> None:
    if not messages:
        return
    try:
        mailers.default.send_messages(messages)
    except Exception as exc:  # noqa: BLE001 - the person already saw the same page either way
        logger.warning("A password-reset e-mail could not be sent (%s).", type(exc).__name__)


def _send_in_background(messages: list[EmailMessage]) -> threading.Thread:
    """Send after the response: its timing then doesn't show whether a message went."""
    thread = threading.Thread(
        target=_send_quietly, args=(messages,), name=MAIL_THREAD_NAME, daemon=True
    )
    thread.start()
    return thread


def password_reset_request(
    *, email: str, ip_address: str | None, domain: str, use_https: bool
) -> None:
    """E-mail a single-use reset link to each active account with this address.

    The caller shows the same page whatever happens here: no account, a throttled request and
    a sent link all look alike. The message names no account and no activity.
    """
    messages: list[EmailMessage] = []
    if _reset_allowed(email=email, ip_address=ip_address):
        for user in PasswordResetForm().get_users(email):
            messages.append(_reset_message(user=user, to=email, domain=domain, use_https=use_https))
            audit_record(actor=None, action="password.reset_request", subject=user)
    _send_in_background(messages)


@transaction.atomic
def password_reset_complete(*, user: User, new_password: str) -> None:
    """Set the new password from a reset link and sign out every session of the account.

    Nobody is logged in by this: the person logs in with the new password and, if two-step
    verification is on, a code, as always.
    """
    user.set_password(new_password)
    user.save(update_fields=["password"])
    sessions_delete_all(user=user)
    audit_record(actor=user, action="password.reset")


# --- emergency reset ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EmergencyReset:
    sessions_ended: int
    links_ended: int
    therapists_stopped: int
    recovery_codes: list[str] | None


def emergency_reset_preview(*, user: User, keep_session_key: str | None) -> dict[str, int]:
    """How many of each thing an emergency reset would end now, for the confirmation page."""
    return {
        "other_sessions": len(_session_keys_of(user) - {keep_session_key}),
        "links": len(couples_services.link_list(person=user)),
        "invites": couples_services.invite_pending(owner=user).count(),
        "therapists": practice_services.grants_of_client(client=user).count(),
    }


@transaction.atomic
def emergency_reset(*, user: User, keep_session_key: str | None) -> EmergencyReset:
    """In one transaction: sign out every other session, end every couples link and invitation,
    stop sharing with every therapist, and make new recovery codes if two-step is on.

    Silent: nothing is sent to a partner or a therapist; their next request finds nothing.
    If any step fails, nothing changes.
    """
    sessions_ended = sessions_revoke_others(
        user=user, keep_session_key=keep_session_key, audit=False
    )
    links_ended = couples_services.couples_stop_everything(person=user)
    therapists_stopped = practice_services.practice_stop_everything(person=user)
    codes = recovery_codes_regenerate(user=user, audit=False) if mfa_enabled(user=user) else None
    audit_record(actor=user, action="account.emergency_reset")
    return EmergencyReset(
        sessions_ended=sessions_ended,
        links_ended=links_ended,
        therapists_stopped=therapists_stopped,
        recovery_codes=codes,
    )
