"""Reading a WhatsApp ``.zip`` export safely (SECURITY.md item 30).

Nothing is ever extracted to disk: the chat text is streamed out of the archive with
``zipfile.ZipFile.open``. Before anything is decompressed the archive is checked:

* it starts with the local-file magic ``PK\\x03\\x04``;
* its end-of-central-directory record declares at most :data:`MAX_ZIP_ENTRIES` entries and a
  central directory of a sane size (checked by hand, before :mod:`zipfile` parses the directory,
  so a directory of millions of entries is never loaded); ZIP64 archives are refused, since a
  chat export never needs one;
* no entry is a symbolic link, has an absolute path (``/x``, ``C:x``) or a ``..`` component;
* the declared uncompressed sizes add up to at most :data:`MAX_ZIP_UNCOMPRESSED`;
* the chat is ``_chat.txt`` (iOS), or else the archive's single ``.txt`` file (Android); it must
  not be password-protected.

While reading, bytes are counted: an entry that yields more than it declared (a lying header)
stops with ParseError, as does any decompression or CRC failure.
"""

from __future__ import annotations

import re
import stat
import struct
import zipfile
from pathlib import Path
from typing import IO

from feltsafe.lens.messages import ParseError
from feltsafe.lens.parsers._common import (
    MAX_FILE_BYTES,
    MAX_ZIP_ENTRIES,
    MAX_ZIP_UNCOMPRESSED,
    Lines,
    LineSource,
    iter_binary_lines,
    open_limited,
)

ZIP_MAGIC = b"PK\x03\x04"
_EOCD_MAGIC = b"PK\x05\x06"
_EOCD = struct.Struct("<4s4H2LH")
_MAX_COMMENT = 0xFFFF
# A central-directory record is 46 bytes plus its name, extra field and comment.
_MAX_CENTRAL_DIRECTORY = MAX_ZIP_ENTRIES * 2048
_DRIVE = re.compile(r"[A-Za-z]:")


def is_zip_magic(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC)


def _check_end_record(path: Path) -> None:
    """Read the entry count and directory size from the end record, before zipfile does."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, 2)
            if size > MAX_FILE_BYTES:
                raise ParseError("The archive is larger than the upload limit.")
            handle.seek(0)
            if handle.read(4) != ZIP_MAGIC:
                raise ParseError("This file is not a .zip archive (its first bytes are wrong).")
            start = max(0, size - (_EOCD.size + _MAX_COMMENT))
            handle.seek(start)
            tail = handle.read()
    except OSError as exc:
        raise ParseError(f"The archive could not be read ({type(exc).__name__}).") from exc
    at = tail.rfind(_EOCD_MAGIC)
    if at < 0 or len(tail) - at < _EOCD.size:
        raise ParseError("The archive is incomplete: its table of contents is missing.")
    (_, disk, cd_disk, disk_entries, entries, cd_size, cd_offset, _) = _EOCD.unpack_from(tail, at)
    if 0xFFFF in (disk_entries, entries) or 0xFFFFFFFF in (cd_size, cd_offset):
        raise ParseError("ZIP64 archives are not accepted; a chat export never needs one.")
    if disk != 0 or cd_disk != 0 or disk_entries != entries:
        raise ParseError("Multi-part (split) archives are not accepted.")
    if entries > MAX_ZIP_ENTRIES:
        raise ParseError(f"The archive holds more than {MAX_ZIP_ENTRIES} files.")
    if cd_size > _MAX_CENTRAL_DIRECTORY:
        raise ParseError("The archive's table of contents is implausibly large.")


def _check_entry(info: zipfile.ZipInfo) -> None:
    name = info.filename.replace("\\", "/")
    if name.startswith("/") or _DRIVE.match(name):
        raise ParseError("The archive contains a file with an absolute path.")
    if ".." in name.split("/"):
        raise ParseError("The archive contains a file path that climbs out of its folder (../).")
    if "\x00" in name:
        raise ParseError("The archive contains a file name with a NUL character.")
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        raise ParseError("The archive contains a symbolic link.")


def _is_candidate(info: zipfile.ZipInfo) -> bool:
    name = info.filename.replace("\\", "/")
    base = name.rsplit("/", 1)[-1]
    return not info.is_dir() and not name.startswith("__MACOSX/") and not base.startswith("._")


def _chat_entry(archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    """Check every entry, then pick the chat text."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise ParseError(f"The archive holds more than {MAX_ZIP_ENTRIES} files.")
    total = 0
    for info in infos:
        _check_entry(info)
        total += info.file_size
    if total > MAX_ZIP_UNCOMPRESSED:
        raise ParseError(
            f"The archive unpacks to more than {MAX_ZIP_UNCOMPRESSED // (1024 * 1024)} MB."
        )
    candidates = [info for info in infos if _is_candidate(info)]

    def base(info: zipfile.ZipInfo) -> str:
        return info.filename.replace("\\", "/").rsplit("/", 1)[-1]

    chats = [info for info in candidates if base(info) == "_chat.txt"]
    if not chats:
        chats = [info for info in candidates if base(info).lower().endswith(".txt")]
    if len(chats) != 1:
        raise ParseError(
            "The archive must hold one chat text: _chat.txt, or a single .txt file."
            if not chats
            else "The archive holds more than one chat text; export one chat at a time."
        )
    chat = chats[0]
    if chat.flag_bits & 0x1:
        raise ParseError("The chat inside the archive is password-protected.")
    return chat


def _open_archive(path: Path) -> zipfile.ZipFile:
    _check_end_record(path)
    try:
        return zipfile.ZipFile(path)
    except Exception as exc:  # BadZipFile, OSError, EOFError, ValueError, struct.error, ...
        raise ParseError(f"The archive is damaged ({type(exc).__name__}).") from exc


def check_chat_zip(path: Path) -> None:
    """Validate the archive and that it holds a chat text; raise ParseError if not."""
    with _open_archive(path) as archive:
        _chat_entry(archive)


def zip_chat_lines(path: Path) -> LineSource:
    """A :data:`LineSource` over the chat text inside a WhatsApp ``.zip``, streamed.

    Every call re-opens and re-checks the archive, so a file swapped between passes is checked
    again too.
    """
    check_chat_zip(path)

    def lines() -> Lines:
        with _open_archive(path) as archive:
            chat = _chat_entry(archive)

            def opener() -> IO[bytes]:
                return archive.open(chat)

            with open_limited(
                opener,
                chat.file_size,
                "chat inside the archive",
                "The chat inside the archive is larger than its header says.",
            ) as buffered:
                yield from iter_binary_lines(buffered)

    return lines
