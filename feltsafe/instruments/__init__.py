"""Instruments as versioned data files, and the scoring engine.

An instrument (such as the Emotional Safety Reflection, id `esr`) lives in
`feltsafe/instruments/data/<id>/<version>.toml`. This package loads it, checks answers against
it and scores them per dimension. It is plain Python: no web framework, no I/O beyond reading
its own data files.
"""

from feltsafe.instruments.loader import (
    InstrumentLibrary,
    available_instruments,
    available_versions,
    load_instrument,
    parse_instrument,
)
from feltsafe.instruments.model import (
    AnswerError,
    Dimension,
    Instrument,
    InstrumentFormatError,
    InstrumentNotFound,
    Item,
    Scale,
)
from feltsafe.instruments.scoring import (
    BANDS,
    Band,
    DimensionScore,
    ScoreResult,
    band_for,
    enough_answered,
    score_answers,
    validate_answers,
)

__all__ = [
    "BANDS",
    "AnswerError",
    "Band",
    "Dimension",
    "DimensionScore",
    "Instrument",
    "InstrumentFormatError",
    "InstrumentLibrary",
    "InstrumentNotFound",
    "Item",
    "Scale",
    "ScoreResult",
    "available_instruments",
    "available_versions",
    "band_for",
    "enough_answered",
    "load_instrument",
    "parse_instrument",
    "score_answers",
    "validate_answers",
]
