"""Answers are checked before anything is scored or saved, with messages a person can read."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from instrument_builders import instrument_with_answers, make_instrument, make_scale

from feltsafe.instruments import AnswerError, Item, load_instrument, score_answers, validate_answers


@pytest.fixture
def esr():
    return load_instrument("esr")


def test_valid_answers_come_back_as_ints_in_the_instruments_order(esr):
    last, first = esr.items[-1].id, esr.items[0].id
    assert list(validate_answers(esr, {last: 2, first: 4})) == [first, last]
    assert validate_answers(esr, {last: 2, first: 4}) == {first: 4, last: 2}


def test_none_means_skipped_and_is_dropped(esr):
    first, second = esr.items[0].id, esr.items[1].id
    assert validate_answers(esr, {first: None, second: 3}) == {second: 3}
    assert validate_answers(esr, {first: None}) == {}


def test_an_unknown_question_is_refused_by_name(esr):
    with pytest.raises(AnswerError) as caught:
        validate_answers(esr, {"esr_made_up_9": 3})
    assert caught.value.item_id == "esr_made_up_9"
    assert "esr_made_up_9" in str(caught.value)
    assert "Emotional Safety Reflection" in str(caught.value)


def test_an_unknown_question_is_refused_even_when_skipped(esr):
    with pytest.raises(AnswerError, match="esr_made_up_9"):
        validate_answers(esr, {"esr_made_up_9": None})


@pytest.mark.parametrize("value", [0, 6, -1, 100])
def test_an_off_scale_value_is_refused_naming_the_item_and_the_scale(esr, value):
    item = esr.items[3]
    with pytest.raises(AnswerError) as caught:
        validate_answers(esr, {item.id: value})
    message = str(caught.value)
    assert caught.value.item_id == item.id
    assert item.id in message and item.text in message
    assert "1 (Strongly disagree)" in message and "5 (Strongly agree)" in message
    assert str(value) in message


@pytest.mark.parametrize(
    ("value", "described"),
    [
        (True, "yes/no"),
        (False, "yes/no"),
        (3.0, "decimal number"),
        (2.5, "decimal number"),
        (float("nan"), "not a number"),
        ("3", "text"),
        ("agree", "text"),
        ([3], "list"),
    ],
)
def test_non_integers_are_refused_with_a_clear_message(esr, value, described):
    item = esr.items[0]
    with pytest.raises(AnswerError) as caught:
        validate_answers(esr, {item.id: value})
    message = str(caught.value)
    assert caught.value.item_id == item.id
    assert item.id in message
    assert described in message
    assert "whole number from 1" in message
    assert message[0].isupper() and message.endswith(".")


def test_answer_error_is_a_value_error_with_its_message(esr):
    with pytest.raises(ValueError) as caught:
        validate_answers(esr, {esr.items[0].id: 9})
    assert isinstance(caught.value, AnswerError)
    assert caught.value.message == str(caught.value)


def test_score_answers_validates_first(esr):
    with pytest.raises(AnswerError):
        score_answers(esr, {esr.items[0].id: 6})
    with pytest.raises(AnswerError):
        score_answers(esr, {"nope": 3})


def test_each_item_is_checked_against_its_own_scale():
    wide = make_scale(0, 10)
    instrument = make_instrument({"d": [False]})
    custom = Item("custom", "Another statement.", "d", False, wide)
    instrument = replace(instrument, items=(*instrument.items, custom))
    assert validate_answers(instrument, {"custom": 10, "d_1": 5}) == {"d_1": 5, "custom": 10}
    with pytest.raises(AnswerError, match="d_1"):
        validate_answers(instrument, {"d_1": 10})


@given(instrument_with_answers())
def test_validation_accepts_every_on_scale_answer_and_never_changes_the_input(case):
    instrument, answers = case
    before = dict(answers)
    assert validate_answers(instrument, answers) == answers
    assert answers == before


@given(
    st.one_of(
        st.booleans(),
        st.floats(),
        st.text(),
        st.integers().filter(lambda v: not 1 <= v <= 5),
        st.lists(st.integers(), max_size=2),
    )
)
def test_validation_rejects_anything_but_an_on_scale_int(value):
    esr = load_instrument("esr")
    item = esr.items[5]
    with pytest.raises(AnswerError) as caught:
        validate_answers(esr, {item.id: value})
    assert caught.value.item_id == item.id
