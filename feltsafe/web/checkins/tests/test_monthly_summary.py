"""The insights' month-by-month check-in figures, averaged in the database, equal the core's."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from feltsafe.web.checkins.models import ANSWER_FIELDS, CheckIn
from feltsafe.web.checkins.services import (
    checkin_create,
    checkin_monthly_summary,
    checkin_monthly_trends,
    checkin_records,
)
from feltsafe.web.reflections.models import Relationship

pytestmark = pytest.mark.django_db


def _random_checkins(owner, rng, n=400):
    labels = ["my partner", "Mum", ""]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for _ in range(n):
        answers = {
            field: None if rng.random() < 0.3 else rng.randint(0, 10) for field in ANSWER_FIELDS
        }
        if rng.random() < 0.05:
            answers = {}  # everything skipped
        checkin_create(
            owner=owner,
            answers=answers,
            relationship_label=rng.choice(labels),
            # Often two or three on one day, across about 14 months and midnight.
            created_at=start + timedelta(hours=rng.randrange(0, 24 * 420)),
        )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_database_summary_equals_the_core_path(alice, seed):
    _random_checkins(alice, random.Random(seed))
    from_db = checkin_monthly_summary(owner=alice)
    from_core = checkin_monthly_trends(checkin_records(owner=alice))
    assert [t.label for t in from_db] == [t.label for t in from_core]
    for db, core in zip(from_db, from_core, strict=True):
        assert [(m, n) for m, _, n in db.months] == [(m, n) for m, _, n in core.months]
        for (_, a, _), (_, b, _) in zip(db.months, core.months, strict=True):
            assert a == pytest.approx(b, abs=1e-9)


def test_a_check_in_keeps_its_felt_safety_and_local_day(alice, settings):
    settings.TIME_ZONE = "Australia/Sydney"
    checkin = checkin_create(
        owner=alice,
        answers={"felt_heard": 6, "need_repair": 2},
        created_at=datetime(2026, 3, 1, 20, 0, tzinfo=UTC),  # already 2 March in Sydney
    )
    assert checkin.felt_safety == pytest.approx((6 + 8) / 2)
    assert checkin.day.isoformat() == "2026-03-02"
    assert checkin_create(owner=alice, answers={}).felt_safety is None


def test_check_ins_written_without_the_service_are_filled_in_and_counted(alice):
    partner = Relationship.objects.create(owner=alice, label="my partner")
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                owner=alice,
                relationship=partner,
                felt_heard=4,
                created_at=datetime(2026, 1, 5, 9, tzinfo=UTC),
            ),
            CheckIn(
                owner=alice,
                relationship=partner,
                felt_heard=8,
                created_at=datetime(2026, 1, 6, 9, tzinfo=UTC),
            ),
        ]
    )
    [trend] = checkin_monthly_summary(owner=alice)
    assert trend.months == (("2026-01", 6.0, 2),)
    assert not CheckIn.objects.filter(day__isnull=True).exists()


def test_another_persons_check_ins_never_enter_the_summary(alice, stranger):
    checkin_create(owner=stranger, answers={"felt_heard": 1}, relationship_label="theirs")
    assert checkin_monthly_summary(owner=alice) == []
