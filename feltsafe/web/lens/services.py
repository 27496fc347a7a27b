"""Conversation-lens services: the only code that writes lens analyses and their messages.

A chat arrives as an uploaded file (streamed by :mod:`feltsafe.web.lens.uploads` into a private
temporary folder under ``FELTSAFE_DATA_DIR/tmp/lens``, under a random name, and deleted as soon
as it has been read) or as pasted text. :func:`lens_analysis_create` parses it with the core
parsers (which refuse zip bombs, ``../`` entries, symlinks and mismatched magic bytes with a
``ParseError``), tags and measures it with the core analysis, then writes the analysis and every
message in one ``transaction.atomic``: a failure anywhere writes nothing.

The analysis runs in the request. It is kept behind this one keyword-only function so it can
move to a background task (Django's tasks framework with the database backend) later.
Reads are scoped to their owner: anyone else's analysis answers 404.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterable
from datetime import tzinfo
from pathlib import Path
from typing import Any, Final

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from feltsafe.lens.analysis import Analysis, analyze_messages, safety_notes
from feltsafe.lens.coach import CoachResult, coach_draft
from feltsafe.lens.messages import Message, ParseError
from feltsafe.lens.parsers import CHAT_FORMATS, detect_format, iter_messages, parse_text
from feltsafe.lens.tagger import TagResult
from feltsafe.web.audit.services import audit_record
from feltsafe.web.lens.models import LensAnalysis, LensMessage
from feltsafe.web.reflections.models import Relationship

MAX_UPLOAD_BYTES: Final = 20 * 1024 * 1024
"""The largest chat file accepted (a year of busy WhatsApp chat is a few MB)."""
MAX_REQUEST_BYTES: Final = MAX_UPLOAD_BYTES + 256 * 1024
"""A request body larger than this is refused before it is read."""
MAX_PASTE_CHARS: Final = 2_000_000
ALLOWED_EXTENSIONS: Final = (".txt", ".zip", ".json", ".csv")
LARGE_CONVERSATION: Final = 5_000
"""From this many messages the pages say that reading may take a minute."""
FORMAT_CHOICES: Final = ("auto", *CHAT_FORMATS)
WRITE_BATCH: Final = 500
STALE_UPLOAD_SECONDS: Final = 3600

_UNREADABLE: Final = "We couldn't read this conversation: {reason} Nothing from it was kept."
_NO_MESSAGES: Final = "We couldn't find any messages in this conversation. Nothing was kept."
_TOO_LARGE: Final = (
    f"This file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB, the most the lens reads "
    "at once. Nothing from it was kept. Exporting a shorter stretch of the chat may help."
)
_WRONG_EXTENSION: Final = (
    "The lens reads WhatsApp exports (.txt or .zip), Telegram's result.json, plain transcripts "
    "(.txt) and CSV files (.csv). This file's name ends differently, so nothing from it was kept."
)


class LensInputError(Exception):
    """A chat the lens can't take, in a sentence for the person; ``status`` is the HTTP code."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def too_large_error() -> LensInputError:
    return LensInputError(_TOO_LARGE, status=413)


def lens_tmp_dir() -> Path:
    """The private folder (mode 0700, outside any web root) where uploads wait to be read."""
    configured = getattr(settings, "FELTSAFE_LENS_TMP_DIR", "")
    path = Path(configured) if configured else Path(settings.DATA_DIR) / "tmp" / "lens"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def upload_suffix(name: str) -> str:
    """The file's extension when it is one the lens accepts, else LensInputError."""
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_EXTENSIONS:
        raise LensInputError(_WRONG_EXTENSION, status=415)
    return suffix


def sweep_stale_uploads(*, folder: Path, older_than: float = STALE_UPLOAD_SECONDS) -> int:
    """Delete uploads left behind by a process that died mid-read; return how many."""
    cutoff = time.time() - older_than
    removed = 0
    for path in folder.glob("chat-*"):
        try:
            if path.lstat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def private_temp_file(*, suffix: str) -> tuple[int, Path]:
    """A new empty file with a random name in :func:`lens_tmp_dir` (mode 0600).

    Each new upload first sweeps away any upload older than an hour: the ``finally`` that
    deletes a raw chat can't run if the process is killed, and a chat must not stay behind.
    """
    folder = lens_tmp_dir()
    sweep_stale_uploads(folder=folder)
    handle, name = tempfile.mkstemp(prefix="chat-", suffix=suffix, dir=folder)
    return handle, Path(name)


def discard_file(path: Path) -> None:
    path.unlink(missing_ok=True)


def lens_upload_save(*, upload: UploadedFile[Any]) -> Path:
    """Copy an uploaded file into a private temp file; the caller deletes it in a ``finally``.

    The extension must be an accepted one and the size at most :data:`MAX_UPLOAD_BYTES`
    (checked as the bytes are copied, whatever the upload claims); on refusal nothing stays.
    """
    suffix = upload_suffix(upload.name or "")
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise too_large_error()
    handle, path = private_temp_file(suffix=suffix)
    written = 0
    try:
        with os.fdopen(handle, "wb") as out:
            for chunk in upload.chunks():
                written += len(chunk)
                if written > MAX_UPLOAD_BYTES:
                    raise too_large_error()
                out.write(chunk)
    except BaseException:
        discard_file(path)
        raise
    return path


def _parse(path_or_text: Path | str, fmt: str, tz: tzinfo) -> tuple[list[Message], str]:
    if fmt not in FORMAT_CHOICES:
        raise LensInputError("Please choose one of the formats listed.")
    try:
        if isinstance(path_or_text, Path):
            detected = detect_format(path_or_text) if fmt == "auto" else fmt
            return list(iter_messages(path_or_text, detected, tz=tz)), detected  # type: ignore[arg-type]
        messages = parse_text(path_or_text, fmt, tz=tz)  # type: ignore[arg-type]
        return messages, fmt if fmt != "auto" else "pasted"
    except ParseError as exc:
        raise LensInputError(_UNREADABLE.format(reason=str(exc).rstrip(".") + ".")) from exc


def _summary(analysis: Analysis) -> dict[str, Any]:
    full = analysis.to_json()
    return {
        "speakers": full["speakers"],
        "episodes": full["episodes"],
        "summary": full["summary"],
        "safety_notes": [[kind, text] for kind, text in safety_notes(analysis.metrics)],
    }


def _message_row(
    analysis: LensAnalysis, index: int, message: Message, tag: TagResult | None, keep_text: bool
) -> LensMessage:
    evidence = {m: list(words) for m, words in tag.evidence.items()} if tag is not None else {}
    return LensMessage(
        analysis=analysis,
        index=index,
        sender=message.sender[:200],
        time=message.time,
        kind=message.kind,
        markers=list(tag.markers) if tag is not None else [],
        crisis=tag.crisis if tag is not None else False,
        text=message.text if keep_text else "",
        evidence=json.dumps(evidence, ensure_ascii=False) if keep_text and evidence else "",
    )


def _batches(rows: Iterable[LensMessage], size: int) -> Iterable[list[LensMessage]]:
    batch: list[LensMessage] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def lens_analysis_create(
    *,
    owner: User,
    path_or_text: Path | str,
    fmt: str = "auto",
    relationship: Relationship | None = None,
    keep_text: bool = False,
    use_model: bool = True,
) -> LensAnalysis:
    """Read a chat file (a :class:`~pathlib.Path`) or pasted text, analyse it and store it.

    Only derived results are stored unless ``keep_text``. Raises :class:`LensInputError` for a
    chat that can't be read (nothing is written then). The caller deletes an uploaded file.
    """
    if relationship is not None and relationship.owner_id != owner.pk:
        raise LensInputError("Please choose one of your own relationships.")
    messages, detected = _parse(path_or_text, fmt, timezone.get_current_timezone())
    if not messages:
        raise LensInputError(_NO_MESSAGES)
    result = analyze_messages(messages, use_model=use_model)
    with transaction.atomic():
        analysis = LensAnalysis.objects.create(
            owner=owner,
            relationship=relationship,
            format=detected,
            message_count=len(messages),
            kept_text=keep_text,
            summary=_summary(result),
        )
        rows = (
            _message_row(analysis, index, message, result.tags[index], keep_text)
            for index, message in enumerate(result.messages)
        )
        for batch in _batches(rows, WRITE_BATCH):
            LensMessage.objects.bulk_create(batch)
        audit_record(actor=owner, action="lens.analyse", target=analysis)
    return analysis


def lens_analysis_list(*, owner: User) -> QuerySet[LensAnalysis]:
    return LensAnalysis.objects.filter(owner=owner).select_related("relationship")


def lens_analysis_get(*, owner: User, pk: int) -> LensAnalysis:
    """The person's own analysis, or 404 (also for someone else's)."""
    return get_object_or_404(
        LensAnalysis.objects.select_related("relationship"), owner=owner, pk=pk
    )


def lens_messages(*, analysis: LensAnalysis) -> QuerySet[LensMessage]:
    return LensMessage.objects.filter(analysis=analysis).order_by("index")


def lens_analysis_delete(*, analysis: LensAnalysis) -> None:
    """Delete an analysis and all its messages (the audit log records only that it happened)."""
    owner = analysis.owner
    with transaction.atomic():
        audit_record(actor=owner, action="lens.delete", target=analysis)
        analysis.delete()


def lens_coach(*, text: str, use_model: bool = True) -> CoachResult:
    """The coach's reading of a draft. Drafts are never stored or logged."""
    return coach_draft(text, use_model=use_model)
