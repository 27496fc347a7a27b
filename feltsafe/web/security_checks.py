"""Start-up checks: the SQLite settings that make a committed write survive a power cut.

Registered as a Django system check on the database, so `migrate` (which `feltsafe serve` runs
first) and `manage.py check --database default` refuse to go on with weaker settings.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Tags, register
from django.db import connections

EXPECTED_SQLITE_PRAGMAS = {"journal_mode": "wal", "synchronous": "2", "busy_timeout": "5000"}


def sqlite_pragmas(alias: str = "default") -> dict[str, str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        found = {}
        for pragma in EXPECTED_SQLITE_PRAGMAS:
            cursor.execute(f"PRAGMA {pragma}")
            found[pragma] = str(cursor.fetchone()[0]).lower()
    return found


@register(Tags.database)
def check_sqlite_durability(databases: Any = None, **kwargs: Any) -> list[Error]:
    errors: list[Error] = []
    for alias in databases or []:
        if connections[alias].vendor != "sqlite":
            continue
        found = sqlite_pragmas(alias)
        for pragma, expected in EXPECTED_SQLITE_PRAGMAS.items():
            if found[pragma] != expected:
                errors.append(
                    Error(
                        f"SQLite PRAGMA {pragma} is {found[pragma]!r}, not {expected!r}.",
                        hint=(
                            "Keep the init_command of DATABASES['default']['OPTIONS'] in "
                            "feltsafe/web/settings.py: journal_mode=WAL, synchronous=FULL, "
                            "busy_timeout=5000."
                        ),
                        id="feltsafe.E001",
                    )
                )
    return errors


@register(Tags.security, deploy=True)
def check_csrf_middleware(**kwargs: Any) -> list[Error]:
    """Django's security.W003 only recognises its own class by name, so it is silenced in the
    settings; this check takes its place and accepts a subclass (feltsafe's CsrfMiddleware)."""
    from django.conf import settings
    from django.middleware.csrf import CsrfViewMiddleware
    from django.utils.module_loading import import_string

    for path in settings.MIDDLEWARE:
        middleware = import_string(path)
        if isinstance(middleware, type) and issubclass(middleware, CsrfViewMiddleware):
            return []
    return [
        Error(
            "No CSRF middleware (CsrfViewMiddleware or a subclass) is in MIDDLEWARE.",
            id="feltsafe.E002",
        )
    ]
