"""The activation journal and the repair log through Django's test client."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from feltsafe.web.journal.models import ActivationEntry, RepairEntry
from feltsafe.web.journal.services import activation_create, repair_create
from feltsafe.web.reflections.models import Relationship

pytestmark = pytest.mark.django_db

CRISIS_TEXT = "I have the pills saved up and I don't want to be here anymore"


def _entry(**overrides):
    data = {
        "occurred_on": "2026-03-02",
        "what_happened": "Raised voices about money",
        "tags": "money, tone of voice",
        "body": "tight chest",
        "intensity_before": "8",
        "pattern": "withdrawing",
        "tool": "breathing",
        "intensity_after": "4",
        "note": "It eased after a walk.",
    }
    data.update(overrides)
    return data


def _repair(**overrides):
    data = {
        "what_happened": "A sharp word at dinner",
        "ruptured_at": "2026-03-02T19:00",
        "initiated_by": "me",
        "category": "sorry",
        "reconnected_at": "2026-03-03T09:30",
        "note": "",
    }
    data.update(overrides)
    return data


# --- activation entries ------------------------------------------------------------------------


def test_it_saves_a_journal_entry_and_shows_it(alice_client, alice):
    response = alice_client.post(reverse("journal:new"), _entry())
    entry = ActivationEntry.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("journal:detail", args=[entry.pk])
    assert entry.occurred_on == date(2026, 3, 2)
    assert entry.tags == "money, tone of voice"
    assert (entry.intensity_before, entry.pattern, entry.tool, entry.intensity_after) == (
        8,
        "withdrawing",
        "breathing",
        4,
    )
    page = alice_client.get(response["Location"]).content.decode()
    assert "Raised voices about money" in page
    assert "down 4" in page
    assert "Withdrawing" in page and "Pulling away" in page  # the pattern, described gently
    listed = alice_client.get(reverse("journal:index")).content.decode()
    assert "Raised voices about money" in listed


def test_only_when_and_what_happened_are_needed(alice_client, alice):
    response = alice_client.post(
        reverse("journal:new"),
        {"occurred_on": "2026-03-02", "what_happened": "A door slammed"},
    )
    assert response.status_code == 302
    entry = ActivationEntry.objects.get(owner=alice)
    assert entry.intensity_before is None and entry.pattern == "" and entry.tool == ""


@pytest.mark.parametrize(
    "overrides",
    [
        {"what_happened": "  "},
        {"occurred_on": "yesterday"},
        {"intensity_before": "11"},
        {"intensity_after": "-1"},
        {"pattern": "sulking"},
        {"tool": "shouting"},
    ],
)
def test_bad_input_is_explained_and_saves_nothing(alice_client, overrides):
    response = alice_client.post(reverse("journal:new"), _entry(**overrides))
    assert response.status_code == 400
    assert "nothing was saved yet" in response.content.decode()
    assert ActivationEntry.objects.count() == 0


def test_the_database_refuses_intensities_and_patterns_it_does_not_know(alice):
    base = {"owner": alice, "occurred_on": date(2026, 1, 1), "what_happened": "x"}
    for bad in ({"intensity_before": 11}, {"intensity_after": -1}, {"pattern": "sulking"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ActivationEntry.objects.create(**base, **bad)


def test_an_entry_can_be_edited_and_deleted(alice_client, alice):
    entry = activation_create(owner=alice, occurred_on=date(2026, 1, 5), what_happened="first")
    edit = reverse("journal:edit", args=[entry.pk])
    assert "first" in alice_client.get(edit).content.decode()
    response = alice_client.post(edit, _entry(what_happened="second thoughts"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.what_happened == "second thoughts"
    assert alice_client.get(reverse("journal:delete", args=[entry.pk])).status_code == 200
    alice_client.post(reverse("journal:delete", args=[entry.pk]))
    assert not ActivationEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("field", ["what_happened", "note", "tags", "body"])
def test_crisis_words_in_any_journal_field_are_saved_and_lead_to_support(
    alice_client, alice, field
):
    response = alice_client.post(reverse("journal:new"), _entry(**{field: CRISIS_TEXT[:190]}))
    entry = ActivationEntry.objects.get(owner=alice)
    assert CRISIS_TEXT[:40] in getattr(entry, field)
    assert response["Location"].startswith(reverse("safety:crisis"))


def test_crisis_words_added_in_an_edit_lead_to_support(alice_client, alice):
    entry = activation_create(owner=alice, occurred_on=date(2026, 1, 5), what_happened="first")
    response = alice_client.post(reverse("journal:edit", args=[entry.pk]), _entry(note=CRISIS_TEXT))
    assert response["Location"].startswith(reverse("safety:crisis"))
    entry.refresh_from_db()
    assert entry.note == CRISIS_TEXT


def test_ordinary_words_go_straight_back_to_the_entry(alice_client):
    response = alice_client.post(reverse("journal:new"), _entry())
    assert not response["Location"].startswith(reverse("safety:crisis"))


# --- repair entries ----------------------------------------------------------------------------


def test_it_logs_a_repair_and_derives_the_time_to_repair(alice_client, alice):
    response = alice_client.post(
        reverse("journal:repair_new"), _repair() | {"new_relationship": "my partner"}
    )
    assert response.status_code == 302
    entry = RepairEntry.objects.get(owner=alice)
    assert entry.relationship.label == "my partner"
    page = alice_client.get(reverse("journal:repairs")).content.decode()
    assert "A sharp word at dinner" in page
    assert "14 hours 30 minutes" in page
    assert "Sorry" in page and "Me" in page


def test_a_repair_not_yet_reconnected_says_not_yet_without_a_deadline(alice_client, alice):
    alice_client.post(reverse("journal:repair_new"), _repair(reconnected_at=""))
    page = alice_client.get(reverse("journal:repairs")).content.decode()
    assert "not yet" in page
    form = alice_client.get(reverse("journal:repair_new")).content.decode()
    assert "There is no deadline" in form


def test_a_reconnection_before_the_rupture_is_refused(alice_client):
    response = alice_client.post(
        reverse("journal:repair_new"), _repair(reconnected_at="2026-03-01T10:00")
    )
    assert response.status_code == 400
    assert "before the rupture" in response.content.decode()
    assert RepairEntry.objects.count() == 0


def test_the_database_refuses_a_reconnection_before_its_rupture(alice):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        RepairEntry.objects.create(
            owner=alice, what_happened="x", ruptured_at=now, reconnected_at=now - timedelta(hours=1)
        )


def test_a_repair_can_be_edited_and_deleted(alice_client, alice):
    entry = repair_create(owner=alice, what_happened="cold silence", ruptured_at=timezone.now())
    url = reverse("journal:repair_edit", args=[entry.pk])
    assert "cold silence" in alice_client.get(url).content.decode()
    alice_client.post(url, _repair(what_happened="cold silence, then a hug"))
    entry.refresh_from_db()
    assert entry.what_happened == "cold silence, then a hug"
    alice_client.post(reverse("journal:repair_delete", args=[entry.pk]))
    assert not RepairEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("field", ["what_happened", "note"])
def test_crisis_words_in_a_repair_entry_are_saved_and_lead_to_support(alice_client, alice, field):
    response = alice_client.post(reverse("journal:repair_new"), _repair(**{field: CRISIS_TEXT}))
    assert getattr(RepairEntry.objects.get(owner=alice), field) == CRISIS_TEXT
    assert response["Location"].startswith(reverse("safety:crisis"))


def test_the_repair_log_puts_safety_before_repair(alice_client):
    page = alice_client.get(reverse("journal:repairs")).content.decode()
    assert "Repair is for relationships where you are safe" in page


# --- ownership -------------------------------------------------------------------------------


@pytest.fixture
def alices_entries(alice):
    mum = Relationship.objects.create(owner=alice, label="Mum")
    activation = activation_create(
        owner=alice, occurred_on=date(2026, 1, 5), what_happened="alice's private words"
    )
    repair = repair_create(
        owner=alice,
        what_happened="alice's private rupture",
        ruptured_at=datetime(2026, 1, 5, 20, 0, tzinfo=UTC),
        relationship=mum,
    )
    return activation, repair


@pytest.mark.parametrize(
    "name, which",
    [
        ("journal:detail", 0),
        ("journal:edit", 0),
        ("journal:delete", 0),
        ("journal:repair_edit", 1),
        ("journal:repair_delete", 1),
    ],
)
def test_another_person_gets_404_for_someone_elses_entry(
    stranger_client, alices_entries, name, which
):
    url = reverse(name, args=[alices_entries[which].pk])
    assert stranger_client.get(url).status_code == 404
    assert stranger_client.post(url, _entry() | _repair()).status_code == 404
    assert ActivationEntry.objects.get(pk=alices_entries[0].pk).what_happened == (
        "alice's private words"
    )
    assert RepairEntry.objects.filter(pk=alices_entries[1].pk).exists()


@pytest.mark.parametrize(
    "name", ["journal:index", "journal:repairs", "journal:insights", "journal:export", "dashboard"]
)
def test_another_persons_pages_never_show_someone_elses_entries(
    stranger_client, alices_entries, name
):
    body = stranger_client.get(reverse(name)).content.decode()
    assert "alice's private" not in body


def test_a_repair_cannot_be_filed_under_someone_elses_relationship(stranger_client, alices_entries):
    mum = alices_entries[1].relationship
    response = stranger_client.post(reverse("journal:repair_new"), _repair(relationship=mum.pk))
    assert response.status_code == 400
    assert RepairEntry.objects.count() == 1


@pytest.mark.parametrize(
    "name, args",
    [
        ("journal:index", []),
        ("journal:new", []),
        ("journal:detail", [1]),
        ("journal:edit", [1]),
        ("journal:delete", [1]),
        ("journal:repairs", []),
        ("journal:repair_new", []),
        ("journal:repair_edit", [1]),
        ("journal:repair_delete", [1]),
        ("journal:insights", []),
        ("journal:import", []),
        ("journal:export", []),
    ],
)
def test_every_journal_page_needs_a_login(client, name, args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
