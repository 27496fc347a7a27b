"""[3] A lockout an abuser can't turn against the owner; [4] no account enumeration at log-in."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ATTACKER_IP = "203.0.113.66"
OWNER_IP = "198.51.100.7"


def _login(client, username, password, ip):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def _lock_out(client, username, ip):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, username, "not the password", ip)


def test_the_lockout_is_keyed_on_username_and_address_together_and_lifts_by_itself():
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_COOLOFF_TIME is not None
    assert settings.AXES_RESET_ON_SUCCESS is True


def test_the_attackers_address_stays_blocked_even_with_the_right_password(client, alice):
    _lock_out(client, "alice", ATTACKER_IP)
    response = _login(client, "alice", PASSWORD, ATTACKER_IP)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("dashboard")).status_code == 302


def test_the_owner_still_gets_in_from_another_address(client, alice):
    _lock_out(client, "alice", ATTACKER_IP)
    response = _login(client, "alice", PASSWORD, OWNER_IP)
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_lock_clears_after_the_cooloff(client, alice):
    _lock_out(client, "alice", ATTACKER_IP)
    assert _login(client, "alice", PASSWORD, ATTACKER_IP).status_code == 429
    later = timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(seconds=5)
    with time_machine.travel(later, tick=False):
        response = _login(client, "alice", PASSWORD, ATTACKER_IP)
    assert response.status_code == 302


def test_the_lockout_page_is_kind_and_names_no_one(client, alice):
    _lock_out(client, "alice", ATTACKER_IP)
    response = _login(client, "alice", PASSWORD, ATTACKER_IP)
    body = response.content.decode()
    assert "Please wait a little" in body
    assert "alice" not in body
    assert "another device or network" in body


def _without_tokens(html: str) -> str:
    return re.sub(r'value="[^"]*"|nonce="[^"]*"', "", html)


def test_login_answers_the_same_for_an_unknown_name_and_a_wrong_password(client, alice):
    wrong_password = _login(client, "alice", "not the password", OWNER_IP)
    unknown_name = _login(client, "nobody-here", "not the password", OWNER_IP)
    assert wrong_password.status_code == unknown_name.status_code == 200
    # The form echoes the typed username back; apart from that the pages are identical.
    assert _without_tokens(wrong_password.content.decode()) == _without_tokens(
        unknown_name.content.decode()
    )


def test_a_lockout_looks_the_same_for_an_unknown_name(client, alice):
    _lock_out(client, "alice", ATTACKER_IP)
    _lock_out(client, "nobody-here", ATTACKER_IP)
    real = _login(client, "alice", PASSWORD, ATTACKER_IP)
    unknown = _login(client, "nobody-here", PASSWORD, ATTACKER_IP)
    assert real.status_code == unknown.status_code == 429
    assert _without_tokens(real.content.decode()) == _without_tokens(unknown.content.decode())
