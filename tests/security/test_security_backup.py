"""[36] `feltsafe backup` and `feltsafe restore`, as a round trip through the command line."""

from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from feltsafe.backup import integrity_check
from feltsafe.cli import app

runner = CliRunner()


@pytest.fixture
def live_db(tmp_path, monkeypatch):
    """A data folder whose database is in WAL mode with commits still only in the -wal file."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    monkeypatch.setenv("FELTSAFE_DATA_DIR", str(data_dir))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    path = data_dir / "feltsafe.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA wal_autocheckpoint=0")  # keep the commits in the -wal file
    connection.execute("CREATE TABLE checkin (id INTEGER PRIMARY KEY, note TEXT)")
    with connection:
        connection.executemany(
            "INSERT INTO checkin (note) VALUES (?)", [(f"note {i}",) for i in range(500)]
        )
    assert (data_dir / "feltsafe.sqlite3-wal").stat().st_size > 0
    yield path, connection
    connection.close()


def _count(path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT COUNT(*) FROM checkin").fetchone()[0]
    finally:
        connection.close()


def test_backup_then_restore_brings_every_row_back(live_db, tmp_path):
    path, connection = live_db
    backup = tmp_path / "backups" / "tonight.sqlite3"
    result = runner.invoke(app, ["backup", str(backup)])
    assert result.exit_code == 0, result.output
    assert "500 rows" in result.output and "Integrity check: ok" in result.output
    assert integrity_check(backup) == "ok"
    assert _count(backup) == 500
    assert not backup.with_name("tonight.sqlite3-wal").exists()

    with connection:
        connection.execute("DELETE FROM checkin WHERE id > 100")
    connection.close()
    assert _count(path) == 100

    result = runner.invoke(app, ["restore", str(backup), "--force"])
    assert result.exit_code == 0, result.output
    assert "Integrity check: ok" in result.output
    assert _count(path) == 500
    assert integrity_check(path) == "ok"


def test_restore_refuses_to_overwrite_data_without_force(live_db, tmp_path):
    path, connection = live_db
    backup = tmp_path / "b.sqlite3"
    assert runner.invoke(app, ["backup", str(backup)]).exit_code == 0
    with connection:
        connection.execute("INSERT INTO checkin (note) VALUES ('written after the backup')")
    result = runner.invoke(app, ["restore", str(backup)])
    assert result.exit_code == 2
    assert "--force" in result.output
    assert _count(path) == 501


def test_restore_into_an_empty_data_folder_needs_no_force(live_db, tmp_path, monkeypatch):
    backup = tmp_path / "b.sqlite3"
    assert runner.invoke(app, ["backup", str(backup)]).exit_code == 0
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("FELTSAFE_DATA_DIR", str(fresh))
    result = runner.invoke(app, ["restore", str(backup)])
    assert result.exit_code == 0, result.output
    assert _count(fresh / "feltsafe.sqlite3") == 500


def test_restore_rejects_a_file_that_is_not_a_sound_backup(live_db, tmp_path):
    path, _ = live_db
    bogus = tmp_path / "not-a-backup.sqlite3"
    bogus.write_bytes(b"this is not a database" * 100)
    result = runner.invoke(app, ["restore", str(bogus), "--force"])
    assert result.exit_code == 2
    assert "not a sound feltsafe backup" in result.output
    assert _count(path) == 500


def test_backup_into_a_folder_names_the_file_and_never_overwrites(live_db, tmp_path):
    folder = tmp_path / "nightly"
    folder.mkdir()
    result = runner.invoke(app, ["backup", str(folder)])
    assert result.exit_code == 0, result.output
    written = list(folder.glob("feltsafe-*.sqlite3"))
    assert len(written) == 1
    again = runner.invoke(app, ["backup", str(written[0])])
    assert again.exit_code == 2
    assert "already exists" in again.output


def test_backup_says_so_plainly_when_there_is_no_database(tmp_path, monkeypatch):
    monkeypatch.setenv("FELTSAFE_DATA_DIR", str(tmp_path / "empty"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    result = runner.invoke(app, ["backup", str(tmp_path / "x.sqlite3")])
    assert result.exit_code == 2
    assert "no database" in result.output
