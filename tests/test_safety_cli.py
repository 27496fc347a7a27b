"""`feltsafe safety ...` through its output."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from feltsafe.cli import app

runner = CliRunner()


def test_safety_check_prints_one_json_object_per_line_and_support_on_stderr():
    lines = "I have the pills saved up and tonight is the night\nthis traffic is killing me\n"
    result = runner.invoke(app, ["safety", "check"], input=lines)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["crisis"] for row in rows] == [True, False]
    assert all(set(row) == {"text", "crisis", "score"} for row in rows)
    assert all(0.0 <= row["score"] <= 1.0 for row in rows)
    assert "immediate danger" in result.stderr


def test_safety_check_reads_a_file(tmp_path):
    path = tmp_path / "texts.txt"
    path.write_text("my phone died\n", encoding="utf-8")
    result = runner.invoke(app, ["safety", "check", "--input", str(path)])
    row = json.loads(result.stdout)
    assert row["text"] == "my phone died" and row["crisis"] is False
    assert row["score"] < 0.5
    assert result.stderr == ""


def test_safety_check_missing_file_exits_2(tmp_path):
    result = runner.invoke(app, ["safety", "check", "--input", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr


def test_safety_resources_for_a_country():
    result = runner.invoke(app, ["safety", "resources", "--country", "GB"])
    assert result.exit_code == 0
    assert "United Kingdom" in result.stdout or "UK" in result.stdout
    data = json.loads(
        runner.invoke(app, ["safety", "resources", "--country", "US", "--json"]).stdout
    )
    assert data["crisis"] and data["abuse"] and data["emergency"]
