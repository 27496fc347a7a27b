"""Change over time, described without judgement."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from feltsafe.reports.progress import NO_NORMS_NOTE, change_between, mean

SCORES = st.floats(min_value=0, max_value=100, allow_nan=False)


@given(SCORES, SCORES)
def test_small_changes_read_as_about_the_same(previous, latest):
    change = change_between(previous, latest, steady_within=5)
    if abs(latest - previous) < 5:
        assert change.direction == "about_the_same"
    elif latest > previous:
        assert change.direction == "more_at_ease"
    else:
        assert change.direction == "more_guarded"


def test_it_says_when_there_is_nothing_to_compare():
    assert change_between(None, 60, steady_within=5).label == "not enough to compare yet"
    assert mean([None, None]) is None
    assert mean([40, None, 60]) == 50


def test_the_no_norms_note_is_honest():
    assert "no norms" in NO_NORMS_NOTE
    assert "only with their own earlier answers" in NO_NORMS_NOTE
