"""Crisis and domestic-abuse resources per country, from `data/resources/<CC>.toml`.

`load_directory("GB")` gives the United Kingdom's list; an unknown country, or none, gives the
international fallback (`INT`), never an error: a person in crisis must always see something.
A practice's own local services are appended with `extra`. The files are data, reviewed by
hand (see `data/resources/README.md`): check every number before deployment.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "CHANNEL_KINDS",
    "RESOURCE_KINDS",
    "Channel",
    "Resource",
    "ResourceDirectory",
    "available_countries",
    "load_directory",
    "resource_from_dict",
]

RESOURCES_DIR = Path(__file__).resolve().parent / "data" / "resources"
FALLBACK = "INT"
CHANNEL_KINDS = ("call", "text", "chat", "tty", "web")
RESOURCE_KINDS = ("crisis", "abuse", "emergency", "local")
# Common names people type for a country whose file has another code.
_ALIASES = {"UK": "GB", "EN": "GB", "USA": "US", "AUS": "AU", "CAN": "CA", "IRL": "IE"}
_RESOURCE_KEYS = {"name", "description", "kind", "channels", "hours", "free"}
_CHANNEL_KEYS = {"kind", "value", "note"}
_DIRECTORY_KEYS = {
    "country",
    "country_name",
    "emergency",
    "last_reviewed",
    "confidentiality_note",
    "crisis",
    "abuse",
    "local",
}


@dataclass(frozen=True)
class Channel:
    """One way to reach a service: `kind` is call, text, chat, tty or web."""

    kind: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Resource:
    """A service: `kind` is "crisis", "abuse", "emergency" or "local"."""

    name: str
    description: str
    kind: str
    channels: tuple[Channel, ...]
    hours: str
    free: bool


@dataclass(frozen=True)
class ResourceDirectory:
    """Everything a person in one country needs to reach help."""

    country: str
    country_name: str
    emergency: str
    crisis: tuple[Resource, ...]
    abuse: tuple[Resource, ...]
    local: tuple[Resource, ...]
    confidentiality_note: str
    last_reviewed: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (the API and exports use this)."""

        def resource(r: Resource) -> dict[str, Any]:
            return {
                "name": r.name,
                "description": r.description,
                "kind": r.kind,
                "channels": [
                    {"kind": c.kind, "value": c.value, "note": c.note} for c in r.channels
                ],
                "hours": r.hours,
                "free": r.free,
            }

        return {
            "country": self.country,
            "country_name": self.country_name,
            "emergency": self.emergency,
            "crisis": [resource(r) for r in self.crisis],
            "abuse": [resource(r) for r in self.abuse],
            "local": [resource(r) for r in self.local],
            "confidentiality_note": self.confidentiality_note,
            "last_reviewed": self.last_reviewed,
        }


def _text(data: Mapping[str, object], key: str, where: str, *, required: bool = True) -> str:
    value = data.get(key, None if required else "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValueError(f"{where}: '{key}' must be a non-empty string, got {value!r}.")
    return value.strip()


def _channel(data: object, where: str) -> Channel:
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: each channel must be a table with kind and value.")
    unknown = set(data) - _CHANNEL_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown channel key(s) {sorted(unknown)}.")
    kind = _text(data, "kind", where)
    if kind not in CHANNEL_KINDS:
        raise ValueError(
            f"{where}: channel kind {kind!r} is not one of {', '.join(CHANNEL_KINDS)}."
        )
    return Channel(
        kind=kind,
        value=_text(data, "value", where),
        note=_text(data, "note", where, required=False),
    )


def resource_from_dict(data: Mapping[str, object]) -> Resource:
    """Build a Resource from plain data, or raise ValueError saying what is wrong.

    Keys: name, description, channels (each with kind and value, optional note), optional
    kind (default "local"), hours (default "") and free (default False: never claim a line is
    free unless the data says so). Unknown keys are refused, so a typo cannot hide a line.
    """
    if not isinstance(data, Mapping):
        raise ValueError(
            f"A resource must be a table of keys and values, got {type(data).__name__}."
        )
    name = data.get("name")
    where = f"Resource {name!r}" if isinstance(name, str) and name else "A resource"
    unknown = set(data) - _RESOURCE_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {sorted(unknown)}.")
    kind = _text(data, "kind", where) if "kind" in data else "local"
    if kind not in RESOURCE_KINDS:
        raise ValueError(f"{where}: kind {kind!r} is not one of {', '.join(RESOURCE_KINDS)}.")
    channels = data.get("channels")
    if not isinstance(channels, Sequence) or isinstance(channels, str) or not channels:
        raise ValueError(f"{where}: 'channels' must list at least one way to reach the service.")
    free = data.get("free", False)
    if not isinstance(free, bool):
        raise ValueError(f"{where}: 'free' must be true or false, got {free!r}.")
    return Resource(
        name=_text(data, "name", where),
        description=_text(data, "description", where),
        kind=kind,
        channels=tuple(_channel(c, where) for c in channels),
        hours=_text(data, "hours", where, required=False),
        free=free,
    )


def _code(country: str | None) -> str:
    code = (country or "").strip().upper()
    return _ALIASES.get(code, code)


def _file_for(code: str) -> Path | None:
    if not code.isalpha() or not 2 <= len(code) <= 3:
        return None
    path = RESOURCES_DIR / f"{code}.toml"
    return path if path.is_file() else None


@cache
def _shared() -> Mapping[str, Any]:
    with (RESOURCES_DIR / "shared.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def _load(code: str) -> ResourceDirectory:
    path = _file_for(code)
    if path is None:
        raise ValueError(f"There is no resource file for {code!r}.")
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    where = path.name
    unknown = set(data) - _DIRECTORY_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {sorted(unknown)}.")
    if data.get("country") != code:
        raise ValueError(f"{where}: 'country' must be {code!r}.")

    def group(key: str) -> tuple[Resource, ...]:
        entries = data.get(key, [])
        if not isinstance(entries, list):
            raise ValueError(f"{where}: '{key}' must be a list of [[{key}]] tables.")
        return tuple(resource_from_dict({**entry, "kind": key}) for entry in entries)

    note = data.get("confidentiality_note", _shared()["confidentiality_note"])
    return ResourceDirectory(
        country=code,
        country_name=_text(data, "country_name", where),
        emergency=_text(data, "emergency", where),
        crisis=group("crisis"),
        abuse=group("abuse"),
        local=group("local"),
        confidentiality_note=" ".join(str(note).split()),
        last_reviewed=_text(data, "last_reviewed", where),
    )


def available_countries() -> list[tuple[str, str]]:
    """(code, name) of every country with its own list, by name, then the international one."""
    codes = [p.stem for p in RESOURCES_DIR.glob("*.toml") if p.stem.isupper()]
    named = sorted(
        ((code, _load(code).country_name) for code in codes if code != FALLBACK),
        key=lambda pair: pair[1],
    )
    return [*named, (FALLBACK, _load(FALLBACK).country_name)]


def load_directory(country: str | None, extra: Sequence[Resource] = ()) -> ResourceDirectory:
    """The directory for `country` (a code such as "GB"; "UK" also works).

    An unknown country or None gives the international fallback. `extra` are a practice's own
    local services: they are appended after any local entries in the file, as kind "local".
    """
    code = _code(country)
    directory = _load(code if _file_for(code) else FALLBACK)
    if not extra:
        return directory
    added = tuple(r if r.kind == "local" else replace(r, kind="local") for r in extra)
    return replace(directory, local=directory.local + added)
