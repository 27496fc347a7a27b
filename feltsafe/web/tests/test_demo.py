"""The demo account: a believable history, created once however often `feltsafe demo` runs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from feltsafe.web.checkins.models import CheckIn
from feltsafe.web.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_seed
from feltsafe.web.journal.models import ActivationEntry, RepairEntry
from feltsafe.web.reflections.models import Reflection

pytestmark = pytest.mark.django_db


def test_the_demo_has_history_everywhere_and_is_created_once(client):
    first = demo_seed()
    counts = (
        Reflection.objects.count(),
        CheckIn.objects.count(),
        ActivationEntry.objects.count(),
        RepairEntry.objects.count(),
    )
    assert first.created
    assert counts[0] >= 5 and counts[1] >= 30 and counts[2] >= 10 and counts[3] >= 3
    again = demo_seed()
    assert not again.created
    assert (
        Reflection.objects.count(),
        CheckIn.objects.count(),
        ActivationEntry.objects.count(),
        RepairEntry.objects.count(),
    ) == counts
    response = client.post(
        reverse("accounts:login"), {"username": DEMO_USERNAME, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    for name in ("dashboard", "reflections:index", "checkins:index", "journal:insights"):
        assert client.get(reverse(name)).status_code == 200, name
