"""Conversation metrics on hand-built conversations: balance, episodes, repair, silences, flags."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feltsafe.lens.metrics import GOTTMAN_RATIO, TaggedMessage, conversation_metrics

T0 = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)


def msg(sender, minutes, *markers, crisis=False, kind="text"):
    return TaggedMessage(
        sender=sender,
        time=T0 + timedelta(minutes=minutes),
        text=f"{sender} at {minutes}",
        markers=tuple(sorted(markers)),
        crisis=crisis,
        kind=kind,
    )


def test_it_counts_markers_and_the_safety_to_threat_ratio_per_speaker():
    metrics = conversation_metrics(
        [
            msg("A", 0, "criticism"),
            msg("B", 1, "validation", "curiosity"),
            msg("A", 2, "appreciation"),
            msg("A", 3, "appreciation", "reassurance"),
            msg("B", 4),
        ]
    )
    a, b = metrics.speakers["A"], metrics.speakers["B"]
    assert (a.messages, a.safety, a.threat, a.ratio) == (3, 3, 1, 3.0)
    assert a.counts["appreciation"] == 2 and a.counts["criticism"] == 1
    assert (b.messages, b.safety, b.threat, b.ratio) == (2, 2, 0, None)
    assert a.to_json()["reference_ratio"] == GOTTMAN_RATIO == 5.0


def test_it_finds_an_escalation_episode_with_its_span_and_speakers():
    metrics = conversation_metrics(
        [
            msg("A", 0),
            msg("A", 1, "criticism"),
            msg("B", 2, "defensiveness"),
            msg("B", 3, kind="media"),  # placeholders neither break nor join a run
            msg("A", 4, "contempt", "criticism"),
            msg("B", 5, "validation"),
            msg("A", 6, "stonewalling"),
        ]
    )
    assert len(metrics.ruptures) == 2
    episode = metrics.episodes[0]
    assert len(metrics.episodes) == 1  # the lone stonewalling message is a rupture, not an episode
    assert (episode.start, episode.end, episode.messages) == (1, 4, 3)
    assert episode.speakers == ("A", "B")
    assert episode.markers == {"criticism": 2, "defensiveness": 1, "contempt": 1}
    assert episode.start_time == T0 + timedelta(minutes=1)
    assert episode.end_time == T0 + timedelta(minutes=4)


def test_a_repair_taken_up_by_the_other_person_counts_and_times_the_repair():
    metrics = conversation_metrics(
        [
            msg("A", 0, "criticism"),
            msg("B", 1, "contempt"),
            msg("B", 30, "repair"),
            msg("B", 31),  # same speaker: not the reply
            msg("A", 32, "accountability", "repair"),
        ]
    )
    first = metrics.repairs[0]
    assert (first.index, first.speaker, first.taken_up, first.reply) == (2, "B", True, 4)
    assert metrics.ruptures[0].repaired_at == 2
    assert metrics.ruptures[0].repair_seconds == 30 * 60
    assert metrics.summary()["median_repair_seconds"] == 30 * 60
    # A's own attempt has no reply yet
    assert metrics.repairs[1].taken_up is None
    assert metrics.speakers["B"].repairs_taken_up == 1


def test_a_repair_met_with_a_threat_marker_is_not_taken_up():
    metrics = conversation_metrics(
        [
            msg("A", 0, "criticism"),
            msg("B", 1, "repair"),
            msg("A", 2, "validation", "contempt"),
        ]
    )
    assert metrics.repairs[0].taken_up is False
    assert metrics.ruptures[0].repaired_at is None
    assert metrics.summary()["repairs_taken_up"] == 0


def test_it_notes_a_long_silence_after_conflict_but_not_after_calm():
    metrics = conversation_metrics(
        [
            msg("A", 0, "criticism"),
            msg("B", 5 * 60, "repair"),  # five hours later
            msg("A", 5 * 60 + 1),
            msg("B", 15 * 60),  # a long gap after a calm message
        ]
    )
    assert len(metrics.silences) == 1
    silence = metrics.silences[0]
    assert (silence.after, silence.speaker, silence.broken_by, silence.hours) == (0, "A", "B", 5.0)


@pytest.mark.parametrize(
    ("markers", "concern"),
    [
        (["control", "control", "threat"], {"speaker": "A", "count": 3, "episodes": 0}),
        (["control", None, None, "control"], None),
        (["control", "threat"], None),
    ],
)
def test_recurring_control_or_threat_from_one_person_raises_abuse_concern(markers, concern):
    messages = []
    for minute, marker in enumerate(markers):
        messages.append(msg("A", 2 * minute, *([marker] if marker else [])))
        messages.append(msg("B", 2 * minute + 1, "validation"))
    assert conversation_metrics(messages).abuse_concern == concern


def test_two_episodes_with_control_are_enough_for_abuse_concern():
    messages = [
        msg("A", 0, "control"),
        msg("B", 1, "defensiveness"),
        msg("B", 2, "repair"),
        msg("A", 3, "validation"),
        msg("A", 4, "threat", "control"),
        msg("B", 5, "stonewalling"),
    ]
    concern = conversation_metrics(messages).abuse_concern
    assert concern == {"speaker": "A", "count": 2, "episodes": 2}


def test_crisis_messages_are_flagged_in_the_summary():
    metrics = conversation_metrics([msg("A", 0), msg("B", 1, crisis=True)])
    summary = metrics.summary()
    assert summary["crisis"] is True and summary["crisis_messages"] == [1]
    assert metrics.speakers["B"].crisis_messages == 1


def test_the_timeline_buckets_by_hour_for_a_short_chat():
    metrics = conversation_metrics(
        [msg("A", 0, "criticism"), msg("B", 10, "repair"), msg("A", 70, "appreciation")]
    )
    assert metrics.timeline_unit == "hour"
    assert metrics.timeline == [
        {
            "start": "2026-03-01T20:00:00+00:00",
            "messages": 2,
            "threat": 1,
            "safety": 1,
            "crisis": 0,
        },
        {
            "start": "2026-03-01T21:00:00+00:00",
            "messages": 1,
            "threat": 0,
            "safety": 1,
            "crisis": 0,
        },
    ]


def test_the_timeline_buckets_by_day_for_a_longer_chat():
    messages = [msg("A", 0), msg("B", 60 * 24 * 10)]
    metrics = conversation_metrics(messages)
    assert metrics.timeline_unit == "day"
    assert [row["start"][:10] for row in metrics.timeline] == ["2026-03-01", "2026-03-11"]


def test_an_empty_conversation_has_empty_metrics():
    metrics = conversation_metrics([])
    assert metrics.summary()["messages"] == 0
    assert metrics.timeline == [] and metrics.abuse_concern is None


_MARKER_CHOICES = [
    (),
    ("criticism",),
    ("contempt",),
    ("repair",),
    ("validation",),
    ("accountability",),
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C"]),
            st.sampled_from(_MARKER_CHOICES),
            st.sampled_from(["text", "text", "text", "media"]),
            st.integers(min_value=0, max_value=600),
        ),
        max_size=40,
    )
)
def test_replies_repairs_and_silences_follow_their_definitions(rows):
    """Each repair's reply is the next text message from someone else; each rupture's repair is
    the first later attempt that was taken up; a silence is the gap to the next text message."""
    minutes, messages = 0, []
    for sender, markers, kind, gap in rows:
        minutes += gap
        messages.append(msg(sender, minutes, *markers, kind=kind))
    metrics = conversation_metrics(messages)
    texts = [i for i, m in enumerate(messages) if m.kind == "text"]
    for attempt in metrics.repairs:
        later = [j for j in texts if j > attempt.index]
        others = [j for j in later if messages[j].sender != attempt.speaker]
        assert attempt.reply == (others[0] if others else None)
    for episode in metrics.ruptures:
        fixes = [r for r in metrics.repairs if r.index > episode.end and r.taken_up]
        assert episode.repaired_at == (fixes[0].index if fixes else None)
    for silence in metrics.silences:
        following = [j for j in texts if j > silence.after][0]
        assert messages[following].time - messages[silence.after].time >= timedelta(hours=4)
    ends = {episode.end for episode in metrics.ruptures}
    for end in ends:
        following = [j for j in texts if j > end]
        long_gap = bool(following) and (
            messages[following[0]].time - messages[end].time >= timedelta(hours=4)
        )
        assert long_gap == any(silence.after == end for silence in metrics.silences)
