"""Answer sets used across the tests."""

from __future__ import annotations

PASSWORD = "a long and quiet passphrase"


def answers_at(instrument, level: int) -> dict[str, int]:
    """Every item answered with the raw scale value `level`."""
    return {item.id: level for item in instrument.items}


def safest_answers(instrument) -> dict[str, int]:
    """The answers that score 100 everywhere once reverse keying is applied."""
    return {
        item.id: (item.scale.min if item.reverse else item.scale.max) for item in instrument.items
    }
