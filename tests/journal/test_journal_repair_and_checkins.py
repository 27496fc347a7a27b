from datetime import UTC, date, datetime, timedelta

import pytest

from feltsafe.journal.insights import (
    CheckinRecord,
    RepairRecord,
    checkin_score,
    checkin_trend,
    checkin_trends_by_relationship,
    repair_insights,
    time_to_repair,
)


def at(y, m, d, h=12):
    return datetime(y, m, d, h, tzinfo=UTC)


# --- repair -----------------------------------------------------------------------------------


def test_time_to_repair_is_derived_from_rupture_and_reconnection():
    r = RepairRecord(ruptured_at=at(2026, 1, 5, 9), reconnected_at=at(2026, 1, 5, 15))
    assert time_to_repair(r) == timedelta(hours=6)


def test_a_rupture_not_yet_repaired_has_no_repair_time():
    assert time_to_repair(RepairRecord(ruptured_at=at(2026, 1, 5))) is None


def test_a_reconnection_before_the_rupture_is_not_a_repair_time():
    r = RepairRecord(ruptured_at=at(2026, 1, 5, 9), reconnected_at=at(2026, 1, 4, 9))
    assert time_to_repair(r) is None


def test_repair_insights_give_median_hours_overall_and_by_month():
    records = [
        RepairRecord(at(2026, 1, 3, 8), at(2026, 1, 3, 10), "sorry", "me"),
        RepairRecord(at(2026, 1, 20, 8), at(2026, 1, 21, 8), "i_feel", "them"),
        RepairRecord(at(2026, 1, 25, 8), at(2026, 1, 25, 12), "Sorry", "me"),
        RepairRecord(at(2026, 2, 1, 8), at(2026, 2, 1, 9), "I appreciate", "both"),
        RepairRecord(at(2026, 2, 9, 8), None, None, None),
    ]
    result = repair_insights(reversed(records))
    assert result.count == 5
    assert result.repaired == 4
    assert result.not_yet_repaired == 1
    assert result.median_hours == pytest.approx(3.0)  # 1, 2, 4, 24 hours
    assert result.by_month == (("2026-01", 4.0, 3), ("2026-02", 1.0, 1))
    assert [(c.key, c.label, c.n) for c in result.categories] == [
        ("sorry", "Sorry", 2),
        ("i_feel", "I feel", 1),
        ("appreciate", "I appreciate", 1),
    ]
    assert [(c.key, c.n) for c in result.initiators] == [("me", 2), ("both", 1), ("them", 1)]


def test_repair_insights_with_nothing_repaired_yet():
    result = repair_insights([RepairRecord(at(2026, 3, 1))])
    assert (result.count, result.repaired, result.median_hours, result.by_month) == (1, 0, None, ())


# --- check-ins --------------------------------------------------------------------------------


def test_checkin_score_is_the_mean_of_answered_questions_with_repair_flipped():
    answers = {
        "could_be_myself": 8,
        "felt_heard": 6,
        "handled_with_care": None,
        "body_calm": 4,
        "need_repair": 8,
    }
    assert checkin_score(answers) == pytest.approx((8 + 6 + 4 + 2) / 4)


def test_checkin_score_is_none_when_nothing_was_answered():
    assert checkin_score({}) is None
    assert checkin_score({"felt_heard": None}) is None
    assert checkin_score({"not_a_question": 5}) is None


def test_checkin_score_rejects_answers_outside_zero_to_ten():
    with pytest.raises(ValueError, match="0-10"):
        checkin_score({"felt_heard": 11})


def checkin(day, score, relationship=None, hour=12):
    return CheckinRecord(
        when=at(2026, 1, day, hour), answers={"felt_heard": score}, relationship=relationship
    )


def test_the_trend_has_one_point_per_day_and_the_rolling_mean_spans_gaps():
    records = [checkin(1, 2), checkin(1, 4, hour=20), checkin(3, 6), checkin(7, 9), checkin(12, 5)]
    points = checkin_trend(records, window_days=7)
    assert [p.day for p in points] == [date(2026, 1, d) for d in (1, 3, 7, 12)]
    assert [p.value for p in points] == [3, 6, 9, 5]
    assert [p.n for p in points] == [2, 1, 1, 1]
    # Day 7's window is days 1-7; day 12's is days 6-12, so days 1 and 3 have dropped out.
    assert [p.rolling for p in points] == pytest.approx([3, 4.5, 6, 7])


def test_a_day_with_only_skipped_answers_is_a_point_without_a_value():
    records = [checkin(1, 4), CheckinRecord(when=at(2026, 1, 2), answers={"felt_heard": None})]
    points = checkin_trend(records)
    assert [(p.value, p.rolling) for p in points] == [(4, 4), (None, 4)]


def test_a_long_gap_empties_the_window():
    points = checkin_trend([checkin(1, 4), CheckinRecord(at(2026, 1, 30), {})], window_days=7)
    assert points[-1].rolling is None


def test_the_trend_can_follow_one_relationship_or_one_question():
    records = [checkin(1, 2, "partner"), checkin(1, 8, "mother"), checkin(2, 4, "partner")]
    assert [p.value for p in checkin_trend(records, relationship="partner")] == [2, 4]
    assert [p.value for p in checkin_trend(records)] == [5, 4]
    repair = [CheckinRecord(at(2026, 1, 1), {"need_repair": 9, "felt_heard": 9})]
    assert [p.value for p in checkin_trend(repair, question="need_repair")] == [9]
    assert [p.value for p in checkin_trend(repair)] == [5]
    by_rel = checkin_trends_by_relationship(records)
    assert set(by_rel) == {"partner", "mother"}
    assert [p.value for p in by_rel["mother"]] == [8]


def test_the_trend_rejects_a_window_under_one_day_and_unknown_questions():
    with pytest.raises(ValueError):
        checkin_trend([], window_days=0)
    with pytest.raises(ValueError):
        checkin_trend([], question="nope")


def test_the_trend_accepts_records_in_any_order():
    records = [checkin(5, 1), checkin(2, 3), checkin(9, 7)]
    assert checkin_trend(records) == checkin_trend(sorted(records, key=lambda r: r.when))
