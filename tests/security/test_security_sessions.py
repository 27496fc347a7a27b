"""[7] Session lifecycle and [8] "Your devices": new key at log-in, server-side log-out,
idle and absolute timeouts, and revoking a session kills its cookie."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feltsafe.web.accounts.models import DeviceSession
from feltsafe.web.audit.models import AuditEvent
from tests.factories import PASSWORD
from tests.security.helpers import log_in

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
)


def _cookie(client):
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _replay(cookie_value):
    replayed = Client()
    replayed.cookies[settings.SESSION_COOKIE_NAME] = cookie_value
    return replayed


def test_logging_in_gives_a_new_session_key(client, alice):
    session = client.session  # an anonymous session exists before log-in
    session["before"] = True
    session.save()
    before = session.session_key
    log_in(client)
    assert _cookie(client) != before
    assert not Session.objects.filter(session_key=before).exists()


def test_a_logged_out_cookie_is_dead_on_the_server(client, alice):
    log_in(client)
    old_cookie = _cookie(client)
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=old_cookie).exists()
    response = _replay(old_cookie).get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_idle_timeout_ends_a_quiet_session(client, alice):
    log_in(client)
    with time_machine.travel(
        timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60), tick=False
    ):
        assert client.get(reverse("dashboard")).status_code == 302


def test_activity_keeps_the_session_alive_until_the_absolute_timeout(client, alice):
    start = timezone.now()
    log_in(client)
    step = timedelta(seconds=settings.SESSION_COOKIE_AGE // 2)
    moment = start
    while moment + step < start + timedelta(seconds=settings.FELTSAFE_SESSION_ABSOLUTE_SECONDS):
        moment += step
        with time_machine.travel(moment, tick=False):
            assert client.get(reverse("dashboard")).status_code == 200
    with time_machine.travel(moment + step + timedelta(seconds=60), tick=False):
        response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="session.expired").count() == 1


def test_the_timeouts_are_twelve_hours_and_thirty_minutes_by_default():
    assert settings.FELTSAFE_SESSION_ABSOLUTE_SECONDS == 12 * 3600
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_your_devices_lists_each_session_with_a_short_description(alice):
    laptop, phone = Client(HTTP_USER_AGENT=FIREFOX), Client(HTTP_USER_AGENT=IPHONE)
    log_in(laptop, REMOTE_ADDR="198.51.100.7")
    log_in(phone, REMOTE_ADDR="203.0.113.9")
    body = laptop.get(reverse("accounts:devices")).content.decode()
    assert "Firefox on Linux" in body
    assert "Safari on an iPhone" in body
    assert "203.0.113.9" in body
    assert "(this device)" in body
    assert FIREFOX not in body
    assert DeviceSession.objects.filter(user=alice).count() == 2


def test_signing_out_a_device_kills_its_cookie(alice):
    survivor, other = Client(HTTP_USER_AGENT=FIREFOX), Client(HTTP_USER_AGENT=IPHONE)
    log_in(survivor)
    log_in(other)
    other_cookie = _cookie(other)
    record = DeviceSession.objects.get(session_key=other_cookie)
    response = survivor.post(reverse("accounts:device_sign_out", args=[record.pk]))
    assert response.status_code == 302
    assert other.get(reverse("dashboard")).status_code == 302
    assert _replay(other_cookie).get(reverse("dashboard")).status_code == 302
    assert survivor.get(reverse("dashboard")).status_code == 200
    assert AuditEvent.objects.filter(action="session.revoke").count() == 1


def test_sign_out_all_other_devices_keeps_only_this_one(alice):
    me, second, third = Client(), Client(), Client()
    for c in (me, second, third):
        log_in(c)
    # A session that predates the device records is found too.
    forced = Client()
    forced.force_login(alice)
    DeviceSession.objects.filter(session_key=_cookie(forced)).delete()
    response = me.post(reverse("accounts:devices_sign_out_others"))
    assert response.status_code == 302
    for c in (second, third, forced):
        assert c.get(reverse("dashboard")).status_code == 302
    assert me.get(reverse("dashboard")).status_code == 200
    assert list(DeviceSession.objects.filter(user=alice).values_list("session_key", flat=True)) == [
        _cookie(me)
    ]


def test_someone_else_cannot_sign_out_my_device(alice, stranger):
    mine = Client()
    log_in(mine)
    record = DeviceSession.objects.get(session_key=_cookie(mine))
    theirs = Client()
    log_in(theirs, username="stranger")
    response = theirs.post(reverse("accounts:device_sign_out", args=[record.pk]))
    assert response.status_code == 404
    assert mine.get(reverse("dashboard")).status_code == 200


def test_a_stranger_does_not_see_my_devices(alice, stranger):
    mine = Client(HTTP_USER_AGENT=FIREFOX)
    log_in(mine, REMOTE_ADDR="198.51.100.7")
    theirs = Client()
    log_in(theirs, username="stranger")
    body = theirs.get(reverse("accounts:devices")).content.decode()
    assert "Firefox" not in body
    assert "198.51.100.7" not in body


def test_changing_the_password_signs_out_every_other_device(alice):
    me, other = Client(), Client()
    log_in(me)
    log_in(other)
    new = "a different and quieter passphrase"
    response = me.post(
        reverse("accounts:password_change"), {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert other.get(reverse("dashboard")).status_code == 302
    assert me.get(reverse("dashboard")).status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(new) and not alice.check_password(PASSWORD)
