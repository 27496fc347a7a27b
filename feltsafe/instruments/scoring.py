"""Validate answers and turn them into descriptive, per-dimension scores.

Each answered item becomes a number from 0 to 1: `(value - min) / (max - min)`, or
`(max - value) / (max - min)` for a reverse-keyed item, so that 1 always points towards feeling
safer. A dimension's score is 100 times the mean over its answered items, rounded to one decimal
(0 = least safe, 100 = most safe). Skipping is always allowed, so a dimension is only scored when
at least two thirds of its items were answered; otherwise its score is None.

The arithmetic is exact (fractions), so a result never depends on the order of the answers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from feltsafe.instruments.model import AnswerError, Dimension, Instrument, Item


@dataclass(frozen=True)
class Band:
    """A descriptive range of scores. It describes how an area feels; it never diagnoses."""

    id: str
    label: str
    summary: str
    lower: float = 0.0
    upper: float = 100.0


# Lower bounds are inclusive, upper bounds exclusive, except that 100 belongs to the last band.
BANDS: tuple[Band, ...] = (
    Band(
        id="guarded",
        label="Guarded much of the time",
        summary=(
            "In this area you may often find yourself holding back or bracing. "
            "That is worth noticing with kindness: it is information, not a verdict."
        ),
        lower=0.0,
        upper=20.0,
    ),
    Band(
        id="often_guarded",
        label="Often guarded",
        summary=(
            "There may be some ease here, and also a fair amount of caution. "
            "Both can be true at once."
        ),
        lower=20.0,
        upper=40.0,
    ),
    Band(
        id="mixed",
        label="Mixed",
        summary=(
            "Some moments here may feel open and others more careful. "
            "Many close relationships hold both."
        ),
        lower=40.0,
        upper=60.0,
    ),
    Band(
        id="mostly_free",
        label="Mostly at ease",
        summary=(
            "This area may feel fairly settled much of the time, "
            "with a few moments that still call for care."
        ),
        lower=60.0,
        upper=80.0,
    ),
    Band(
        id="free",
        label="Largely free to be yourself",
        summary=(
            "This area may feel like a place where you can relax and be yourself. "
            "It can be a resource to lean on."
        ),
        lower=80.0,
        upper=100.0,
    ),
)


def band_for(score: float) -> Band:
    """The band a score from 0 to 100 falls in; ValueError for anything outside that range."""
    if isinstance(score, bool) or not isinstance(score, int | float) or math.isnan(score):
        raise ValueError(f"A score must be a number from 0 to 100, not {score!r}.")
    if not 0 <= score <= 100:
        raise ValueError(f"A score must be from 0 to 100, not {score!r}.")
    for band in BANDS:
        if band.lower <= score < band.upper:
            return band
    return BANDS[-1]


@dataclass(frozen=True)
class DimensionScore:
    dimension: Dimension
    score: float | None
    """0 to 100, rounded to one decimal; None when fewer than two thirds were answered."""
    answered: int
    total: int
    band: Band | None

    @property
    def enough(self) -> bool:
        """True when enough questions were answered to describe this area with a number."""
        return self.score is not None


@dataclass(frozen=True)
class ScoreResult:
    instrument_id: str
    version: str
    dimensions: tuple[DimensionScore, ...]

    def as_dict(self) -> dict[str, float | None]:
        """`{dimension_id: score or None}`, in the instrument's order."""
        return {d.dimension.id: d.score for d in self.dimensions}

    def dimension(self, dimension_id: str) -> DimensionScore:
        """The score of one dimension; KeyError if the instrument has no such dimension."""
        for dimension_score in self.dimensions:
            if dimension_score.dimension.id == dimension_id:
                return dimension_score
        raise KeyError(f"There is no dimension {dimension_id!r} in this result.")


def enough_answered(answered: int, total: int) -> bool:
    """The two-thirds rule: at least two thirds of a dimension's items were answered."""
    return total > 0 and answered * 3 >= total * 2


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, float):
        return "a decimal number" if math.isfinite(value) else "not a number"
    if isinstance(value, str):
        return "text"
    return f"a value of type {type(value).__name__}"


def _check_value(item: Item, value: object) -> int:
    scale = item.scale
    wanted = (
        f"a whole number from {scale.min} ({scale.labels[0]}) to {scale.max} ({scale.labels[-1]})"
    )
    if isinstance(value, int) and not isinstance(value, bool):
        if value in scale:
            return value
        raise AnswerError(
            f"The answer to question {item.id} (“{item.text}”) was {value}, "
            f"which is not on the scale; please choose {wanted}.",
            item_id=item.id,
        )
    raise AnswerError(
        f"The answer to question {item.id} (“{item.text}”) was {_describe(value)}; "
        f"please choose {wanted}, or leave it blank to skip it.",
        item_id=item.id,
    )


def validate_answers(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, int]:
    """Check answers against an instrument and return the given ones, in the instrument's order.

    A value of None means the question was skipped and is left out. An unknown question, or a
    value that is not a whole number on that question's scale (a bool, float or string included),
    raises AnswerError naming the question.
    """
    checked: dict[str, int] = {}
    for item_id, value in answers.items():
        if not isinstance(item_id, str) or not instrument.has_item(item_id):
            raise AnswerError(
                f"There is no question {_short(item_id)} in “{instrument.title}” "
                f"(version {instrument.version}); please answer only the questions shown.",
                item_id=item_id if isinstance(item_id, str) else None,
            )
        if value is None:
            continue
        checked[item_id] = _check_value(instrument.item(item_id), value)
    return {item.id: checked[item.id] for item in instrument.items if item.id in checked}


def _safety_fraction(item: Item, value: int) -> Fraction:
    span = item.scale.max - item.scale.min
    distance = item.scale.max - value if item.reverse else value - item.scale.min
    return Fraction(distance, span)


def _round_to_tenth(value: Fraction) -> float:
    """Round half up to one decimal, exactly (no binary floating-point surprises)."""
    shifted = value * 10 + Fraction(1, 2)
    return (shifted.numerator // shifted.denominator) / 10


def score_answers(instrument: Instrument, answers: Mapping[str, int]) -> ScoreResult:
    """Validate `answers` and score every dimension of `instrument`."""
    valid = validate_answers(instrument, answers)
    scores = []
    for dimension in instrument.dimensions:
        items = instrument.items_for(dimension.id)
        given = [(item, valid[item.id]) for item in items if item.id in valid]
        score: float | None = None
        if enough_answered(len(given), len(items)):
            mean = sum((_safety_fraction(item, value) for item, value in given), Fraction(0))
            score = _round_to_tenth(100 * mean / len(given))
        scores.append(
            DimensionScore(
                dimension=dimension,
                score=score,
                answered=len(given),
                total=len(items),
                band=band_for(score) if score is not None else None,
            )
        )
    return ScoreResult(
        instrument_id=instrument.id, version=instrument.version, dimensions=tuple(scores)
    )
