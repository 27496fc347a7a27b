"""[9] Re-authentication: sensitive changes need the password typed within the last minutes."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from feltsafe.web.audit.models import AuditEvent
from tests.factories import PASSWORD
from tests.security.helpers import log_in

pytestmark = pytest.mark.django_db

GUARDED = [
    "accounts:password_change",
    "accounts:email_change",
    "accounts:mfa_enrol",
    "accounts:mfa_disable",
    "accounts:recovery_codes",
    "accounts:emergency_reset",
]


def _later():
    return timezone.now() + timedelta(seconds=settings.FELTSAFE_REAUTH_SECONDS + 60)


@pytest.mark.parametrize("name", GUARDED)
def test_a_sensitive_page_asks_for_the_password_after_a_few_minutes(client, alice, name):
    log_in(client)
    with time_machine.travel(_later(), tick=False):
        response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:reauth"))


@pytest.mark.parametrize("name", ["accounts:password_change", "accounts:email_change"])
def test_right_after_log_in_no_second_password_is_needed(client, alice, name):
    log_in(client)
    assert client.get(reverse(name)).status_code == 200


def test_confirming_the_password_returns_to_the_page(client, alice):
    log_in(client)
    with time_machine.travel(_later(), tick=False):
        target = reverse("accounts:email_change")
        response = client.post(reverse("accounts:reauth"), {"password": PASSWORD, "next": target})
        assert response.status_code == 302
        assert response["Location"] == target
        assert client.get(target).status_code == 200
        response = client.post(target, {"email": "alice@example.org"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.email == "alice@example.org"
    assert AuditEvent.objects.filter(action="email.change").count() == 1


def test_a_wrong_password_at_reauth_is_refused_and_recorded(client, alice):
    log_in(client)
    with time_machine.travel(_later(), tick=False):
        response = client.post(reverse("accounts:reauth"), {"password": "not it"})
        assert response.status_code == 200
        assert client.get(reverse("accounts:email_change")).status_code == 302
    assert AuditEvent.objects.filter(action="reauth.failed", outcome="failed").count() == 1


def test_reauth_never_redirects_to_another_site(client, alice):
    log_in(client)
    response = client.post(
        reverse("accounts:reauth"), {"password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:settings")


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("accounts:email_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
