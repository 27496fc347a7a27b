"""CSV chats: sender,timestamp,text with a header row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from feltsafe.lens.messages import ParseError
from feltsafe.lens.parsers import detect_format, iter_messages, parse_text
from tests.lens.chat_render import render_csv, write


def test_rows_become_messages_with_their_start_lines(tmp_path):
    text = render_csv(
        [
            ["Alice", "2024-01-31T21:05:09", "are you home?"],
            ["Bob", "2024-01-31 21:07+01:00", 'yes,\n"why"?'],
            ["Alice", "", "no time"],
            ["Bob", "2024-01-31T21:09:00Z", "utc"],
        ]
    )
    path = write(tmp_path / "chat.csv", text)
    assert detect_format(path) == "csv"
    assert [(m.sender, m.time, m.text, m.kind, m.line) for m in iter_messages(path)] == [
        ("Alice", datetime(2024, 1, 31, 21, 5, 9, tzinfo=UTC), "are you home?", "text", 2),
        (
            "Bob",
            datetime(2024, 1, 31, 21, 7, tzinfo=timezone(timedelta(hours=1))),
            'yes,\n"why"?',
            "text",
            3,
        ),
        ("Alice", None, "no time", "text", 5),
        ("Bob", datetime(2024, 1, 31, 21, 9, tzinfo=UTC), "utc", "text", 6),
    ]


def test_the_header_is_case_insensitive_and_extra_columns_are_ignored():
    text = "ID, Text ,Sender,TIMESTAMP,mood\n1,hi,Alice,2024-01-31T21:05,ok\n"
    (message,) = parse_text(text)
    assert (message.sender, message.text) == ("Alice", "hi")


def test_an_optional_kind_column_is_honoured():
    text = render_csv(
        [["Alice", "", "", "media"], ["Bob", "", "gone", "deleted"], ["Cara", "", "hi", ""]],
        header=("sender", "timestamp", "text", "kind"),
    )
    assert [m.kind for m in parse_text(text)] == ["media", "deleted", "text"]


def test_blank_lines_are_skipped():
    text = "\nsender,timestamp,text\n\nAlice,,hi\n\n"
    assert [(m.text, m.line) for m in parse_text(text, "csv")] == [("hi", 4)]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('sender,timestamp,text\nAlice,,hi\nBob,,"unclosed\n', 3),
        ('sender,timestamp,text\nAlice,,hi\nBob,,"a"b\n', 3),
        ("sender,timestamp,text\nAlice,,hi\nBob,hi\n", 3),
        ("sender,timestamp,text\nAlice,,hi\nBob,,hi,extra\n", 3),
        ("sender,timestamp,text\nAlice,,hi\n,,no sender\n", 3),
        ('sender,timestamp,text\nAlice,,"two\nlines"\nBob,31/01/2024,hi\n', 4),
        ("sender,timestamp,text,kind\nAlice,,hi,video\n", 2),
    ],
)
def test_a_malformed_row_is_an_error_naming_its_line(text, line):
    with pytest.raises(ParseError) as caught:
        parse_text(text, "csv")
    assert caught.value.line == line
    assert str(caught.value).startswith(f"Line {line}: ")


def test_a_csv_file_without_the_header_is_refused(tmp_path):
    path = write(tmp_path / "chat.csv", "name,when,message\nAlice,,hi\n")
    with pytest.raises(ParseError, match="header"):
        detect_format(path)
    with pytest.raises(ParseError, match="header"):
        list(iter_messages(path, "csv"))


def test_a_pasted_csv_is_detected():
    assert parse_text("Sender,Timestamp,Text\nAlice,,hi\n")[0].text == "hi"
