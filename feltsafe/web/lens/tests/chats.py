"""Small chat exports, one per format, written inline so every test can see what it reads."""

from __future__ import annotations

import io
import json
import zipfile
from functools import cache

CRISIS_TEXT = "I have the pills saved up and I don't want to be here anymore"
SECRET_WORDS = "the blue lighthouse by the harbour"

WHATSAPP_TXT = (
    "[12/03/2024, 21:05:11] Sam: You never listen to me, you always do this\n"
    "[12/03/2024, 21:06:00] Alex: That's not true, you're the one who started it\n"
    f"[12/03/2024, 21:07:00] Sam: I keep thinking about {SECRET_WORDS}\n"
    "[12/03/2024, 21:08:00] Alex: I'm sorry, I hear you. Can we take a break and talk later?\n"
    "[13/03/2024, 08:09:00] Sam: Thank you, I appreciate that\n"
)

TRANSCRIPT = (
    "Sam: You never listen to me, you always do this\n"
    "Alex: I'm sorry, I hear you. Can we take a break and talk later?\n"
    "Sam: Thank you, I appreciate that\n"
)

CSV_CHAT = (
    "sender,timestamp,text\n"
    'Sam,2024-03-12T21:05:11,"You never listen to me, you always do this"\n'
    'Alex,2024-03-12T21:08:00,"I\'m sorry, I hear you. Can we take a break and talk later?"\n'
    'Sam,2024-03-12T21:09:00,"Thank you, I appreciate that"\n'
)

TELEGRAM = {
    "name": "Sam",
    "type": "personal_chat",
    "id": 42,
    "messages": [
        {
            "id": 1,
            "type": "message",
            "date": "2024-03-12T21:05:11",
            "date_unixtime": "1710277511",
            "from": "Sam",
            "from_id": "user1",
            "text": "You never listen to me, you always do this",
        },
        {
            "id": 2,
            "type": "message",
            "date": "2024-03-12T21:08:00",
            "date_unixtime": "1710277680",
            "from": "Alex",
            "from_id": "user2",
            "text": ["I'm sorry, ", {"type": "bold", "text": "I hear you"}, ". Can we talk later?"],
        },
        {
            "id": 3,
            "type": "service",
            "date": "2024-03-12T21:08:30",
            "date_unixtime": "1710277710",
            "actor": "Sam",
            "action": "pin_message",
            "text": "",
        },
        {
            "id": 4,
            "type": "message",
            "date": "2024-03-12T21:09:00",
            "date_unixtime": "1710277740",
            "from": "Sam",
            "from_id": "user1",
            "text": "Thank you, I appreciate that",
        },
    ],
}

ABUSE_TRANSCRIPT = (
    "[2024-03-01 20:00] Sam: Send me your location right now or else\n"
    "[2024-03-01 20:01] Sam: Give me your phone password now or you'll regret it\n"
    "[2024-03-01 20:02] Alex: Please stop\n"
    "[2024-03-01 20:03] Sam: You are not allowed to see your friends, do as I say or else\n"
    "[2024-03-01 20:04] Sam: If you leave I will make you pay\n"
)

CRISIS_TRANSCRIPT = f"Sam: {CRISIS_TEXT}\nAlex: I'm here for you, I love you\n"


def telegram_bytes() -> bytes:
    return json.dumps(TELEGRAM).encode("utf-8")


def whatsapp_zip(text: str = WHATSAPP_TXT) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", text)
    return buffer.getvalue()


@cache
def zip_bomb() -> bytes:
    """A small archive whose one entry unpacks to more than the core's limit."""
    buffer = io.BytesIO()
    line = b"[12/03/2024, 21:05:11] Sam: " + b"a" * 1000 + b"\n"
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("_chat.txt", "w", force_zip64=True) as entry,
    ):
        for _ in range(220_000):
            entry.write(line)
    return buffer.getvalue()


def traversal_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../_chat.txt", WHATSAPP_TXT)
    return buffer.getvalue()


def symlink_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("_chat.txt")
        info.create_system = 3
        info.external_attr = 0o120777 << 16  # a symbolic link
        archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def many_entries_zip(count: int = 10_000) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("_chat.txt", WHATSAPP_TXT)
        for number in range(count - 1):
            archive.writestr(f"media/{number}.txt", b"")
    return buffer.getvalue()
