"""`feltsafe backup` and `feltsafe restore`: consistent copies of the database, checked.

SQLite (the default) is copied with SQLite's online backup API, never with `cp`: a live
database in WAL mode keeps recent commits in its `-wal` file, which a plain file copy can miss
or tear. The copy is written beside the destination and renamed into place only once
`PRAGMA integrity_check` says ok. PostgreSQL (when `DATABASE_URL` names it) uses `pg_dump -Fc`
and `pg_restore`.

Restore refuses to replace a database that holds tables unless given `--force`; stop the
server first. It checks the backup before and the restored database after.

This module needs no Django: it reads the same environment as the settings (`DATABASE_URL`,
`FELTSAFE_DATA_DIR`), so it also works when the app itself would not start.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

SQLITE_FILE_NAME = "feltsafe.sqlite3"  # as in feltsafe/web/settings.py

backup_app = typer.Typer()
console = Console()
err_console = Console(stderr=True)


class BackupError(Exception):
    """A backup or restore that must not go ahead; the message says why, plainly."""


@dataclass(frozen=True)
class Database:
    engine: str  # "sqlite" or "postgresql"
    path: Path | None = None
    url: str = ""


def configured_database() -> Database:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return Database("postgresql", url=url)
    if url:
        raise BackupError("Backups support SQLite and PostgreSQL; DATABASE_URL names neither.")
    data_dir = Path(os.environ.get("FELTSAFE_DATA_DIR", "var"))
    return Database("sqlite", path=data_dir / SQLITE_FILE_NAME)


def integrity_check(path: Path) -> str:
    """SQLite's full integrity check: "ok", or what is wrong (also for a file that isn't SQLite)."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return "\n".join(str(row[0]) for row in rows)


def table_row_counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: int(connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])
            for table in sorted(tables)
        }
    finally:
        connection.close()


def _copy_online(source: Path, destination: Path) -> None:
    """Copy with the online backup API into a temporary file, check it, then move it in place."""
    partial = destination.with_name(f".{destination.name}.partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        dst.close()
        src.close()
    result = integrity_check(partial)
    if result != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"The copy failed its integrity check: {result}")
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, destination)


def sqlite_backup(source: Path, destination: Path, *, force: bool = False) -> Path:
    if not source.exists():
        raise BackupError(f"There is no database at {source} to back up.")
    if destination.is_dir():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        destination = destination / f"feltsafe-{stamp}.sqlite3"
    if destination.exists() and not force:
        raise BackupError(f"{destination} already exists; choose another name or add --force.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    _copy_online(source, destination)
    return destination


def _has_tables(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        return bool(table_row_counts(path))
    except sqlite3.DatabaseError:
        return True  # something is there that we can't read: don't overwrite it silently


def sqlite_restore(source: Path, destination: Path, *, force: bool = False) -> None:
    if not source.is_file():
        raise BackupError(f"There is no backup file at {source}.")
    result = integrity_check(source)
    if result != "ok":
        raise BackupError(f"{source} is not a sound feltsafe backup: {result}")
    if _has_tables(destination) and not force:
        raise BackupError(
            f"{destination} already holds data. Stop the server, then run restore again with "
            "--force to replace it with the backup."
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(destination)
    try:
        src.backup(dst)  # replaces every page, through SQLite's own locking and WAL handling
    finally:
        dst.close()
        src.close()
    result = integrity_check(destination)
    if result != "ok":
        raise BackupError(f"The restored database failed its integrity check: {result}")


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(
            f"{command[0]} is not installed; it comes with PostgreSQL's client tools."
        )
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise BackupError(f"{command[0]} failed: {completed.stderr.strip()[:500]}")


def _fail(message: str) -> None:
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False)
    raise typer.Exit(2)


@backup_app.command("backup")
def backup_command(
    destination: Annotated[
        Path, typer.Argument(help="A file to write, or a folder to write into.")
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Back up the database to DESTINATION (SQLite online backup, or pg_dump -Fc)."""
    try:
        database = configured_database()
        if database.engine == "postgresql":
            if destination.is_dir():
                destination = destination / "feltsafe.dump"
            if destination.exists() and not force:
                raise BackupError(f"{destination} already exists; add --force to replace it.")
            _run(["pg_dump", "-Fc", "--file", str(destination), "--dbname", database.url])
            console.print(f"Backed up PostgreSQL to {destination}.", highlight=False)
            return
        assert database.path is not None
        written = sqlite_backup(database.path, destination, force=force)
    except BackupError as exc:
        _fail(str(exc))
        return
    counts = table_row_counts(written)
    console.print(
        f"Backed up to {written}: {len(counts)} tables, {sum(counts.values())} rows. "
        "Integrity check: ok.",
        highlight=False,
    )
    console.print("Keep backups encrypted and away from this machine.", style="dim")


@backup_app.command("restore")
def restore_command(
    source: Annotated[Path, typer.Argument(help="A backup made by `feltsafe backup`.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace a database that already holds data.")
    ] = False,
) -> None:
    """Restore the database from SOURCE, then check it (stop the server first)."""
    try:
        database = configured_database()
        if database.engine == "postgresql":
            if not force:
                raise BackupError("Restoring replaces the PostgreSQL database: add --force.")
            _run(
                ["pg_restore", "--clean", "--if-exists", "--no-owner", "--dbname", database.url]
                + [str(source)]
            )
            console.print("Restored PostgreSQL from the backup.", highlight=False)
            return
        assert database.path is not None
        sqlite_restore(source, database.path, force=force)
        counts = table_row_counts(database.path)
    except BackupError as exc:
        _fail(str(exc))
        return
    console.print(
        f"Restored {database.path} from {source}: {len(counts)} tables, "
        f"{sum(counts.values())} rows. Integrity check: ok.",
        highlight=False,
    )
