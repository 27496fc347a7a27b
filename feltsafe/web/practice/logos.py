"""A practice's logo: checked by its bytes, re-encoded, kept outside the web root.

The upload must be a PNG or JPEG by its magic bytes (the name and the browser's content type are
not trusted), at most `MAX_LOGO_BYTES` and `MAX_LOGO_PIXELS`. It is decoded and written again as a
fresh PNG without metadata, under a random name in `DATA_DIR/practice-logos/`, and served only by
the `practice:logo` view.
"""

from __future__ import annotations

import io
import secrets
from pathlib import Path

from django.conf import settings
from django.db import transaction

from feltsafe.web.practice.models import Practice

MAX_LOGO_BYTES = 512 * 1024
MAX_LOGO_PIXELS = 2_000_000
MAX_LOGO_SIDE = 400
"""Logos are shrunk to fit this many pixels on their longer side."""
MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}


class LogoError(ValueError):
    """An upload we will not keep; the message is safe to show."""


def logo_dir() -> Path:
    return Path(settings.DATA_DIR) / "practice-logos"


def sniff(data: bytes) -> str | None:
    """'png' or 'jpeg' by the file's first bytes, else None."""
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            return kind
    return None


def clean_logo(data: bytes) -> bytes:
    """The logo as a fresh PNG (LogoError for anything else)."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(f"Please choose an image of at most {MAX_LOGO_BYTES // 1024} KB.")
    kind = sniff(data)
    if kind is None:
        raise LogoError("Please choose a PNG or JPEG image.")
    try:
        with Image.open(io.BytesIO(data), formats=[kind.upper()]) as image:
            if image.width * image.height > MAX_LOGO_PIXELS:
                raise LogoError("That image is too large; please choose a smaller one.")
            image.load()
            rgba = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise LogoError("That file could not be read as an image.") from exc
    rgba.thumbnail((MAX_LOGO_SIDE, MAX_LOGO_SIDE))
    out = io.BytesIO()
    rgba.save(out, format="PNG", optimize=True)
    return out.getvalue()


@transaction.atomic
def practice_logo_set(*, practice: Practice, data: bytes) -> Practice:
    png = clean_logo(data)
    folder = logo_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.png"
    (folder / name).write_bytes(png)
    old = practice.logo_file
    practice.logo_file = name
    practice.save(update_fields=["logo_file"])
    if old:
        transaction.on_commit(lambda: _remove(old))
    return practice


@transaction.atomic
def practice_logo_clear(*, practice: Practice) -> Practice:
    old = practice.logo_file
    practice.logo_file = ""
    practice.save(update_fields=["logo_file"])
    if old:
        transaction.on_commit(lambda: _remove(old))
    return practice


def _path(name: str) -> Path | None:
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    return logo_dir() / name


def _remove(name: str) -> None:
    path = _path(name)
    if path is not None:
        path.unlink(missing_ok=True)


def logo_bytes(practice: Practice) -> bytes | None:
    path = _path(practice.logo_file)
    if path is None or not path.is_file():
        return None
    return path.read_bytes()
