"""The insights page and the dashboard: what they show, and a constant number of queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feltsafe.journal.insights import explain
from feltsafe.web.checkins.models import CheckIn
from feltsafe.web.journal.models import ActivationEntry, RepairEntry
from feltsafe.web.journal.services import activation_create, repair_create
from feltsafe.web.reflections.models import Relationship

pytestmark = pytest.mark.django_db


def _journal(owner, tool, drop, times, start=date(2026, 1, 1), tags=""):
    for i in range(times):
        activation_create(
            owner=owner,
            occurred_on=start + timedelta(days=i),
            what_happened="Raised voices",
            tags=tags,
            intensity_before=8,
            tool=tool,
            pattern="guarding",
            intensity_after=8 - drop,
        )


def test_insights_rank_tools_by_mean_drop_with_counts_and_a_small_sample_note(alice_client, alice):
    _journal(alice, "breathing", 1, 6)
    _journal(alice, "grounding", 3, 2)
    page = alice_client.get(reverse("journal:insights")).content.decode()
    assert page.index("Grounding") < page.index("Breathing")  # 3.00 before 1.00
    assert "3.00" in page and "1.00" in page
    assert "small sample: a first hint, not a conclusion" in page
    assert page.count("small sample: a first hint") == 1  # breathing has 6 entries


def test_insights_explain_every_figure_they_show(alice_client, alice):
    _journal(alice, "breathing", 2, 3, tags="money")
    repair_create(
        owner=alice,
        what_happened="snapped",
        ruptured_at=datetime(2026, 1, 3, 20, tzinfo=UTC),
        reconnected_at=datetime(2026, 1, 4, 8, tzinfo=UTC),
        category="sorry",
        initiated_by="them",
    )
    CheckIn.objects.create(owner=alice, felt_heard=7)
    page = alice_client.get(reverse("journal:insights")).content.decode()
    for key in ("tools", "mean_drop", "small_sample", "triggers", "patterns", "repair_time"):
        assert explain()[key][:60].replace("'", "&#x27;") in page
    assert "Raised voices" in page and "money" in page  # recurring trigger and tag
    assert "Guarding" in page
    assert "12 hours" in page  # the median time to repair
    assert "Them" in page
    assert page.count("<svg") >= 5  # tools, triggers, patterns, repair, check-ins
    assert page.count("<table") >= 5  # each chart has a table of the same figures


def test_insights_for_a_new_person_are_gentle_and_empty(alice_client):
    page = alice_client.get(reverse("journal:insights")).content.decode()
    assert page.count("<svg") == 0
    assert "No ruptures noted yet" in page
    assert "No check-ins yet" in page


# --- a constant number of queries -----------------------------------------------------------


def _fill(owner, n):
    """n check-ins, n journal entries and n // 5 repairs, spread over n days."""
    partner = Relationship.objects.create(owner=owner, label="my partner")
    now = timezone.now()
    CheckIn.objects.bulk_create(
        CheckIn(
            owner=owner,
            relationship=partner if i % 2 else None,
            created_at=now - timedelta(days=i),
            felt_heard=i % 11,
            body_calm=(i * 3) % 11,
            note="a note",
        )
        for i in range(n)
    )
    tools = ["breathing", "grounding", "movement", "time_out"]
    ActivationEntry.objects.bulk_create(
        ActivationEntry(
            owner=owner,
            occurred_on=(now - timedelta(days=i)).date(),
            what_happened=f"trigger {i % 7}",
            tags="money, work",
            intensity_before=8,
            pattern="guarding",
            tool=tools[i % 4],
            intensity_after=i % 8,
        )
        for i in range(n)
    )
    RepairEntry.objects.bulk_create(
        RepairEntry(
            owner=owner,
            relationship=partner,
            what_happened="rupture",
            ruptured_at=now - timedelta(days=5 * i),
            reconnected_at=now - timedelta(days=5 * i) + timedelta(hours=i % 30),
            category="sorry",
            initiated_by="me",
        )
        for i in range(max(1, n // 5))
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["dashboard", "journal:insights"])
def test_the_page_makes_the_same_number_of_queries_for_10_or_500_entries(
    client, django_user_model, name
):
    few = django_user_model.objects.create_user(username="few", password="x" * 20)
    many = django_user_model.objects.create_user(username="many", password="x" * 20)
    _fill(few, 10)
    _fill(many, 500)
    url = reverse(name)
    client.force_login(few)
    _queries(client, url)  # warm the session
    counted_few = _queries(client, url)
    client.force_login(many)
    _queries(client, url)
    counted_many = _queries(client, url)
    assert counted_few == counted_many
    assert counted_many <= 30  # a loose sanity bound: other apps add cards to the dashboard


def test_the_dashboard_summarises_the_last_week(alice_client, alice):
    _fill(alice, 10)
    page = alice_client.get(reverse("dashboard")).content.decode()
    assert "In the last seven days: 7 check-ins" in page
    assert "7 journal entries" in page
