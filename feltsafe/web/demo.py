"""The demo account: a person with a few months of reflections, created idempotently."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from feltsafe.instruments import Instrument, load_instrument
from feltsafe.web.reflections import services
from feltsafe.web.reflections.models import Reflection, Relationship

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
    _seed_pulse_and_journal(user, rng, now)
    return DemoAccount(DEMO_USERNAME, DEMO_PASSWORD, created=True)


_TRIGGERS = [
    ("A sharp tone about the dishes", "tone, home"),
    ("Plans changed at the last minute", "plans"),
    ("A long silence after I raised money", "money, silence"),
    ("Being interrupted in a meeting", "work"),
    ("A message left on read", "phone"),
]
_PATTERNS = ["guarding", "withdrawing", "people_pleasing", "hypervigilance", "freezing"]
_TOOLS = ["breathing", "grounding", "movement", "reaching_out", "time_out", "self_talk"]
# How much each tool tends to settle things in this made-up story (points on 0-10).
_TOOL_HELP = {
    "breathing": 3,
    "grounding": 3,
    "movement": 2,
    "reaching_out": 4,
    "time_out": 2,
    "self_talk": 1,
}


def _seed_pulse_and_journal(user: User, rng: random.Random, now: datetime) -> None:
    """About three months of check-ins, journal entries and repairs, slowly getting steadier."""
    from feltsafe.journal.vocab import CHECKIN_QUESTIONS
    from feltsafe.web.checkins.services import checkin_create
    from feltsafe.web.journal.services import activation_create, repair_create

    partner = Relationship.objects.get(owner=user, label="my partner")
    for days_ago in range(90, 0, -1):
        if rng.random() < 0.35:
            continue  # missed days are fine
        level = 4 + 3 * (90 - days_ago) / 90 + rng.gauss(0, 1.2)
        answers: dict[str, object] = {}
        for question in CHECKIN_QUESTIONS:
            value = round(min(10, max(0, level + rng.gauss(0, 1))))
            answers[question.id] = 10 - value if question.reverse else value
        checkin_create(
            owner=user,
            answers=answers,
            relationship=partner,
            created_at=now - timedelta(days=days_ago, hours=rng.randint(0, 5)),
        )
    for days_ago in range(88, 0, -4):
        trigger, tags = rng.choice(_TRIGGERS)
        tool = rng.choice(_TOOLS)
        before = rng.randint(5, 9)
        activation_create(
            owner=user,
            occurred_on=(now - timedelta(days=days_ago)).date(),
            what_happened=trigger,
            tags=tags,
            body=rng.choice(["chest", "throat", "stomach", "shoulders"]),
            intensity_before=before,
            pattern=rng.choice(_PATTERNS),
            tool=tool,
            intensity_after=max(0, before - _TOOL_HELP[tool] - rng.randint(0, 1)),
        )
    for days_ago, hours, category in [
        (80, 30, "calm_down"),
        (52, 20, "i_feel"),
        (31, 9, "sorry"),
        (12, 4, "appreciate"),
    ]:
        ruptured = now - timedelta(days=days_ago)
        repair_create(
            owner=user,
            what_happened="We talked past each other about plans for the weekend",
            ruptured_at=ruptured,
            reconnected_at=ruptured + timedelta(hours=hours),
            initiated_by=rng.choice(["me", "them", "both"]),
            category=category,
            relationship=partner,
        )
