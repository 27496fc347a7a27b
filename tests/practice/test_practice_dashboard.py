"""The therapist's dashboard reads all clients in a constant number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.practice.seed import seed_clients
from feltsafe.web.practice import summaries
from tests.practice.conftest import login

pytestmark = pytest.mark.django_db


def _dashboard_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("practice:dashboard"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_dashboard_takes_the_same_number_of_queries_for_5_or_50_clients(therapist):
    client = login(Client(), therapist)
    seed_clients(therapist=therapist, n_clients=5, weeks=6, prefix="small")
    _dashboard_queries(client)  # the first visit also sets up the session and audit pseudonym
    few, page = _dashboard_queries(client)
    assert page.count("small-") == 5
    seed_clients(therapist=therapist, n_clients=45, weeks=6, prefix="more")
    many, page = _dashboard_queries(client)
    assert page.count("more-") == 45
    assert many == few


def test_the_dashboard_puts_clients_needing_attention_first(therapist):
    seed_clients(therapist=therapist, n_clients=12, weeks=4, prefix="c")
    page = login(Client(), therapist).get(reverse("practice:dashboard")).content.decode()
    # Every tenth seeded client wrote a crisis note last week: c-0000 and c-0010 come first.
    first_rows = page.split("<tbody>")[1].split("</tr>")[:2]
    assert any("c-0000" in row for row in first_rows)
    assert any("c-0010" in row for row in first_rows)
    assert "pills" not in page


def test_the_dashboard_shows_the_latest_check_in_and_its_trend(therapist):
    pytest.importorskip("feltsafe.web.checkins.models")
    from django.apps import apps

    if not apps.is_installed("feltsafe.web.checkins"):
        pytest.skip("the check-ins app is not installed")
    seed_clients(therapist=therapist, n_clients=2, weeks=10, prefix="p")
    grants = list(summaries.Grant.objects.filter(therapist=therapist))
    rows = summaries.dashboard_rows(grants)
    assert all(r.latest_checkin is not None for r in rows)
    assert all(r.checkin_change is not None for r in rows)
    assert all(r.reflection_change is not None for r in rows)
