"""`feltsafe checkin` through its output, and `feltsafe journal insights` still on the main CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from feltsafe.cli import app
from feltsafe.web.checkins.models import CheckIn

CRISIS_TEXT = "I have the pills saved up and I don't want to be here anymore"

runner = CliRunner()


@pytest.fixture
def no_setup(monkeypatch):
    """The test database is already set up: skip the data-folder migration of `--user`."""
    monkeypatch.setattr("feltsafe.cli._setup_django", lambda: None)


def test_it_asks_five_questions_and_prints_the_felt_safety_summary_storing_nothing():
    result = runner.invoke(app, ["checkin"], input="8\n6\n\n5\n2\nA calm day\n")
    assert result.exit_code == 0, result.output
    assert "Today I could be myself." in result.output
    assert "0 = Not at all, 10 = Completely" in result.output
    # (8 + 6 + 5 + (10 - 2)) / 4 = 6.75
    assert "Felt safety: 6.8 out of 10 (from 4 answered questions)." in result.output
    assert "Nothing was stored" in result.output


def test_enter_skips_every_question_and_that_is_fine():
    result = runner.invoke(app, ["checkin"], input="\n\n\n\n\n\n")
    assert result.exit_code == 0
    assert "Every question was skipped, which is completely fine" in result.output


def test_an_answer_off_the_scale_is_asked_again():
    result = runner.invoke(app, ["checkin"], input="11\nseven\n7\n\n\n\n\n\n")
    assert result.exit_code == 0
    assert result.output.count("Please type a whole number from 0 to 10") == 2
    assert "Felt safety: 7.0 out of 10 (from 1 answered question)." in result.output


def test_q_stops_and_stores_nothing():
    result = runner.invoke(app, ["checkin"], input="5\nq\n")
    assert result.exit_code == 0
    assert "Stopped. Nothing was stored" in result.output


def test_a_crisis_note_is_answered_with_support_lines():
    result = runner.invoke(app, ["checkin"], input=f"\n\n\n\n\n{CRISIS_TEXT}\n")
    assert result.exit_code == 0
    assert "In immediate danger" in result.output


@pytest.mark.django_db
def test_with_user_it_saves_the_check_in_to_that_account(alice, no_setup):
    result = runner.invoke(
        app,
        ["checkin", "--user", "alice", "--relationship", "my partner"],
        input="8\n\n\n\n0\nquiet\n",
    )
    assert result.exit_code == 0, result.output
    checkin = CheckIn.objects.get(owner=alice)
    assert (checkin.could_be_myself, checkin.need_repair, checkin.felt_heard) == (8, 0, None)
    assert checkin.note == "quiet"
    assert checkin.relationship.label == "my partner"
    assert f"Saved for alice (check-in {checkin.pk})" in result.output


@pytest.mark.django_db
def test_with_user_a_crisis_note_is_saved_first_and_support_is_shown(alice, no_setup):
    result = runner.invoke(app, ["checkin", "--user", "alice"], input=f"\n\n\n\n\n{CRISIS_TEXT}\n")
    assert result.exit_code == 0
    assert CheckIn.objects.get(owner=alice).note == CRISIS_TEXT
    assert "In immediate danger" in result.output


@pytest.mark.django_db
def test_an_unknown_account_is_a_clear_error_before_any_question(no_setup):
    result = runner.invoke(app, ["checkin", "--user", "nobody"], input="")
    assert result.exit_code == 2
    assert "no account named 'nobody'" in result.output
    assert "Today I could be myself." not in result.output
    assert CheckIn.objects.count() == 0


def test_journal_insights_json_still_works_from_the_main_command_line(tmp_path):
    path = tmp_path / "journal.csv"
    path.write_text(
        "date,trigger,intensity_before,pattern,tool,intensity_after,note\n"
        "2026-01-05,Money,8,withdrawing,breathing,7,\n"
        "2026-01-06,Money,8,withdrawing,grounding,5,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["journal", "insights", str(path), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [t["tool"] for t in data["tools"]] == ["grounding", "breathing"]
    assert data["triggers"] == [{"trigger": "Money", "n": 2}]
    assert data["patterns"] == {"withdrawing": 2}
