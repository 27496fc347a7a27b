"""Load instruments from versioned TOML files: `data/<instrument_id>/<version>.toml`.

Loading by id alone gives the newest version (versions compare as numbers, so 1.10 is newer
than 1.9); loading by id and version gives exactly that one, so a saved response can always be
read against the wording it was answered on. Parsed instruments are cached: they are immutable.
"""

from __future__ import annotations

import re
import threading
import tomllib
from pathlib import Path
from typing import Any

from feltsafe.instruments.model import (
    Dimension,
    Instrument,
    InstrumentFormatError,
    InstrumentNotFound,
    Item,
    Scale,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

_ID = re.compile(r"[a-z][a-z0-9_]*")
_VERSION = re.compile(r"\d+(?:\.\d+)*")


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


class InstrumentLibrary:
    """The instruments stored under one folder (the package's own `data/` by default)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[tuple[str, str], Instrument] = {}
        self._lock = threading.Lock()

    def available(self) -> list[str]:
        """Ids of the instruments that have at least one version, sorted."""
        if not self.root.is_dir():
            return []
        return sorted(
            path.name
            for path in self.root.iterdir()
            if path.is_dir() and _ID.fullmatch(path.name) and self._versions_in(path)
        )

    def versions(self, instrument_id: str) -> list[str]:
        """Versions of one instrument, oldest first; InstrumentNotFound if there are none."""
        folder = self.root / instrument_id
        versions = self._versions_in(folder) if _ID.fullmatch(instrument_id) else []
        if not versions:
            known = ", ".join(self.available()) or "none"
            raise InstrumentNotFound(
                f"There is no instrument called {instrument_id!r}. Available instruments: {known}."
            )
        return versions

    def load(self, instrument_id: str, version: str | None = None) -> Instrument:
        versions = self.versions(instrument_id)
        if version is None:
            version = versions[-1]
        elif version not in versions:
            raise InstrumentNotFound(
                f"The instrument {instrument_id!r} has no version {version!r}. "
                f"Available versions: {', '.join(versions)}."
            )
        key = (instrument_id, version)
        with self._lock:
            cached = self._cache.get(key)
            if cached is None:
                cached = self._parse_file(instrument_id, version)
                self._cache[key] = cached
        return cached

    def _versions_in(self, folder: Path) -> list[str]:
        if not folder.is_dir():
            return []
        found = [
            path.stem
            for path in folder.glob("*.toml")
            if path.is_file() and _VERSION.fullmatch(path.stem)
        ]
        return sorted(found, key=_version_key)

    def _parse_file(self, instrument_id: str, version: str) -> Instrument:
        path = self.root / instrument_id / f"{version}.toml"
        try:
            with path.open("rb") as handle:
                data = tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise InstrumentFormatError(f"{path} is not valid TOML: {exc}") from exc
        instrument = parse_instrument(data, source=str(path))
        if (instrument.id, instrument.version) != (instrument_id, version):
            raise InstrumentFormatError(
                f"{path} says it is {instrument.id!r} version {instrument.version!r}; "
                f"its file name says {instrument_id!r} version {version!r}."
            )
        return instrument


def parse_instrument(data: dict[str, Any], source: str = "instrument") -> Instrument:
    """Build an Instrument from parsed TOML; InstrumentFormatError names what is wrong."""
    scale = _parse_scale(_table(data, "scale", source), f"{source} [scale]")
    dimensions = []
    for index, table in enumerate(_tables(data, "dimensions", source)):
        where = f"{source} dimensions[{index}]"
        dimensions.append(
            Dimension(
                id=_str(table, "id", where),
                title=_str(table, "title", where),
                description=_str(table, "description", where),
            )
        )
    items = []
    for index, table in enumerate(_tables(data, "items", source)):
        where = f"{source} items[{index}]"
        item_scale = (
            _parse_scale(_table(table, "scale", where), f"{where}.scale")
            if "scale" in table
            else scale
        )
        reverse = table.get("reverse", False)
        if not isinstance(reverse, bool):
            raise InstrumentFormatError(f"In {where}, 'reverse' must be true or false.")
        items.append(
            Item(
                id=_str(table, "id", where),
                text=_str(table, "text", where),
                dimension=_str(table, "dimension", where),
                reverse=reverse,
                scale=item_scale,
            )
        )
    instrument_id = _str(data, "id", source)
    version = _str(data, "version", source)
    if not _ID.fullmatch(instrument_id):
        raise InstrumentFormatError(f"In {source}, {instrument_id!r} is not a valid instrument id.")
    if not _VERSION.fullmatch(version):
        raise InstrumentFormatError(f"In {source}, {version!r} is not a valid version number.")
    return Instrument(
        id=instrument_id,
        version=version,
        title=_str(data, "title", source),
        description=_str(data, "description", source),
        content_note=_str(data, "content_note", source),
        disclaimer=_str(data, "disclaimer", source),
        scale=scale,
        dimensions=tuple(dimensions),
        items=tuple(items),
    )


def _parse_scale(table: dict[str, Any], where: str) -> Scale:
    low, high = table.get("min"), table.get("max")
    labels = table.get("labels")
    if type(low) is not int or type(high) is not int:
        raise InstrumentFormatError(f"In {where}, 'min' and 'max' must be whole numbers.")
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise InstrumentFormatError(f"In {where}, 'labels' must be a list of text.")
    return Scale(min=low, max=high, labels=tuple(labels))


def _str(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InstrumentFormatError(f"In {where}, {key!r} must be non-empty text.")
    return value.strip()


def _table(table: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = table.get(key)
    if not isinstance(value, dict):
        raise InstrumentFormatError(f"In {where}, [{key}] must be a table.")
    return value


def _tables(table: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    value = table.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise InstrumentFormatError(f"In {where}, [[{key}]] must be a non-empty list of tables.")
    return value


_LIBRARY = InstrumentLibrary(DATA_DIR)


def available_instruments() -> list[str]:
    """Ids of the instruments shipped with feltsafe, sorted."""
    return _LIBRARY.available()


def available_versions(instrument_id: str) -> list[str]:
    """Versions of one shipped instrument, oldest first; InstrumentNotFound if unknown."""
    return _LIBRARY.versions(instrument_id)


def load_instrument(instrument_id: str, version: str | None = None) -> Instrument:
    """The newest version of an instrument, or exactly `version`; InstrumentNotFound if absent."""
    return _LIBRARY.load(instrument_id, version)
