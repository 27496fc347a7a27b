"""Plain "Name: text" transcripts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from feltsafe.lens.messages import ParseError
from feltsafe.lens.parsers import detect_format, iter_messages, parse_text
from tests.lens.chat_render import write


def test_name_colon_lines_are_messages_and_other_lines_continue_them():
    text = "\n\nAlice: are you home?\nBob: yes\nwhy do you ask\n\nAlice: just checking\n"
    messages = parse_text(text)
    assert [(m.sender, m.time, m.text, m.kind, m.line) for m in messages] == [
        ("Alice", None, "are you home?", "text", 3),
        ("Bob", None, "yes\nwhy do you ask", "text", 4),
        ("Alice", None, "just checking", "text", 7),
    ]


def test_timestamps_in_front_are_read():
    text = (
        "[21:05] Alice: time only\n"
        "2024-01-31 21:05 Bob: date and time\n"
        "[2024-01-31 21:06:07] Alice: bracketed with seconds\n"
        "2024-01-31T21:07 Bob: ISO\n"
        "(9:05 pm) Alice: twelve-hour, time only\n"
        "2024-01-31 9:08 pm - Bob: twelve-hour with a date\n"
    )
    assert [(m.sender, m.time, m.text) for m in parse_text(text)] == [
        ("Alice", None, "time only"),
        ("Bob", datetime(2024, 1, 31, 21, 5, tzinfo=UTC), "date and time"),
        ("Alice", datetime(2024, 1, 31, 21, 6, 7, tzinfo=UTC), "bracketed with seconds"),
        ("Bob", datetime(2024, 1, 31, 21, 7, tzinfo=UTC), "ISO"),
        ("Alice", None, "twelve-hour, time only"),
        ("Bob", datetime(2024, 1, 31, 21, 8, tzinfo=UTC), "twelve-hour with a date"),
    ]


def test_names_may_be_unicode_and_use_a_space_before_the_colon():
    text = "Zoé : bonjour\nسارة: مرحبا\nדנה: שלום\nSam 🌻: hi\n"
    assert [(m.sender, m.text) for m in parse_text(text)] == [
        ("Zoé", "bonjour"),
        ("سارة", "مرحبا"),
        ("דנה", "שלום"),
        ("Sam 🌻", "hi"),
    ]


def test_urls_times_and_indented_lines_do_not_start_messages():
    text = (
        "Alice: look\n"
        "https://example.org/a:b\n"
        "we meet at 10:30 tomorrow\n"
        "  Note: indented\n"
        "A very long line that happens to contain a colon much later on: still the same message\n"
    )
    (message,) = parse_text(text)
    assert message.text.count("\n") == 4


def test_a_transcript_must_start_with_a_speaker():
    with pytest.raises(ParseError) as caught:
        parse_text("\nhello there\nAlice: hi\n", "transcript")
    assert caught.value.line == 2


def test_a_transcript_file_is_detected_and_streamed(tmp_path):
    path = write(tmp_path / "pasted.txt", "Alice: hi\r\nBob: hello\r\n")
    assert detect_format(path) == "transcript"
    assert [(m.sender, m.text) for m in iter_messages(path)] == [("Alice", "hi"), ("Bob", "hello")]
