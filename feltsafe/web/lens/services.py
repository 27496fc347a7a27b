"""Conversation-lens services: the only code that writes lens analyses and their messages.

A chat arrives as an uploaded file (streamed by :mod:`feltsafe.web.lens.uploads` into a private
temporary folder under ``FELTSAFE_DATA_DIR/tmp/lens``, under a random name, and deleted as soon
as it has been read) or as pasted text. :func:`lens_analysis_create` parses it with the core
parsers (which refuse zip bombs, ``../`` entries, symlinks and mismatched magic bytes with a
``ParseError``), tags and measures it with the core analysis, then writes the analysis and every
message in one ``transaction.atomic``: a failure anywhere writes nothing.

A small chat is read in the request. :func:`lens_analysis_submit` sends a large one (more than
``FELTSAFE_LENS_BACKGROUND_MESSAGES`` messages or ``FELTSAFE_LENS_BACKGROUND_BYTES`` bytes) to a
background task on Django's tasks framework instead: it stores a ``pending`` analysis and the
raw upload, encrypted (:class:`~feltsafe.web.lens.models.LensUpload`), and queues
:func:`feltsafe.web.lens.tasks.read_waiting_conversation` once that has been committed.
:func:`lens_analysis_run` (the task's body) reads it, writes the result or the kind of failure
and deletes the raw upload in one ``transaction.atomic``: nothing half-written stays.
Reads are scoped to their owner: anyone else's analysis answers 404.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import tempfile
import time
import zoneinfo
from collections.abc import Iterable
from datetime import timedelta, tzinfo
from functools import partial
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
from feltsafe.web.lens.models import LensAnalysis, LensMessage, LensUpload
from feltsafe.web.reflections.models import Relationship

MAX_UPLOAD_BYTES: Final = 20 * 1024 * 1024
"""The largest chat file accepted (a year of busy WhatsApp chat is a few MB)."""
MAX_REQUEST_BYTES: Final = MAX_UPLOAD_BYTES + 256 * 1024
"""A request body larger than this is refused before it is read."""
MAX_PASTE_CHARS: Final = 2_000_000
ALLOWED_EXTENSIONS: Final = (".txt", ".zip", ".json", ".csv")
FORMAT_CHOICES: Final = ("auto", *CHAT_FORMATS)
WRITE_BATCH: Final = 500
STALE_UPLOAD_SECONDS: Final = 3600
STALE_WAITING: Final = timedelta(hours=6)
"""A chat still waiting or being read after this long is given up (its raw upload deleted)."""

logger = logging.getLogger(__name__)

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


def _check_relationship(owner: User, relationship: Relationship | None) -> None:
    if relationship is not None and relationship.owner_id != owner.pk:
        raise LensInputError("Please choose one of your own relationships.")


def _write_messages(analysis: LensAnalysis, result: Analysis, keep_text: bool) -> None:
    rows = (
        _message_row(analysis, index, message, result.tags[index], keep_text)
        for index, message in enumerate(result.messages)
    )
    for batch in _batches(rows, WRITE_BATCH):
        LensMessage.objects.bulk_create(batch)


def _analyse_and_store(
    *,
    owner: User,
    messages: list[Message],
    detected: str,
    relationship: Relationship | None,
    keep_text: bool,
    use_model: bool,
) -> LensAnalysis:
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
        _write_messages(analysis, result, keep_text)
        audit_record(actor=owner, action="lens.analyse", target=analysis)
    return analysis


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
    _check_relationship(owner, relationship)
    messages, detected = _parse(path_or_text, fmt, timezone.get_current_timezone())
    if not messages:
        raise LensInputError(_NO_MESSAGES)
    return _analyse_and_store(
        owner=owner,
        messages=messages,
        detected=detected,
        relationship=relationship,
        keep_text=keep_text,
        use_model=use_model,
    )


def _size(path_or_text: Path | str) -> int:
    if isinstance(path_or_text, Path):
        return path_or_text.stat().st_size
    return len(path_or_text.encode("utf-8"))


def _time_zone_name(tz: tzinfo) -> str:
    return str(getattr(tz, "key", "") or settings.TIME_ZONE)


def _queue(
    *,
    owner: User,
    path_or_text: Path | str,
    fmt: str,
    relationship: Relationship | None,
    keep_text: bool,
) -> LensAnalysis:
    """Store a pending analysis with its raw upload (encrypted), and queue the task on commit.

    ``fmt`` is the format already detected for a file, or the one chosen for pasted text.
    """
    if isinstance(path_or_text, Path):
        suffix = upload_suffix(path_or_text.name)
        content = base64.b64encode(path_or_text.read_bytes()).decode("ascii")
    else:
        suffix, content = "", path_or_text
    with transaction.atomic():
        analysis = LensAnalysis.objects.create(
            owner=owner,
            relationship=relationship,
            format=fmt,
            kept_text=keep_text,
            status=LensAnalysis.Status.PENDING,
        )
        LensUpload.objects.create(
            analysis=analysis,
            suffix=suffix,
            format=fmt,
            time_zone=_time_zone_name(timezone.get_current_timezone()),
            content=content,
        )
        audit_record(actor=owner, action="lens.queue", target=analysis)
        transaction.on_commit(partial(_enqueue, analysis.pk))
    return analysis


def _enqueue(analysis_pk: int) -> None:
    from feltsafe.web.lens.tasks import read_waiting_conversation

    read_waiting_conversation.enqueue(analysis_pk)


def lens_analysis_submit(
    *,
    owner: User,
    path_or_text: Path | str,
    fmt: str = "auto",
    relationship: Relationship | None = None,
    keep_text: bool = False,
    use_model: bool = True,
) -> LensAnalysis:
    """Like :func:`lens_analysis_create`, but a large chat is read by a background task.

    The chat is parsed here either way, so an unreadable or hostile file is refused at once
    and nothing is written; only the tagging, which is the slow part, moves to the task. A chat
    over ``FELTSAFE_LENS_BACKGROUND_BYTES`` bytes or ``FELTSAFE_LENS_BACKGROUND_MESSAGES``
    messages comes back ``pending``; a smaller one is read now and comes back done.
    """
    _check_relationship(owner, relationship)
    lens_sweep_stale_waiting()
    messages, detected = _parse(path_or_text, fmt, timezone.get_current_timezone())
    if not messages:
        raise LensInputError(_NO_MESSAGES)
    if (
        len(messages) > settings.FELTSAFE_LENS_BACKGROUND_MESSAGES
        or _size(path_or_text) > settings.FELTSAFE_LENS_BACKGROUND_BYTES
    ):
        return _queue(
            owner=owner,
            path_or_text=path_or_text,
            fmt=detected if isinstance(path_or_text, Path) else fmt,
            relationship=relationship,
            keep_text=keep_text,
        )
    return _analyse_and_store(
        owner=owner,
        messages=messages,
        detected=detected,
        relationship=relationship,
        keep_text=keep_text,
        use_model=use_model,
    )


def lens_sweep_stale_waiting(*, older_than: timedelta = STALE_WAITING) -> int:
    """Give up on chats waiting or being read for longer than ``older_than``; return how many.

    A worker killed mid-task (or a queue nobody runs) would otherwise keep the raw chat, and
    the person's "reading" page, forever. They fail as "something went wrong on our side"; a
    task that starts on one later finds it no longer pending and does nothing.
    """
    cutoff = timezone.now() - older_than
    stale = LensAnalysis.objects.filter(
        status__in=[LensAnalysis.Status.PENDING, LensAnalysis.Status.RUNNING],
        created_at__lt=cutoff,
    ).values_list("pk", flat=True)
    pks = list(stale)
    for pk in pks:
        _fail(pk, LensAnalysis.Failure.ERROR)
    return len(pks)


def _claim(analysis_pk: int) -> LensUpload | None:
    """Mark a pending analysis as running and return its upload (None: nothing to do)."""
    with transaction.atomic():
        analysis = (
            LensAnalysis.objects.select_for_update()
            .filter(pk=analysis_pk, status=LensAnalysis.Status.PENDING)
            .first()
        )
        if analysis is None:
            return None
        analysis.status = LensAnalysis.Status.RUNNING
        analysis.save(update_fields=["status"])
        upload = LensUpload.objects.filter(analysis=analysis).select_related("analysis").first()
        if upload is None:
            _fail(analysis.pk, LensAnalysis.Failure.ERROR)
        return upload


def _read_upload(upload: LensUpload) -> tuple[list[Message], str]:
    tz = zoneinfo.ZoneInfo(upload.time_zone)
    if not upload.suffix:
        return _parse(upload.content, upload.format, tz)
    handle, path = private_temp_file(suffix=upload.suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(base64.b64decode(upload.content))
        return _parse(path, upload.format, tz)
    finally:
        discard_file(path)


def _fail(analysis_pk: int, failure: str) -> None:
    """Record the kind of failure, and keep nothing else: no messages, no summary, no upload."""
    with transaction.atomic():
        analysis = LensAnalysis.objects.select_for_update().filter(pk=analysis_pk).first()
        if analysis is None:  # deleted by its owner meanwhile
            return
        LensMessage.objects.filter(analysis=analysis).delete()
        LensUpload.objects.filter(analysis=analysis).delete()
        analysis.status = LensAnalysis.Status.FAILED
        analysis.failure = failure
        analysis.summary = {}
        analysis.message_count = 0
        analysis.save(update_fields=["status", "failure", "summary", "message_count"])
        audit_record(actor=analysis.owner, action="lens.analyse", target=analysis, outcome="failed")


def lens_analysis_run(*, analysis_pk: int, use_model: bool = True) -> str:
    """Read a waiting chat (the background task's body); return the analysis's new status.

    The result, the message rows and the deletion of the raw upload are one transaction. Any
    failure is recorded as its kind only (never the exception's text, which could quote the
    chat), and the raw upload is deleted then too.
    """
    upload = _claim(analysis_pk)
    if upload is None:
        return "skipped"
    try:
        messages, detected = _read_upload(upload)
        del upload  # the decrypted chat is not needed any more
        if not messages:
            _fail(analysis_pk, LensAnalysis.Failure.EMPTY)
            return LensAnalysis.Status.FAILED
        result = analyze_messages(messages, use_model=use_model)
        with transaction.atomic():
            current = LensAnalysis.objects.select_for_update().filter(pk=analysis_pk).first()
            if current is None:  # deleted by its owner while it was being read
                return "skipped"
            current.format = detected
            current.message_count = len(messages)
            current.summary = _summary(result)
            current.status = LensAnalysis.Status.DONE
            current.failure = ""
            current.save(update_fields=["format", "message_count", "summary", "status", "failure"])
            _write_messages(current, result, current.kept_text)
            LensUpload.objects.filter(analysis=current).delete()
            audit_record(actor=current.owner, action="lens.analyse", target=current)
    except LensInputError:
        _fail(analysis_pk, LensAnalysis.Failure.UNREADABLE)
        return LensAnalysis.Status.FAILED
    except Exception as exc:  # noqa: BLE001 - recorded by kind; the text may quote the chat
        logger.error(  # noqa: TRY400 - no traceback: its lines could quote the chat
            "Reading conversation %s failed: %s", analysis_pk, type(exc).__name__
        )
        _fail(analysis_pk, LensAnalysis.Failure.ERROR)
        return LensAnalysis.Status.FAILED
    return LensAnalysis.Status.DONE


FAILURE_MESSAGES: Final[dict[str, str]] = {
    LensAnalysis.Failure.UNREADABLE: (
        "We couldn't read this conversation: the file doesn't look like one of the chat "
        "exports the lens knows. Nothing from it was kept."
    ),
    LensAnalysis.Failure.EMPTY: _NO_MESSAGES,
    LensAnalysis.Failure.ERROR: (
        "Something went wrong on our side while reading this conversation. It isn't "
        "anything you did. Nothing from it was kept; you are welcome to try again later."
    ),
}


def failure_message(analysis: LensAnalysis) -> str:
    """A plain sentence about why a background reading failed."""
    return FAILURE_MESSAGES.get(analysis.failure, FAILURE_MESSAGES[LensAnalysis.Failure.ERROR])


def lens_analysis_list(*, owner: User, unfinished: bool = False) -> QuerySet[LensAnalysis]:
    """The person's analyses; with ``unfinished``, also those waiting, being read or failed."""
    analyses = LensAnalysis.objects.filter(owner=owner).select_related("relationship")
    return analyses if unfinished else analyses.filter(status=LensAnalysis.Status.DONE)


def lens_analysis_get(*, owner: User, pk: int, unfinished: bool = False) -> LensAnalysis:
    """The person's own analysis, or 404 (also for someone else's).

    Unless ``unfinished``, only a finished, successful reading is found.
    """
    return get_object_or_404(lens_analysis_list(owner=owner, unfinished=unfinished), pk=pk)


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
