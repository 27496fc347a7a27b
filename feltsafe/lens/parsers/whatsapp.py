"""WhatsApp chat exports ("Export chat" on Android and iOS), in any locale's date layout.

A message starts with a line that carries a timestamp, in one of two shapes::

    31/01/2024, 21:05 - Alice: text            Android ("dashed"); the comma is optional
    [31/01/2024, 21:05:09] Alice: text         iOS ("bracketed")

The date is day-month-year, month-day-year or year-month-day, separated by ``/``, ``.`` or
``-`` (optionally followed by a space, as in ``2024. 01. 31.``), with a 2- or 4-digit year
(2-digit years are 20xx). The time is 24-hour or 12-hour (``PM``, ``pm``, ``p.m.``, ``p. m.``),
with or without seconds, and ``:`` or ``.`` between its parts. Invisible marks (LRM, RLM,
isolates, the BOM) are ignored in the timestamp and the name, and U+202F / U+00A0 count as
spaces there, as recent iOS and Android exports put U+202F before AM/PM.

**Date order.** Day-first and month-first can't be told apart from a line like ``1/2/24``, so the
whole file is read once to decide (a first streaming pass that stops at the first date whose
first field is above 12, meaning day-first, or whose second field is above 12, meaning
month-first), then parsed in a second pass. If no date in the file decides, day-first is
assumed, since most locales write the day first. A date that contradicts the order decided
(``1/31/24`` in a day-first file) is a ParseError.

**Times** carry no zone in these exports: they are the exporting phone's wall clock, labelled
with the ``tz`` the caller passes (UTC by default), not shifted.

**Lines.** Lines without a timestamp continue the message above, joined with ``"\\n"``; blank
lines at the end of a message are dropped (WhatsApp trims them on send). A timestamped line
without ``Name: `` is a system notice ("Messages and calls are end-to-end encrypted", "Alice
added Bob") and is dropped with its continuation lines, as are English notices that do contain a
colon (``Alice changed the subject from "a" to "b: c"``) and iOS notices that WhatsApp files
under a sender with a leading LRM (``Alice: \\u200eSecurity code changed``). Missed-call notices
are dropped too.

**Placeholders.** Media placeholders become kind ``"media"`` (``<Media omitted>``, ``image
omitted``, ``<attached: 00000012-PHOTO-....jpg>``, ``IMG-....jpg (file attached)``...) and
deleted-message placeholders kind ``"deleted"``; English is covered fully, several other
languages partly; an unknown language's placeholder stays an ordinary text message. A leading
LRM does not hide a placeholder. Text messages keep their body exactly, invisible marks
included.

**Limits.** A continuation line that itself looks exactly like a timestamped header cannot be
told apart from a new message; that is a limit of WhatsApp's format, not of this parser. Digits
must be ASCII (exports with Arabic-Indic digits, or with the AM/PM marker before the time as in
Korean and Chinese, are not recognised), and year-first dates need a 4-digit year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Literal, NamedTuple

from feltsafe.lens.messages import Message, MessageKind, ParseError
from feltsafe.lens.parsers._common import (
    HEADER_TRANSLATION,
    INVISIBLE_MARKS,
    LineSource,
    normalize_header,
    strip_leading_marks,
)

DateOrder = Literal["dmy", "mdy"]

# Only simple, anchored patterns with bounded repetitions: matching is linear in the line.
_DATE = r"([0-9]{1,4})[./-] ?([0-9]{1,2})[./-] ?([0-9]{1,4})\.?"
_TIME = r"([0-9]{1,2})[:.]([0-9]{2})(?:[:.]([0-9]{2}))?(?: ?([AaPp])\.? ?[Mm]\.?)?"
_BRACKETED = re.compile(r"\[" + _DATE + r",? " + _TIME + r"\] ?")
_DASHED = re.compile(_DATE + r",? " + _TIME + r" [-\u2013](?: |$)")

_HEAD_CHARS = 256  # the timestamp and the name always sit well inside the first 256 characters
_MAX_SENDER = 100
_MAX_PLACEHOLDER = 512  # a document placeholder holds its file name; others are short
_HEADER_FIRST = frozenset("0123456789[" + INVISIBLE_MARKS)

# English system notices that quote a subject or group name, which may hold a colon
# (``Bob changed the subject from "Trip" to "Trip: Paris"``). One matches when the phrase,
# with its opening quote, comes before any colon.
_ACTOR_PHRASES = tuple(
    phrase + quote
    for phrase in (
        " changed the subject from ",
        " changed the subject to ",
        " changed the group name from ",
        " changed the group name to ",
        " created group ",
    )
    for quote in ('"', "\u201c")
)
# iOS files notices under a "sender" with the body starting with LRM.
_IOS_NOTICE_PARTS = (
    "end-to-end encrypted",
    "security code",
    "missed voice call",
    "missed video call",
    "missed group",
    " created group",
    " created this group",
    " added ",
    " removed ",
    " left",
    "changed the subject",
    "changed this group's",
    "changed the group",
    "joined using this group's invite link",
    "changed their phone number",
    "changed to ",
    "disappearing messages",
    "now an admin",
    "pinned a message",
    "business account",
    "blocked this contact",
    "unblocked this contact",
)

_MEDIA_PLACEHOLDERS = frozenset(
    {
        "<media omitted>",
        "image omitted",
        "video omitted",
        "audio omitted",
        "sticker omitted",
        "gif omitted",
        "document omitted",
        "contact card omitted",
        "<medien ausgeschlossen>",
        "<multimedia omitido>",
        "<media weggelaten>",
        "<médias omis>",
        "<mídia oculta>",
        "<media omessi>",
    }
)
_ATTACHED_SUFFIXES = (
    " (file attached)",
    " (datei angehängt)",
    " (archivo adjunto)",
    " (bestand bijgevoegd)",
    " (fichier joint)",
    " (arquivo anexado)",
    " (file allegato)",
)
_DELETED_PLACEHOLDERS = frozenset(
    {
        "this message was deleted",
        "you deleted this message",
        "diese nachricht wurde gelöscht",
        "du hast diese nachricht gelöscht",
        "se eliminó este mensaje",
        "eliminaste este mensaje",
        "dit bericht is verwijderd",
        "je hebt dit bericht verwijderd",
        "ce message a été supprimé",
        "vous avez supprimé ce message",
        "essa mensagem foi apagada",
        "você apagou esta mensagem",
        "questo messaggio è stato eliminato",
        "hai eliminato questo messaggio",
    }
)


class _Header(NamedTuple):
    fields: tuple[str, str, str]
    hour: str
    minute: str
    second: str | None
    meridiem: str | None  # "a" or "p"
    sender: str | None  # None: a system notice
    body: str


def _original_index(line: str, normalized_index: int) -> int:
    """Where in ``line`` the character at ``normalized_index`` of its normalized form sits."""
    count = 0
    for index, char in enumerate(line):
        if count == normalized_index:
            return index
        if HEADER_TRANSLATION.get(ord(char), "") is not None:
            count += 1
    return len(line)


def _canon(text: str) -> str:
    return normalize_header(text).strip().rstrip(".").casefold()


def _is_notice_text(rest: str) -> bool:
    if '"' not in rest and "\u201c" not in rest:
        return False
    for phrase in _ACTOR_PHRASES:
        at = rest.find(phrase)
        if at > 0 and ":" not in rest[:at]:
            return True
    return False


def _is_ios_notice(body: str) -> bool:
    if not body.startswith("\u200e"):
        return False
    lowered = _canon(body)
    return any(part in lowered for part in _IOS_NOTICE_PARTS)


def _match_stamp(line: str) -> tuple[str, re.Match[str]] | None:
    """The normalized start of ``line`` and its timestamp match, if it has one."""
    if not line or line[0] not in _HEADER_FIRST:
        return None
    head = normalize_header(line[:_HEAD_CHARS])
    match = _BRACKETED.match(head) or _DASHED.match(head)
    return None if match is None else (head, match)


def match_header(line: str) -> _Header | None:
    """Parse a line's WhatsApp timestamp and sender, or return None if it has no timestamp."""
    found = _match_stamp(line)
    if found is None:
        return None
    head, match = found
    d1, d2, d3, hour, minute, second, meridiem = match.groups()
    stamp = ((d1, d2, d3), hour, minute, second, meridiem.lower() if meridiem else None)
    rest = head[match.end() :]
    colon = rest.find(": ")
    if colon < 0 and rest.endswith(":") and len(line) <= _HEAD_CHARS:
        colon = len(rest) - 1  # "Alice:" with the text on the following lines
    sender = rest[:colon].strip() if colon >= 0 else ""
    if not sender or colon > _MAX_SENDER or _is_notice_text(rest):
        return _Header(*stamp, sender=None, body="")
    body_start = match.end() + colon + 2
    if len(head) != min(len(line), _HEAD_CHARS):  # marks were removed: map the position back
        body_start = _original_index(line, body_start)
    body = line[body_start:]
    if _is_ios_notice(body) and not _is_placeholder(body):
        return _Header(*stamp, sender=None, body="")
    return _Header(*stamp, sender=sender, body=body)


def is_whatsapp_line(line: str) -> bool:
    """Whether ``line`` starts with a WhatsApp timestamp (used by format detection)."""
    return _match_stamp(line) is not None


def detect_date_order(source: LineSource) -> DateOrder:
    """Decide day-first or month-first from the whole file (one streaming pass)."""
    for _, line in source():
        found = _match_stamp(line)
        if found is None:
            continue
        first, second = found[1].group(1, 2)
        if len(first) > 2:
            continue  # year-first: no ambiguity
        a, b = int(first), int(second)
        if a > 12 and b <= 12:
            return "dmy"
        if b > 12 and a <= 12:
            return "mdy"
    return "dmy"


def _year(text: str, line: int) -> int:
    if len(text) == 2:
        return 2000 + int(text)
    if len(text) == 4:
        return int(text)
    raise ParseError("This line's date has a year that is neither 2 nor 4 digits.", line)


def _time(header: _Header, order: DateOrder, tz: tzinfo, line: int) -> datetime:
    first, second, third = header.fields
    if len(first) == 4:
        if len(third) > 2:
            raise ParseError("This line's date is not a valid year-month-day date.", line)
        year, month, day = int(first), int(second), int(third)
    elif len(first) <= 2:
        a, b = int(first), int(second)
        day, month = (a, b) if order == "dmy" else (b, a)
        year = _year(third, line)
        if month > 12 and day <= 12:
            name = "day-first" if order == "dmy" else "month-first"
            raise ParseError(
                f"This date does not fit the {name} order used elsewhere in the file.", line
            )
    else:
        raise ParseError("This line's date has a 3-digit first part.", line)
    hour = int(header.hour)
    if header.meridiem is not None:
        if hour > 12:
            raise ParseError("This line has a 12-hour time above 12.", line)
        hour = hour % 12 + (12 if header.meridiem == "p" else 0)
    try:
        return datetime(
            year,
            month,
            day,
            hour,
            int(header.minute),
            int(header.second or 0),
            tzinfo=tz,
        )
    except ValueError:
        raise ParseError("This line has an impossible date or time.", line) from None


def _is_placeholder(body: str) -> bool:
    return _media_placeholder(body) or _is_deleted_placeholder(body)


def _is_deleted_placeholder(body: str) -> bool:
    return len(body) <= _MAX_PLACEHOLDER and _canon(body) in _DELETED_PLACEHOLDERS


def _media_placeholder(first_line: str) -> bool:
    if len(first_line) > _MAX_PLACEHOLDER:
        return False
    canon = _canon(first_line)
    if canon in _MEDIA_PLACEHOLDERS or canon.endswith("document omitted"):
        return True
    if canon.startswith("<") and canon.endswith(">"):
        return canon.startswith("<attached: ") or canon.endswith(" omitted>")
    return canon.endswith(_ATTACHED_SUFFIXES)


@dataclass(slots=True)
class _Pending:
    sender: str
    time: datetime
    line: int
    lines: list[str] = field(default_factory=list)

    def finish(self) -> Message:
        lines = self.lines
        while len(lines) > 1 and not lines[-1].strip():
            lines.pop()
        kind: MessageKind = "text"
        if _media_placeholder(lines[0]):
            kind = "media"
        elif len(lines) == 1 and _is_deleted_placeholder(lines[0]):
            kind = "deleted"
        if kind != "text":
            lines[0] = strip_leading_marks(lines[0]).rstrip(INVISIBLE_MARKS)
        return Message(self.sender, self.time, "\n".join(lines), kind, self.line)


def parse_whatsapp(
    source: LineSource, *, tz: tzinfo, order: DateOrder | None = None
) -> Iterator[Message]:
    """Messages from a WhatsApp export, read as a stream (two passes if ``order`` is None)."""
    if order is None:
        order = detect_date_order(source)
    return _parse(source, tz, order)


def _parse(source: LineSource, tz: tzinfo, order: DateOrder) -> Iterator[Message]:
    pending: _Pending | None = None
    in_notice = False
    for lineno, line in source():
        header = match_header(line)
        if header is None:
            if pending is not None:
                pending.lines.append(line)
            elif not in_notice and strip_leading_marks(line).strip():
                raise ParseError(
                    "This does not look like a WhatsApp export: the first message has no date.",
                    lineno,
                )
            continue
        if pending is not None:
            yield pending.finish()
            pending = None
        time = _time(header, order, tz, lineno)
        if header.sender is None:
            in_notice = True
            continue
        pending = _Pending(header.sender, time, lineno, [header.body])
    if pending is not None:
        yield pending.finish()
