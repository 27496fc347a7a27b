"""WhatsApp exports: each locale's layout, date order, notices, placeholders and marks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from feltsafe.lens.messages import Message, ParseError
from feltsafe.lens.parsers import detect_format, iter_messages, parse_text
from tests.lens.chat_render import LRM, NNBSP, write


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def summary(messages: list[Message]) -> list[tuple[str, datetime | None, str, str]]:
    return [(m.sender, m.time, m.text, m.kind) for m in messages]


EXPECTED = [
    ("Alice", at(2024, 1, 31, 21, 5), "are you home?", "text"),
    ("Bob Smith", at(2024, 1, 31, 21, 7), "yes\nwhy?", "text"),
    ("Alice", at(2024, 2, 1, 8, 30), "just checking", "text"),
]
EXPECTED_WITH_SECONDS = [
    ("Alice", at(2024, 1, 31, 21, 5, 9), "are you home?", "text"),
    ("Bob Smith", at(2024, 1, 31, 21, 7, 40), "yes\nwhy?", "text"),
    ("Alice", at(2024, 2, 1, 8, 30, 1), "just checking", "text"),
]

LOCALE_EXPORTS = {
    "android_en_US_12h": (
        "1/31/24, 9:05 PM - Messages and calls are end-to-end encrypted. No one outside of this "
        "chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n"
        "1/31/24, 9:05 PM - Alice: are you home?\n"
        "1/31/24, 9:07 PM - Bob Smith: yes\n"
        "why?\n"
        "2/1/24, 8:30 AM - Alice: just checking\n",
        EXPECTED,
    ),
    "android_en_GB": (
        "31/01/2024, 21:05 - Alice: are you home?\n"
        "31/01/2024, 21:07 - Bob Smith: yes\n"
        "why?\n"
        "01/02/2024, 08:30 - Alice: just checking\n",
        EXPECTED,
    ),
    "android_de": (
        "31.01.24, 21:05 - Alice: are you home?\n"
        "31.01.24, 21:07 - Bob Smith: yes\n"
        "why?\n"
        "01.02.24, 08:30 - Alice: just checking\n",
        EXPECTED,
    ),
    "android_nl_no_comma": (
        "31-01-2024 21:05 - Alice: are you home?\n"
        "31-01-2024 21:07 - Bob Smith: yes\n"
        "why?\n"
        "1-2-2024 08:30 - Alice: just checking\n",
        EXPECTED,
    ),
    "android_es_a_m": (
        "31/1/24, 9:05 p. m. - Alice: are you home?\n"
        "31/1/24, 9:07 p. m. - Bob Smith: yes\n"
        "why?\n"
        "1/2/24, 8:30 a. m. - Alice: just checking\n",
        EXPECTED,
    ),
    "android_en_US_nnbsp_lowercase_dots": (
        f"1/31/24, 9:05{NNBSP}p.m. - Alice: are you home?\n"
        f"1/31/24, 9:07{NNBSP}p.m. - Bob Smith: yes\n"
        "why?\n"
        f"2/1/24, 8:30{NNBSP}a.m. - Alice: just checking\n",
        EXPECTED,
    ),
    "android_year_first": (
        "2024-01-31 21:05 - Alice: are you home?\n"
        "2024-01-31 21:07 - Bob Smith: yes\n"
        "why?\n"
        "2024-02-01 08:30 - Alice: just checking\n",
        EXPECTED,
    ),
    "ios_en_GB": (
        f"{LRM}[31/01/2024, 21:05:09] Alice: {LRM}Messages and calls are end-to-end encrypted. "
        "No one outside of this chat, not even WhatsApp, can read or listen to them.\n"
        "[31/01/2024, 21:05:09] Alice: are you home?\n"
        "[31/01/2024, 21:07:40] Bob Smith: yes\n"
        "why?\n"
        "[01/02/2024, 08:30:01] Alice: just checking\n",
        EXPECTED_WITH_SECONDS,
    ),
    "ios_en_US_nnbsp": (
        f"[1/31/24, 9:05:09{NNBSP}PM] Alice: are you home?\n"
        f"[1/31/24, 9:07:40{NNBSP}PM] Bob Smith: yes\n"
        "why?\n"
        f"[2/1/24, 8:30:01{NNBSP}AM] Alice: just checking\n",
        EXPECTED_WITH_SECONDS,
    ),
    "ios_de": (
        "[31.01.24, 21:05:09] Alice: are you home?\n"
        "[31.01.24, 21:07:40] Bob Smith: yes\n"
        "why?\n"
        "[01.02.24, 08:30:01] Alice: just checking\n",
        EXPECTED_WITH_SECONDS,
    ),
    "ios_year_first": (
        "[2024-01-31, 21:05:09] Alice: are you home?\n"
        "[2024-01-31, 21:07:40] Bob Smith: yes\n"
        "why?\n"
        "[2024-02-01, 08:30:01] Alice: just checking\n",
        EXPECTED_WITH_SECONDS,
    ),
    "android_fi_dotted_time": (
        "31.1.2024 21.05 - Alice: are you home?\n"
        "31.1.2024 21.07 - Bob Smith: yes\n"
        "why?\n"
        "1.2.2024 8.30 - Alice: just checking\n",
        EXPECTED,
    ),
}


@pytest.mark.parametrize("locale", sorted(LOCALE_EXPORTS))
def test_it_reads_each_locale_layout(locale):
    text, expected = LOCALE_EXPORTS[locale]
    assert summary(parse_text(text)) == expected


@pytest.mark.parametrize("locale", sorted(LOCALE_EXPORTS))
def test_files_in_each_locale_are_detected_and_streamed(tmp_path, locale):
    text, expected = LOCALE_EXPORTS[locale]
    path = write(tmp_path / "WhatsApp Chat with Bob.txt", text)
    assert detect_format(path) == "whatsapp"
    assert summary(list(iter_messages(path))) == expected


def test_messages_remember_the_line_they_start_on():
    text, _ = LOCALE_EXPORTS["android_en_US_12h"]
    assert [m.line for m in parse_text(text)] == [2, 3, 5]


def test_a_later_day_above_12_makes_the_whole_file_day_first():
    text = (
        "01/02/2024, 10:00 - Alice: first\n"
        "03/04/2024, 10:00 - Bob: second\n"
        "13/04/2024, 10:00 - Alice: decides\n"
    )
    assert [m.time for m in parse_text(text)] == [
        at(2024, 2, 1, 10),
        at(2024, 4, 3, 10),
        at(2024, 4, 13, 10),
    ]


def test_a_later_second_field_above_12_makes_the_whole_file_month_first():
    text = (
        "01/02/2024, 10:00 - Alice: first\n"
        "03/04/2024, 10:00 - Bob: second\n"
        "04/13/2024, 10:00 - Alice: decides\n"
    )
    assert [m.time for m in parse_text(text)] == [
        at(2024, 1, 2, 10),
        at(2024, 3, 4, 10),
        at(2024, 4, 13, 10),
    ]


def test_an_ambiguous_file_is_read_day_first():
    text = "01/02/2024, 10:00 - Alice: first\n03/04/24, 10:00 - Bob: second\n"
    assert [m.time for m in parse_text(text)] == [at(2024, 2, 1, 10), at(2024, 4, 3, 10)]


def test_the_date_order_is_decided_from_a_file_too(tmp_path):
    path = write(
        tmp_path / "chat.txt",
        "1/2/24, 10:00 AM - Alice: first\n" * 3 + "1/20/24, 10:00 AM - Bob: decides\n",
    )
    assert [m.time for m in iter_messages(path)] == [at(2024, 1, 2, 10)] * 3 + [at(2024, 1, 20, 10)]


def test_a_date_that_contradicts_the_files_order_is_an_error_naming_its_line():
    text = "13/01/2024, 10:00 - Alice: day first\n01/13/2024, 10:00 - Bob: month first\n"
    with pytest.raises(ParseError) as caught:
        parse_text(text)
    assert caught.value.line == 2
    assert "day-first" in str(caught.value)
    assert str(caught.value).startswith("Line 2: ")


def test_an_impossible_date_is_an_error_naming_its_line():
    with pytest.raises(ParseError) as caught:
        parse_text("31/01/2024, 10:00 - Alice: ok\n30/02/2024, 10:00 - Bob: no such day\n")
    assert caught.value.line == 2


def test_twelve_hour_clock_edges():
    text = (
        "1/13/24, 12:00 AM - Alice: midnight\n"
        "1/13/24, 12:30 PM - Alice: half past noon\n"
        "1/13/24, 11:59 pm - Alice: late\n"
    )
    assert [m.time for m in parse_text(text)] == [
        at(2024, 1, 13, 0, 0),
        at(2024, 1, 13, 12, 30),
        at(2024, 1, 13, 23, 59),
    ]


def test_multi_line_messages_keep_every_line_including_blank_ones():
    text = (
        "31/01/2024, 21:05 - Alice: line one\n"
        "\n"
        "line three: with a colon\n"
        "   indented\n"
        "31/01/2024, 21:06 - Bob: ok\n"
    )
    assert [m.text for m in parse_text(text)] == [
        "line one\n\nline three: with a colon\n   indented",
        "ok",
    ]


def test_blank_lines_at_the_end_of_a_message_are_dropped():
    text = "31/01/2024, 21:05 - Alice: hello\n\n\n31/01/2024, 21:06 - Bob: ok\n\n"
    assert [m.text for m in parse_text(text)] == ["hello", "ok"]


def test_a_message_may_start_on_the_line_after_its_header():
    text = "31/01/2024, 21:05 - Alice:\nthe text\n"
    assert [m.text for m in parse_text(text)] == ["\nthe text"]


def test_android_system_notices_are_dropped():
    text = (
        "31/01/2024, 21:00 - Messages and calls are end-to-end encrypted. No one outside of "
        "this chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n"
        '31/01/2024, 21:00 - You created group "Family: the real one"\n'
        "31/01/2024, 21:01 - Alice added Bob\n"
        '31/01/2024, 21:02 - Bob changed the subject from "Trip" to "Trip: Paris"\n'
        "31/01/2024, 21:02 - Bob changed this group's icon\n"
        "31/01/2024, 21:03 - Your security code with Bob changed. Tap to learn more.\n"
        "31/01/2024, 21:04 - Bob left\n"
        "31/01/2024, 21:05 - Alice: the only message\n"
    )
    assert summary(parse_text(text)) == [
        ("Alice", at(2024, 1, 31, 21, 5), "the only message", "text")
    ]


def test_ios_notices_filed_under_a_sender_with_a_leading_lrm_are_dropped():
    text = (
        f"[31/01/2024, 21:00:00] Family: {LRM}Messages and calls are end-to-end encrypted.\n"
        f"[31/01/2024, 21:00:01] Family: {LRM}Alice created group “Family”\n"
        f"[31/01/2024, 21:00:02] Family: {LRM}Alice added Bob\n"
        f"[31/01/2024, 21:00:03] Bob: {LRM}Security code changed. Tap for more info.\n"
        f"{LRM}[31/01/2024, 21:00:04] Bob: {LRM}Missed voice call, {LRM}Tap to call back\n"
        "[31/01/2024, 21:05:00] Alice: a real message\n"
    )
    assert [m.text for m in parse_text(text)] == ["a real message"]


def test_a_notice_takes_its_continuation_lines_with_it():
    text = (
        "31/01/2024, 21:00 - Alice changed the group description\n"
        "second line of the description\n"
        "31/01/2024, 21:05 - Alice: hi\n"
    )
    assert [m.text for m in parse_text(text)] == ["hi"]


def test_ordinary_messages_that_mention_notice_words_are_kept():
    text = (
        "31/01/2024, 21:05 - Alice: I left early\n"
        "31/01/2024, 21:06 - Bob: you changed the subject again\n"
        "31/01/2024, 21:07 - Alice: Messages and calls are end-to-end encrypted, right?\n"
    )
    assert len(parse_text(text)) == 3


@pytest.mark.parametrize(
    "body",
    [
        "<Media omitted>",
        "image omitted",
        f"{LRM}image omitted",
        f"{LRM}video omitted",
        f"{LRM}audio omitted",
        f"{LRM}sticker omitted",
        f"{LRM}GIF omitted",
        f"{LRM}document omitted",
        f"{LRM}report.pdf • {LRM}3 pages {LRM}document omitted",
        f"{LRM}Contact card omitted",
        f"{LRM}<attached: 00000012-PHOTO-2024-01-31-21-05-09.jpg>",
        "IMG-20240131-WA0001.jpg (file attached)",
        "<Medien ausgeschlossen>",
        "<View once voice message omitted>",
    ],
)
def test_media_placeholders_become_media_messages(body):
    (message,) = parse_text(f"[31/01/2024, 21:05:09] Alice: {body}\n")
    assert message.kind == "media"
    assert not message.text.startswith(LRM)


@pytest.mark.parametrize(
    "body",
    [
        "This message was deleted",
        f"{LRM}This message was deleted.",
        "You deleted this message",
        f"{LRM}You deleted this message.",
        "Diese Nachricht wurde gelöscht.",
    ],
)
def test_deleted_placeholders_become_deleted_messages(body):
    (message,) = parse_text(f"31/01/2024, 21:05 - Alice: {body}\n")
    assert message.kind == "deleted"


def test_text_that_merely_mentions_a_placeholder_stays_text():
    text = (
        "31/01/2024, 21:05 - Alice: why was the image omitted from the album?\n"
        "31/01/2024, 21:06 - Bob: This message was deleted\nby me\n"
    )
    assert [m.kind for m in parse_text(text)] == ["text", "text"]


def test_invisible_marks_are_ignored_in_headers_and_names_but_bodies_are_kept_whole():
    rtl_body = "\u200fשלום \u202bمرحبا\u202c 👋"
    text = (
        f"\ufeff{LRM}[31/01/2024, 21:05:09] {LRM}~{NNBSP}Dana\u2069: {rtl_body}\n"
        f"[31/01/2024,{NNBSP}21:06:00] Bob\xa0Smith: x{NNBSP}y\n"
    )
    assert summary(parse_text(text)) == [
        ("~ Dana", at(2024, 1, 31, 21, 5, 9), rtl_body, "text"),
        ("Bob Smith", at(2024, 1, 31, 21, 6), f"x{NNBSP}y", "text"),
    ]


def test_header_looking_text_inside_a_body_line_is_kept():
    text = (
        "31/01/2024, 21:05 - Alice: he wrote 31/01/2024, 21:00 - Bob: you said that\n"
        "and then [31/01/2024, 21:00:00] Bob: also this\n"
    )
    (message,) = parse_text(text)
    assert message.text == (
        "he wrote 31/01/2024, 21:00 - Bob: you said that\n"
        "and then [31/01/2024, 21:00:00] Bob: also this"
    )


def test_crlf_utf16_and_bom_files_read_the_same(tmp_path):
    text, expected = LOCALE_EXPORTS["ios_en_GB"]
    crlf = write(tmp_path / "crlf.txt", text.replace("\n", "\r\n"))
    utf16 = write(tmp_path / "utf16.txt", text, encoding="utf-16")
    bom = write(tmp_path / "bom.txt", text, encoding="utf-8-sig")
    for path in (crlf, utf16, bom):
        assert summary(list(iter_messages(path))) == expected, path.name


def test_text_before_the_first_timestamp_is_an_error():
    with pytest.raises(ParseError) as caught:
        parse_text("\nhello there\n31/01/2024, 21:05 - Alice: hi\n", "whatsapp")
    assert caught.value.line == 2


def test_times_are_labelled_with_the_zone_the_caller_gives():
    berlin_winter = timezone(timedelta(hours=1))
    (message,) = parse_text("31/01/2024, 21:05 - Alice: hi\n", tz=berlin_winter)
    assert message.time == datetime(2024, 1, 31, 21, 5, tzinfo=berlin_winter)
    assert message.time.utcoffset() == timedelta(hours=1)


def test_only_notices_gives_no_messages():
    text = "31/01/2024, 21:00 - Messages and calls are end-to-end encrypted.\n"
    assert parse_text(text, "whatsapp") == []
