"""The command line, tested through its output and exit codes."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from feltsafe.cli import app
from tests.factories import safest_answers

runner = CliRunner()


def test_instruments_show_json_has_the_documented_shape(esr):
    result = runner.invoke(app, ["instruments", "show", "esr", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"id", "version", "dimensions", "items"}
    assert data["id"] == "esr" and data["version"] == esr.version
    assert all(set(d) == {"id", "title"} for d in data["dimensions"])
    item = data["items"][0]
    assert set(item) == {"id", "text", "dimension", "reverse", "scale"}
    assert set(item["scale"]) == {"min", "max"}


def test_instruments_show_unknown_exits_2_with_a_clear_message():
    result = runner.invoke(app, ["instruments", "show", "nope"])
    assert result.exit_code == 2
    assert "nope" in result.stderr


def test_reflect_scores_an_answers_file(tmp_path, esr):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"instrument": "esr", "answers": safest_answers(esr)}))
    result = runner.invoke(app, ["reflect", "--answers", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["instrument"] == "esr" and data["version"] == esr.version
    assert set(data["dimensions"]) == {d.id for d in esr.dimensions}
    assert set(data["dimensions"].values()) == {100.0}


def test_reflect_reports_unanswered_dimensions_as_null(tmp_path, esr):
    first = esr.items_for(esr.dimensions[0].id)
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": {item.id: 3 for item in first}}))
    result = runner.invoke(app, ["reflect", "--answers", str(path), "--json"])
    data = json.loads(result.stdout)
    assert data["dimensions"][esr.dimensions[0].id] is not None
    assert data["dimensions"][esr.dimensions[1].id] is None


def test_reflect_prints_a_readable_report_without_json(tmp_path, esr):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": safest_answers(esr)}))
    result = runner.invoke(app, ["reflect", "--answers", str(path), "--relationship", "Mum"])
    assert result.exit_code == 0
    assert "Mum" in result.stdout
    assert esr.dimensions[0].title in result.stdout


def test_reflect_bad_input_exits_2_with_a_clear_message(tmp_path, esr):
    cases = {
        "not-json.json": "{not json",
        "unknown.json": json.dumps({"answers": {"esr_no_such_item": 3}}),
        "off-scale.json": json.dumps({"answers": {esr.items[0].id: 99}}),
        "shape.json": json.dumps([1, 2, 3]),
    }
    expected = {
        "not-json.json": "not valid JSON",
        "unknown.json": "esr_no_such_item",
        "off-scale.json": esr.items[0].id,
        "shape.json": "expected a JSON object",
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_text(content)
        result = runner.invoke(app, ["reflect", "--answers", str(path), "--json"])
        assert result.exit_code == 2, name
        assert expected[name] in result.stderr, (name, result.stderr)
        assert "Traceback" not in result.output


def test_reflect_missing_file_exits_2(tmp_path):
    result = runner.invoke(app, ["reflect", "--answers", str(tmp_path / "missing.json"), "--json"])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr


def test_reflect_interactively_skips_and_reports(esr):
    n_items = len(esr.items)
    # relationship name, then an answer of 4 to every question except a skipped first one
    typed = "my sister\n" + "\n" + "4\n" * (n_items - 1)
    result = runner.invoke(app, ["reflect"], input=typed)
    assert result.exit_code == 0, result.output
    assert "my sister" in result.stdout
    assert "Part 1 of" in result.stdout
