"""What the practice reads through the other apps, each only when that app is installed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.practice.conftest import login, share

pytestmark = pytest.mark.django_db

JOURNAL_WORDS = "The argument about the holiday plans at dinner"


def _needs(app):
    if not apps.is_installed(app):
        pytest.skip(f"{app} is not installed")


@pytest.fixture
def journal_entries(alice):
    _needs("feltsafe.web.journal")
    from feltsafe.web.journal.services import activation_create

    for n in range(3):
        activation_create(
            owner=alice,
            occurred_on=timezone.localdate() - timedelta(days=n),
            what_happened=JOURNAL_WORDS,
            intensity_before=8,
            pattern="withdrawing",
            tool="breathing",
            intensity_after=4,
        )


def test_journal_insights_are_shared_without_the_words(alice, therapist, journal_entries):
    grant = share(alice, therapist, scopes=["journal_insights"])
    page = login(Client(), therapist).get(reverse("practice:client", args=[grant.pk]))
    text = page.content.decode()
    assert "Breathing" in text and "Withdrawing" in text
    assert JOURNAL_WORDS not in text
    csv = login(Client(), therapist).get(reverse("practice:export_csv", args=[grant.pk]))
    assert JOURNAL_WORDS not in csv.content.decode()


def test_journal_words_are_shared_only_when_the_client_ticks_them(
    alice, therapist, journal_entries
):
    grant = share(alice, therapist, scopes=["journal_insights", "journal_text"])
    page = login(Client(), therapist).get(reverse("practice:client", args=[grant.pk]))
    assert JOURNAL_WORDS in page.content.decode()


def test_a_check_in_suggestion_is_done_once_the_client_checks_in(alice, therapist):
    _needs("feltsafe.web.checkins")
    from feltsafe.web.checkins.services import checkin_create
    from feltsafe.web.practice import services, summaries

    grant = share(alice, therapist, scopes=["checkin_trends"])
    services.assignment_create(
        grant=grant,
        kind="checkin",
        cadence="custom",
        interval_days=3,
        start_date=timezone.localdate() - timedelta(days=1),
    )
    (row,) = summaries.dashboard_rows([grant])
    assert row.assignments[0].status.state == "due"
    checkin_create(owner=alice, answers={"could_be_myself": 7})
    (row,) = summaries.dashboard_rows([grant])
    assert row.assignments[0].status.state == "done"
    assert row.latest_checkin is not None


def test_every_therapist_access_to_client_data_is_in_the_audit_log(grant, therapist, stranger):
    _needs("feltsafe.web.audit")
    from feltsafe.web.audit.models import AuditEvent

    client = login(Client(), therapist)
    client.get(reverse("practice:client", args=[grant.pk]))
    client.get(reverse("practice:export_csv", args=[grant.pk]))
    actions = list(
        AuditEvent.objects.filter(object_id=str(grant.pk)).values_list("action", "outcome")
    )
    assert ("practice.client_view", "ok") in actions
    assert ("practice.export_csv", "ok") in actions
    assert ("practice.grant_accept", "ok") in actions
    # Events hold ids and names only.
    assert not AuditEvent.objects.filter(action__icontains="alice").exists()


@pytest.fixture
def couple(alice, esr):
    """alice and bob, linked as a couple, each sharing a reflection's scores with the other."""
    _needs("feltsafe.web.couples")
    from feltsafe.web.couples import services as couples
    from feltsafe.web.reflections.services import reflection_submit
    from tests.factories import answers_at
    from tests.practice.conftest import make_user

    bob = make_user("bob")
    mine = reflection_submit(owner=alice, relationship_label="Bob", answers=answers_at(esr, 4))
    theirs = reflection_submit(owner=bob, relationship_label="Alice", answers=answers_at(esr, 2))
    invite = couples.invite_create(owner=alice, relationship=mine.relationship)
    bob_side = couples.invite_accept(
        person=bob, code=invite.code, relationship_id=theirs.relationship_id
    )
    alice_side = couples.link_get(person=alice, pk=bob_side.pk)
    couples.share_create(side=alice_side, kind="reflection_scores", object_id=mine.pk)
    couples.share_create(side=bob_side, kind="reflection_scores", object_id=theirs.pk)
    return bob


def test_the_couple_view_shows_when_both_partners_let_the_therapist_see_it(
    alice, therapist, couple
):
    grant = share(alice, therapist, scopes=["reflection_scores", "couple_view"])
    client = login(Client(), therapist)
    url = reverse("practice:client", args=[grant.pk])
    assert "alice and" not in client.get(url).content.decode()  # bob has not agreed yet
    share(couple, therapist, scopes=["couple_view"])
    page = client.get(url).content.decode()
    assert "Scores side by side" in page and "bob" in page


def test_there_is_no_couple_view_when_one_partner_only_shares_with_the_therapist(
    alice, therapist, couple
):
    grant = share(alice, therapist, scopes=["couple_view"])
    share(couple, therapist, scopes=["reflection_scores"])
    page = login(Client(), therapist).get(reverse("practice:client", args=[grant.pk]))
    assert "Scores side by side" not in page.content.decode()


def test_there_is_no_couple_view_while_a_partners_private_safety_screen_is_positive(
    alice, therapist, couple
):
    from feltsafe.web.reflections.models import Relationship
    from feltsafe.web.safety.models import HarmScreen

    grant = share(alice, therapist, scopes=["couple_view"])
    share(couple, therapist, scopes=["couple_view"])
    HarmScreen.objects.create(
        owner=alice,
        relationship=Relationship.objects.get(owner=alice, label="Bob"),
        screen_version="1",
        answers={},
        positive=True,
        concerns=[],
    )
    page = login(Client(), therapist).get(reverse("practice:client", args=[grant.pk]))
    text = page.content.decode()
    assert "Scores side by side" not in text
    main = text.split("<main")[1].split("</main>")[0]
    assert "harm" not in main.lower()  # and nothing says why


def test_crisis_words_in_a_couples_repair_note_are_flagged_without_the_words(
    alice, therapist, couple
):
    from feltsafe.web.couples import services as couples

    share(alice, therapist, scopes=["safety_flags"])
    side = couples.link_list(person=alice)[0]
    couples.couple_repair_create(
        side=side,
        what_happened="I have the pills saved up and I don't want to be here anymore",
        ruptured_at=timezone.now() - timedelta(hours=2),
    )
    page = login(Client(), therapist).get(reverse("practice:dashboard")).content.decode()
    assert "may point to a crisis" in page
    assert "pills" not in page
