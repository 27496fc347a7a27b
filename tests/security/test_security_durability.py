"""[33] The SQLite settings that make committed writes survive a power cut, checked at start-up."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import connection

from feltsafe.web.security_checks import check_sqlite_durability, sqlite_pragmas

pytestmark = pytest.mark.django_db

# PostgreSQL's durability settings are checked in tests/test_database.py.
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite pragmas; this run is on another database"
)


@sqlite_only
def test_the_default_connection_runs_wal_with_full_sync_and_a_busy_timeout():
    assert sqlite_pragmas() == {"journal_mode": "wal", "synchronous": "2", "busy_timeout": "5000"}


def test_the_start_up_check_passes_with_the_project_settings():
    assert check_sqlite_durability(databases=["default"]) == []
    assert [e for e in run_checks(databases=["default"]) if e.id == "feltsafe.E001"] == []
    call_command("check", "--database", "default", verbosity=0)


@sqlite_only
def test_the_start_up_check_fails_loudly_when_a_pragma_is_weaker():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout=100")
    try:
        errors = check_sqlite_durability(databases=["default"])
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout=5000")
    assert [e.id for e in errors] == ["feltsafe.E001"]
    assert "busy_timeout" in errors[0].msg
