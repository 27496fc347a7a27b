"""Keep what people write out of logs, error reports and error e-mails.

- `ContentFreeLogFilter` (on the `django` loggers and every handler): drops the request object
  from log records (handlers would otherwise print its POST data) and replaces a traceback by
  a content-free one: the exception types and the file, line and function of each frame, with
  no exception messages and no variables, since messages often quote the input.
- `ContentFreeExceptionReporterFilter` (DEFAULT_EXCEPTION_REPORTER_FILTER): hides every POST
  value and every local variable from error reports, not just those marked sensitive.
"""

from __future__ import annotations

import logging
import traceback
from types import TracebackType
from typing import Any

from django.http import HttpRequest
from django.views.debug import SafeExceptionReporterFilter

HIDDEN = "[hidden]"


def content_free_traceback(exc: BaseException | None, tb: TracebackType | None) -> str:
    lines = ["Traceback (no messages or values are logged):"]
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
    chain: list[str] = []
    current = exc
    while current is not None and len(chain) < 10:
        chain.append(type(current).__qualname__)
        current = current.__cause__ or current.__context__
    lines.append(" <- ".join(chain) if chain else "Exception")
    return "\n".join(lines)


class ContentFreeLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None:
            record.request = None
            record.method = getattr(request, "method", "")
        if record.exc_info and record.exc_info[1] is not None:
            _, exc, tb = record.exc_info
            record.exc_text = content_free_traceback(exc, tb)
            record.exc_info = None
        # Newlines in arguments could forge extra log lines: encode them.
        if record.args and isinstance(record.args, tuple):
            record.args = tuple(
                arg.replace("\r", "\\r").replace("\n", "\\n") if isinstance(arg, str) else arg
                for arg in record.args
            )
        return True


class ContentFreeExceptionReporterFilter(SafeExceptionReporterFilter):
    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        if request is None:
            return {}
        return dict.fromkeys(request.POST, HIDDEN)

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        return [(name, HIDDEN) for name in tb_frame.f_locals]
