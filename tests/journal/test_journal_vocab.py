import re

import pytest

from feltsafe.journal.insights import checkin_score
from feltsafe.journal.vocab import (
    CHECKIN_QUESTIONS,
    PATTERN_DESCRIPTIONS,
    PATTERNS,
    REPAIR_CATEGORIES,
    TOOLS,
    normalise_pattern,
    normalise_repair_category,
    normalise_tool,
)


def test_the_pattern_tool_and_repair_ids_are_the_ones_the_issue_names():
    assert [k for k, _ in PATTERNS] == [
        "guarding",
        "withdrawing",
        "people_pleasing",
        "hypervigilance",
        "escalating",
        "freezing",
        "other",
    ]
    assert [k for k, _ in TOOLS] == [
        "breathing",
        "grounding",
        "movement",
        "reaching_out",
        "time_out",
        "self_talk",
        "other",
    ]
    assert [k for k, _ in REPAIR_CATEGORIES] == [
        "i_feel",
        "sorry",
        "getting_to_yes",
        "calm_down",
        "stop",
        "appreciate",
    ]


def test_every_pattern_has_a_gentle_description():
    assert set(PATTERN_DESCRIPTIONS) == {k for k, _ in PATTERNS}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("people_pleasing", "people_pleasing"),
        ("People-pleasing", "people_pleasing"),
        ("  PEOPLE PLEASING ", "people_pleasing"),
        ("Hypervigilance", "hypervigilance"),
        ("freezing", "freezing"),
        ("Something else", "other"),
        ("anger", None),
        ("", None),
    ],
)
def test_it_normalises_patterns_from_ids_or_labels_in_any_case(value, expected):
    assert normalise_pattern(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("time-out", "time_out"),
        ("Time out", "time_out"),
        ("timeout", "time_out"),
        ("A time-out", "time_out"),
        ("reaching out", "reaching_out"),
        ("Self-talk", "self_talk"),
        ("BREATHING", "breathing"),
        ("yoga", None),
    ],
)
def test_it_normalises_tools_from_ids_or_labels_in_any_case(value, expected):
    assert normalise_tool(value) == expected


def test_it_normalises_repair_categories():
    assert normalise_repair_category("I feel") == "i_feel"
    assert normalise_repair_category("I need to calm down") == "calm_down"
    assert normalise_repair_category("getting to yes") == "getting_to_yes"
    assert normalise_repair_category("whatever") is None


def test_there_are_five_pulse_questions_and_only_the_repair_one_is_reverse_keyed():
    assert len(CHECKIN_QUESTIONS) == 5
    assert len({q.id for q in CHECKIN_QUESTIONS}) == 5
    assert [q.id for q in CHECKIN_QUESTIONS if q.reverse] == ["need_repair"]
    for q in CHECKIN_QUESTIONS:
        assert q.text and q.low_label and q.high_label


def test_user_facing_words_never_shame_or_call_patterns_flaws():
    words = [label for _, label in PATTERNS + TOOLS + REPAIR_CATEGORIES]
    words += list(PATTERN_DESCRIPTIONS.values())
    words += [f"{q.text} {q.low_label} {q.high_label}" for q in CHECKIN_QUESTIONS]
    shaming = re.compile(r"\b(flaw|broken|streak|missed|fail|bad|wrong with you)\b", re.I)
    for text in words:
        assert not shaming.search(text), text


def test_felt_safety_flips_the_reverse_keyed_question():
    # Everything feels safe and nothing needs repair: the top of the scale.
    safe = {q.id: (0 if q.reverse else 10) for q in CHECKIN_QUESTIONS}
    assert checkin_score(safe) == 10
    unsafe = {q.id: (10 if q.reverse else 0) for q in CHECKIN_QUESTIONS}
    assert checkin_score(unsafe) == 0
    assert checkin_score({"need_repair": 2}) == 8
