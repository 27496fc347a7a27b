"""Narrative text for reports, kept in data files: `data/<instrument_id>_narratives.toml`.

Keeping the words in data lets them be reviewed (and checked by the wording guard) apart from
the code, and lets each instrument carry its own.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from feltsafe.instruments import BANDS, InstrumentNotFound

DATA_DIR = Path(__file__).resolve().parent / "data"


class NarrativeFormatError(ValueError):
    """A narrative file is missing text or is malformed; the message says what and where."""


@dataclass(frozen=True)
class DimensionText:
    may_reflect: Mapping[str, str]
    """Band id -> what a score in that band may reflect."""
    does_not_mean: str


@dataclass(frozen=True)
class Narratives:
    instrument_id: str
    intro: str
    """Contains `{relationship}`, replaced by the relationship's name."""
    not_enough: str
    support_note: str
    at_risk_support_note: str
    prompts: tuple[str, ...]
    dimensions: Mapping[str, DimensionText]

    def for_dimension(self, dimension_id: str) -> DimensionText:
        try:
            return self.dimensions[dimension_id]
        except KeyError:
            raise KeyError(
                f"There is no narrative text for dimension {dimension_id!r} of "
                f"instrument {self.instrument_id!r}."
            ) from None


def _text(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise NarrativeFormatError(f"In {where}, {key!r} must be non-empty text.")
    return " ".join(value.split())


def parse_narratives(data: Mapping[str, Any], source: str = "narratives") -> Narratives:
    """Build Narratives from parsed TOML, requiring a text for every band of every dimension."""
    prompts = data.get("prompts")
    if not isinstance(prompts, list) or not prompts:
        raise NarrativeFormatError(f"In {source}, 'prompts' must be a non-empty list of text.")
    clean_prompts = []
    for index, prompt in enumerate(prompts):
        clean_prompts.append(_text({"prompt": prompt}, "prompt", f"{source} prompts[{index}]"))
    tables = data.get("dimensions")
    if not isinstance(tables, dict) or not tables:
        raise NarrativeFormatError(f"In {source}, [dimensions] must be a non-empty table.")
    dimensions: dict[str, DimensionText] = {}
    for dimension_id, table in tables.items():
        where = f"{source} [dimensions.{dimension_id}]"
        if not isinstance(table, dict):
            raise NarrativeFormatError(f"In {source}, {where} must be a table.")
        by_band = table.get("may_reflect")
        if not isinstance(by_band, dict):
            raise NarrativeFormatError(f"In {where}, [may_reflect] must be a table.")
        dimensions[dimension_id] = DimensionText(
            may_reflect=MappingProxyType(
                {band.id: _text(by_band, band.id, f"{where}.may_reflect") for band in BANDS}
            ),
            does_not_mean=_text(table, "does_not_mean", where),
        )
    return Narratives(
        instrument_id=_text(data, "instrument", source),
        intro=_text(data, "intro", source),
        not_enough=_text(data, "not_enough", source),
        support_note=_text(data, "support_note", source),
        at_risk_support_note=_text(data, "at_risk_support_note", source),
        prompts=tuple(clean_prompts),
        dimensions=MappingProxyType(dimensions),
    )


@functools.cache
def load_narratives(instrument_id: str) -> Narratives:
    """The narrative text for one instrument; InstrumentNotFound if it has none."""
    path = DATA_DIR / f"{instrument_id}_narratives.toml"
    if not instrument_id.isidentifier() or not path.is_file():
        raise InstrumentNotFound(f"There is no report text for the instrument {instrument_id!r}.")
    with path.open("rb") as handle:
        narratives = parse_narratives(tomllib.load(handle), source=str(path))
    if narratives.instrument_id != instrument_id:
        raise NarrativeFormatError(
            f"{path} says it is for {narratives.instrument_id!r}, not {instrument_id!r}."
        )
    return narratives


@functools.cache
def load_finding_support() -> tuple[tuple[str, str], ...]:
    """The (heading, paragraph) sections of the "Finding support" page."""
    path = DATA_DIR / "finding_support.toml"
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    sections = data.get("sections")
    if not isinstance(sections, list) or not sections:
        raise NarrativeFormatError(f"In {path}, [[sections]] must be a non-empty list.")
    result = []
    for index, section in enumerate(sections):
        where = f"{path} sections[{index}]"
        if not isinstance(section, dict):
            raise NarrativeFormatError(f"In {where}, each section must be a table.")
        result.append((_text(section, "heading", where), _text(section, "text", where)))
    return tuple(result)
