"""Test helpers: render messages the way each app exports them, and build archives in memory.

The renderers are the test's model of each export format; the parsers must read back what
these write.
"""

from __future__ import annotations

import csv
import io
import json
import stat
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

NNBSP = "\u202f"
LRM = "\u200e"


def _h12(dt: datetime) -> int:
    return dt.hour % 12 or 12


def _ap(dt: datetime) -> str:
    return "AM" if dt.hour < 12 else "PM"


# One function per locale pattern: the timestamp part of a WhatsApp message line, up to the
# sender's name. ``seconds`` says whether the pattern keeps seconds.
WHATSAPP_PATTERNS: dict[str, tuple[Callable[[datetime], str], bool]] = {
    # Android, en_US 12-hour: "1/31/24, 9:05 PM - "
    "android_en_US": (
        lambda d: f"{d.month}/{d.day}/{d:%y}, {_h12(d)}:{d:%M} {_ap(d)} - ",
        False,
    ),
    # Android, recent en_US with U+202F before PM: "1/31/24, 9:05\u202fPM - "
    "android_en_US_nnbsp": (
        lambda d: f"{d.month}/{d.day}/{d:%y}, {_h12(d)}:{d:%M}{NNBSP}{_ap(d)} - ",
        False,
    ),
    # Android, en_GB: "31/01/2024, 21:05 - "
    "android_en_GB": (lambda d: f"{d:%d/%m/%Y, %H:%M} - ", False),
    # Android, de: "31.01.24, 21:05 - "
    "android_de": (lambda d: f"{d:%d.%m.%y, %H:%M} - ", False),
    # Android, nl: "31-01-2024 21:05 - " (no comma)
    "android_nl": (lambda d: f"{d.day}-{d.month}-{d:%Y %H:%M} - ", False),
    # Android, es: "31/1/24, 9:05 p. m. - "
    "android_es": (
        lambda d: (
            f"{d.day}/{d.month}/{d:%y}, {_h12(d)}:{d:%M} {'a. m.' if d.hour < 12 else 'p. m.'} - "
        ),
        False,
    ),
    # Android, year-first (sv, ISO): "2024-01-31 21:05 - "
    "android_year_first": (lambda d: f"{d:%Y-%m-%d %H:%M} - ", False),
    # iOS, en_GB: "[31/01/2024, 21:05:09] "
    "ios_en_GB": (lambda d: f"[{d:%d/%m/%Y, %H:%M:%S}] ", True),
    # iOS, en_US with U+202F: "[1/31/24, 9:05:09\u202fPM] "
    "ios_en_US": (
        lambda d: f"[{d.month}/{d.day}/{d:%y}, {_h12(d)}:{d:%M:%S}{NNBSP}{_ap(d)}] ",
        True,
    ),
    # iOS, de: "[31.01.24, 21:05:09] "
    "ios_de": (lambda d: f"[{d:%d.%m.%y, %H:%M:%S}] ", True),
    # iOS, year-first: "[2024-01-31, 21:05:09] "
    "ios_year_first": (lambda d: f"[{d:%Y-%m-%d, %H:%M:%S}] ", True),
}


def whatsapp_line(pattern: str, when: datetime, sender: str, text: str) -> str:
    stamp, _ = WHATSAPP_PATTERNS[pattern]
    return f"{stamp(when)}{sender}: {text}\n"


def render_whatsapp(pattern: str, messages: Sequence[tuple[str, datetime, str]]) -> str:
    return "".join(whatsapp_line(pattern, when, sender, text) for sender, when, text in messages)


def render_transcript(messages: Sequence[tuple[str, str, str]]) -> str:
    """``(stamp_prefix, sender, text)`` triples as ``stamp Name: text`` lines."""
    return "".join(f"{stamp}{sender}: {text}\n" for stamp, sender, text in messages)


def render_csv(
    rows: Sequence[Sequence[str]], header: Sequence[str] = ("sender", "timestamp", "text")
) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def telegram_text(parts: Sequence[str | dict[str, str]]) -> str | list[str | dict[str, str]]:
    return parts[0] if len(parts) == 1 and isinstance(parts[0], str) else list(parts)


def telegram_message(
    index: int,
    sender: str | None,
    when: datetime,
    text: str | list[str | dict[str, str]],
    *,
    unixtime: bool = True,
    **extra: object,
) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": index,
        "type": "message",
        "date": when.replace(tzinfo=None).isoformat(),
        "from": sender,
        "from_id": f"user{abs(hash(sender)) % 1000}",
        "text": text,
    }
    if unixtime:
        entry["date_unixtime"] = str(int(when.timestamp()))
    entry.update(extra)
    return entry


def telegram_service(index: int, when: datetime) -> dict[str, object]:
    return {
        "id": index,
        "type": "service",
        "date": when.replace(tzinfo=None).isoformat(),
        "date_unixtime": str(int(when.timestamp())),
        "actor": "Alice",
        "actor_id": "user1",
        "action": "pin_message",
        "message_id": 1,
        "text": "",
    }


def render_telegram(messages: list[dict[str, object]], name: str = "Alice") -> str:
    return json.dumps(
        {"name": name, "type": "personal_chat", "id": 42, "messages": messages},
        ensure_ascii=False,
        indent=1,
    )


def build_zip(
    entries: Sequence[tuple[str | zipfile.ZipInfo, bytes]],
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def symlink_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # Unix
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def patch_central_directory(data: bytes, name: str, *, offset: int, value: bytes) -> bytes:
    """Overwrite a field of ``name``'s central-directory record (to forge a lying archive)."""
    raw = bytearray(data)
    at = 0
    while True:
        at = raw.find(b"PK\x01\x02", at)
        assert at >= 0, f"{name} not in the central directory"
        name_len = int.from_bytes(raw[at + 28 : at + 30], "little")
        if bytes(raw[at + 46 : at + 46 + name_len]) == name.encode():
            raw[at + offset : at + offset + len(value)] = value
            return bytes(raw)
        at += 4


def write(path: Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    if isinstance(data, str):
        data = data.encode(encoding)
    path.write_bytes(data)
    return path
