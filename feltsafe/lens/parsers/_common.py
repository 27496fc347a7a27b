"""Shared pieces of the chat parsers: size limits, invisible marks, and streaming line readers.

Every reader here yields ``(line_number, line)`` pairs, 1-based, with the line ending removed.
Line endings follow Python's universal-newline rule (``\\n``, ``\\r\\n`` and a lone ``\\r`` all
end a line), both for files and for pasted text, so both give the same lines. Other Unicode line
separators (U+2028, form feed, ...) stay inside the line, as they are part of a message.

Text must be UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from typing import IO

from feltsafe.lens.messages import ParseError

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Largest upload read, in bytes (a text export, a JSON export, or the .zip itself)."""
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024
"""Largest total of the declared uncompressed sizes of a .zip's entries (and of bytes read)."""
MAX_ZIP_ENTRIES = 1_000
"""Most entries a .zip may hold (a WhatsApp export holds the chat and its media files)."""
MAX_JSON_BYTES = 64 * 1024 * 1024
"""Largest Telegram JSON export; it is loaded whole, so it gets a tighter cap than text."""
MAX_LINE_BYTES = 4 * 1024 * 1024
"""Longest single line. WhatsApp caps a message at 65,536 characters; this is far above it."""

SNIFF_LINES = 50
"""How many leading lines format detection looks at."""

# Directional and other invisible format marks that exports sprinkle around names and dates:
# LRM, RLM, the Arabic letter mark, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI, and the BOM.
INVISIBLE_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
# Spaces that exports use inside timestamps ("9:05\u202fPM") and names ("~\u202fAlice").
ODD_SPACES = "\u00a0\u202f\u2007\u2009"

HEADER_TRANSLATION: dict[int, str | None] = {ord(c): None for c in INVISIBLE_MARKS}
HEADER_TRANSLATION.update({ord(c): " " for c in ODD_SPACES})
_ODD_CHARACTER = re.compile("[" + INVISIBLE_MARKS + ODD_SPACES + "]")

Lines = Iterator[tuple[int, str]]
LineSource = Callable[[], Lines]
"""A factory of fresh line iterators, so a parser can read the same input twice."""


def normalize_header(text: str) -> str:
    """Drop invisible marks and turn odd spaces into plain spaces (for names and timestamps)."""
    if text.isascii() or _ODD_CHARACTER.search(text) is None:
        return text  # the common case, and much faster than translate()
    return text.translate(HEADER_TRANSLATION)


def clean_name(name: str) -> str:
    """A sender name as shown: marks removed, odd spaces made plain, outer spaces trimmed."""
    return normalize_header(name).strip()


def strip_leading_marks(text: str) -> str:
    """Text without the invisible marks (and spaces) an export put in front of it."""
    return text.lstrip(INVISIBLE_MARKS + ODD_SPACES + " \t")


class _CountingReader(io.RawIOBase):
    """A raw byte stream over another stream that stops with ParseError past ``limit`` bytes.

    It also turns any error the inner stream raises (a damaged archive, a failed CRC check, an
    I/O error) into ParseError, so a caller only ever sees ParseError.
    """

    def __init__(self, inner: IO[bytes], limit: int, what: str, too_big: str) -> None:
        super().__init__()
        self._inner = inner
        self._limit = limit
        self._what = what
        self._too_big = too_big
        self._count = 0

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            super().close()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        want = max(1, min(len(buffer), self._limit + 1 - self._count))
        try:
            data = self._inner.read(want)
        except ParseError:
            raise
        except Exception as exc:  # the inner stream's own failures, whatever their type
            raise ParseError(f"The {self._what} could not be read ({type(exc).__name__}).") from exc
        self._count += len(data)
        if self._count > self._limit:
            raise ParseError(self._too_big)
        n = len(data)
        buffer[:n] = data
        return n


def open_limited(
    opener: Callable[[], IO[bytes]], limit: int, what: str, too_big: str | None = None
) -> io.BufferedReader:
    """Open a byte stream (through ``opener``), buffered and capped at ``limit`` bytes.

    ``what`` names the stream in error messages ("file", "chat inside the archive");
    ``too_big`` is the message for a stream that goes past ``limit``.
    """
    try:
        inner = opener()
    except ParseError:
        raise
    except Exception as exc:  # OSError, or an archive member that can't be opened
        raise ParseError(f"The {what} could not be opened ({type(exc).__name__}).") from exc
    if too_big is None:
        too_big = f"The {what} is larger than the {limit // (1024 * 1024)} MB limit."
    return io.BufferedReader(_CountingReader(inner, limit, what, too_big))


def _not_text(line: int | None) -> ParseError:
    return ParseError(
        "This is not readable text: exports must be UTF-8 (or UTF-16 with a byte-order mark).",
        line,
    )


def iter_binary_lines(buffered: io.BufferedReader) -> Lines:
    """Decode a byte stream line by line, never holding more than one line in memory."""
    head = buffered.peek(4)[:4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield from _utf16_lines(buffered)
        return
    if head.startswith(b"\xef\xbb\xbf"):
        buffered.read(3)
    lineno = 0
    while True:
        raw = buffered.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_LINE_BYTES:
            raise ParseError("A line is too long to be part of a chat export.", lineno + 1)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _not_text(lineno + 1) from None
        if text.endswith("\n"):
            text = text[:-1]
        if text.endswith("\r"):
            text = text[:-1]
        if "\r" in text:
            for part in text.split("\r"):
                lineno += 1
                yield lineno, part
        else:
            lineno += 1
            yield lineno, text


def _utf16_lines(buffered: io.BufferedReader) -> Lines:
    # The utf-16 codec reads the byte-order mark and picks the byte order. Decoding runs in
    # chunks here, so the line number of a decoding error is approximate.
    wrapper = io.TextIOWrapper(buffered, encoding="utf-16", errors="strict", newline=None)
    lineno = 0
    while True:
        try:
            text = wrapper.readline(MAX_LINE_BYTES + 1)
        except UnicodeError:
            raise _not_text(lineno + 1) from None
        if not text:
            return
        if len(text) > MAX_LINE_BYTES:
            raise ParseError("A line is too long to be part of a chat export.", lineno + 1)
        lineno += 1
        yield lineno, text.removesuffix("\n")


def file_lines(
    opener: Callable[[], IO[bytes]], limit: int, what: str, too_big: str | None = None
) -> LineSource:
    """A :data:`LineSource` that opens and decodes the stream afresh on every call."""

    def lines() -> Lines:
        with open_limited(opener, limit, what, too_big) as buffered:
            yield from iter_binary_lines(buffered)

    return lines


def text_lines(text: str) -> LineSource:
    """A :data:`LineSource` over pasted text, split the same way files are."""
    if len(text) > MAX_FILE_BYTES:
        raise ParseError("The text is larger than the upload limit.")
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    parts = text.split("\n")
    if parts and parts[-1] == "":
        parts.pop()  # a final line ending does not start another (empty) line

    def lines() -> Lines:
        return enumerate(parts, start=1)

    return lines


def decode_document(data: bytes) -> str:
    """Decode a whole document (used for JSON): UTF-8, UTF-8 with BOM, or UTF-16 with BOM."""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1 if exc.encoding.startswith("utf-8") else None
        raise _not_text(line) from None


def first_nonblank(lines: Lines) -> tuple[int, str] | None:
    """The first line that is not blank (ignoring invisible marks), or None."""
    for lineno, line in lines:
        if strip_leading_marks(line).strip():
            return lineno, line
    return None
