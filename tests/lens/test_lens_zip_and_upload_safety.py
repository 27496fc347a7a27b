"""Upload hardening (SECURITY.md item 30): zips are checked before anything is decompressed,
nothing is extracted to disk, and extension and content must agree."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import pytest

from feltsafe.lens.messages import ParseError
from feltsafe.lens.parsers import (
    MAX_ZIP_ENTRIES,
    MAX_ZIP_UNCOMPRESSED,
    detect_format,
    iter_messages,
)
from tests.lens.chat_render import (
    LRM,
    build_zip,
    patch_central_directory,
    symlink_info,
    write,
)

CHAT = (
    f"{LRM}[31/01/2024, 21:05:09] Alice: {LRM}Messages and calls are end-to-end encrypted.\n"
    "[31/01/2024, 21:05:10] Alice: are you home?\n"
    f"{LRM}[31/01/2024, 21:06:00] Bob: {LRM}<attached: 00000012-PHOTO-2024-01-31-21-06-00.jpg>\n"
    "[31/01/2024, 21:06:30] Bob: yes\nwhy?\n"
).encode()
PHOTO = b"\xff\xd8\xff\xe0" + bytes(2000)


def parse(path):
    return list(iter_messages(path))


def refused(path):
    """Both detection and parsing refuse the file, with ParseError and nothing else."""
    with pytest.raises(ParseError) as caught:
        detect_format(path)
    with pytest.raises(ParseError):
        parse(path)
    return caught.value


def test_an_ios_zip_round_trips_without_touching_the_disk(tmp_path):
    path = write(
        tmp_path / "WhatsApp Chat - Bob.zip",
        build_zip([("_chat.txt", CHAT), ("00000012-PHOTO-2024-01-31-21-06-00.jpg", PHOTO)]),
    )
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert detect_format(path) == "whatsapp"
    messages = parse(path)
    assert [(m.sender, m.time, m.text, m.kind, m.line) for m in messages] == [
        ("Alice", datetime(2024, 1, 31, 21, 5, 10, tzinfo=UTC), "are you home?", "text", 2),
        (
            "Bob",
            datetime(2024, 1, 31, 21, 6, tzinfo=UTC),
            "<attached: 00000012-PHOTO-2024-01-31-21-06-00.jpg>",
            "media",
            3,
        ),
        ("Bob", datetime(2024, 1, 31, 21, 6, 30, tzinfo=UTC), "yes\nwhy?", "text", 4),
    ]
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_an_android_zip_with_a_single_txt_is_read(tmp_path):
    chat = b"31/01/2024, 21:05 - Alice: hi\n31/01/2024, 21:06 - Bob: <Media omitted>\n"
    path = write(
        tmp_path / "chat.zip",
        build_zip([("WhatsApp Chat with Bob.txt", chat), ("IMG-20240131-WA0001.jpg", PHOTO)]),
    )
    assert [m.kind for m in parse(path)] == ["text", "media"]


def test_a_stored_uncompressed_zip_and_macos_resource_forks_are_fine(tmp_path):
    path = write(
        tmp_path / "chat.zip",
        build_zip(
            [("__MACOSX/._chat.txt", b"\x00\x05\x16\x07"), ("_chat.txt", CHAT)],
            compression=zipfile.ZIP_STORED,
        ),
    )
    assert len(parse(path)) == 3


def test_a_zip_without_one_chat_text_is_refused(tmp_path):
    none = write(tmp_path / "none.zip", build_zip([("photo.jpg", PHOTO)]))
    two = write(tmp_path / "two.zip", build_zip([("a.txt", CHAT), ("b.txt", CHAT)]))
    assert "one chat text" in str(refused(none))
    assert "more than one" in str(refused(two))


def test_a_zip_bomb_is_refused_before_decompressing(tmp_path):
    buffer = io.BytesIO()
    chunk = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("_chat.txt", "w") as entry,
    ):
        for _ in range(MAX_ZIP_UNCOMPRESSED // len(chunk) + 1):
            entry.write(chunk)
    path = write(tmp_path / "bomb.zip", buffer.getvalue())
    assert path.stat().st_size < 1024 * 1024
    assert "unpacks to more than" in str(refused(path))


def test_a_zip_declaring_a_huge_size_is_refused(tmp_path):
    data = build_zip([("_chat.txt", CHAT)])
    huge = (MAX_ZIP_UNCOMPRESSED + 1).to_bytes(4, "little")
    path = write(
        tmp_path / "declared.zip", patch_central_directory(data, "_chat.txt", offset=24, value=huge)
    )
    assert "unpacks to more than" in str(refused(path))


def test_a_zip_whose_header_understates_the_size_is_caught_while_reading(tmp_path):
    data = build_zip([("_chat.txt", CHAT)])
    lying = patch_central_directory(data, "_chat.txt", offset=24, value=(40).to_bytes(4, "little"))
    path = write(tmp_path / "lying.zip", lying)
    assert detect_format(path) == "whatsapp"  # the directory alone looks fine
    with pytest.raises(ParseError):
        parse(path)


@pytest.mark.parametrize(
    "name", ["../x.txt", "chats/../../x.txt", "/etc/passwd", "C:/Windows/x.txt", "..\\x.txt"]
)
def test_traversal_and_absolute_paths_are_refused(tmp_path, name):
    path = write(tmp_path / "chat.zip", build_zip([("_chat.txt", CHAT), (name, b"x")]))
    assert "path" in str(refused(path))


def test_a_symlink_entry_is_refused(tmp_path):
    path = write(
        tmp_path / "chat.zip",
        build_zip([("_chat.txt", CHAT), (symlink_info("photo.jpg"), b"/etc/passwd")]),
    )
    assert "symbolic link" in str(refused(path))


def test_a_symlinked_chat_is_refused(tmp_path):
    path = write(tmp_path / "chat.zip", build_zip([(symlink_info("_chat.txt"), b"/etc/passwd")]))
    refused(path)


def test_ten_thousand_entries_are_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("_chat.txt", CHAT)
        for index in range(10_000):
            archive.writestr(f"media/{index}.jpg", b"")
    path = write(tmp_path / "many.zip", buffer.getvalue())
    assert f"more than {MAX_ZIP_ENTRIES} files" in str(refused(path))


def test_a_password_protected_chat_is_refused(tmp_path):
    data = build_zip([("_chat.txt", CHAT)])
    flagged = patch_central_directory(data, "_chat.txt", offset=8, value=b"\x01\x00")
    path = write(tmp_path / "locked.zip", flagged)
    assert "password" in str(refused(path))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("chat.zip", b"31/01/2024, 21:05 - Alice: hi\n"),  # text named .zip
        ("chat.zip", b"PK\x05\x06" + bytes(18)),  # an empty archive: no local-file magic
        ("chat.zip", b"PK\x03\x04 truncated"),  # right magic, no directory
        ("chat.txt", build_zip([("_chat.txt", CHAT)])),  # a zip named .txt
        ("chat.csv", build_zip([("_chat.txt", CHAT)])),
        ("chat.json", build_zip([("_chat.txt", CHAT)])),
        ("result.json", b"31/01/2024, 21:05 - Alice: hi\n"),  # text named .json
        ("chat.txt", b"\x89PNG\r\n\x1a\n" + bytes(64)),  # an image named .txt
        ("chat.txt", b"\xc3\x28\xa0\xa1 not utf-8"),
        ("chat.txt", "Alice: hi\n".encode("utf-16-le")),  # UTF-16 without a byte-order mark
        ("chat.txt", b"   \n\n\t\n"),
        ("chat.txt", b""),
    ],
)
def test_wrong_magic_bytes_or_undecodable_content_is_refused(tmp_path, name, content):
    refused(write(tmp_path / name, content))


def test_an_explicit_format_must_agree_with_the_file(tmp_path):
    zipped = write(tmp_path / "chat.zip", build_zip([("_chat.txt", CHAT)]))
    csv_file = write(tmp_path / "chat.csv", "sender,timestamp,text\nAlice,,hi\n")
    for path, fmt in [(zipped, "transcript"), (zipped, "telegram"), (csv_file, "whatsapp")]:
        with pytest.raises(ParseError):
            list(iter_messages(path, fmt))


def test_missing_files_and_directories_are_parse_errors(tmp_path):
    with pytest.raises(ParseError):
        detect_format(tmp_path / "missing.txt")
    with pytest.raises(ParseError):
        iter_messages(tmp_path)


def test_an_unknown_format_name_is_a_programming_error(tmp_path):
    path = write(tmp_path / "chat.txt", "Alice: hi\n")
    with pytest.raises(ValueError, match="Unknown chat format"):
        iter_messages(path, "signal")  # type: ignore[arg-type]


def test_error_messages_never_quote_the_chat(tmp_path):
    secret = "my-very-private-words"
    cases = [
        ("a.txt", f"{secret}\n31/01/2024, 21:05 - Alice: hi\n", "whatsapp"),
        (
            "b.txt",
            f"31/01/2024, 21:05 - Alice: hi\n30/02/2024, 21:05 - Bob: {secret}\n",
            "whatsapp",
        ),
        ("c.csv", f'sender,timestamp,text\nAlice,{secret},"{secret}\n', "csv"),
        ("d.txt", f"{secret}\n", "transcript"),
    ]
    for name, content, fmt in cases:
        with pytest.raises(ParseError) as caught:
            list(iter_messages(write(tmp_path / name, content), fmt))
        assert secret not in str(caught.value)
        assert secret not in repr(caught.value.args)
