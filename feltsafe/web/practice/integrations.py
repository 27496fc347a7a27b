"""The other apps the practice workspace reads through, each only when it is installed.

Check-ins, the journal, the audit log and recent-authentication live in their own apps, which a
deployment may not have yet. The practice app reaches them only through their services, and only
after asking here whether they exist, so it works (and its tests pass) with or without them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import models
from django.http import HttpResponse

CHECKINS_APP = "feltsafe.web.checkins"
JOURNAL_APP = "feltsafe.web.journal"
AUDIT_APP = "feltsafe.web.audit"
LENS_APP = "feltsafe.web.lens"
COUPLES_APP = "feltsafe.web.couples"


def installed(app: str) -> bool:
    return apps.is_installed(app)


def _optional(module: str, name: str) -> Any | None:
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def audit(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    outcome: str = "ok",
    subject: Any = None,
) -> None:
    """Append an event to the audit log when the audit app is installed (ids only, no content)."""
    if not installed(AUDIT_APP):
        return
    record = _optional(f"{AUDIT_APP}.services", "audit_record")
    if record is not None:
        record(actor=actor, action=action, target=target, outcome=outcome, subject=subject)


ViewFunc = Callable[..., HttpResponse]


def require_recent_auth(view: ViewFunc) -> ViewFunc:
    """The accounts app's re-authentication guard, when it has one (else the view as it is)."""
    guard = _optional("feltsafe.web.accounts.reauth", "require_recent_auth")
    if guard is None:
        return view
    guarded: ViewFunc = guard(view)
    return guarded
