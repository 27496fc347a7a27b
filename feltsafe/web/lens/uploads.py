"""Receiving a chat file: straight into the lens's private temp folder, capped as it streams.

:class:`PrivateTempUploadHandler` replaces Django's upload handlers for the upload page, so the
raw bytes never go to the system temp folder or stay in memory: the one ``file`` field is
written, under a random name, into :func:`~feltsafe.web.lens.services.lens_tmp_dir`. A file
whose name has an extension the lens doesn't read is skipped before a byte is written; a file
that grows past :data:`~feltsafe.web.lens.services.MAX_UPLOAD_BYTES` is deleted mid-stream.
The view deletes whatever was written in a ``finally`` (:meth:`discard`), read or not.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopFutureHandlers
from django.http import HttpRequest

from feltsafe.web.lens.services import (
    MAX_UPLOAD_BYTES,
    LensInputError,
    discard_file,
    private_temp_file,
    too_large_error,
    upload_suffix,
)

FILE_FIELD = "file"


class PrivateUpload(UploadedFile):  # type: ignore[type-arg]
    """An uploaded chat file that already sits in the private temp folder."""

    def __init__(self, path: Path, name: str, size: int, content_type: str | None) -> None:
        super().__init__(
            file=path.open("rb"), name=name, content_type=content_type, size=size, charset=None
        )
        self.path = path

    def temporary_file_path(self) -> str:
        return str(self.path)


class PrivateTempUploadHandler(FileUploadHandler):
    """Stream the ``file`` field into a private temp file; refuse what the lens can't take."""

    chunk_size = 64 * 1024

    def __init__(self, request: HttpRequest | None = None, *, limit: int = MAX_UPLOAD_BYTES):
        super().__init__(request)
        self.limit = limit
        self.error: LensInputError | None = None
        self.paths: list[Path] = []
        self._out: IO[bytes] | None = None
        self._path: Path | None = None
        self._received = 0

    def new_file(self, field_name: str, file_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        if field_name != FILE_FIELD or self._path is not None or self.error is not None:
            raise SkipFile()
        try:
            suffix = upload_suffix(file_name or "")
        except LensInputError as exc:
            self.error = exc
            raise SkipFile() from exc
        handle, self._path = private_temp_file(suffix=suffix)
        self.paths.append(self._path)
        self._out = os.fdopen(handle, "wb")
        self._received = 0
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self._out is None:
            raise SkipFile()
        self._received += len(raw_data)
        if self._received > self.limit:
            self.error = too_large_error()
            self._drop()
            raise SkipFile()
        self._out.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> UploadedFile[bytes] | None:
        if self._out is None or self._path is None:
            return None
        self._out.close()
        self._out = None
        return PrivateUpload(self._path, self.file_name or "", file_size, self.content_type)

    def upload_interrupted(self) -> None:
        self._drop()

    def _drop(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None
        if self._path is not None:
            discard_file(self._path)

    def discard(self) -> None:
        """Delete every file this handler wrote (the view calls this in a ``finally``)."""
        if self._out is not None:
            self._out.close()
            self._out = None
        for path in self.paths:
            discard_file(path)
