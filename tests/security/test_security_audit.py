"""[27] The append-only audit log: one row per action, never content, tampering detected."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from feltsafe.web.audit.models import AuditEvent, AuditLogIsAppendOnly
from feltsafe.web.audit.services import audit_record, audit_verify, pseudonym_for
from tests.factories import PASSWORD
from tests.security.helpers import enable_mfa, log_in

pytestmark = pytest.mark.django_db


def _actions():
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_a_log_in_writes_exactly_one_row(client, alice):
    log_in(client)
    assert _actions() == ["login"]
    event = AuditEvent.objects.get()
    assert event.actor == event.subject == pseudonym_for(alice)
    assert event.outcome == "ok"
    assert event.at.utcoffset().total_seconds() == 0


def test_a_failed_log_in_writes_one_row_about_the_account_without_the_name(client, alice):
    log_in(client, password="not it")
    event = AuditEvent.objects.get()
    assert (event.action, event.outcome, event.actor) == ("login.failed", "failed", "")
    assert event.subject == pseudonym_for(alice)


def test_a_failed_log_in_for_an_unknown_name_names_no_one(client, alice):
    log_in(client, username="somebody-else", password="not it")
    event = AuditEvent.objects.get()
    assert event.subject == "" and event.actor == ""


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("logout", ["login", "logout"]),
        ("sign_out_others", ["login", "session.revoke_others"]),
    ],
)
def test_each_account_action_writes_one_row(client, alice, action, expected):
    log_in(client)
    if action == "logout":
        client.post(reverse("accounts:logout"))
    else:
        client.post(reverse("accounts:devices_sign_out_others"))
    assert _actions() == expected


def test_mfa_changes_write_one_row_each(alice):
    client = Client()
    log_in(client)
    enable_mfa(alice)
    assert _actions() == ["login", "mfa.enable"]


def test_no_name_or_content_is_ever_stored(client, alice):
    log_in(client)
    log_in(client, password="the secret I typed by mistake")
    client.post(reverse("accounts:logout"))
    dump = repr(list(AuditEvent.objects.values()))
    assert "alice" not in dump
    assert "secret I typed" not in dump
    assert f"'{alice.pk}'" not in dump


def test_the_chain_verifies_when_untouched(client, alice):
    for _ in range(3):
        log_in(client)
        client.post(reverse("accounts:logout"))
    result = audit_verify()
    assert result.ok and result.checked == 6


def test_editing_a_row_in_the_database_is_detected(client, alice):
    for _ in range(3):
        log_in(Client())
    victim = AuditEvent.objects.order_by("id")[1]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET outcome = 'denied' WHERE id = %s", [victim.pk])
    result = audit_verify()
    assert not result.ok
    assert result.first_bad_id == victim.pk


def test_removing_a_row_from_the_middle_is_detected(client, alice):
    for _ in range(3):
        log_in(Client())
    victim = AuditEvent.objects.order_by("id")[1]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [victim.pk])
    assert not audit_verify().ok


def test_the_orm_refuses_to_change_or_remove_events(alice):
    event = audit_record(actor=alice, action="login")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(outcome="denied")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    event.outcome = "denied"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()


def test_the_owner_reads_the_events_about_their_own_account(alice, stranger):
    attempt = Client()
    log_in(attempt, password="not it")
    log_in(Client(), username="stranger", password=PASSWORD)
    mine = Client()
    log_in(mine)
    body = mine.get(reverse("audit:activity")).content.decode()
    assert "A log-in attempt with the wrong password" in body
    assert body.count("Logged in") == 1  # the stranger's log-in is not here


def test_a_stranger_sees_none_of_my_events(alice, stranger):
    log_in(Client(), password="not it")
    theirs = Client()
    log_in(theirs, username="stranger")
    body = theirs.get(reverse("audit:activity")).content.decode()
    assert "A log-in attempt with the wrong password" not in body
