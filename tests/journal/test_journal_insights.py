import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feltsafe.journal.insights import (
    SMALL_SAMPLE,
    ActivationRecord,
    JournalInsights,
    explain,
    journal_insights,
)
from feltsafe.journal.vocab import TOOLS

DAY = date(2026, 1, 5)
TOOL_IDS = [k for k, _ in TOOLS]


def entry(tool=None, before=None, after=None, *, trigger="argument", tags=(), pattern=None):
    return ActivationRecord(
        when=DAY,
        trigger=trigger,
        tags=tuple(tags),
        intensity_before=before,
        pattern=pattern,
        tool=tool,
        intensity_after=after,
    )


def tool_entries(tool, drop, befores):
    return [entry(tool, b, b - drop) for b in befores]


@given(
    data=st.data(),
    pair=st.lists(st.sampled_from(TOOL_IDS), min_size=2, max_size=2, unique=True),
    big=st.lists(st.integers(3, 10), min_size=1, max_size=20),
    small=st.lists(st.integers(1, 10), min_size=1, max_size=20),
)
def test_a_tool_that_always_lowers_by_3_ranks_above_one_that_lowers_by_1(data, pair, big, small):
    strong, weak = pair
    records = tool_entries(strong, 3, big) + tool_entries(weak, 1, small)
    # Other entries (no tool, missing intensities) must not change the ranking either.
    records += [entry(strong, 9, None), entry(weak, None, 2), entry(None, 8, 1)]
    records = data.draw(st.permutations(records))

    tools = journal_insights(records).tools
    ranked = [t.tool for t in tools]
    assert ranked.index(strong) < ranked.index(weak)
    by_id = {t.tool: t for t in tools}
    assert by_id[strong].mean_drop == 3
    assert by_id[weak].mean_drop == 1
    assert by_id[strong].n == len(big)
    assert by_id[weak].n == len(small)


@given(
    st.permutations([entry("breathing", 8, 2), entry("breathing", 5, 4), entry("movement", 6, 2)])
)
def test_the_result_does_not_depend_on_entry_order(records):
    assert journal_insights(records) == journal_insights(
        [entry("breathing", 8, 2), entry("breathing", 5, 4), entry("movement", 6, 2)]
    )


def test_mean_drop_is_the_average_of_before_minus_after():
    records = [entry("grounding", 8, 2), entry("grounding", 6, 5), entry("grounding", 3, 4)]
    (tool,) = journal_insights(records).tools
    assert tool.tool == "grounding"
    assert tool.label == "Grounding"
    assert tool.n == 3
    assert tool.mean_drop == pytest.approx((6 + 1 - 1) / 3)


def test_a_tool_can_have_a_negative_mean_drop_when_intensity_rose():
    (tool,) = journal_insights([entry("self_talk", 3, 6)]).tools
    assert tool.mean_drop == -3


def test_entries_missing_an_intensity_leave_the_tool_mean_but_still_count_elsewhere():
    records = [
        entry("breathing", 8, 4, trigger="Argument", pattern="withdrawing"),
        entry("breathing", 8, None, trigger="argument", pattern="withdrawing"),
        entry("breathing", None, 1, trigger="ARGUMENT", pattern="freezing"),
    ]
    result = journal_insights(records)
    (tool,) = result.tools
    assert (tool.mean_drop, tool.n) == (4, 1)
    assert result.entries == 3
    assert result.with_both_intensities == 1
    assert {c.key: c.n for c in result.patterns} == {"withdrawing": 2, "freezing": 1}
    assert [(c.key, c.n) for c in result.triggers] == [("argument", 3)]


def test_a_tool_with_no_complete_entry_is_not_ranked():
    assert journal_insights([entry("movement", 7, None)]).tools == ()


def test_small_sample_is_flagged_below_five_entries():
    records = tool_entries("breathing", 2, [8] * (SMALL_SAMPLE - 1))
    records += tool_entries("movement", 2, [8] * SMALL_SAMPLE)
    flags = {t.tool: t.small_sample for t in journal_insights(records).tools}
    assert SMALL_SAMPLE == 5
    assert flags == {"breathing": True, "movement": False}


def test_ties_on_mean_drop_go_to_the_tool_with_more_entries_then_by_name():
    records = tool_entries("movement", 2, [5]) + tool_entries("breathing", 2, [5])
    records += tool_entries("grounding", 2, [5, 6])
    assert [t.tool for t in journal_insights(records).tools] == [
        "grounding",
        "breathing",
        "movement",
    ]


def test_tool_and_pattern_labels_are_normalised_to_ids():
    records = [entry("Time-out", 9, 5, pattern="People-pleasing"), entry("time_out", 7, 5)]
    result = journal_insights(records)
    assert [(t.tool, t.n, t.mean_drop) for t in result.tools] == [("time_out", 2, 3)]
    assert [(c.key, c.label) for c in result.patterns] == [("people_pleasing", "People-pleasing")]


def test_triggers_group_ignoring_case_and_spacing_and_count_tags_once_per_entry():
    records = [
        entry(trigger="Late  reply", tags=("texting",)),
        entry(trigger="late reply", tags=("Texting", "late reply")),
        entry(trigger="Late reply", tags=()),
        entry(trigger="criticism", tags=("work",)),
    ]
    triggers = journal_insights(records).triggers
    counts = {c.key: c.n for c in triggers}
    assert counts == {"late reply": 3, "texting": 2, "criticism": 1, "work": 1}
    # Sorted by how often, and labelled with the spelling used most.
    assert triggers[0].key == "late reply"
    assert triggers[0].label == "Late reply"
    assert [c.key for c in journal_insights(records).recurring_triggers] == [
        "late reply",
        "texting",
    ]


def test_blank_triggers_and_tags_are_not_counted():
    result = journal_insights([entry(trigger="   ", tags=("", " "))])
    assert result.triggers == ()
    assert result.entries == 1


def test_to_json_has_exactly_the_cli_shape():
    records = [
        entry("breathing", 8, 5, trigger="Criticism", pattern="guarding"),
        entry("breathing", 7, 5, trigger="criticism", pattern="guarding"),
        entry("movement", 6, 5, trigger="Noise", pattern="hypervigilance"),
    ]
    payload = journal_insights(records).to_json()
    assert payload == {
        "tools": [
            {"tool": "breathing", "mean_drop": 2.5, "n": 2},
            {"tool": "movement", "mean_drop": 1.0, "n": 1},
        ],
        "triggers": [{"trigger": "Criticism", "n": 2}, {"trigger": "Noise", "n": 1}],
        "patterns": {"guarding": 2, "hypervigilance": 1},
    }
    assert json.loads(json.dumps(payload)) == payload


def test_to_json_rounds_mean_drop_to_two_decimals():
    records = tool_entries("breathing", 1, [5, 5]) + tool_entries("breathing", 2, [5])
    assert journal_insights(records).to_json()["tools"][0]["mean_drop"] == 1.33


def test_no_entries_gives_empty_insights():
    assert journal_insights([]) == JournalInsights((), (), (), 0, 0)
    assert journal_insights([]).to_json() == {"tools": [], "triggers": [], "patterns": {}}


def test_explain_covers_every_figure_in_plain_words():
    words = explain()
    for key in (
        "tools",
        "mean_drop",
        "small_sample",
        "triggers",
        "patterns",
        "repair_time",
        "repair_by_month",
        "repair_categories",
        "checkin_score",
        "checkin_trend",
    ):
        assert len(words[key]) > 40, key
    assert "small sample" in words["small_sample"]
    assert "not a clinical measure" in words["checkin_score"]
    assert "flaw" in words["patterns"]  # ... as in "none of them is a flaw"
    assert "none of them is a flaw" in words["patterns"]
    assert "gaps" in words["checkin_trend"]
    text = " ".join(words.values()).lower()
    for shaming in ("streak", "missed", "you failed", "broken"):
        assert shaming not in text
