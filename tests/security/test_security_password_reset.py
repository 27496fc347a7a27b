"""[4] and [6] Password reset by e-mail: no account enumeration, a discreet message, single-use
expiring links, every session signed out, two-step verification still asked for afterwards."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from feltsafe.web.accounts.models import DeviceSession
from feltsafe.web.accounts.services import MAIL_THREAD_NAME, RESET_REQUESTS_PER_WINDOW
from feltsafe.web.audit.models import AuditEvent
from tests.factories import PASSWORD
from tests.security.helpers import enable_mfa, log_in, totp_now

pytestmark = pytest.mark.django_db

ADDRESS = "alice@example.org"
NEW_PASSWORD = "a brand new and quiet phrase"
# Words that would tell someone reading the inbox what the account is for or what happened in it.
SENSITIVE_WORDS = [
    "feltsafe",
    "felt safe",
    "safe",
    "safety",
    "abuse",
    "partner",
    "relationship",
    "couple",
    "therapist",
    "therapy",
    "reflection",
    "journal",
    "check-in",
    "mental",
    "health",
    "crisis",
    "support",
    "alice",  # the username
]
_VOLATILE = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), 'name="csrfmiddlewaretoken"'),
    (re.compile(r'nonce="[^"]+"'), 'nonce=""'),
]


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def alice_with_email(alice):
    alice.email = ADDRESS
    alice.save(update_fields=["email"])
    return alice


def _sent():
    """The messages sent so far, once the background senders have finished."""
    for thread in threading.enumerate():
        if thread.name == MAIL_THREAD_NAME:
            thread.join(timeout=10)
    return mail.outbox


def _ask(client, email, **extra):
    return client.post(reverse("accounts:password_reset"), {"email": email}, **extra)


def _link_in(message):
    match = re.search(r"https?://\S+", message.body)
    assert match, "no link in the message"
    return match.group(0).split("testserver", 1)[1]


def _normalised(body: bytes) -> str:
    text = body.decode()
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def _reset(client, link, password=NEW_PASSWORD):
    """Open the link, then set a password on the page it leads to; returns the final response."""
    opened = client.get(link)
    assert opened.status_code == 302
    return client.post(opened["Location"], {"new_password1": password, "new_password2": password})


def _new_link(client=None):
    _ask(client or Client(), ADDRESS)
    return _link_in(_sent()[-1])


def test_the_log_in_page_links_to_the_reset(client):
    assert (
        reverse("accounts:password_reset") in client.get(reverse("accounts:login")).content.decode()
    )


def test_known_and_unknown_addresses_get_the_same_page_and_only_the_known_one_is_mailed(
    alice_with_email,
):
    known, unknown = Client(), Client()
    known_response = _ask(known, ADDRESS)
    unknown_response = _ask(unknown, "nobody@example.org")
    assert known_response.status_code == unknown_response.status_code == 302
    assert known_response["Location"] == unknown_response["Location"]
    assert _normalised(known.get(known_response["Location"]).content) == _normalised(
        unknown.get(unknown_response["Location"]).content
    )
    sent = _sent()
    assert len(sent) == 1
    assert sent[0].to == [ADDRESS]


def test_the_address_matches_whatever_its_case(alice_with_email, client):
    _ask(client, ADDRESS.upper())
    assert len(_sent()) == 1


def test_the_message_is_neutral_and_names_nothing_in_the_account(alice_with_email, client):
    _ask(client, ADDRESS)
    message = _sent()[0]
    text = f"{message.subject}\n{message.body}\n{message.from_email}".lower()
    without_link = text.replace(_link_in(message).lower(), "")
    for word in SENSITIVE_WORDS:
        assert word not in without_link, word
    assert message.subject == "Password reset"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL


def test_the_link_works_once(alice_with_email):
    client = Client()
    link = _new_link(client)
    response = _reset(client, link)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    alice_with_email.refresh_from_db()
    assert alice_with_email.check_password(NEW_PASSWORD)
    again = Client().get(link)
    assert again.status_code == 200
    assert "no longer works" in again.content.decode()
    assert "new_password1" not in again.content.decode()


def test_the_link_stops_working_after_the_timeout(alice_with_email):
    link = _new_link()
    later = timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    with time_machine.travel(later, tick=False):
        response = Client().get(link)
    assert response.status_code == 200
    assert "no longer works" in response.content.decode()
    assert settings.PASSWORD_RESET_TIMEOUT == 3600


def test_a_short_password_is_refused_and_the_old_one_still_works(alice_with_email):
    client = Client()
    response = _reset(client, _new_link(client), password="short1")
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    alice_with_email.refresh_from_db()
    assert alice_with_email.check_password(PASSWORD)


def test_the_reset_signs_out_every_session_and_logs_nobody_in(alice_with_email):
    elsewhere = Client()
    log_in(elsewhere)
    old_cookie = elsewhere.cookies[settings.SESSION_COOKIE_NAME].value
    assert elsewhere.get(reverse("dashboard")).status_code == 200

    here = Client()
    _reset(here, _new_link(here))

    assert not Session.objects.filter(session_key=old_cookie).exists()
    assert not DeviceSession.objects.filter(user=alice_with_email).exists()
    replayed = Client()
    replayed.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    assert replayed.get(reverse("dashboard"))["Location"].startswith(reverse("accounts:login"))
    assert here.get(reverse("dashboard"))["Location"].startswith(reverse("accounts:login"))
    assert log_in(Client(), password=PASSWORD).status_code == 200  # the old password is refused


def test_a_reset_done_in_a_browser_logged_in_to_the_account_ends_that_session_too(
    alice_with_email,
):
    client = Client()
    log_in(client)
    response = _reset(client, _new_link(client))
    assert response.status_code == 302
    assert client.get(reverse("dashboard"))["Location"].startswith(reverse("accounts:login"))


def test_with_two_step_on_the_new_password_alone_does_not_open_the_data(alice_with_email):
    device, _ = enable_mfa(alice_with_email)
    client = Client()
    _reset(client, _new_link(client))
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        assert log_in(client, password=NEW_PASSWORD).status_code == 302
        response = client.get(reverse("dashboard"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:otp_verify"))
        client.post(reverse("accounts:otp_verify"), {"code": totp_now(device)})
        assert client.get(reverse("dashboard")).status_code == 200


def test_the_reset_is_in_the_audit_log_without_content(alice_with_email):
    client = Client()
    _reset(client, _new_link(client))
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "password.reset_request" in actions
    assert "password.reset" in actions
    for event in AuditEvent.objects.all():
        row = " ".join(str(v) for v in event.__dict__.values())
        assert ADDRESS not in row and NEW_PASSWORD not in row and "alice" not in row


def test_unknown_addresses_leave_no_trace_in_the_audit_log(db, client):
    _ask(client, "nobody@example.org")
    assert not AuditEvent.objects.filter(action="password.reset_request").exists()


def test_repeated_requests_from_one_address_are_limited_quietly(alice_with_email):
    client = Client()
    responses = [_ask(client, ADDRESS) for _ in range(RESET_REQUESTS_PER_WINDOW + 2)]
    assert {r.status_code for r in responses} == {302}
    assert len(_sent()) == RESET_REQUESTS_PER_WINDOW
    # Someone asking from their own connection can't stop the owner asking from another.
    _ask(Client(REMOTE_ADDR="192.0.2.7"), ADDRESS)
    assert len(_sent()) == RESET_REQUESTS_PER_WINDOW + 1


def test_an_account_without_a_usable_password_or_inactive_gets_no_mail(db, client):
    User.objects.create_user(
        username="off", email="off@example.org", password=PASSWORD, is_active=False
    )
    User.objects.create_user(username="nopass", email="nopass@example.org", password=None)
    _ask(client, "off@example.org")
    _ask(client, "nopass@example.org")
    assert _sent() == []


class BlockingBackend(LocmemBackend):
    """A mail server that answers only when the test lets it."""

    release = threading.Event()

    def send_messages(self, messages):
        assert self.release.wait(timeout=10)
        return super().send_messages(messages)


BLOCKING = "tests.security.test_security_password_reset.BlockingBackend"


@override_settings(MAILERS={"default": {"BACKEND": BLOCKING}})
def test_the_page_does_not_wait_for_the_mail_server(alice_with_email, client):
    release = import_string(BLOCKING).release  # the class as Django loads it
    release.clear()
    response = _ask(client, ADDRESS)
    assert response.status_code == 302
    assert mail.outbox == []  # answered while the message is still waiting to go
    release.set()
    assert len(_sent()) == 1
