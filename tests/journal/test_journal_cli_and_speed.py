import io
import json
import time
from datetime import UTC, date, datetime, timedelta

from typer.testing import CliRunner

from feltsafe.journal.cli import journal_app, run_insights
from feltsafe.journal.insights import (
    ActivationRecord,
    CheckinRecord,
    checkin_trend,
    journal_insights,
)
from feltsafe.journal.vocab import PATTERNS, TOOLS

HEADER = "date,trigger,intensity_before,pattern,tool,intensity_after,note\n"


def write(tmp_path, text):
    path = tmp_path / "journal.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_journal_insights_json_prints_the_documented_shape(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "2026-01-05,Criticism,8,guarding,movement,7,\n"
        + "2026-01-06,criticism,9,guarding,breathing,5,\n"
        + "2026-01-07,Noise,6,freezing,breathing,4,\n"
        + "2026-01-08,Noise,6,freezing,breathing,44,\n",
    )
    result = CliRunner().invoke(journal_app, ["insights", str(path), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload == {
        "tools": [
            {"tool": "breathing", "mean_drop": 3.0, "n": 2},
            {"tool": "movement", "mean_drop": 1.0, "n": 1},
        ],
        "triggers": [{"trigger": "Criticism", "n": 2}, {"trigger": "Noise", "n": 1}],
        "patterns": {"guarding": 2, "freezing": 1},
    }
    assert "line 5: intensity_after must be a whole number from 0 to 10 (got '44')" in (
        result.stderr
    )


def test_strict_mode_fails_when_a_row_was_rejected(tmp_path):
    path = write(tmp_path, HEADER + "2026-01-05,x,99,,,,\n2026-01-06,y,,,,,\n")
    out, err = io.StringIO(), io.StringIO()
    assert run_insights(path, as_json=True, out=out, err=err) == 0
    assert run_insights(path, as_json=True, strict=True, out=out, err=err) == 1


def test_a_wrong_header_or_missing_file_is_a_failure(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    bad = write(tmp_path, "when,what\n2026-01-05,x\n")
    assert run_insights(bad, as_json=True, out=out, err=err) == 1
    assert "missing 'date' and 'trigger'" in err.getvalue()
    assert run_insights(tmp_path / "nope.csv", as_json=True, out=out, err=err) == 2


def test_the_text_summary_is_plain_and_honest_about_small_samples(tmp_path):
    path = write(tmp_path, HEADER + "2026-01-05,x,8,guarding,breathing,5,\n")
    out, err = io.StringIO(), io.StringIO()
    assert run_insights(path, as_json=False, out=out, err=err) == 0
    text = out.getvalue()
    assert "Breathing: 3.00 points over 1 entry" in text
    assert "small sample" in text
    assert "Guarding: 1" in text


# --- speed ------------------------------------------------------------------------------------


def best_of(fn, repeat=5):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def test_journal_insights_over_a_thousand_entries_is_fast():
    patterns = [k for k, _ in PATTERNS]
    tools = [k for k, _ in TOOLS]
    records = [
        ActivationRecord(
            when=date(2026, 1, 1) + timedelta(days=i % 365),
            trigger=f"trigger {i % 40}",
            tags=(f"tag{i % 7}", f"tag{i % 11}"),
            intensity_before=i % 11,
            pattern=patterns[i % len(patterns)],
            tool=tools[i % len(tools)],
            intensity_after=(i * 7) % 11,
        )
        for i in range(1000)
    ]
    assert best_of(lambda: journal_insights(records)) < 0.05


def test_checkin_trend_over_five_years_of_checkins_is_fast():
    start = datetime(2021, 1, 1, 9, tzinfo=UTC)
    records = [
        CheckinRecord(
            when=start + timedelta(days=i, hours=i % 5),
            answers={"could_be_myself": i % 11, "felt_heard": (i * 3) % 11, "need_repair": i % 4},
            relationship="partner" if i % 2 else "friend",
        )
        for i in range(1800)
    ]
    assert len(checkin_trend(records)) == 1800
    assert best_of(lambda: checkin_trend(records)) < 0.05
    assert best_of(lambda: checkin_trend(records, relationship="partner")) < 0.05
