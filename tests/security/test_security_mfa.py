"""[5] Optional two-step verification: TOTP with a replay guard, single-use hashed recovery
codes, data views closed until the second step, re-auth before changing it."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from feltsafe.web.accounts.models import RecoveryCode
from tests.factories import PASSWORD
from tests.security.helpers import enable_mfa, log_in, totp_now

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def _verify(client, code, next_url=""):
    return client.post(reverse("accounts:otp_verify"), {"code": code, "next": next_url})


def test_without_two_step_the_password_alone_opens_the_data(client, alice):
    log_in(client)
    assert client.get(reverse("dashboard")).status_code == 200


def test_data_pages_wait_for_the_second_step(client, alice):
    enable_mfa(alice)
    assert log_in(client).status_code == 302
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    assert client.get(reverse("reflections:index")).status_code == 302


def test_the_api_waits_for_the_second_step_too(client, alice):
    enable_mfa(alice)
    log_in(client)
    response = client.get("/api/v1/reflections")
    assert response.status_code == 403
    assert "verification" in response.json()["detail"]


def test_help_and_leaving_stay_open_before_the_second_step(client, alice):
    enable_mfa(alice)
    log_in(client)
    assert client.get(reverse("finding_support")).status_code == 200
    assert client.get(reverse("accounts:otp_verify")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_a_right_code_opens_the_data_with_a_new_session_key(alice):
    device, _ = enable_mfa(alice)
    client = Client()
    with time_machine.travel(NOW + timedelta(minutes=2), tick=False):
        log_in(client)
        key_after_password = client.session.session_key
        response = _verify(client, totp_now(device), reverse("reflections:index"))
        assert response.status_code == 302
        assert response["Location"] == reverse("reflections:index")
        assert client.session.session_key != key_after_password
        assert client.get(reverse("dashboard")).status_code == 200


def test_a_totp_code_cannot_be_used_twice(alice):
    device, _ = enable_mfa(alice)
    first, second = Client(), Client()
    with time_machine.travel(NOW + timedelta(minutes=2), tick=False):
        code = totp_now(device)
        log_in(first)
        assert _verify(first, code).status_code == 302
        log_in(second)
        response = _verify(second, code)
    assert response.status_code == 200
    assert "didn" in response.content.decode()
    assert second.get(reverse("dashboard")).status_code == 302


def test_a_wrong_code_is_refused_and_recorded(client, alice):
    from feltsafe.web.audit.models import AuditEvent

    enable_mfa(alice)
    log_in(client)
    response = _verify(client, "000000")
    assert response.status_code == 200
    assert client.get(reverse("dashboard")).status_code == 302
    assert AuditEvent.objects.filter(action="mfa.verify.failed").count() == 1


def test_recovery_codes_are_stored_hashed(alice):
    _, codes = enable_mfa(alice)
    assert len(codes) == 10
    stored = list(
        RecoveryCode.objects.filter(device__user=alice).values_list("code_hash", flat=True)
    )
    assert len(stored) == 10
    for code in codes:
        assert code not in stored
        assert code.replace("-", "") not in stored


def test_a_recovery_code_works_once(alice):
    _, codes = enable_mfa(alice)
    first, second = Client(), Client()
    log_in(first)
    assert _verify(first, codes[0]).status_code == 302
    assert first.get(reverse("dashboard")).status_code == 200
    log_in(second)
    assert _verify(second, codes[0]).status_code == 200
    assert second.get(reverse("dashboard")).status_code == 302
    assert RecoveryCode.objects.filter(device__user=alice).count() == 9


def test_enrolment_shows_the_key_to_type_and_a_local_qr_picture(alice_client):
    response = alice_client.get(reverse("accounts:mfa_enrol"))
    assert response.status_code == 200
    body = response.content.decode()
    device = TOTPDevice.objects.get(user__username="alice", confirmed=False)
    from base64 import b32encode

    key = b32encode(device.bin_key).decode()
    assert key[:4] in body and key[-4:] in body
    assert "<svg" in body
    assert "http" not in body.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org", ""
    )


def test_enrolment_turns_on_with_a_right_code_and_shows_recovery_codes_once(alice_client, alice):
    alice_client.get(reverse("accounts:mfa_enrol"))
    device = TOTPDevice.objects.get(user=alice, confirmed=False)
    response = alice_client.post(reverse("accounts:mfa_enrol"), {"code": totp_now(device)})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:recovery_codes")
    page = alice_client.get(reverse("accounts:recovery_codes")).content.decode()
    assert page.count("<code>") == 10
    again = alice_client.get(reverse("accounts:recovery_codes")).content.decode()
    assert again.count("<code>") == 0
    # The session that turned it on counts as verified.
    assert alice_client.get(reverse("dashboard")).status_code == 200


def test_changing_two_step_needs_the_password_again(client, alice):
    device, _ = enable_mfa(alice)
    with time_machine.travel(NOW + timedelta(minutes=2), tick=False):
        log_in(client)
        _verify(client, totp_now(device))
    with time_machine.travel(NOW + timedelta(minutes=12), tick=False):
        response = client.post(reverse("accounts:mfa_disable"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:reauth"))
        assert TOTPDevice.objects.filter(user=alice).exists()


def test_turning_two_step_off_after_reauth(client, alice):
    device, _ = enable_mfa(alice)
    with time_machine.travel(NOW + timedelta(minutes=2), tick=False):
        log_in(client)
        _verify(client, totp_now(device))
        response = client.post(reverse("accounts:mfa_disable"))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert not RecoveryCode.objects.filter(device__user=alice).exists()


def test_the_password_is_still_needed_with_a_valid_code(client, alice):
    enable_mfa(alice)
    response = log_in(client, password="not the password " + PASSWORD)
    assert response.status_code == 200
    assert client.get(reverse("accounts:otp_verify")).status_code == 302
