"""Chat-export parsers for the conversation lens: files in, :class:`Message` objects out.

Formats (:data:`ChatFormat`), each documented in its module:

* ``"whatsapp"``: WhatsApp "Export chat" text from Android or iOS in any locale's date layout,
  as a ``.txt`` or as the ``.zip`` holding ``_chat.txt`` (:mod:`.whatsapp`, :mod:`._zip`);
* ``"telegram"``: Telegram Desktop's ``result.json``, one chat or a whole account
  (:mod:`.telegram`);
* ``"transcript"``: ``Name: text`` lines, optionally timestamped (:mod:`.transcript`);
* ``"csv"``: ``sender,timestamp,text`` with a header row (:mod:`.csvchat`).

Use :func:`iter_messages` for uploaded files (it streams: text and CSV files are read line by
line, never whole; a WhatsApp file is read twice, once to decide its date order and once to
parse it; Telegram JSON is loaded whole, within :data:`MAX_JSON_BYTES`), and
:func:`parse_text` for a pasted conversation.

Uploads are untrusted (SECURITY.md item 30): whatever the bytes, these functions either return
messages or raise :class:`~feltsafe.lens.messages.ParseError`, whose text never quotes the chat.
The extension and the content must agree: a ``.zip`` must start with ``PK\\x03\\x04``, a
``.json`` must be JSON (and only a Telegram export is accepted there), a ``.csv`` must have the
CSV header, and a zip archive under another name is refused. Text is UTF-8 (a byte-order mark
is allowed) or UTF-16 with a byte-order mark. Files are never written anywhere.

Times are timezone-aware: exports that only record wall-clock time are labelled with ``tz``
(UTC unless the caller passes the person's zone); see :mod:`feltsafe.lens.messages`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Any, Literal, get_args

from feltsafe.lens.messages import Message, ParseError
from feltsafe.lens.parsers._common import (
    MAX_FILE_BYTES,
    MAX_JSON_BYTES,
    MAX_ZIP_ENTRIES,
    MAX_ZIP_UNCOMPRESSED,
    LineSource,
    decode_document,
    file_lines,
    first_nonblank,
    open_limited,
    text_lines,
)
from feltsafe.lens.parsers._zip import check_chat_zip, is_zip_magic, zip_chat_lines
from feltsafe.lens.parsers.csvchat import is_csv_header, parse_csv
from feltsafe.lens.parsers.telegram import is_telegram, load_json, parse_telegram
from feltsafe.lens.parsers.transcript import is_transcript_line, parse_transcript
from feltsafe.lens.parsers.whatsapp import is_whatsapp_line, parse_whatsapp

__all__ = [
    "CHAT_FORMATS",
    "MAX_FILE_BYTES",
    "MAX_JSON_BYTES",
    "MAX_ZIP_ENTRIES",
    "MAX_ZIP_UNCOMPRESSED",
    "ChatFormat",
    "Message",
    "ParseError",
    "detect_format",
    "iter_messages",
    "parse_text",
]

ChatFormat = Literal["whatsapp", "telegram", "transcript", "csv"]
CHAT_FORMATS: tuple[ChatFormat, ...] = get_args(ChatFormat)

_UNRECOGNISED = (
    "This chat format was not recognised. Expected a WhatsApp export, a Telegram result.json, "
    'a "Name: text" transcript, or a CSV file with sender, timestamp and text columns.'
)
_CSV_HEADER_NEEDED = "A CSV chat needs a header row with sender, timestamp and text columns."


def _check_file(path: Path) -> None:
    try:
        info = path.stat()
    except OSError as exc:
        raise ParseError(f"The file could not be opened ({type(exc).__name__}).") from exc
    if not stat.S_ISREG(info.st_mode):
        raise ParseError("This is not a regular file.")
    if info.st_size > MAX_FILE_BYTES:
        raise ParseError(f"The file is larger than the {MAX_FILE_BYTES // (1024 * 1024)} MB limit.")
    if info.st_size == 0:
        raise ParseError("The file is empty.")


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(4)
    except OSError as exc:
        raise ParseError(f"The file could not be opened ({type(exc).__name__}).") from exc


def _path_lines(path: Path) -> LineSource:
    return file_lines(lambda: path.open("rb"), MAX_FILE_BYTES, "file")


def _load_json_file(path: Path) -> Any:
    with open_limited(
        lambda: path.open("rb"),
        MAX_JSON_BYTES,
        "file",
        f"A JSON export may be at most {MAX_JSON_BYTES // (1024 * 1024)} MB.",
    ) as buffered:
        data = buffered.read()
    return load_json(decode_document(data))


def _sniff(source: LineSource, suffix: str) -> ChatFormat:
    """Decide among the line-based formats from the first non-blank line."""
    lines = source()
    try:
        first = first_nonblank(lines)
    finally:
        close = getattr(lines, "close", None)
        if close is not None:
            close()
    if first is None:
        raise ParseError("There is no text in this chat.")
    lineno, line = first
    if is_csv_header(line):
        return "csv"
    if suffix == ".csv":
        raise ParseError(_CSV_HEADER_NEEDED, lineno)
    if is_whatsapp_line(line):
        return "whatsapp"
    if is_transcript_line(line):
        return "transcript"
    raise ParseError(_UNRECOGNISED, lineno)


def detect_format(path: Path | str | os.PathLike[str]) -> ChatFormat:
    """Which chat format the file at ``path`` holds; ParseError if none (or a mismatch).

    A zip archive (by its magic bytes) is a WhatsApp export and must be named ``.zip`` (or have
    no extension) and hold one chat text; a ``.json`` file must be a Telegram export; otherwise
    the first non-blank line decides: a CSV header, a WhatsApp timestamp, or ``Name: text``.
    """
    path = Path(path)
    _check_file(path)
    suffix = path.suffix.lower()
    if is_zip_magic(_head(path)):
        if suffix not in (".zip", ""):
            raise ParseError("This file is a zip archive but its name does not end in .zip.")
        check_chat_zip(path)
        return "whatsapp"
    if suffix == ".zip":
        raise ParseError("This file is named .zip but is not a zip archive.")
    if suffix == ".json":
        if is_telegram(_load_json_file(path)):
            return "telegram"
        raise ParseError('This JSON is not a Telegram export: it has no "messages" list.')
    return _sniff(_path_lines(path), suffix)


def _check_consistent(path: Path, fmt: ChatFormat) -> bool:
    """Check an explicitly chosen format against the file; return whether it is a zip."""
    _check_file(path)
    suffix = path.suffix.lower()
    zipped = is_zip_magic(_head(path))
    if zipped and fmt != "whatsapp":
        raise ParseError("This file is a zip archive; only WhatsApp exports come zipped.")
    if zipped and suffix not in (".zip", ""):
        raise ParseError("This file is a zip archive but its name does not end in .zip.")
    if suffix == ".zip" and not zipped:
        raise ParseError("This file is named .zip but is not a zip archive.")
    if suffix == ".json" and fmt != "telegram":
        raise ParseError("A .json file can only be a Telegram export.")
    if suffix == ".csv" and fmt != "csv":
        raise ParseError("A .csv file can only be read as a CSV chat.")
    return zipped


def _check_fmt(fmt: str) -> None:
    if fmt != "auto" and fmt not in CHAT_FORMATS:
        raise ValueError(f"Unknown chat format {fmt!r}; use one of {', '.join(CHAT_FORMATS)}.")


def _parse_lines(source: LineSource, fmt: ChatFormat, tz: tzinfo) -> Iterator[Message]:
    if fmt == "whatsapp":
        return parse_whatsapp(source, tz=tz)
    if fmt == "transcript":
        return parse_transcript(source, tz=tz)
    if fmt == "csv":
        return parse_csv(source, tz=tz)
    raise ValueError(f"{fmt} is not a line-based format.")


def iter_messages(
    path: Path | str | os.PathLike[str],
    fmt: ChatFormat | Literal["auto"] = "auto",
    *,
    tz: tzinfo = UTC,
) -> Iterator[Message]:
    """Stream the messages of the chat export at ``path``.

    ``fmt="auto"`` runs :func:`detect_format` first. Checks of the file as a whole (size,
    magic bytes, the zip's entries, a WhatsApp file's date order, Telegram's JSON) run before
    this returns; problems found further in raise ParseError while iterating. ``tz`` labels
    wall-clock times (see the package notes). An unknown ``fmt`` is a ValueError.
    """
    _check_fmt(fmt)
    path = Path(path)
    if fmt == "auto":
        fmt = detect_format(path)
        zipped = fmt == "whatsapp" and is_zip_magic(_head(path))
    else:
        zipped = _check_consistent(path, fmt)
    if fmt == "telegram":
        return parse_telegram(_load_json_file(path), tz=tz)
    source = zip_chat_lines(path) if zipped else _path_lines(path)
    return _parse_lines(source, fmt, tz)


def parse_text(
    text: str,
    fmt: ChatFormat | Literal["auto"] = "auto",
    *,
    tz: tzinfo = UTC,
) -> list[Message]:
    """Parse a pasted conversation.

    ``fmt="auto"`` chooses among WhatsApp, transcript and CSV from the first non-blank line;
    pass ``fmt="telegram"`` for pasted Telegram JSON. Raises ParseError like
    :func:`iter_messages`.
    """
    _check_fmt(fmt)
    if fmt == "telegram":
        if len(text) > MAX_JSON_BYTES:
            raise ParseError("The text is larger than the JSON limit.")
        return list(parse_telegram(load_json(text.removeprefix("\ufeff")), tz=tz))
    source = text_lines(text)
    if fmt == "auto":
        fmt = _sniff(source, "")
    return list(_parse_lines(source, fmt, tz))
