"""Scoring reads as a spec: 0 is least safe, 100 most safe, and skipping is always allowed."""

from __future__ import annotations

import math
import random
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from instrument_builders import (
    answer_sets,
    instrument_with_answers,
    instruments,
    least_safe,
    make_instrument,
    make_scale,
    most_safe,
)

from feltsafe.instruments import (
    BANDS,
    DimensionScore,
    Instrument,
    ScoreResult,
    band_for,
    load_instrument,
    score_answers,
)


def reference_score(instrument: Instrument, answers: dict[str, int], dimension_id: str):
    """The scoring rule written the obvious way, in floating point."""
    items = instrument.items_for(dimension_id)
    values = []
    for item in items:
        if item.id in answers:
            span = item.scale.max - item.scale.min
            v = answers[item.id]
            values.append(
                (item.scale.max - v) / span if item.reverse else (v - item.scale.min) / span
            )
    if len(values) * 3 < len(items) * 2:
        return None
    return 100 * sum(values) / len(values)


@given(instrument_with_answers())
def test_scores_are_between_0_and_100_or_none(case):
    instrument, answers = case
    result = score_answers(instrument, answers)
    for dimension_score in result.dimensions:
        if dimension_score.score is None:
            assert dimension_score.band is None
            assert not dimension_score.enough
        else:
            assert 0 <= dimension_score.score <= 100
            assert dimension_score.score == round(dimension_score.score, 1)
            assert dimension_score.band == band_for(dimension_score.score)
            assert dimension_score.enough


@given(instrument_with_answers())
def test_scores_follow_the_documented_rule(case):
    instrument, answers = case
    result = score_answers(instrument, answers)
    for dimension_score in result.dimensions:
        expected = reference_score(instrument, answers, dimension_score.dimension.id)
        if expected is None:
            assert dimension_score.score is None
        else:
            assert dimension_score.score == pytest.approx(expected, abs=0.05 + 1e-9)


@given(instruments())
def test_the_most_safe_answers_score_100_everywhere(instrument):
    result = score_answers(instrument, most_safe(instrument))
    assert all(d.score == 100.0 for d in result.dimensions)
    assert all(d.band == BANDS[-1] for d in result.dimensions)


@given(instruments())
def test_the_least_safe_answers_score_0_everywhere(instrument):
    result = score_answers(instrument, least_safe(instrument))
    assert all(d.score == 0.0 for d in result.dimensions)
    assert all(d.band == BANDS[0] for d in result.dimensions)


def test_the_esr_scores_100_and_0_at_its_extremes():
    esr = load_instrument("esr")
    assert set(score_answers(esr, most_safe(esr)).as_dict().values()) == {100.0}
    assert set(score_answers(esr, least_safe(esr)).as_dict().values()) == {0.0}


@given(instruments(), st.data())
def test_a_dimension_is_scored_only_when_two_thirds_are_answered(instrument, data):
    answers = data.draw(answer_sets(instrument))
    result = score_answers(instrument, answers)
    for dimension_score in result.dimensions:
        items = instrument.items_for(dimension_score.dimension.id)
        answered = sum(item.id in answers for item in items)
        assert dimension_score.answered == answered
        assert dimension_score.total == len(items)
        assert (dimension_score.score is not None) == (answered * 3 >= len(items) * 2)


@pytest.mark.parametrize(
    ("total", "answered", "scored"),
    [
        (4, 4, True),
        (4, 3, True),
        (4, 2, False),
        (3, 2, True),
        (3, 1, False),
        (6, 4, True),
        (6, 3, False),
        (1, 1, True),
        (1, 0, False),
        (5, 4, True),
        (5, 3, False),
    ],
)
def test_the_two_thirds_rule_at_its_edges(total, answered, scored):
    instrument = make_instrument({"only": [False] * total})
    answers = {item.id: 4 for item in instrument.items[:answered]}
    dimension_score = score_answers(instrument, answers).dimensions[0]
    assert dimension_score.enough is scored
    assert (dimension_score.score == 75.0) if scored else (dimension_score.score is None)


@given(instrument_with_answers(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_answers(case, rnd: random.Random):
    instrument, answers = case
    pairs = list(answers.items())
    rnd.shuffle(pairs)
    assert score_answers(instrument, dict(pairs)) == score_answers(instrument, answers)


@given(instrument_with_answers())
def test_skipped_answers_given_as_none_change_nothing(case):
    instrument, answers = case
    with_skips = {item.id: answers.get(item.id) for item in instrument.items}
    assert score_answers(instrument, with_skips) == score_answers(instrument, answers)


def _flipped(instrument: Instrument) -> Instrument:
    return replace(
        instrument, items=tuple(replace(i, reverse=not i.reverse) for i in instrument.items)
    )


@given(instrument_with_answers())
def test_reverse_keying_flips_an_items_direction(case):
    instrument, answers = case
    flipped = _flipped(instrument)
    mirrored = {
        item_id: instrument.item(item_id).scale.min + instrument.item(item_id).scale.max - value
        for item_id, value in answers.items()
    }
    # Reverse keying with mirrored answers is exactly the same experience.
    assert (
        score_answers(flipped, mirrored).as_dict() == score_answers(instrument, answers).as_dict()
    )
    # Reverse keying with the same answers turns a score s into 100 - s (up to rounding).
    for original, reversed_ in zip(
        score_answers(instrument, answers).dimensions,
        score_answers(flipped, answers).dimensions,
        strict=True,
    ):
        if original.score is None:
            assert reversed_.score is None
        else:
            assert original.score + reversed_.score == pytest.approx(100, abs=0.1 + 1e-9)


def test_a_reverse_keyed_item_counts_agreement_as_less_safe():
    instrument = make_instrument({"d": [False, True]})
    assert score_answers(instrument, {"d_1": 5, "d_2": 5}).as_dict() == {"d": 50.0}
    assert score_answers(instrument, {"d_1": 5, "d_2": 1}).as_dict() == {"d": 100.0}
    assert score_answers(instrument, {"d_1": 1, "d_2": 5}).as_dict() == {"d": 0.0}


def test_scores_round_half_up_to_one_decimal():
    # 4, 5 and 5 on a 1-5 scale: (0.75 + 1 + 1) / 3 = 91.666..., shown as 91.7.
    instrument = make_instrument({"d": [False, False, False]})
    assert score_answers(instrument, {"d_1": 4, "d_2": 5, "d_3": 5}).as_dict() == {"d": 91.7}
    # 1 and 0 on a 0-8 scale: (1/8 + 0) / 2 = 6.25 exactly, which rounds half up to 6.3.
    scale = make_scale(0, 8)
    instrument = make_instrument({"d": [False, False]}, scale=scale)
    assert score_answers(instrument, {"d_1": 1, "d_2": 0}).as_dict() == {"d": 6.3}


def test_as_dict_lists_every_dimension_in_order():
    instrument = make_instrument({"a": [False] * 4, "b": [True], "c": [False]})
    result = score_answers(instrument, {"a_1": 5, "a_2": 5, "b_1": 2})
    assert list(result.as_dict()) == ["a", "b", "c"]
    assert result.as_dict() == {"a": None, "b": 75.0, "c": None}
    assert result.instrument_id == "demo" and result.version == "1.0"
    assert result.dimension("b").answered == 1
    with pytest.raises(KeyError):
        result.dimension("zzz")


def test_an_empty_answer_set_scores_nothing_but_is_allowed():
    esr = load_instrument("esr")
    result = score_answers(esr, {})
    assert isinstance(result, ScoreResult)
    assert all(isinstance(d, DimensionScore) and d.score is None for d in result.dimensions)
    assert [d.dimension for d in result.dimensions] == list(esr.dimensions)


# ---- bands ----------------------------------------------------------------------------


def test_bands_cover_0_to_100_without_gaps_and_read_as_descriptions():
    assert 4 <= len(BANDS) <= 5
    assert BANDS[0].lower == 0 and BANDS[-1].upper == 100
    for lower, upper in zip(BANDS, BANDS[1:], strict=False):
        assert lower.upper == upper.lower
    assert len({band.id for band in BANDS}) == len(BANDS)
    for band in BANDS:
        assert band.label and band.summary.endswith(".")


@given(st.floats(min_value=0, max_value=100))
def test_every_score_has_exactly_one_band(score):
    band = band_for(score)
    assert band.lower <= score <= band.upper
    assert sum(b.lower <= score < b.upper for b in BANDS) == (0 if score == 100 else 1)


@given(st.floats(min_value=0, max_value=100), st.floats(min_value=0, max_value=100))
def test_higher_scores_never_fall_in_a_more_guarded_band(a, b):
    low, high = sorted((a, b))
    assert BANDS.index(band_for(low)) <= BANDS.index(band_for(high))


@pytest.mark.parametrize(
    ("score", "band_id"),
    [
        (0, "guarded"),
        (19.9, "guarded"),
        (20, "often_guarded"),
        (40, "mixed"),
        (59.9, "mixed"),
        (60, "mostly_free"),
        (80, "free"),
        (100, "free"),
    ],
)
def test_band_boundaries(score, band_id):
    assert band_for(score).id == band_id


@pytest.mark.parametrize("bad", [-0.1, 100.1, math.nan, math.inf])
def test_band_for_refuses_scores_outside_0_to_100(bad):
    with pytest.raises(ValueError, match="0 to 100"):
        band_for(bad)
