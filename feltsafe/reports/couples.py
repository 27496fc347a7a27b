"""Comparing two partners' reflections: where both feel safe, where experiences differ.

Plain Python, no web framework. Each partner answers the reflection privately and chooses to
share only their dimension scores (``{dimension_id: score or None}``, 0-100); this module puts
two such sets side by side for one of them (the *viewer*), and words what it sees without
deciding who is right:

* **Where you both feel safe**: dimensions where both scores are at least `BOTH_SAFE_AT_LEAST`.
* **Where your experiences differ most**: dimensions whose scores are at least
  `DIFFER_AT_LEAST` points apart, the widest first (at most `MAX_DIFFERENCES`), each with
  conversation starters built on curiosity ("what is it like for you...?") and gentle start-up
  ("I feel ... about ..., and what would help me is ..."), never on blame.
* **Perception gaps** (the optional "how I think you feel" round): the viewer's guess at how the
  partner would answer, beside the partner's own shared scores.

A dimension that either partner did not answer enough of is shown as "not enough answers" and is
left out of both lists. Nothing here scores the relationship, and the words say so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from feltsafe.instruments import Instrument

BOTH_SAFE_AT_LEAST = 60.0
"""Both scores at least this: a dimension where both partners seem to feel free (as in reports)."""
DIFFER_AT_LEAST = 15.0
"""Scores at least this many points apart count as experiences that differ."""
MAX_DIFFERENCES = 3
"""At most this many differences are offered for conversation at once: a few, gently."""
PERCEPTION_GAP_AT_LEAST = 15.0
"""A guess at least this far from the partner's own score is named as a perception gap."""

DEFAULT_PARTNER = "your partner"

INTRO = (
    "You each answered privately, and each of you chose to share these scores. They describe how "
    "things felt to each of you when you answered. Different numbers are not a contest: two "
    "people can live the same moments and feel them differently, and both experiences are real."
)
BEFORE_YOU_TALK = (
    "Choose a calm time when neither of you is rushed. Take turns: one speaks, the other listens "
    "to understand rather than to reply, then swap. Start with one difference, not all of them. "
    "Either of you can pause at any point and come back to it later."
)
NO_DIFFERENCES = (
    "Your scores are close in every area you both answered. That can be a good moment to talk "
    "about what helps these areas feel the way they do."
)
NOT_A_VERDICT = (
    "This comparison is a reflection aid, not a test of the relationship. It does not say who is "
    "right, and it does not diagnose anything. If a conversation ever feels unsafe rather than "
    "hard, it is fine to stop, and the support page lists people who can help."
)
PERCEPTION_INTRO = (
    "You also answered as you imagine {partner} would. Here is that guess beside {partner}'s own "
    "shared answers. A gap is not a mistake: it is something to be curious about together."
)


@dataclass(frozen=True)
class Starters:
    """Ways into a conversation about one dimension."""

    curious: tuple[str, ...]
    """Open questions about the partner's experience."""
    gentle: tuple[str, ...]
    """Gentle start-ups for sharing your own: a feeling, the situation, a positive need."""


_STARTERS: dict[str, Starters] = {
    "be_myself": Starters(
        curious=(
            "When do you feel most like yourself with me?",
            "Is there a part of you that you keep a little hidden when we're together? "
            "What would make it easier to show?",
        ),
        gentle=(
            "I feel most like myself with you when …, and I'd love more moments like that.",
            "Sometimes I hold back when …; what would help me is ….",
        ),
    ),
    "feelings_welcome": Starters(
        curious=(
            "What is it like for you to bring me a strong feeling or a need?",
            "When you share something that matters to you, what helps it land well with me?",
        ),
        gentle=(
            "I feel … when I share something that matters to me and …. What would help me is ….",
        ),
    ),
    "disagreement_repair": Starters(
        curious=(
            "After we disagree, what helps you feel that we're okay again?",
            "What do you notice in yourself when a disagreement starts between us?",
        ),
        gentle=("After we argue I often feel …, and it would help me to hear … or to ….",),
    ),
    "responsiveness": Starters(
        curious=(
            "When you reach for me, how does it usually feel when I respond?",
            "What kind of response from me helps you most when you need me?",
        ),
        gentle=("I feel … when I reach out and …; what would help me is ….",),
    ),
    "respect": Starters(
        curious=(
            "When do you feel that I'm really curious about your point of view?",
            "What helps you feel respected when we see something differently?",
        ),
        gentle=("I feel … when we see things differently and …; I'd love us to try ….",),
    ),
    "accountability": Starters(
        curious=(
            "When something I did hurt you, what helped you feel heard, or what would have?",
            "How would you like us to take responsibility for our parts when things go wrong?",
        ),
        gentle=("I feel … when …, and it would mean a lot to me if ….",),
    ),
    "care_freedom": Starters(
        curious=(
            "Where do you feel cared for and still free to make your own choices with me?",
            "Is there anywhere that feels tight or watched? What would give you more room?",
        ),
        gentle=("I feel … about …, and I'd like to have more room to ….",),
    ),
    "inner_safety": Starters(
        curious=(
            "What helps your body feel settled when we're together?",
            "What tends to put you on guard, even when nothing is said?",
        ),
        gentle=("Sometimes my body feels … when …; something that helps me settle is ….",),
    ),
}

_GENERAL = Starters(
    curious=(
        "What is this part of our relationship like for you lately?",
        "What would help it feel a little easier for you?",
    ),
    gentle=("I feel … about …, and what would help me is ….",),
)


def starters_for(dimension_id: str) -> Starters:
    """The conversation starters for a dimension (general ones for a dimension we don't know)."""
    return _STARTERS.get(dimension_id, _GENERAL)


@dataclass(frozen=True)
class DimensionPair:
    """One dimension, the viewer's score beside the partner's."""

    dimension_id: str
    title: str
    mine: float | None
    theirs: float | None

    @property
    def gap(self) -> float | None:
        """How many points apart the two scores are (never negative); None if either is missing."""
        if self.mine is None or self.theirs is None:
            return None
        return round(abs(self.mine - self.theirs), 1)

    @property
    def both_answered(self) -> bool:
        return self.gap is not None


@dataclass(frozen=True)
class Difference:
    """A dimension where the two experiences differ, with ways to start talking about it."""

    dimension_id: str
    title: str
    mine: float
    theirs: float
    gap: float
    summary: str
    """Which of you feels freer here, in words that describe and do not rank."""
    starters: tuple[str, ...]
    """Curious questions and gentle start-ups; the ones that fit the viewer's side come first."""


@dataclass(frozen=True)
class CoupleComparison:
    """What the shared report shows one partner."""

    instrument_id: str
    version: str
    partner: str
    rows: tuple[DimensionPair, ...]
    both_safe: tuple[str, ...]
    """Titles of dimensions where both feel safe, in the instrument's order."""
    differences: tuple[Difference, ...]
    """The dimensions that differ most, widest gap first."""
    intro: str
    before_you_talk: str
    no_differences: str | None
    """Said when both answered at least one dimension and none differ; else None."""
    not_a_verdict: str


@dataclass(frozen=True)
class PerceptionGap:
    """The viewer's guess at how the partner feels in one dimension, beside the partner's own."""

    dimension_id: str
    title: str
    imagined: float | None
    actual: float | None
    words: str

    @property
    def gap(self) -> float | None:
        """Partner's own score minus the guess (positive: they feel freer than you imagined)."""
        if self.imagined is None or self.actual is None:
            return None
        return round(self.actual - self.imagined, 1)

    @property
    def notable(self) -> bool:
        gap = self.gap
        return gap is not None and abs(gap) >= PERCEPTION_GAP_AT_LEAST


@dataclass(frozen=True)
class PerceptionReport:
    partner: str
    intro: str
    gaps: tuple[PerceptionGap, ...]
    """Every dimension, in the instrument's order."""

    @property
    def notable(self) -> tuple[PerceptionGap, ...]:
        """The gaps of at least `PERCEPTION_GAP_AT_LEAST` points, widest first."""
        found = [g for g in self.gaps if g.notable]
        return tuple(sorted(found, key=lambda g: -abs(g.gap or 0.0)))


def _clean_name(partner: str) -> str:
    return " ".join(partner.split()) or DEFAULT_PARTNER


def _checked(instrument: Instrument, scores: Mapping[str, float | None], whose: str) -> None:
    known = {d.id for d in instrument.dimensions}
    unknown = sorted(set(scores) - known)
    if unknown:
        raise ValueError(
            f"{whose} scores name dimensions that {instrument.id!r} version "
            f"{instrument.version!r} does not have: {', '.join(unknown)}."
        )
    for dimension_id, score in scores.items():
        if score is None:
            continue
        if (
            isinstance(score, bool)
            or not isinstance(score, int | float)
            or math.isnan(score)
            or not 0 <= score <= 100
        ):
            raise ValueError(
                f"{whose} score for {dimension_id!r} must be a number from 0 to 100, not {score!r}."
            )


def _difference_summary(pair: DimensionPair, partner: str) -> str:
    assert pair.mine is not None and pair.theirs is not None
    if pair.mine > pair.theirs:
        return (
            f"You seem to feel freer here than {partner} does. {partner[:1].upper()}"
            f"{partner[1:]}'s experience may hold something worth hearing."
        )
    return (
        f"{partner[:1].upper()}{partner[1:]} seems to feel freer here than you do. Your "
        "experience matters here too, and it can be shared gently."
    )


def _ordered_starters(pair: DimensionPair) -> tuple[str, ...]:
    found = starters_for(pair.dimension_id)
    assert pair.mine is not None and pair.theirs is not None
    # The one who feels freer starts with curiosity; the one who feels more guarded may start
    # by gently sharing. Both kinds are always offered.
    if pair.mine >= pair.theirs:
        return found.curious + found.gentle
    return found.gentle + found.curious


def compare_scores(
    mine: Mapping[str, float | None],
    theirs: Mapping[str, float | None],
    instrument: Instrument,
    *,
    partner: str = DEFAULT_PARTNER,
) -> CoupleComparison:
    """Both partners' dimension scores side by side, as seen by the one whose scores are `mine`.

    Both mappings are ``{dimension_id: score 0-100 or None}`` for the same instrument version
    (a dimension left out counts as not answered). ValueError for a dimension the instrument
    does not have or a score outside 0-100.
    """
    _checked(instrument, mine, "Your")
    _checked(instrument, theirs, "Your partner's")
    name = _clean_name(partner)
    rows = tuple(
        DimensionPair(
            dimension_id=d.id, title=d.title, mine=mine.get(d.id), theirs=theirs.get(d.id)
        )
        for d in instrument.dimensions
    )
    both_safe = tuple(
        r.title
        for r in rows
        if r.mine is not None
        and r.theirs is not None
        and min(r.mine, r.theirs) >= BOTH_SAFE_AT_LEAST
    )
    order = {r.dimension_id: i for i, r in enumerate(rows)}
    wide = sorted(
        (r for r in rows if r.gap is not None and r.gap >= DIFFER_AT_LEAST),
        key=lambda r: (-(r.gap or 0.0), order[r.dimension_id]),
    )[:MAX_DIFFERENCES]
    differences = tuple(
        Difference(
            dimension_id=r.dimension_id,
            title=r.title,
            mine=r.mine or 0.0,
            theirs=r.theirs or 0.0,
            gap=r.gap or 0.0,
            summary=_difference_summary(r, name),
            starters=_ordered_starters(r),
        )
        for r in wide
    )
    answered_any = any(r.both_answered for r in rows)
    return CoupleComparison(
        instrument_id=instrument.id,
        version=instrument.version,
        partner=name,
        rows=rows,
        both_safe=both_safe,
        differences=differences,
        intro=INTRO,
        before_you_talk=BEFORE_YOU_TALK,
        no_differences=NO_DIFFERENCES if answered_any and not differences else None,
        not_a_verdict=NOT_A_VERDICT,
    )


def _perception_words(imagined: float | None, actual: float | None, partner: str) -> str:
    if imagined is None or actual is None:
        return "Not enough answers to compare."
    gap = actual - imagined
    if abs(gap) < PERCEPTION_GAP_AT_LEAST:
        return "Close to what you imagined."
    if gap > 0:
        return f"{partner[:1].upper()}{partner[1:]} feels freer here than you imagined."
    return f"{partner[:1].upper()}{partner[1:]} feels more guarded here than you imagined."


def perception_gaps(
    imagined: Mapping[str, float | None],
    actual: Mapping[str, float | None],
    instrument: Instrument,
    *,
    partner: str = DEFAULT_PARTNER,
) -> PerceptionReport:
    """The viewer's "how I think you feel" scores beside the partner's own shared scores."""
    _checked(instrument, imagined, "Your imagined")
    _checked(instrument, actual, "Your partner's")
    name = _clean_name(partner)
    gaps = tuple(
        PerceptionGap(
            dimension_id=d.id,
            title=d.title,
            imagined=imagined.get(d.id),
            actual=actual.get(d.id),
            words=_perception_words(imagined.get(d.id), actual.get(d.id), name),
        )
        for d in instrument.dimensions
    )
    return PerceptionReport(
        partner=name, intro=PERCEPTION_INTRO.replace("{partner}", name), gaps=gaps
    )


__all__ = [
    "BOTH_SAFE_AT_LEAST",
    "DIFFER_AT_LEAST",
    "MAX_DIFFERENCES",
    "PERCEPTION_GAP_AT_LEAST",
    "CoupleComparison",
    "Difference",
    "DimensionPair",
    "PerceptionGap",
    "PerceptionReport",
    "Starters",
    "compare_scores",
    "perception_gaps",
    "starters_for",
]
