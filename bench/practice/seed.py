"""Seed a therapist with many clients, each with a long weekly history (bulk inserts).

Used by bench/practice/run.py (200 clients x 52 weeks) and by the query-count test
(tests/practice/test_practice_dashboard.py, 5 and 50 clients x a few weeks). Needs Django set up.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.apps import apps
from django.contrib.auth.models import User
from django.utils import timezone

from feltsafe.instruments import load_instrument
from feltsafe.web.practice.models import Assignment, Grant, PracticeMembership, Role
from feltsafe.web.reflections.models import Answer, Reflection, Relationship

ALL_SCOPES = ["reflection_scores", "checkin_trends", "safety_flags"]
CRISIS_NOTE = "I have the pills saved up and I don't want to be here anymore"
PLAIN_NOTE = "A calmer week; we talked things through on Sunday."


def seed_clients(
    *,
    therapist: User,
    n_clients: int,
    weeks: int,
    prefix: str = "client",
    now: datetime | None = None,
) -> list[User]:
    """`n_clients` clients sharing everything with `therapist`, each with `weeks` weekly
    reflections (every item answered) and, when the check-ins app is installed, weekly check-ins.
    Every tenth client wrote a crisis note last week; every client has a weekly reflection
    suggested."""
    now = now or timezone.now()
    membership = PracticeMembership.objects.get(user=therapist, role=Role.THERAPIST)
    instrument = load_instrument("esr")
    users = User.objects.bulk_create(
        [User(username=f"{prefix}-{i:04d}", password="!") for i in range(n_clients)]
    )
    relationships = Relationship.objects.bulk_create(
        [Relationship(owner=u, label="my partner") for u in users]
    )
    grants = Grant.objects.bulk_create(
        [
            Grant(client=u, therapist=therapist, practice=membership.practice, scopes=ALL_SCOPES)
            for u in users
        ]
    )
    Assignment.objects.bulk_create(
        [
            Assignment(
                grant=g,
                kind="reflection",
                cadence="weekly",
                start_date=(now - timedelta(days=weeks * 7)).date(),
            )
            for g in grants
        ]
    )
    reflections = []
    for c, (user, relationship) in enumerate(zip(users, relationships, strict=True)):
        for w in range(weeks):
            when = now - timedelta(days=7 * (weeks - w), hours=c % 24)
            note = ""
            if w == weeks - 1:
                # Every note differs, as real ones do (nothing is read once for many clients).
                note = f"{CRISIS_NOTE if c % 10 == 0 else PLAIN_NOTE} ({prefix} {c})"
            reflections.append(
                Reflection(
                    owner=user,
                    relationship=relationship,
                    instrument_id=instrument.id,
                    instrument_version=instrument.version,
                    completed_at=when,
                    note=note,
                )
            )
    reflections = Reflection.objects.bulk_create(reflections, batch_size=2000)
    rng = random.Random(20261127)  # varied, realistic answers; the same on every run
    answers = []
    for n, reflection in enumerate(reflections):
        client, week = divmod(n, weeks)
        centre = 2.5 + 1.5 * ((client % 7) / 6) + 0.5 * week / max(1, weeks)
        for item in instrument.items:
            value = min(5, max(1, round(rng.gauss(centre, 1.0))))
            answers.append(Answer(reflection=reflection, item_id=item.id, value=value))
        if len(answers) >= 20_000:
            Answer.objects.bulk_create(answers, batch_size=5000)
            answers = []
    Answer.objects.bulk_create(answers, batch_size=5000)
    if apps.is_installed("feltsafe.web.checkins"):
        from feltsafe.web.checkins.models import CheckIn

        checkins = []
        for c, (user, relationship) in enumerate(zip(users, relationships, strict=True)):
            for w in range(weeks):
                base = 3 + (c + w // 6) % 6
                checkins.append(
                    CheckIn(
                        owner=user,
                        relationship=relationship,
                        created_at=now - timedelta(days=7 * (weeks - w) - 3, hours=c % 24),
                        could_be_myself=base,
                        felt_heard=min(10, base + 1),
                        handled_with_care=base,
                        body_calm=max(0, base - 1),
                        need_repair=10 - base,
                    )
                )
        CheckIn.objects.bulk_create(checkins, batch_size=5000)
    return users
