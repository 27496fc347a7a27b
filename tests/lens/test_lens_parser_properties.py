"""Property tests (SECURITY.md item 32): round trips through every format, and arbitrary input.

Generated conversations mix Latin, Hebrew and Arabic text, emoji, invisible bidi marks,
control characters, embedded newlines and fake header lines, are rendered the way each app
exports them, parsed back, and compared on sender, time and text.

Limits these generators respect, because the formats themselves can't carry them:

* WhatsApp and transcripts: a continuation line that looks exactly like a new message's first
  line (a timestamp, or ``Name:``) would be read as one, so continuation lines are made not to
  (header-looking text still appears mid-line and on a message's first line); trailing blank
  lines of a message are dropped by the parsers, so generated messages don't end with one.
* WhatsApp: a body starting with LRM and naming a system event is an iOS system notice, and a
  body that *is* a placeholder is media; generated bodies avoid both.
* Transcripts: a name right after a time that starts with "am"/"pm" is read as the clock's
  AM/PM marker, so names don't.
* Line endings: ``\\r`` is a line break everywhere except inside Telegram's JSON strings, so
  only Telegram text contains it.
"""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
import time
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feltsafe.lens.messages import ParseError
from feltsafe.lens.parsers import CHAT_FORMATS, detect_format, iter_messages, parse_text
from tests.lens.chat_render import (
    WHATSAPP_PATTERNS,
    render_csv,
    render_telegram,
    render_transcript,
    render_whatsapp,
    telegram_message,
    telegram_service,
)

HEBREW = "אבגדהוזחטיכלמנסעפצקרשת"
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
EMOJI = "😀🌻👋🏽❤️🫶👩‍👩‍👧"
MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéøßñ0123456789 '.-_~" + (
    HEBREW + ARABIC + EMOJI
)
FAKE_HEADERS = [
    "31/01/2024, 21:05 - Bob: fake",
    "[1/31/24, 9:05:09\u202fPM] Eve: fake",
    "2024-01-31 21:05 - Mallory: fake",
    "[31.01.24, 21:05:09] ",
    "Eve: fake",
    "[21:05] Eve: ",
    "sender,timestamp,text",
    '{"messages": []}',
    "\u200e",
    "\u202e",
    "\u00a0",
    "\u202f",
]

# The deadline catches catastrophic regex backtracking: every example here parses in
# milliseconds, so one that takes over a second is a bug, not a slow machine.
LENS = settings(deadline=timedelta(milliseconds=1500), suppress_health_check=[HealthCheck.too_slow])


def lens(max_examples: int) -> settings:
    return settings(LENS, max_examples=max_examples)


names = (
    st.text(alphabet=NAME_ALPHABET, min_size=1, max_size=25)
    .map(str.strip)
    .filter(lambda name: bool(name) and not re.match(r"[AaPp]\.? ?[Mm]", name))
)
_chars = st.characters(exclude_categories=("Cs",), exclude_characters="\r\n")
_rtl_or_emoji = st.text(alphabet=HEBREW + ARABIC + EMOJI + " ", max_size=10)
fragments = st.one_of(st.text(_chars, max_size=15), _rtl_or_emoji, st.sampled_from(FAKE_HEADERS))
lines = st.lists(fragments, max_size=4).map("".join)
bodies = st.lists(lines, min_size=1, max_size=4)


def _fix_tail(body: list[str]) -> list[str]:
    if len(body) > 1 and not body[-1].strip():
        body[-1] += "x"
    return body


def whatsapp_body(body: list[str]) -> list[str]:
    first, *rest = body
    if first.startswith("\u200e"):
        first = "x" + first
    # A continuation line can't start like a header: a digit, "[" or an invisible mark.
    rest = ["x" + line if line[:1] in "0123456789[" + MARKS else line for line in rest]
    return _fix_tail([first, *rest])


def transcript_body(body: list[str]) -> list[str]:
    first, *rest = body
    rest = [" " + line if ":" in line else line for line in rest]
    return _fix_tail([first, *rest])


# Hypothesis takes naive bounds; every generated value is then made aware (UTC).
Y2000 = datetime(2000, 1, 1)  # noqa: DTZ001
Y1971 = datetime(1971, 1, 1)  # noqa: DTZ001
Y2099 = datetime(2099, 12, 31, 23, 59, 59)  # noqa: DTZ001


def whole_seconds(keep_seconds: bool):
    return st.datetimes(min_value=Y2000, max_value=Y2099).map(
        lambda d: d.replace(second=d.second if keep_seconds else 0, microsecond=0, tzinfo=UTC)
    )


def parse_file(text: str | bytes, name: str, fmt="auto"):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(text.encode() if isinstance(text, str) else text)
        return list(iter_messages(path, fmt))


def summary(messages):
    return [(m.sender, m.time, m.text, m.kind) for m in messages]


# --- WhatsApp ------------------------------------------------------------------------------

SENTINEL = ("Zed", datetime(2024, 1, 31, 21, 5, tzinfo=UTC), "sentinel")  # day 31 decides


@pytest.mark.parametrize("pattern", sorted(WHATSAPP_PATTERNS))
@lens(60)
@given(data=st.data())
def test_whatsapp_round_trips_in_every_locale_pattern(pattern, data):
    _, keep_seconds = WHATSAPP_PATTERNS[pattern]
    conversation = data.draw(
        st.lists(
            st.tuples(names, whole_seconds(keep_seconds), bodies.map(whatsapp_body)), max_size=6
        )
    )
    messages = [SENTINEL] + [(s, t, "\n".join(b)) for s, t, b in conversation]
    text = render_whatsapp(pattern, messages)
    expected = [(s, t, body, "text") for s, t, body in messages]
    assert summary(parse_text(text)) == expected
    assert summary(parse_file(text, "WhatsApp Chat.txt")) == expected


@lens(30)
@given(
    conversation=st.lists(
        st.tuples(names, whole_seconds(True), bodies.map(whatsapp_body)), max_size=5
    )
)
def test_whatsapp_zip_round_trips(conversation):
    messages = [SENTINEL] + [(s, t, "\n".join(b)) for s, t, b in conversation]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", render_whatsapp("ios_en_US", messages))
    expected = [(s, t, body, "text") for s, t, body in messages]
    assert summary(parse_file(buffer.getvalue(), "chat.zip")) == expected


# --- Telegram ------------------------------------------------------------------------------

ENTITY_TYPES = ["bold", "italic", "link", "code", "mention", "plain", "text_link"]
instants = st.datetimes(min_value=Y1971, max_value=Y2099).map(
    lambda d: d.replace(microsecond=0, tzinfo=UTC)
)
telegram_senders = st.text(
    st.characters(exclude_categories=("Cs",)), min_size=1, max_size=20
).filter(lambda name: name.strip() == name and bool(name))


@st.composite
def telegram_texts(draw):
    """A text and its rendering: a string, or strings and {type, text} entities."""
    text = draw(st.text(st.characters(exclude_categories=("Cs",)), max_size=40) | fragments)
    if draw(st.booleans()):
        return text, text
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=4)))
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    parts = [
        {"type": draw(st.sampled_from(ENTITY_TYPES)), "text": piece}
        if draw(st.booleans())
        else piece
        for piece in pieces
    ]
    return text, parts


@lens(150)
@given(
    data=st.data(),
    conversation=st.lists(
        st.tuples(telegram_senders, instants, telegram_texts(), st.booleans(), st.booleans()),
        max_size=8,
    ),
)
def test_telegram_round_trips_with_string_and_entity_text(data, conversation):
    entries: list[dict[str, object]] = []
    expected = []
    for sender, when, (text, rendered), service_before, unixtime in conversation:
        if service_before:
            entries.append(telegram_service(len(entries) + 1, when))
        if text == "" and data.draw(st.booleans()):
            entries.append(
                telegram_message(len(entries) + 1, sender, when, rendered, photo="p.jpg")
            )
            expected.append((sender, when, "", "media", len(entries)))
            continue
        entries.append(
            telegram_message(len(entries) + 1, sender, when, rendered, unixtime=unixtime)
        )
        expected.append((sender, when, text, "text", len(entries)))
    document = render_telegram(entries)
    parsed = parse_text(document, "telegram")
    assert [(m.sender, m.time, m.text, m.kind, m.line) for m in parsed] == expected
    from_file = parse_file(document, "result.json")
    assert [(m.sender, m.time, m.text, m.kind, m.line) for m in from_file] == expected


# --- Transcripts ---------------------------------------------------------------------------


@st.composite
def transcript_messages(draw):
    sender = draw(names)
    body = "\n".join(draw(bodies.map(transcript_body)))
    when = draw(whole_seconds(True))
    style = draw(st.sampled_from(["none", "date", "bracketed", "time_only", "dash"]))
    stamp, expected_time = {
        "none": ("", None),
        "date": (f"{when:%Y-%m-%d %H:%M} ", when.replace(second=0)),
        "bracketed": (f"[{when:%Y-%m-%d %H:%M:%S}] ", when),
        "time_only": (f"[{when:%H:%M}] ", None),
        "dash": (f"{when:%Y-%m-%dT%H:%M:%S} - ", when),
    }[style]
    return (stamp, sender, body), (sender, expected_time, body, "text")


@lens(150)
@given(conversation=st.lists(transcript_messages(), min_size=1, max_size=6))
def test_transcripts_round_trip(conversation):
    text = render_transcript([rendered for rendered, _ in conversation])
    expected = [wanted for _, wanted in conversation]
    assert summary(parse_text(text, "transcript")) == expected
    assert summary(parse_file(text, "pasted.txt", "transcript")) == expected


# --- CSV -----------------------------------------------------------------------------------

csv_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r"), max_size=40)
offsets = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))


@st.composite
def csv_rows(draw):
    sender = draw(names)
    text = draw(csv_text | fragments)
    kind = draw(st.sampled_from(["text", "media", "deleted"]))
    style = draw(st.sampled_from(["empty", "naive", "offset", "z"]))
    when = draw(whole_seconds(True))
    if style == "empty":
        stamp, expected_time = "", None
    elif style == "naive":
        stamp, expected_time = when.replace(tzinfo=None).isoformat(sep=" "), when
    elif style == "offset":
        local = when.astimezone(draw(offsets))
        stamp, expected_time = local.isoformat(), local
    else:
        stamp, expected_time = when.strftime("%Y-%m-%dT%H:%M:%SZ"), when
    return [sender, stamp, text, kind], (sender, expected_time, text, kind)


@lens(150)
@given(rows=st.lists(csv_rows(), max_size=8))
def test_csv_round_trips(rows):
    text = render_csv([row for row, _ in rows], header=("Sender", "timestamp", "TEXT", "kind"))
    expected = [wanted for _, wanted in rows]
    assert summary(parse_text(text)) == expected
    assert summary(parse_file(text, "chat.csv")) == expected


# --- Arbitrary input -----------------------------------------------------------------------

SUFFIXES = [".txt", ".csv", ".json", ".zip", ""]
arbitrary_bytes = st.one_of(
    st.binary(max_size=3000),
    st.binary(max_size=3000).map(lambda b: b"PK\x03\x04" + b),
    st.binary(max_size=3000).map(lambda b: b"\xef\xbb\xbf" + b),
    st.binary(max_size=3000).map(lambda b: b"\xff\xfe" + b),
    st.binary(max_size=3000).map(lambda b: b"31/01/2024, 21:05 - A: " + b),
)
# Text made of the characters the patterns care about, to hunt for slow regex paths.
header_soup = st.text(
    alphabet='0123456789/.-:, []()APMapm \u202f\u00a0\u200e\u200f\n\t"',
    max_size=4000,
)


def only_parse_errors(action) -> None:
    with contextlib.suppress(ParseError):
        action()


@lens(300)
@given(content=arbitrary_bytes, suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_only_ever_raise_parse_error(content, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(content)
        only_parse_errors(lambda: detect_format(path))
        only_parse_errors(lambda: list(iter_messages(path)))
        for fmt in CHAT_FORMATS:
            only_parse_errors(lambda fmt=fmt: list(iter_messages(path, fmt)))


@lens(150)
@given(content=arbitrary_bytes | header_soup.map(str.encode))
def test_arbitrary_chat_text_inside_a_valid_zip_only_raises_parse_error(content):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("_chat.txt", content)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "chat.zip"
        path.write_bytes(buffer.getvalue())
        only_parse_errors(lambda: list(iter_messages(path)))


@lens(300)
@given(text=header_soup | st.text(max_size=2000))
def test_arbitrary_text_only_raises_parse_error_and_never_backtracks(text):
    only_parse_errors(lambda: parse_text(text))
    for fmt in CHAT_FORMATS:
        only_parse_errors(lambda fmt=fmt: parse_text(text, fmt))


@pytest.mark.parametrize(
    "line",
    [
        "1/" * 200_000,
        "[" + "1" * 200_000,
        "1/1/1, 1:11" + " " * 200_000 + "x",
        "a" * 200_000 + ":",
        "a " * 100_000 + ": x",
        "2024-01-31 21:05 " + "pm " * 50_000,
        "[1/31/24, 9:05:09\u202fPM] " + "\u200e" * 100_000 + "A: b",
        "sender,timestamp,text\n" + '"' * 100_000,
    ],
)
def test_long_pathological_lines_parse_in_linear_time(line):
    started = time.perf_counter()
    for fmt in ("auto", *CHAT_FORMATS):
        only_parse_errors(lambda fmt=fmt: parse_text(line, fmt))
    assert time.perf_counter() - started < 2.0
