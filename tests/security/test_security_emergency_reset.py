"""[25] The one-step emergency reset: other sessions signed out, every couples link and invitation
ended, every therapist's access stopped, new recovery codes; silent, and all or nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feltsafe.web.accounts import services
from feltsafe.web.accounts.models import RecoveryCode
from feltsafe.web.audit.models import AuditEvent
from feltsafe.web.couples import services as couples_services
from feltsafe.web.couples.models import Invite, Link
from feltsafe.web.couples.tests.helpers import link, reflect, share_reflection
from feltsafe.web.practice import services as practice_services
from feltsafe.web.practice.models import Grant
from feltsafe.web.reflections.services import relationship_get_or_create
from tests.factories import PASSWORD
from tests.security.helpers import enable_mfa, log_in, totp_now

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def _person(username):
    return User.objects.create_user(username=username, password=PASSWORD)


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(alice):
    """alice shares with her partner bob and with a therapist, and has an invitation out."""
    bob = _person("bob")
    current = link(alice, bob)
    share_reflection(current, alice, reflect(alice))
    invite = couples_services.invite_create(
        owner=alice, relationship=relationship_get_or_create(owner=alice, label="Mum")
    ).invite
    admin, therapist = _person("pat-admin"), _person("dr-rowan")
    practice = practice_services.practice_create(name="Harbour Therapy", admin=admin)
    practice_services.therapist_join(
        user=therapist,
        code=practice_services.therapist_invite_create(practice=practice, admin=admin),
    )
    issued = practice_services.client_invitation_create(therapist=therapist)
    grant = practice_services.grant_accept(
        client=alice,
        therapist_ref=practice_services.therapist_membership(user=therapist).public_ref,
        code=issued.code,
        scopes=["reflection_scores"],
    )
    return {"bob": bob, "link": current, "invite": invite, "therapist": therapist, "grant": grant}


def _partner_url(world):
    return reverse("couples:link", args=[world["link"].pk])


def _therapist_url(world):
    return reverse("practice:client", args=[world["grant"].pk])


def _cookie(client):
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_the_account_page_offers_it_and_it_asks_for_the_password_first(client, alice):
    log_in(client)
    assert (
        reverse("accounts:emergency_reset")
        in client.get(reverse("accounts:settings")).content.decode()
    )
    later = timezone.now() + timedelta(seconds=settings.FELTSAFE_REAUTH_SECONDS + 60)
    with time_machine.travel(later, tick=False):
        response = client.get(reverse("accounts:emergency_reset"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:reauth"))


def test_the_confirmation_page_says_plainly_what_will_happen(client, world):
    log_in(client)
    body = client.get(reverse("accounts:emergency_reset")).content.decode()
    for words in (
        "Signs out every other device",
        "Ends every couples link",
        "Stops sharing with every therapist",
        "Nobody is told",
    ):
        assert words in body
    assert world["link"].ended_at is None  # looking changes nothing


def test_a_get_changes_nothing(client, alice, world):
    log_in(client)
    client.get(reverse("accounts:emergency_reset"))
    assert _client_for(world["bob"]).get(_partner_url(world)).status_code == 200
    assert _client_for(world["therapist"]).get(_therapist_url(world)).status_code == 200


def test_every_effect_happens_and_nobody_is_told(alice, world):
    here, elsewhere = Client(), Client()
    log_in(elsewhere)
    log_in(here)
    elsewhere_cookie = _cookie(elsewhere)
    bob, therapist = _client_for(world["bob"]), _client_for(world["therapist"])
    assert bob.get(_partner_url(world)).status_code == 200
    assert therapist.get(_therapist_url(world)).status_code == 200
    mail.outbox.clear()

    response = here.post(reverse("accounts:emergency_reset"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:emergency_reset_done")

    # The partner's and the therapist's very next requests find nothing.
    assert bob.get(_partner_url(world)).status_code == 404
    assert therapist.get(_therapist_url(world)).status_code == 404
    assert Link.objects.get(pk=world["link"].pk).ended_at is not None
    assert Invite.objects.get(pk=world["invite"].pk).cancelled_at is not None
    assert Grant.objects.get(pk=world["grant"].pk).revoked_at is not None
    # Every other session is gone; this one carries on.
    assert not Session.objects.filter(session_key=elsewhere_cookie).exists()
    assert elsewhere.get(reverse("dashboard"))["Location"].startswith(reverse("accounts:login"))
    assert here.get(reverse("dashboard")).status_code == 200
    # Silent, and recorded for the owner without content.
    assert mail.outbox == []
    assert AuditEvent.objects.filter(action="account.emergency_reset").count() == 1


def test_the_summary_is_shown_once(client, alice, world):
    log_in(client)
    client.post(reverse("accounts:emergency_reset"))
    page = client.get(reverse("accounts:emergency_reset_done"))
    assert page.status_code == 200
    assert "Nobody was told" in page.content.decode()
    assert client.get(reverse("accounts:emergency_reset_done"))["Location"] == reverse(
        "accounts:settings"
    )


def test_this_browser_keeps_going_under_a_new_session_key(client, alice):
    log_in(client)
    before = _cookie(client)
    client.post(reverse("accounts:emergency_reset"))
    assert _cookie(client) != before
    assert not Session.objects.filter(session_key=before).exists()
    assert client.get(reverse("dashboard")).status_code == 200


def test_with_two_step_on_the_old_recovery_codes_stop_and_the_new_ones_work(alice):
    device, old_codes = enable_mfa(alice)
    client = Client()
    with time_machine.travel(NOW + timedelta(minutes=2), tick=False):
        log_in(client)
        client.post(reverse("accounts:otp_verify"), {"code": totp_now(device)})
        client.post(reverse("accounts:emergency_reset"))
        page = client.get(reverse("accounts:emergency_reset_done")).content.decode()
    new_codes = _codes_in(page)
    assert len(new_codes) == services.RECOVERY_CODE_COUNT
    assert not set(new_codes) & set(old_codes)

    old_try = Client()
    log_in(old_try)
    old_try.post(reverse("accounts:otp_verify"), {"code": old_codes[0]})
    assert old_try.get(reverse("dashboard")).status_code == 302

    new_try = Client()
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):  # past the wrong-code pause
        log_in(new_try)
        new_try.post(reverse("accounts:otp_verify"), {"code": new_codes[0]})
        assert new_try.get(reverse("dashboard")).status_code == 200


def _codes_in(page):
    import re

    return re.findall(r"<code>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})</code>", page)


def test_without_two_step_no_codes_are_made(client, alice):
    log_in(client)
    client.post(reverse("accounts:emergency_reset"))
    assert not RecoveryCode.objects.exists()
    assert _codes_in(client.get(reverse("accounts:emergency_reset_done")).content.decode()) == []


def test_if_one_step_fails_nothing_changes(alice, world, monkeypatch):
    _, old_codes = enable_mfa(alice)
    codes_before = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    here, elsewhere = Client(), Client()
    log_in(elsewhere)
    log_in(here)

    def broken(**kwargs):
        raise RuntimeError("the therapist step failed")

    monkeypatch.setattr(practice_services, "practice_stop_everything", broken)
    with pytest.raises(RuntimeError):
        services.emergency_reset(user=alice, keep_session_key=_cookie(here))

    assert Session.objects.filter(session_key=_cookie(elsewhere)).exists()
    assert Link.objects.get(pk=world["link"].pk).ended_at is None
    assert Invite.objects.get(pk=world["invite"].pk).cancelled_at is None
    assert Grant.objects.get(pk=world["grant"].pk).revoked_at is None
    assert set(RecoveryCode.objects.values_list("code_hash", flat=True)) == codes_before
    assert not AuditEvent.objects.filter(action="account.emergency_reset").exists()
    assert _client_for(world["bob"]).get(_partner_url(world)).status_code == 200
