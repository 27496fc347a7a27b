"""The shape of an instrument: scales, dimensions, items, and the errors around them.

Everything here is an immutable value. An `Instrument` checks itself when it is built, so code
that holds one can rely on it: ids are unique, every item belongs to a known dimension, every
dimension has at least one item, and every scale has one label per value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


class InstrumentNotFound(LookupError):
    """No instrument, or no version of it, matches what was asked for."""


class InstrumentFormatError(ValueError):
    """An instrument definition is malformed; the message says where and how."""


class AnswerError(ValueError):
    """An answer that cannot be accepted.

    `str(err)` is a complete, plain sentence that is safe to show to the person who answered.
    `item_id` names the question it concerns, when there is one.
    """

    def __init__(self, message: str, item_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.item_id = item_id

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Scale:
    """A whole-number answer scale; `labels[i]` is the label of the value `min + i`."""

    min: int
    max: int
    labels: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.min >= self.max:
            raise InstrumentFormatError(
                f"A scale must run from a smaller to a larger number, not {self.min} to {self.max}."
            )
        expected = self.max - self.min + 1
        if len(self.labels) != expected:
            raise InstrumentFormatError(
                f"A scale from {self.min} to {self.max} needs {expected} labels, "
                f"one for each value, but has {len(self.labels)}."
            )

    def __contains__(self, value: object) -> bool:
        return (
            isinstance(value, int) and not isinstance(value, bool) and self.min <= value <= self.max
        )

    def label(self, value: int) -> str:
        """The label of `value`; ValueError if it is not on this scale."""
        if value not in self:
            raise ValueError(f"{value!r} is not on the scale from {self.min} to {self.max}.")
        return self.labels[value - self.min]


@dataclass(frozen=True)
class Dimension:
    id: str
    title: str
    description: str


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    dimension: str
    reverse: bool
    scale: Scale


@dataclass(frozen=True)
class Instrument:
    id: str
    version: str
    title: str
    description: str
    content_note: str
    disclaimer: str
    scale: Scale
    dimensions: tuple[Dimension, ...]
    items: tuple[Item, ...]
    _items_by_id: Mapping[str, Item] = field(init=False, repr=False, compare=False)
    _dimensions_by_id: Mapping[str, Dimension] = field(init=False, repr=False, compare=False)
    _items_by_dimension: Mapping[str, tuple[Item, ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        where = f"instrument {self.id!r} version {self.version!r}"
        dimensions: dict[str, Dimension] = {}
        for dimension in self.dimensions:
            if dimension.id in dimensions:
                raise InstrumentFormatError(
                    f"In {where}, dimension {dimension.id!r} appears twice."
                )
            dimensions[dimension.id] = dimension
        items: dict[str, Item] = {}
        grouped: dict[str, list[Item]] = {dimension_id: [] for dimension_id in dimensions}
        for item in self.items:
            if item.id in items:
                raise InstrumentFormatError(f"In {where}, item {item.id!r} appears twice.")
            if item.dimension not in dimensions:
                raise InstrumentFormatError(
                    f"In {where}, item {item.id!r} belongs to an unknown dimension "
                    f"{item.dimension!r}."
                )
            items[item.id] = item
            grouped[item.dimension].append(item)
        for dimension_id, members in grouped.items():
            if not members:
                raise InstrumentFormatError(f"In {where}, dimension {dimension_id!r} has no items.")
        object.__setattr__(self, "_items_by_id", MappingProxyType(items))
        object.__setattr__(self, "_dimensions_by_id", MappingProxyType(dimensions))
        object.__setattr__(
            self,
            "_items_by_dimension",
            MappingProxyType({key: tuple(members) for key, members in grouped.items()}),
        )

    def items_for(self, dimension_id: str) -> tuple[Item, ...]:
        """The items of one dimension, in order; KeyError if the dimension is unknown."""
        try:
            return self._items_by_dimension[dimension_id]
        except KeyError:
            raise KeyError(
                f"{self.title} (version {self.version}) has no dimension {dimension_id!r}."
            ) from None

    def item(self, item_id: str) -> Item:
        """One item by id; KeyError if it is unknown."""
        try:
            return self._items_by_id[item_id]
        except KeyError:
            raise KeyError(
                f"{self.title} (version {self.version}) has no question {item_id!r}."
            ) from None

    def dimension(self, dimension_id: str) -> Dimension:
        """One dimension by id; KeyError if it is unknown."""
        try:
            return self._dimensions_by_id[dimension_id]
        except KeyError:
            raise KeyError(
                f"{self.title} (version {self.version}) has no dimension {dimension_id!r}."
            ) from None

    def has_item(self, item_id: str) -> bool:
        return item_id in self._items_by_id

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary for the API: ids, titles, item texts and scales."""
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "dimensions": [{"id": d.id, "title": d.title} for d in self.dimensions],
            "items": [
                {
                    "id": item.id,
                    "text": item.text,
                    "dimension": item.dimension,
                    "reverse": item.reverse,
                    "scale": {"min": item.scale.min, "max": item.scale.max},
                }
                for item in self.items
            ],
        }
