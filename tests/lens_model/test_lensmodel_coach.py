"""The message coach: markers, evidence and gentler structures built from the person's words."""

from __future__ import annotations

from feltsafe.lens.coach import coach_draft

CRISIS_TEXT = "I have the pills saved up and I don't want to be here anymore"


def rewrite(result, marker):
    return next(s.rewrite for s in result.suggestions if s.marker == marker)


def test_criticism_becomes_a_gentle_start_up_with_the_persons_own_behaviour():
    result = coach_draft("You never call when you're running late.")
    assert "criticism" in result.markers
    text = rewrite(result, "criticism")
    assert text.startswith("I feel [")
    assert "when you don't call when you're running late" in text
    assert "Could we" in text and text.endswith("?")


def test_criticism_without_a_behaviour_asks_for_the_specific_moment():
    result = coach_draft("You're so selfish.")
    assert "[the specific thing that happened]" in rewrite(result, "criticism")


def test_contempt_drops_the_mockery_and_says_the_feeling():
    result = coach_draft("Great job genius, you forgot the tickets again 🙄")
    assert "contempt" in result.markers and "appreciation" not in result.markers
    text = rewrite(result, "contempt")
    assert "genius" not in text and "🙄" not in text
    assert "you forgot the tickets again" in text.lower()
    assert "frustrated" in text


def test_stonewalling_becomes_a_break_with_a_time_to_return():
    result = coach_draft("I'm done talking.")
    assert "stonewalling" in result.markers
    assert rewrite(result, "stonewalling") == "I need a break; can we talk again at [a time]?"


def test_control_becomes_a_request_that_leaves_the_choice_to_the_other_person():
    result = coach_draft("Send me your location right now.")
    assert "control" in result.markers
    text = rewrite(result, "control")
    assert "Would you be willing to send me your location?" in text
    assert "your choice" in text and "right now" not in text


def test_threat_becomes_a_boundary_about_your_own_action():
    result = coach_draft("If you go out tonight you'll regret it.")
    assert "threat" in result.markers
    text = rewrite(result, "threat")
    assert "I'm going to [what I will do to look after myself" in text


def test_safer_drafts_get_no_suggestions():
    result = coach_draft("Thank you for listening last night, it meant a lot.")
    assert result.suggestions == [] and "appreciation" in result.markers


def test_a_crisis_draft_routes_to_crisis_resources_first():
    result = coach_draft(CRISIS_TEXT)
    assert result.crisis and result.crisis_first
    assert result.to_json()["crisis"] is True
