"""Telegram Desktop JSON exports (result.json)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from feltsafe.lens.messages import ParseError
from feltsafe.lens.parsers import detect_format, iter_messages, parse_text
from tests.lens.chat_render import (
    render_telegram,
    telegram_message,
    telegram_service,
    write,
)

WHEN = datetime(2024, 1, 31, 21, 5, 9, tzinfo=UTC)


def export(tmp_path, messages, name="result.json"):
    return write(tmp_path / name, render_telegram(messages))


def test_a_chat_export_is_detected_and_read(tmp_path):
    path = export(
        tmp_path,
        [
            telegram_service(1, WHEN),
            telegram_message(2, "Alice", WHEN, "are you home?"),
            telegram_message(3, "Bob", WHEN + timedelta(minutes=2), "yes\nwhy?"),
        ],
    )
    assert detect_format(path) == "telegram"
    messages = list(iter_messages(path))
    assert [(m.sender, m.time, m.text, m.kind, m.line) for m in messages] == [
        ("Alice", WHEN, "are you home?", "text", 2),
        ("Bob", WHEN + timedelta(minutes=2), "yes\nwhy?", "text", 3),
    ]


def test_text_given_as_strings_and_entities_is_concatenated(tmp_path):
    text = [
        "see ",
        {"type": "bold", "text": "this"},
        " and ",
        {"type": "link", "text": "https://example.org"},
        {"type": "custom_emoji", "text": "🌻", "document_id": "x"},
    ]
    path = export(tmp_path, [telegram_message(1, "Alice", WHEN, text)])
    (message,) = iter_messages(path)
    assert message.text == "see this and https://example.org🌻"


def test_text_entities_are_used_when_text_is_absent():
    entry = telegram_message(1, "Alice", WHEN, "")
    del entry["text"]
    entry["text_entities"] = [{"type": "plain", "text": "hi "}, {"type": "italic", "text": "you"}]
    (message,) = parse_text(render_telegram([entry]), "telegram")
    assert message.text == "hi you"


def test_service_messages_are_dropped():
    document = render_telegram([telegram_service(1, WHEN), telegram_service(2, WHEN)])
    assert parse_text(document, "telegram") == []


@pytest.mark.parametrize(
    "extra",
    [
        {"photo": "photos/photo_1.jpg", "width": 10, "height": 10},
        {"file": "voice_messages/audio_1.ogg", "media_type": "voice_message"},
        {"file": "stickers/sticker.webp", "media_type": "sticker", "sticker_emoji": "😀"},
        {"location_information": {"latitude": 1.0, "longitude": 2.0}},
    ],
)
def test_media_without_text_is_a_media_message(extra):
    entry = telegram_message(1, "Alice", WHEN, "", **extra)
    (message,) = parse_text(render_telegram([entry]), "telegram")
    assert (message.kind, message.text) == ("media", "")


def test_media_with_a_caption_is_a_text_message_with_the_caption():
    entry = telegram_message(1, "Alice", WHEN, "look", photo="photos/photo_1.jpg")
    (message,) = parse_text(render_telegram([entry]), "telegram")
    assert (message.kind, message.text) == ("text", "look")


def test_the_unix_time_is_the_instant_and_is_given_in_the_callers_zone():
    entry = telegram_message(1, "Alice", WHEN, "hi")
    entry["date"] = "2024-01-31T22:05:09"  # the exporting computer's clock, an hour ahead
    plus_two = timezone(timedelta(hours=2))
    (message,) = parse_text(render_telegram([entry]), "telegram", tz=plus_two)
    assert message.time == WHEN
    assert message.time.utcoffset() == timedelta(hours=2)


def test_old_exports_without_unix_time_label_the_wall_clock_with_the_zone():
    entry = telegram_message(1, "Alice", WHEN, "hi", unixtime=False)
    (message,) = parse_text(render_telegram([entry]), "telegram")
    assert message.time == WHEN
    plus_one = timezone(timedelta(hours=1))
    (message,) = parse_text(render_telegram([entry]), "telegram", tz=plus_one)
    assert message.time == WHEN.replace(tzinfo=plus_one)


def test_a_deleted_account_is_named_as_telegram_shows_it():
    entry = telegram_message(1, None, WHEN, "hi")
    (message,) = parse_text(render_telegram([entry]), "telegram")
    assert message.sender == "Deleted Account"


def test_a_full_account_export_yields_every_chats_messages(tmp_path):
    document = {
        "about": "Here is the data you requested.",
        "personal_information": {"first_name": "Alice"},
        "chats": {
            "about": "chats",
            "list": [
                {
                    "name": "Bob",
                    "type": "personal_chat",
                    "id": 1,
                    "messages": [
                        telegram_message(1, "Bob", WHEN, "one"),
                        telegram_service(2, WHEN),
                    ],
                },
                {
                    "name": "Cara",
                    "type": "personal_chat",
                    "id": 2,
                    "messages": [
                        telegram_message(1, "Cara", WHEN, "two"),
                    ],
                },
            ],
        },
    }
    path = write(tmp_path / "result.json", json.dumps(document))
    assert detect_format(path) == "telegram"
    assert [(m.sender, m.text, m.line) for m in iter_messages(path)] == [
        ("Bob", "one", 1),
        ("Cara", "two", 3),
    ]


@pytest.mark.parametrize(
    ("text", "position"),
    [
        (42, 2),
        ([{"type": "bold", "text": 7}], 2),
        ([["nested"]], 2),
    ],
)
def test_a_malformed_message_names_its_position(text, position):
    document = render_telegram(
        [telegram_message(1, "Alice", WHEN, "fine"), telegram_message(2, "Bob", WHEN, text)]
    )
    with pytest.raises(ParseError) as caught:
        parse_text(document, "telegram")
    assert caught.value.line == position


@pytest.mark.parametrize(
    "patch",
    [
        {"date_unixtime": "soon"},
        {"date_unixtime": "99999999999999999999"},
        {"date_unixtime": None, "date": "yesterday"},
        {"from": 12},
    ],
)
def test_bad_dates_and_senders_are_parse_errors(patch):
    entry = telegram_message(1, "Alice", WHEN, "hi")
    entry.update(patch)
    with pytest.raises(ParseError):
        parse_text(render_telegram([entry]), "telegram")


@pytest.mark.parametrize(
    "content",
    [
        b'{"name": "x", "messages": [',
        b'{"name": "x"}',
        b"[1, 2, 3]",
        b"[" * 100_000 + b"]" * 100_000,
        b"\xff\xfe\x00garbage",
        b"\xc3\x28 not utf-8",
    ],
)
def test_a_json_file_that_is_not_a_telegram_export_is_refused(tmp_path, content):
    path = write(tmp_path / "result.json", content)
    with pytest.raises(ParseError):
        detect_format(path)
    with pytest.raises(ParseError):
        list(iter_messages(path, "telegram"))


def test_a_utf16_export_with_bom_is_read(tmp_path):
    path = write(
        tmp_path / "result.json",
        render_telegram([telegram_message(1, "Dana", WHEN, "שלום")]),
        encoding="utf-16",
    )
    assert [m.text for m in iter_messages(path)] == ["שלום"]
