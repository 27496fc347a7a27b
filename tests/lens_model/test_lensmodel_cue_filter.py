"""The cue rules' substring filter is exact: it picks the same patterns as checking every one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from feltsafe.lens import cues
from feltsafe.lens.markers import MARKERS

# Texts built from pieces of the lexicon's own factors (so that many patterns are unlocked),
# glued with ordinary characters, including ones whose lower case changes.
_PIECES = sorted(cues._BY_FACTOR)[::7] + [" ", "you ", "never", "İ", "ß", "!", "😂", "'"]


def _every_factor_checked(lowered: str) -> dict[str, tuple[int, ...]]:
    active: dict[str, set[int]] = {marker: set(cues._ALWAYS[marker]) for marker in MARKERS}
    for text, unlocks in cues._BY_FACTOR.items():
        if text in lowered:
            for marker, index in unlocks:
                active[marker].add(index)
    return {marker: tuple(sorted(found)) for marker, found in active.items() if found}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=4), max_size=12))
def test_the_trigram_index_unlocks_exactly_the_patterns_whose_factors_occur(parts):
    lowered = "".join(parts).lower()
    assert cues._active(lowered) == _every_factor_checked(lowered)


def test_short_and_long_factors_are_both_found():
    short = next(text for text in cues._BY_FACTOR if len(text) < 3)
    long = max(cues._BY_FACTOR, key=len)
    for text in (short, long, f"well {long} then {short}"):
        assert cues._active(text) == _every_factor_checked(text)
        assert cues._active(text)  # something was unlocked
