"""Format detection, and the Message / ParseError types every parser shares."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError
from datetime import UTC, datetime

import pytest

from feltsafe.lens.messages import Message, ParseError
from feltsafe.lens.parsers import CHAT_FORMATS, detect_format, parse_text
from tests.lens.chat_render import build_zip, render_telegram, telegram_message, write

SAMPLES = {
    "whatsapp": "31/01/2024, 21:05 - Alice: hi\n",
    "transcript": "Alice: hi\nBob: hello\n",
    "csv": "sender,timestamp,text\nAlice,,hi\n",
}


@pytest.mark.parametrize(("fmt", "name"), [(f, n) for f in SAMPLES for n in ("chat.txt", "chat")])
def test_text_formats_are_detected_from_the_first_line(tmp_path, fmt, name):
    assert detect_format(write(tmp_path / name, "\n\n" + SAMPLES[fmt])) == fmt


def test_each_format_is_detected_from_its_file(tmp_path):
    found = {
        detect_format(write(tmp_path / "a.txt", SAMPLES["whatsapp"])),
        detect_format(
            write(tmp_path / "b.zip", build_zip([("_chat.txt", b"[31/01/2024, 21:05:09] A: hi\n")]))
        ),
        detect_format(
            write(
                tmp_path / "result.json",
                render_telegram([telegram_message(1, "A", datetime.now(UTC), "hi")]),
            )
        ),
        detect_format(write(tmp_path / "c.txt", SAMPLES["transcript"])),
        detect_format(write(tmp_path / "d.csv", SAMPLES["csv"])),
    }
    assert found == set(CHAT_FORMATS)


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_pasted_text_is_detected_among_whatsapp_transcript_and_csv(fmt):
    (message,) = parse_text(SAMPLES[fmt])[:1]
    assert (message.sender, message.text) == ("Alice", "hi")


def test_unrecognised_text_is_a_parse_error_with_a_clear_sentence():
    with pytest.raises(ParseError) as caught:
        parse_text("just some words\nwith no speakers\n")
    assert caught.value.line == 1
    assert "not recognised" in str(caught.value)


def test_empty_text_is_a_parse_error():
    with pytest.raises(ParseError):
        parse_text("")
    with pytest.raises(ParseError):
        parse_text("\n  \n")


def test_a_message_is_frozen_and_its_time_must_be_aware():
    message = Message("Alice", datetime(2024, 1, 31, tzinfo=UTC), "hi", "text", 1)
    with pytest.raises(FrozenInstanceError):
        message.text = "changed"  # type: ignore[misc]
    with pytest.raises(ValueError, match="timezone-aware"):
        Message("Alice", datetime(2024, 1, 31), "hi", "text", 1)  # noqa: DTZ001
    with pytest.raises(ValueError, match="kind"):
        Message("Alice", None, "hi", "voice", 1)  # type: ignore[arg-type]


def test_a_parse_error_is_a_value_error_with_a_line_and_a_sentence():
    error = ParseError("This row has no sender.", 7)
    assert isinstance(error, ValueError)
    assert (error.line, error.message) == (7, "This row has no sender.")
    assert str(error) == "Line 7: This row has no sender."
    assert str(ParseError("The file is empty.")) == "The file is empty."
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.line, str(copy)) == (7, str(error))
