"""The private harm screen: its questions, and the rule that decides when to offer abuse support."""

from __future__ import annotations

import itertools

import pytest

from feltsafe.safety import HarmScreen, ScreenResult, evaluate_harm_screen, load_harm_screen

PATTERNS = {
    "fear",
    "threats",
    "monitoring",
    "restriction",
    "put_downs",
    "physical_sexual",
    "walking_on_eggshells",
}


def test_the_screen_has_six_to_eight_short_skippable_questions():
    screen = load_harm_screen()
    assert isinstance(screen, HarmScreen)
    assert 6 <= len(screen.questions) <= 8
    assert {q.pattern for q in screen.questions} == PATTERNS
    assert len({q.id for q in screen.questions}) == len(screen.questions)
    assert "skip" in screen.intro.lower()
    for question in screen.questions:
        assert question.text.endswith("?")
        assert len(question.text) < 200
        assert question.options == ((0, "Never"), (1, "Sometimes"), (2, "Often"))


def test_all_skipped_is_not_positive():
    assert evaluate_harm_screen({}) == ScreenResult(positive=False, concerns=(), answered=0)
    everything_skipped = {q.id: None for q in load_harm_screen().questions}
    assert evaluate_harm_screen(everything_skipped) == ScreenResult(False, (), 0)


def test_all_never_is_not_positive_and_counts_as_answered():
    result = evaluate_harm_screen({q.id: 0 for q in load_harm_screen().questions})
    assert result == ScreenResult(positive=False, concerns=(), answered=7)


@pytest.mark.parametrize("question", ["fear", "threats", "physical_sexual"])
@pytest.mark.parametrize("value", [1, 2])
def test_fear_threats_or_physical_harm_alone_is_positive(question, value):
    result = evaluate_harm_screen({question: value})
    assert result.positive
    assert result.concerns == (question,)
    assert result.answered == 1


@pytest.mark.parametrize(
    "question", ["monitoring", "restriction", "put_downs", "walking_on_eggshells"]
)
def test_one_other_pattern_alone_is_not_positive(question):
    assert not evaluate_harm_screen({question: 2}).positive


@pytest.mark.parametrize(
    "pair",
    list(
        itertools.combinations(
            ["monitoring", "restriction", "put_downs", "walking_on_eggshells"], 2
        )
    ),
)
def test_two_other_patterns_together_are_positive(pair):
    result = evaluate_harm_screen(dict.fromkeys(pair, 1))
    assert result.positive
    assert set(result.concerns) == set(pair)


def test_concerns_follow_question_order():
    result = evaluate_harm_screen({"walking_on_eggshells": 1, "fear": 2, "monitoring": 1})
    assert result.concerns == ("fear", "monitoring", "walking_on_eggshells")


def test_an_unknown_question_is_refused():
    with pytest.raises(ValueError, match="Unknown"):
        evaluate_harm_screen({"fear": 0, "favourite_colour": 1})


@pytest.mark.parametrize("value", [3, -1, 1.5, "1", True])
def test_a_value_that_is_not_an_option_is_refused(value):
    with pytest.raises(ValueError, match="fear"):
        evaluate_harm_screen({"fear": value})  # type: ignore[dict-item]
