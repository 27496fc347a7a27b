"""A wording guard over everything the safety package shows a person.

Warm, calm and direct; describe, never diagnose; no blame. The deny-list holds words that judge
or label a person or a relationship.
"""

from __future__ import annotations

import re
import tomllib

import pytest

from feltsafe.safety import (
    ABUSE_PAGE_TEXT,
    CRISIS_INTRO_TEXT,
    SAFETY_PLANNING_BASICS,
    available_countries,
    crisis_intro,
    load_directory,
    load_harm_screen,
)
from feltsafe.safety.harm_screen import SCREEN_FILE
from feltsafe.safety.resources import RESOURCES_DIR

DENY = re.compile(
    r"\b(your fault|their fault|overreact\w*|toxic\w*|crazy|hysteric\w*|disorder\w*|insane|"
    r"psycho\w*|broken|damaged|narcissis\w*|weak|pathetic|stupid|you should (?:leave|stay)|"
    r"leave (?:him|her|them) now)\b",
    re.IGNORECASE,
)


def _user_facing_strings() -> list[str]:
    screen = load_harm_screen()
    strings = [CRISIS_INTRO_TEXT, ABUSE_PAGE_TEXT, *SAFETY_PLANNING_BASICS, screen.intro]
    strings += [q.text for q in screen.questions]
    strings += [label for q in screen.questions for _, label in q.options]
    for code, name in available_countries():
        directory = load_directory(code)
        strings += [
            name,
            directory.emergency,
            directory.confidentiality_note,
            crisis_intro(directory.emergency),
        ]
        for resource in directory.crisis + directory.abuse:
            strings += [resource.name, resource.description, resource.hours]
            strings += [c.note for c in resource.channels if c.note]
    return strings


def _raw_data_strings() -> list[str]:
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in [SCREEN_FILE, *RESOURCES_DIR.glob("*.toml")]:
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("text", _user_facing_strings() + _raw_data_strings())
def test_nothing_a_person_reads_judges_or_blames(text):
    assert not DENY.search(text), DENY.search(text)


def test_the_crisis_intro_is_warm_and_says_what_to_do_in_danger():
    text = CRISIS_INTRO_TEXT.lower()
    assert "you matter" in text
    assert "free" in text and "confidential" in text
    assert "immediate danger" in text and "emergency" in text
    assert "999" in crisis_intro(load_directory("GB").emergency)
    assert "911" in crisis_intro(load_directory("US").emergency)


def test_the_abuse_page_names_abuse_puts_the_person_in_charge_and_drops_couples_work():
    text = ABUSE_PAGE_TEXT.lower()
    assert "abuse" in text
    assert "not to blame" in text
    assert "couples exercises" in text and "won't suggest" in text
    assert "you decide" in text


def test_safety_planning_covers_the_basics_without_giving_orders():
    text = " ".join(SAFETY_PLANNING_BASICS).lower()
    for idea in ("trust", "bag", "documents", "device", "code word", "local", "emergency"):
        assert idea in text, idea
    assert not re.search(r"\b(you must|you have to|always|never)\b", text)
