"""Plain transcripts: one ``Name: text`` line per message, as people paste or type them.

An optional timestamp may come first::

    Alice: are you coming?
    [21:05] Bob: yes
    2024-01-31 21:05 Alice: good
    [2024-01-31 21:05:09] Bob: see you
    (9:05 pm) Alice: bye

* The name is 1 to 40 characters, has no colon, doesn't start with a space, ``[`` or ``(``, and
  is followed by ``:`` (or `` :``) and then a space or the end of the line.
* A line that doesn't start that way continues the message above (joined with ``"\\n"``), so
  a message may span lines; blank lines at the end of a message are dropped, and blank lines
  before the first message are skipped.
* A timestamp with a date (``YYYY-MM-DD``, then a space or ``T``, then the time) gives a time in
  the caller's ``tz`` (UTC by default). A time of day without a date gives ``time=None``: a
  datetime needs a date, and guessing one would invent data.

**Limit.** A continuation line that starts like ``Word: ...`` (up to 40 characters before the
colon) is read as a new message from "Word": plain text has no way to tell them apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, tzinfo

from feltsafe.lens.messages import Message, ParseError
from feltsafe.lens.parsers._common import INVISIBLE_MARKS, LineSource, strip_leading_marks

_STAMP_HEAD = (
    r"[\[(]?"
    r"(?:(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})[T ])?"
    r"(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2}))?"
)
_STAMP_TAIL = r"[\])]?[ \t]+(?:-[ \t]+)?"
_NAME = r"(?P<sender>[^\s:\[(][^:]{0,39}?) ?:(?: |$)"
_SPEAKER = re.compile(
    r"(?:" + _STAMP_HEAD + r"(?: ?(?P<meridiem>[AaPp])\.? ?[Mm]\.?)?" + _STAMP_TAIL + r")?" + _NAME
)
# Used when the first reading took the start of a name for AM/PM after a 24-hour time
# ("2024-01-31 21:05 Pm Smith: hi").
_SPEAKER_24H = re.compile(r"(?:" + _STAMP_HEAD + _STAMP_TAIL + r")?" + _NAME)
_MAX_LINE_FOR_MATCH = 4096  # the match only ever needs the start of a line


def match_speaker(line: str) -> tuple[str, datetime | None, str] | None:
    """``(sender, naive datetime or None, text)`` if ``line`` starts a message, else None."""
    line = line.lstrip(INVISIBLE_MARKS)
    head = line[:_MAX_LINE_FOR_MATCH].replace("\u202f", " ").replace("\xa0", " ")
    match = _SPEAKER.match(head)
    if match is not None and match["meridiem"] is not None and int(match["hour"]) > 12:
        match = _SPEAKER_24H.match(head)
    if match is None:
        return None
    sender = match["sender"].strip()
    if not sender:
        return None
    time: datetime | None = None
    if match["date"] is not None:
        hour = int(match["hour"])
        meridiem = match.groupdict().get("meridiem")
        if meridiem is not None:
            hour = hour % 12 + (12 if meridiem in "Pp" else 0)
        try:
            time = datetime.fromisoformat(match["date"]).replace(
                hour=hour, minute=int(match["minute"]), second=int(match["second"] or 0)
            )
        except ValueError:
            return None
    return sender, time, line[match.end() :]


def is_transcript_line(line: str) -> bool:
    return match_speaker(line) is not None


def parse_transcript(source: LineSource, *, tz: tzinfo) -> Iterator[Message]:
    """Messages from a plain transcript, streamed line by line."""
    return _parse(source, tz)


def _parse(source: LineSource, tz: tzinfo) -> Iterator[Message]:
    sender: str | None = None
    time: datetime | None = None
    start = 0
    lines: list[str] = []

    def finish() -> Message:
        while len(lines) > 1 and not lines[-1].strip():
            lines.pop()
        assert sender is not None
        return Message(sender, time, "\n".join(lines), "text", start)

    for lineno, line in source():
        found = match_speaker(line)
        if found is None:
            if sender is not None:
                lines.append(line)
            elif strip_leading_marks(line).strip():
                raise ParseError(
                    'This does not look like a transcript: it should start with "Name: text".',
                    lineno,
                )
            continue
        if sender is not None:
            yield finish()
        sender, naive, first = found
        time = naive.replace(tzinfo=tz) if naive is not None else None
        start = lineno
        lines = [first]
    if sender is not None:
        yield finish()
