"""The one shape every chat-export parser produces: a :class:`Message` per chat message.

Parsers never return raw export lines. Whatever the source (WhatsApp, Telegram, a pasted
transcript, a CSV file), a message is who sent it, when, what it said, whether it was text, a
media placeholder or a deleted-message placeholder, and where in the file it starts.

Times are timezone-aware. An export that stores a real instant (Telegram's ``date_unixtime``, a
CSV timestamp with an offset) keeps that instant. An export that only stores wall-clock time
(WhatsApp, plain transcripts, naive CSV timestamps) is labelled with the zone the caller passes
(``tz=``), which is UTC unless the caller knows better: the clock reading is kept as written, it
is not shifted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

MessageKind = Literal["text", "media", "deleted"]
"""``text``: an ordinary message; ``media``: a placeholder for a photo, video, audio, sticker,
GIF, document or other attachment (its text is the placeholder or caption as exported, maybe
empty); ``deleted``: a "This message was deleted" placeholder."""

MESSAGE_KINDS: tuple[MessageKind, ...] = ("text", "media", "deleted")


@dataclass(frozen=True, slots=True)
class Message:
    """One chat message, as parsed from an export.

    ``sender``: the display name the export shows (never empty).
    ``time``: a timezone-aware datetime, or ``None`` when the export has no usable date (for
    example a transcript line stamped only ``[21:05]``).
    ``text``: the message text; multi-line messages keep their lines joined with ``"\\n"``.
    ``kind``: see :data:`MessageKind`.
    ``line``: the 1-based line where the message starts (for Telegram JSON: the 1-based position
    of the message in the export's message list).
    """

    sender: str
    time: datetime | None
    text: str
    kind: MessageKind = "text"
    line: int = 0

    def __post_init__(self) -> None:
        if self.time is not None and self.time.utcoffset() is None:
            raise ValueError("Message.time must be timezone-aware (or None).")
        if self.kind not in MESSAGE_KINDS:
            raise ValueError(f"Message.kind must be one of {', '.join(MESSAGE_KINDS)}.")


class ParseError(ValueError):
    """An export could not be read. ``str()`` is one plain sentence for the person uploading it.

    ``line`` is the 1-based line (or message position) where the problem was found, when known.
    Messages never quote the chat's content: error text can end up in logs and screens, and the
    content is private (SECURITY.md item 15).
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message, line)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return f"Line {self.line}: {self.message}"
