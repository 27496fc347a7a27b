"""CSV chats: a header row naming ``sender``, ``timestamp`` and ``text`` columns, then one row
per message.

* Header names are matched case-insensitively, ignoring surrounding spaces; other columns are
  ignored, except an optional ``kind`` column (``text``, ``media`` or ``deleted``; empty means
  ``text``). Blank lines before the header and between rows are skipped.
* ``timestamp`` is ISO 8601 (``2024-01-31T21:05:09``, ``2024-01-31 21:05``, with or without an
  offset or ``Z``) or empty. A timestamp without an offset is labelled with the caller's ``tz``
  (UTC by default); empty gives ``time=None``.
* Quoted fields may span lines and hold commas and quotes (RFC 4180 quoting). Line breaks inside
  a field come back as ``"\\n"`` whatever the file used.
* The file is read through :mod:`csv` as a stream. Any malformed row (bad quoting, a different
  number of fields than the header, an empty sender, a bad timestamp or kind) is a ParseError
  naming the line where that row starts.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime, tzinfo

from feltsafe.lens.messages import MESSAGE_KINDS, Message, MessageKind, ParseError
from feltsafe.lens.parsers._common import Lines, LineSource

REQUIRED_COLUMNS = ("sender", "timestamp", "text")


def header_columns(line: str) -> dict[str, int] | None:
    """Column positions if ``line`` is a valid header row, else None."""
    try:
        row = next(csv.reader([line], strict=True), [])
    except csv.Error:
        return None
    return _columns(row)


def _columns(row: list[str]) -> dict[str, int] | None:
    names = [name.strip().lstrip("\ufeff").casefold() for name in row]
    if not all(column in names for column in REQUIRED_COLUMNS):
        return None
    wanted = (*REQUIRED_COLUMNS, "kind")
    return {name: names.index(name) for name in wanted if name in names}


def is_csv_header(line: str) -> bool:
    return header_columns(line) is not None


class _Feed:
    """Feeds lines (with their line ending restored) to :mod:`csv` and tracks line numbers."""

    def __init__(self, lines: Lines) -> None:
        self._lines = lines
        self.lineno = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        self.lineno, line = next(self._lines)
        return line + "\n"


def parse_csv(source: LineSource, *, tz: tzinfo) -> Iterator[Message]:
    """Messages from a CSV chat, streamed row by row."""
    return _parse(source, tz)


def _timestamp(value: str, tz: tzinfo, line: int) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ParseError("This row's timestamp is not an ISO 8601 date and time.", line) from None
    return parsed if parsed.utcoffset() is not None else parsed.replace(tzinfo=tz)


def _parse(source: LineSource, tz: tzinfo) -> Iterator[Message]:
    feed = _Feed(source())
    reader = csv.reader(feed, strict=True)
    columns: dict[str, int] | None = None
    width = 0
    while True:
        start = feed.lineno + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:
            raise ParseError("This row is not valid CSV (check its quotes).", start) from None
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # blank line
        if columns is None:
            columns = _columns(row)
            if columns is None:
                raise ParseError(
                    "A CSV chat needs a header row with sender, timestamp and text columns.",
                    start,
                )
            width = len(row)
            continue
        if len(row) != width:
            raise ParseError(f"This row has {len(row)} fields but the header has {width}.", start)
        sender = row[columns["sender"]].strip()
        if not sender:
            raise ParseError("This row has no sender.", start)
        kind_value = row[columns["kind"]].strip().casefold() if "kind" in columns else ""
        if kind_value and kind_value not in MESSAGE_KINDS:
            raise ParseError("This row's kind is not text, media or deleted.", start)
        kind: MessageKind = kind_value or "text"
        time = _timestamp(row[columns["timestamp"]], tz, start)
        yield Message(sender, time, row[columns["text"]], kind, start)
    if columns is None:
        raise ParseError("A CSV chat needs a header row with sender, timestamp and text columns.")
