"""`feltsafe lens tag|analyze` and `feltsafe coach`, through their output and exit codes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from feltsafe.cli import app
from feltsafe.lens.markers import MARKERS

runner = CliRunner()
CRISIS_TEXT = "I have the pills saved up and I don't want to be here anymore"

CHAT = """\
12/03/2025, 21:01 - Sam: You never listen to me, what's wrong with you
12/03/2025, 21:02 - Alex: you're overreacting as usual
12/03/2025, 21:03 - Sam: I'm done talking.
13/03/2025, 07:30 - Alex: I'm sorry I snapped last night. Can we start over?
13/03/2025, 07:31 - Sam: Thank you. I'd like that.
13/03/2025, 07:32 - Alex: <Media omitted>
13/03/2025, 07:40 - Sam: ok
"""

CONTROLLING = """\
01/04/2025, 10:00 - Jo: Send me your location now.
01/04/2025, 10:01 - Kim: I'm at work
01/04/2025, 10:05 - Jo: Who were you texting? Give me your phone password tonight.
01/04/2025, 12:00 - Kim: ok
01/04/2025, 18:00 - Jo: You're not going to that party, I've decided.
"""


@pytest.fixture
def chat_file(tmp_path):
    path = tmp_path / "WhatsApp Chat with Sam.txt"
    path.write_text(CHAT, encoding="utf-8")
    return path


def test_tag_prints_one_markers_md_object_per_input_line():
    result = runner.invoke(app, ["lens", "tag"], input="you never help\nok\nthank you so much!\n")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["text"] for line in lines] == ["you never help", "ok", "thank you so much!"]
    for line in lines:
        assert list(line) == ["text", "markers", "scores", "crisis"]
        assert line["markers"] == sorted(line["markers"]) and set(line["markers"]) <= set(MARKERS)
        assert list(line["scores"]) == list(MARKERS)
    assert lines[0]["markers"] == ["criticism"]
    assert lines[1]["markers"] == []
    assert lines[2]["markers"] == ["appreciation"]


def test_tag_reads_an_input_file_and_flags_crisis(tmp_path):
    path = tmp_path / "drafts.txt"
    path.write_text(f"{CRISIS_TEXT}\nsee you at 6\n", encoding="utf-8")
    result = runner.invoke(app, ["lens", "tag", "--input", str(path)])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["crisis"] is True and second["crisis"] is False


def test_tag_with_a_missing_input_file_exits_2_with_a_message(tmp_path):
    result = runner.invoke(app, ["lens", "tag", "--input", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "could not be read" in result.stderr
    assert "Traceback" not in result.output


def test_analyze_json_has_the_documented_shape(chat_file):
    result = runner.invoke(app, ["lens", "analyze", str(chat_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["messages", "speakers", "episodes", "summary"]
    assert len(data["messages"]) == 7
    first = data["messages"][0]
    assert list(first) == ["sender", "time", "text", "kind", "markers", "crisis"]
    assert first["sender"] == "Sam" and first["time"] == "2025-03-12T21:01:00+00:00"
    assert "criticism" in first["markers"]
    assert data["messages"][5]["kind"] == "media" and data["messages"][5]["markers"] == []
    assert set(data["speakers"]) == {"Sam", "Alex"}
    assert data["speakers"]["Sam"]["reference_ratio"] == 5.0
    episode = data["episodes"][0]
    assert episode["start"] == 0 and episode["speakers"] == ["Alex", "Sam"]
    summary = data["summary"]
    assert summary["episodes"] >= 1 and summary["repair_attempts"] >= 1
    assert summary["repairs_taken_up"] >= 1
    assert summary["silences_after_conflict"] == 1
    assert summary["abuse_concern"] is None and summary["suggest_joint_repair"] is True
    assert summary["crisis"] is False


def test_analyze_prints_a_readable_report(chat_file):
    result = runner.invoke(app, ["lens", "analyze", str(chat_file)])
    assert result.exit_code == 0, result.output
    assert "Balance per person" in result.stdout
    assert "not a verdict" in result.stdout
    assert "Sam" in result.stdout and "criticism" in result.stdout


def test_recurring_control_changes_the_report_and_suggests_no_joint_repair(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text(CONTROLLING, encoding="utf-8")
    data = json.loads(runner.invoke(app, ["lens", "analyze", str(path), "--json"]).stdout)
    assert data["summary"]["abuse_concern"]["speaker"] == "Jo"
    assert data["summary"]["abuse_concern"]["count"] >= 3
    assert data["summary"]["suggest_joint_repair"] is False
    report = runner.invoke(app, ["lens", "analyze", str(path), "--country", "GB"]).stdout
    assert "more than ordinary conflict" in report
    assert "does not suggest couples exercises" in report
    assert "feltsafe coach" not in report


def test_a_crisis_message_in_a_chat_puts_crisis_resources_first(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text(f"12/03/2025, 21:01 - Sam: {CRISIS_TEXT}\n", encoding="utf-8")
    report = runner.invoke(app, ["lens", "analyze", str(path)]).stdout
    assert report.index("First, your safety") < report.index("The conversation lens")
    assert "you don't have to carry" in report


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("chat.zip", b"this is not a zip", "not a zip archive"),
        ("chat.json", b"{not json", "not valid JSON"),
        ("chat.txt", b"\x00\x01\x02 binary \xff\xfe junk\n", ""),
        ("chat.txt", b"hello there\nthis is just prose\n", "not recognised"),
        ("empty.txt", b"", "empty"),
    ],
)
def test_a_corrupt_or_unrecognised_file_exits_2_with_a_clear_message(
    tmp_path, name, content, expected
):
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, ["lens", "analyze", str(path), "--json"])
    assert result.exit_code == 2
    assert "Error:" in result.stderr and expected in result.stderr
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_a_malformed_line_is_reported_with_its_line_number(tmp_path):
    path = tmp_path / "chat.csv"
    path.write_text("sender,timestamp,text\nSam,2025-03-12T21:01,hi\nAlex,not a date,hello\n")
    result = runner.invoke(app, ["lens", "analyze", str(path), "--format", "csv"])
    assert result.exit_code == 2
    assert "Line 3" in result.stderr


def test_an_unknown_format_exits_2(chat_file):
    result = runner.invoke(app, ["lens", "analyze", str(chat_file), "--format", "signal"])
    assert result.exit_code == 2 and "Unknown format" in result.stderr


def test_coach_shows_markers_evidence_and_a_gentler_structure():
    result = runner.invoke(app, ["coach", "You never call when you're running late."])
    assert result.exit_code == 0, result.output
    assert "criticism" in result.stdout
    assert '"You never call' in result.stdout
    assert "I feel [hurt / lonely / worn out] when you don't call" in result.stdout


def test_coach_json_and_crisis_first():
    result = runner.invoke(app, ["coach", "--json", CRISIS_TEXT])
    assert json.loads(result.stdout)["crisis"] is True
    text = runner.invoke(app, ["coach", CRISIS_TEXT, "--country", "GB"]).stdout
    assert text.lstrip().startswith("You matter")
