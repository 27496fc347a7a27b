"""The demo account: a person with a few months of reflections, created idempotently."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from feltsafe.instruments import Instrument, load_instrument
from feltsafe.web.reflections import services
from feltsafe.web.reflections.models import Reflection

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "a calm harbour at dusk"

# (relationship, [(days ago, how safe it felt from 0 to 1), ...]): a story of slow change.
_STORY = [
    ("my partner", [(150, 0.35), (90, 0.48), (30, 0.62)]),
    ("Mum", [(120, 0.42), (20, 0.45)]),
    ("my manager", [(60, 0.7)]),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    created: bool


def _answers(instrument: Instrument, safety: float, rng: random.Random) -> dict[str, object]:
    answers: dict[str, object] = {}
    span = instrument.scale.max - instrument.scale.min
    for item in instrument.items:
        if rng.random() < 0.05:
            continue  # someone skipped a question or two, as people do
        level = min(1.0, max(0.0, rng.gauss(safety, 0.15)))
        value = instrument.scale.min + round(level * span)
        answers[item.id] = (
            instrument.scale.max + instrument.scale.min - value if item.reverse else value
        )
    return answers


@transaction.atomic
def demo_seed() -> DemoAccount:
    """Create the demo person and their history unless they already exist."""
    user = User.objects.filter(username=DEMO_USERNAME).first()
    if user is not None and Reflection.objects.filter(owner=user).exists():
        return DemoAccount(DEMO_USERNAME, DEMO_PASSWORD, created=False)
    if user is None:
        user = User.objects.create_user(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    instrument = load_instrument(services.DEFAULT_INSTRUMENT)
    rng = random.Random(7)
    now = timezone.now()
    for label, rounds in _STORY:
        for days_ago, safety in rounds:
            reflection = services.reflection_submit(
                owner=user, relationship_label=label, answers=_answers(instrument, safety, rng)
            )
            when = now - timedelta(days=days_ago)
            Reflection.objects.filter(pk=reflection.pk).update(started_at=when, completed_at=when)
    return DemoAccount(DEMO_USERNAME, DEMO_PASSWORD, created=True)
