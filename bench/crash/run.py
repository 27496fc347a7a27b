"""Crash benchmark: numbered check-ins while the server is killed with SIGKILL at random moments.

    .venv/bin/python bench/crash/run.py       # SQLite, then PostgreSQL; 50 rounds each
    .venv/bin/python bench/crash/run.py --engine sqlite --rounds 100
    scripts/with-postgres .venv/bin/python bench/crash/run.py --engine postgres --rounds 50

SQLite (a fresh FELTSAFE_DATA_DIR): the real app runs under gunicorn (2 worker processes, 4
threads each) on 127.0.0.1. Writer threads, one logged-in person each (logged in once; their
sessions live in the database and survive every crash), post numbered check-ins without pause,
alternating the check-in page's form (acknowledged by its 302) and POST /api/v1/checkins
(acknowledged by its 201). Each round the whole server process group (master and workers) is
killed with SIGKILL at a random moment 0.2-1.5 s after it answered, then `PRAGMA integrity_check`
runs on the database file and the server starts again.

PostgreSQL (inside `scripts/with-postgres`, which `--engine both` calls): the app stays up and the
postmaster is killed with SIGKILL instead; its backends then exit on their own, and the server is
started again with the same options (crash recovery replays the WAL). `fsync`,
`synchronous_commit` and `full_page_writes` must be on, checked before and after.

Afterwards every acknowledged check-in must be there (read back through the API, so encrypted
notes are compared as written) with the id the server gave; check-ins that were committed but
never acknowledged (the reply was lost in the crash) are counted, not failed. Exit status 1 on any
loss or damage. Writes RESULTS.md beside this file (one section per engine) unless --no-write.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shlex
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from bench.crash.harness import (  # noqa: E402
    Client,
    Server,
    app_env,
    free_port,
    main_per_engine,
    prepare,
)

NOTE = re.compile(r"^crash-bench (\S+) #(\d+)$")


@dataclass
class Writer:
    client: Client
    acked: dict[int, int] = field(default_factory=dict)  # sequence number -> check-in id
    attempts: int = 0
    failures: int = 0
    token: str = ""

    def run(self, stop: threading.Event) -> None:
        seq = 0
        while not stop.is_set():
            seq += 1
            self.attempts += 1
            note = f"crash-bench {self.client.username} #{seq}"
            try:
                if seq % 2:
                    pk = self.client.post_checkin_api(note, timeout=10)
                else:
                    pk = self.client.post_checkin_form(note, self.token, timeout=10)
            except OSError:
                pk = None
            if pk is None:
                self.failures += 1
                time.sleep(0.05)  # the server is down or restarting
            else:
                self.acked[seq] = pk


class Postgres:
    """The throwaway PostgreSQL of scripts/with-postgres, which this benchmark kills."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        self.psycopg = psycopg
        with psycopg.connect(url) as conn:
            row = conn.execute("SHOW data_directory").fetchone()
            assert row is not None
            self.data = Path(row[0])
        opts = shlex.split((self.data / "postmaster.opts").read_text())
        # postgres "-D" DIR ...: keep every option but the binary and the data folder.
        args, i = [], 1
        while i < len(opts):
            if opts[i] == "-D":
                i += 2
                continue
            args.append(opts[i])
            i += 1
        self.options = shlex.join(args)
        self.pg_ctl = str(Path(opts[0]).parent / "pg_ctl")
        owner = self.data.stat().st_uid
        self.as_owner = (
            ["runuser", "-u", _user_name(owner), "--"] if os.getuid() == 0 and owner != 0 else []
        )

    def amcheck(self) -> tuple[bool, str]:
        """pg_amcheck over every table and index (heap and B-tree checks, contrib's amcheck)."""
        from urllib.parse import urlparse

        url = urlparse(self.url)
        done = subprocess.run(
            [
                str(Path(self.pg_ctl).parent / "pg_amcheck"),
                "--install-missing",
                "--heapallindexed",
                "--host",
                url.hostname or "127.0.0.1",
                "--port",
                str(url.port or 5432),
                "--username",
                url.username or "postgres",
                (url.path or "/postgres").lstrip("/"),
            ],
            capture_output=True,
            text=True,
        )
        return done.returncode == 0, (done.stdout + done.stderr).strip()[-500:]

    def settings(self) -> dict[str, str]:
        with self.psycopg.connect(self.url) as conn:
            return {
                name: str(conn.execute(f"SHOW {name}").fetchone()[0])  # type: ignore[index]
                for name in ("fsync", "synchronous_commit", "full_page_writes")
            }

    def kill_and_restart(self) -> tuple[int, float]:
        """SIGKILL the postmaster, wait for its backends to go, start it again.

        Returns how many backends had to be killed by hand and the restart time in seconds.
        """
        pid = int((self.data / "postmaster.pid").read_text().split()[0])
        children = _children(pid)
        os.kill(pid, 9)
        leftover = 0
        deadline = time.monotonic() + 15
        while _alive([pid, *children]) and time.monotonic() < deadline:
            time.sleep(0.05)
        for child in _alive(children):
            leftover += 1
            os.kill(child, 9)
        while _alive([pid, *children]):
            time.sleep(0.05)
        began = time.monotonic()
        log = self.data.parent / "server.log"
        for _attempt in range(20):
            done = subprocess.run(
                [*self.as_owner, self.pg_ctl, "-D", str(self.data), "-l", str(log), "-w"]
                + ["-o", self.options, "start"],
                capture_output=True,
                text=True,
            )
            if done.returncode == 0:
                return leftover, time.monotonic() - began
            time.sleep(0.5)
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise RuntimeError(f"PostgreSQL did not start again: {done.stdout}{done.stderr}\n{tail}")


def _user_name(uid: int) -> str:
    import pwd

    return pwd.getpwuid(uid).pw_name


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(pid)
    return alive


def integrity_check(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def run(args: argparse.Namespace) -> tuple[list[str], bool]:
    """Run the rounds for the configured engine; return the report lines and whether all held."""
    url = os.environ.get("DATABASE_URL", "")
    engine = "postgres" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    rng = random.Random(args.seed)
    usernames = [f"crash{i}" for i in range(args.writers)]
    ok = True
    with tempfile.TemporaryDirectory(prefix="feltsafe-crash-") as tmp:
        data_dir = Path(tmp) / "data"
        env = app_env(data_dir)
        prepare(env, usernames)
        port = free_port()
        server = Server(env, port, workers=args.workers, log_path=Path(tmp) / "server.log")
        pg = Postgres(url) if engine == "postgres" else None
        settings_before = pg.settings() if pg else {}
        server.start()
        writers = [Writer(Client(port, name)) for name in usernames]
        for writer in writers:
            writer.client.login()
            writer.token = writer.client.form_token("/checkins/new/")
        stop = threading.Event()
        threads = [threading.Thread(target=w.run, args=(stop,), daemon=True) for w in writers]
        for thread in threads:
            thread.start()
        checks: list[str] = []
        restarts: list[float] = []
        backends_killed = 0
        began = time.monotonic()
        for number in range(1, args.rounds + 1):
            time.sleep(rng.uniform(args.min_up, args.max_up))
            if pg:
                leftover, took = pg.kill_and_restart()
                backends_killed += leftover
                restarts.append(took)
            else:
                server.kill()
                result = integrity_check(data_dir / "feltsafe.sqlite3")
                checks.append(result)
                if result != "ok":
                    print(f"round {number}: integrity_check says {result!r}", file=sys.stderr)
                    ok = False
                restarts.append(server.start())
            acked = sum(len(w.acked) for w in writers)
            print(f"round {number}/{args.rounds}: {acked} acknowledged so far", file=sys.stderr)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        elapsed = time.monotonic() - began
        if pg:
            # One more kill after the last write, so the final state is a recovered one too.
            pg.kill_and_restart()
        else:
            server.kill()
            final = integrity_check(data_dir / "feltsafe.sqlite3")
            checks.append(final)
            ok = ok and final == "ok"
            server.start()
        # Read everything back through the app.
        lost = wrong_id = unacked_stored = stored_total = 0
        for writer in writers:
            stored: dict[int, int] = {}
            for row in writer.client.all_checkins():
                match = NOTE.match(row["note"])
                if match and match.group(1) == writer.client.username:
                    stored[int(match.group(2))] = int(row["id"])
            stored_total += len(stored)
            for seq, pk in writer.acked.items():
                if seq not in stored:
                    lost += 1
                elif stored[seq] != pk:
                    wrong_id += 1
            unacked_stored += len(set(stored) - set(writer.acked))
        settings_after = pg.settings() if pg else {}
        amcheck_ok, amcheck_out = pg.amcheck() if pg else (True, "")
        ok = ok and amcheck_ok
        server.stop()
        if pg:
            for name, value in {**settings_before, **settings_after}.items():
                if value != "on":
                    print(f"PostgreSQL {name} is {value!r}, not 'on'", file=sys.stderr)
                    ok = False
        acked_total = sum(len(w.acked) for w in writers)
        attempts = sum(w.attempts for w in writers)
        ok = ok and lost == 0 and wrong_id == 0 and acked_total > 0
        restarts.sort()
        lines = [
            f"- rounds (SIGKILL of the {'postmaster' if pg else 'whole gunicorn process group'}): "
            f"{args.rounds} (+1 after the last write), {len(writers)} writers, "
            f"{elapsed:.0f} s of writing",
            f"- posts attempted (also while the server was down): {attempts}; "
            f"acknowledged: {acked_total}; stored afterwards: {stored_total}",
            f"- acknowledged but missing: **{lost}**; stored under another id: **{wrong_id}**",
            f"- committed but never acknowledged (reply lost in a crash): {unacked_stored}",
            f"- restart time: median {restarts[len(restarts) // 2]:.2f} s, "
            f"max {restarts[-1]:.2f} s",
        ]
        if pg:
            lines.append(
                "- settings before and after: "
                + ", ".join(f"{k}={v}" for k, v in settings_before.items())
                + " / "
                + ", ".join(f"{k}={v}" for k, v in settings_after.items())
            )
            lines.append(
                "- `pg_amcheck --heapallindexed` over every table and index afterwards: "
                + ("**no corruption**" if amcheck_ok else f"**FAILED**: {amcheck_out}")
            )
            lines.append(
                f"- backends still alive 15 s after the postmaster died: {backends_killed}"
            )
        else:
            bad = [c for c in checks if c != "ok"]
            lines.append(
                f"- `PRAGMA integrity_check` after each of the {len(checks)} kills: "
                + ("**ok** every time" if not bad else f"**{len(bad)} failed**")
            )
        lines.append(f"- result: **{'PASS' if ok else 'FAIL'}**")
        return lines, ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--min-up", type=float, default=0.2, help="seconds, before a kill")
    parser.add_argument("--max-up", type=float, default=1.5, help="seconds, before a kill")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--no-write", action="store_true", help="Do not write RESULTS.md.")
    return main_per_engine(parser, Path(__file__), run)


if __name__ == "__main__":
    sys.exit(main())
