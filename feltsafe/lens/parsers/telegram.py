"""Telegram Desktop JSON exports (``result.json``), of one chat or of a whole account.

One chat::

    {"name": "Alice", "type": "personal_chat", "id": 1, "messages": [
        {"id": 1, "type": "message", "date": "2024-01-31T21:05:09",
         "date_unixtime": "1706735109", "from": "Alice", "from_id": "user1",
         "text": "plain"},
        {"id": 2, "type": "message", ..., "text": ["see ", {"type": "bold", "text": "this"}]},
        {"id": 3, "type": "service", "action": "pin_message", ...}]}

A whole-account export nests chats under ``{"chats": {"list": [{..., "messages": [...]}]}}``;
all its chats' messages are returned, chat after chat.

* ``type: "service"`` entries (pins, joins, calls...) are dropped; entries without a ``type``
  count as messages.
* ``text`` is a string, or a list of strings and entity objects (``{"type": "bold", "text":
  "..."}``) whose ``text`` parts are concatenated; ``text_entities`` is used if ``text`` is
  absent.
* A message with a photo, file, sticker, location, contact or poll and no text is kind
  ``"media"`` with empty text; with a caption it is a text message holding the caption.
* The time comes from ``date_unixtime`` (a real instant, given in the caller's ``tz``); exports
  older than that field only have ``date``, the exporting computer's wall clock, which is
  labelled with ``tz`` (UTC by default).
* A message whose ``from`` is null (a deleted account) gets the sender ``"Deleted Account"``,
  as Telegram shows it.
* ``Message.line`` is the 1-based position of the entry among all message entries of the export
  (service entries included), since JSON has no useful line numbers.

The JSON is loaded whole: it is one document, the standard library has no streaming JSON
parser, and this package adds no dependencies. That is bounded by
:data:`~feltsafe.lens.parsers.MAX_JSON_BYTES`, far above a single chat's export.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import datetime, tzinfo
from typing import Any

from feltsafe.lens.messages import Message, MessageKind, ParseError

DELETED_ACCOUNT = "Deleted Account"
_MEDIA_KEYS = (
    "photo",
    "file",
    "media_type",
    "sticker_emoji",
    "location_information",
    "contact_information",
    "poll",
)


def load_json(text: str) -> Any:
    """Parse JSON text; any failure, including absurd nesting, is a ParseError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError("This is not valid JSON.", exc.lineno) from None
    except (ValueError, RecursionError):
        raise ParseError("This is not valid JSON.") from None


def chats_of(document: Any) -> list[list[Any]] | None:
    """The message lists of a Telegram export, or None if ``document`` isn't one."""
    if not isinstance(document, Mapping):
        return None
    messages = document.get("messages")
    if isinstance(messages, list):
        return [messages]
    chats = document.get("chats")
    if isinstance(chats, Mapping) and isinstance(chats.get("list"), list):
        found = [
            chat["messages"]
            for chat in chats["list"]
            if isinstance(chat, Mapping) and isinstance(chat.get("messages"), list)
        ]
        return found if found else None
    return None


def is_telegram(document: Any) -> bool:
    return chats_of(document) is not None


def _flatten(value: Any, index: int) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts: list[str] = []
        for part in value:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, Mapping) and isinstance(part.get("text", ""), str):
                parts.append(part.get("text", ""))
            else:
                raise ParseError("This message's text has a part that is not text.", index)
        return "".join(parts)
    raise ParseError("This message's text is neither a string nor a list.", index)


def _time(entry: Mapping[str, Any], tz: tzinfo, index: int) -> datetime | None:
    unix = entry.get("date_unixtime")
    if unix is not None:
        if isinstance(unix, bool) or not (
            isinstance(unix, int) or (isinstance(unix, str) and unix.isascii() and unix.isdigit())
        ):
            raise ParseError("This message's date_unixtime is not a number.", index)
        try:
            return datetime.fromtimestamp(int(unix), tz)
        except (OverflowError, OSError, ValueError):
            raise ParseError("This message's date_unixtime is out of range.", index) from None
    date = entry.get("date")
    if date is None:
        return None
    if not isinstance(date, str):
        raise ParseError("This message's date is not text.", index)
    try:
        parsed = datetime.fromisoformat(date)
    except ValueError:
        raise ParseError("This message's date is not an ISO 8601 date.", index) from None
    return parsed if parsed.utcoffset() is not None else parsed.replace(tzinfo=tz)


def _sender(entry: Mapping[str, Any], index: int) -> str:
    sender = entry.get("from")
    if sender is None:
        return DELETED_ACCOUNT
    if not isinstance(sender, str):
        raise ParseError("This message's sender is not text.", index)
    return sender.strip() or DELETED_ACCOUNT


def parse_telegram(document: Any, *, tz: tzinfo) -> Iterator[Message]:
    """Messages from a parsed Telegram export (see the module notes)."""
    chats = chats_of(document)
    if chats is None:
        raise ParseError('This JSON is not a Telegram export: it has no "messages" list.')
    return _messages(chats, tz)


def _messages(chats: list[list[Any]], tz: tzinfo) -> Iterator[Message]:
    index = 0
    for messages in chats:
        for entry in messages:
            index += 1
            if not isinstance(entry, Mapping):
                raise ParseError("This message entry is not a JSON object.", index)
            if entry.get("type", "message") != "message":
                continue
            raw = entry["text"] if "text" in entry else entry.get("text_entities", "")
            text = _flatten(raw, index)
            kind: MessageKind = "text"
            if not text and any(entry.get(key) is not None for key in _MEDIA_KEYS):
                kind = "media"
            yield Message(_sender(entry, index), _time(entry, tz, index), text, kind, index)
