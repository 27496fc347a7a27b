"""Comparing two partners' shared scores: what both feel, what differs, how to start talking."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feltsafe.instruments import load_instrument
from feltsafe.reports.couples import (
    BOTH_SAFE_AT_LEAST,
    DIFFER_AT_LEAST,
    MAX_DIFFERENCES,
    compare_scores,
    perception_gaps,
    starters_for,
)
from tests.reports.test_report_wording import DENY

ESR = load_instrument("esr")
TAKES_SIDES = re.compile(
    r"\b(you|they|he|she|sam|my partner) (is|are|was|were) (right|wrong)\b", re.IGNORECASE
)
IDS = [d.id for d in ESR.dimensions]
TITLES = {d.id: d.title for d in ESR.dimensions}


def scores(default: float | None = 70.0, **overrides: float | None) -> dict[str, float | None]:
    values: dict[str, float | None] = dict.fromkeys(IDS, default)
    values.update(overrides)
    return values


def test_it_lists_where_both_feel_safe_in_the_instruments_order():
    mine = scores(70.0, respect=50.0)
    theirs = scores(65.0, be_myself=40.0)
    report = compare_scores(mine, theirs, ESR, partner="Sam")
    expected = [TITLES[i] for i in IDS if i not in {"respect", "be_myself"}]
    assert list(report.both_safe) == expected


def test_it_puts_the_widest_differences_first_and_offers_only_a_few():
    mine = scores(80.0, be_myself=20.0, respect=50.0, accountability=70.0, inner_safety=30.0)
    theirs = scores(80.0, be_myself=90.0, respect=90.0, accountability=40.0, inner_safety=75.0)
    report = compare_scores(mine, theirs, ESR, partner="Sam")
    assert [d.dimension_id for d in report.differences] == ["be_myself", "inner_safety", "respect"]
    assert [d.gap for d in report.differences] == [70.0, 45.0, 40.0]
    assert len(report.differences) == MAX_DIFFERENCES
    assert report.no_differences is None


def test_a_small_gap_is_not_called_a_difference():
    mine = scores(70.0)
    theirs = scores(70.0 + DIFFER_AT_LEAST - 0.1)
    report = compare_scores(mine, theirs, ESR)
    assert report.differences == ()
    assert report.no_differences


def test_the_one_who_feels_more_guarded_is_offered_a_gentle_start_up_first():
    guarded = compare_scores(scores(be_myself=20.0), scores(be_myself=90.0), ESR)
    freer = compare_scores(scores(be_myself=90.0), scores(be_myself=20.0), ESR)
    starters = starters_for("be_myself")
    assert guarded.differences[0].starters[0] == starters.gentle[0]
    assert freer.differences[0].starters[0] == starters.curious[0]
    # Both kinds are offered to both, whoever feels freer.
    assert set(guarded.differences[0].starters) == set(freer.differences[0].starters)


def test_every_dimension_has_its_own_curious_and_gentle_starters():
    for dimension_id in IDS:
        found = starters_for(dimension_id)
        assert found.curious and found.gentle
        assert found is not starters_for("a dimension we do not know")
        assert all(q.endswith("?") for q in found.curious)


def test_a_dimension_without_enough_answers_is_left_out_of_both_lists():
    mine = scores(90.0, be_myself=None)
    theirs = scores(90.0)
    del theirs["respect"]
    report = compare_scores(mine, theirs, ESR)
    row = {r.dimension_id: r for r in report.rows}
    assert row["be_myself"].gap is None and row["respect"].theirs is None
    assert TITLES["be_myself"] not in report.both_safe
    assert TITLES["respect"] not in report.both_safe


def test_nothing_answered_by_both_says_neither_same_nor_different():
    report = compare_scores(scores(None), scores(50.0), ESR)
    assert report.differences == () and report.both_safe == ()
    assert report.no_differences is None


@pytest.mark.parametrize(
    "mine, words",
    [({"not_a_dimension": 50.0}, "not_a_dimension"), ({"respect": 101.0}, "0 to 100")],
)
def test_scores_that_cannot_come_from_the_instrument_are_refused(mine, words):
    with pytest.raises(ValueError, match=words):
        compare_scores(mine, scores(), ESR)


def test_the_words_describe_and_never_judge_or_take_sides():
    mine = scores(90.0, be_myself=10.0, care_freedom=95.0)
    theirs = scores(90.0, be_myself=95.0, care_freedom=20.0)
    report = compare_scores(mine, theirs, ESR, partner="my partner")
    imagined = perception_gaps(scores(30.0), theirs, ESR, partner="my partner")
    texts = [report.intro, report.before_you_talk, report.not_a_verdict]
    texts += [d.summary for d in report.differences]
    texts += [s for d in report.differences for s in d.starters]
    texts += [imagined.intro] + [g.words for g in imagined.gaps]
    texts += [s for i in IDS for s in starters_for(i).curious + starters_for(i).gentle]
    for text in texts:
        assert not DENY.search(text), text
        assert not TAKES_SIDES.search(text), text
    assert "not a test" in report.not_a_verdict
    assert "My partner seems to feel freer" in report.differences[0].summary


def test_perception_gaps_show_the_guess_beside_the_partners_own_answers():
    imagined = scores(50.0, be_myself=20.0, respect=None)
    actual = scores(55.0, be_myself=80.0, accountability=30.0)
    report = perception_gaps(imagined, actual, ESR, partner="Sam")
    gap = {g.dimension_id: g for g in report.gaps}
    assert gap["be_myself"].gap == 60.0
    assert gap["be_myself"].words == "Sam feels freer here than you imagined."
    assert gap["accountability"].words == "Sam feels more guarded here than you imagined."
    assert gap["care_freedom"].words == "Close to what you imagined."
    assert gap["respect"].gap is None
    assert [g.dimension_id for g in report.notable] == ["be_myself", "accountability"]
    assert "Sam" in report.intro


score_value = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))
score_sets = st.fixed_dictionaries(dict.fromkeys(IDS, score_value))


@settings(deadline=None)  # pure and fast; a deadline only trips on a loaded machine
@given(score_sets, score_sets)
def test_both_partners_see_the_same_areas_whichever_of_them_is_looking(mine, theirs):
    mine_view = compare_scores(mine, theirs, ESR)
    their_view = compare_scores(theirs, mine, ESR)
    assert mine_view.both_safe == their_view.both_safe
    assert [d.dimension_id for d in mine_view.differences] == [
        d.dimension_id for d in their_view.differences
    ]
    for difference in mine_view.differences:
        assert difference.gap >= DIFFER_AT_LEAST
        assert difference.gap == round(abs(difference.mine - difference.theirs), 1)
    for title in mine_view.both_safe:
        row = next(r for r in mine_view.rows if r.title == title)
        assert min(row.mine, row.theirs) >= BOTH_SAFE_AT_LEAST
    gaps = [d.gap for d in mine_view.differences]
    assert gaps == sorted(gaps, reverse=True)
    assert len(gaps) <= MAX_DIFFERENCES


@settings(deadline=None)  # pure and fast; a deadline only trips on a loaded machine
@given(score_sets, score_sets)
def test_perception_gaps_stay_in_bounds(imagined, actual):
    report = perception_gaps(imagined, actual, ESR)
    for gap in report.gaps:
        assert gap.gap is None or -100 <= gap.gap <= 100
        assert gap.notable == (gap.gap is not None and abs(gap.gap) >= 15)
