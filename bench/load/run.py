"""Load benchmark: 50 logged-in people for 60 s on 127.0.0.1, pages and check-in posts mixed.

    .venv/bin/python bench/load/run.py                        # SQLite, then PostgreSQL
    .venv/bin/python bench/load/run.py --engine sqlite --users 50 --duration 60
    scripts/with-postgres .venv/bin/python bench/load/run.py --engine postgres

The real app runs under gunicorn (`--workers 3 --threads 4 --worker-class gthread --preload`,
the URL routes imported in the master) on 127.0.0.1, on a fresh FELTSAFE_DATA_DIR (SQLite) or
on the throwaway PostgreSQL of `scripts/with-postgres`. Each simulated person logs in once
(before the clock starts, so django-axes never sees a burst of log-ins), then repeats until the
time is up: wait 0.5-1.5 s (thinking, as a person would; `--think-min/--think-max`), then one of
the home page after log-in (dashboard, 25%), reflections (20%), check-ins with their charts
(20%), the check-in form (10%) or posting a check-in through that form (25%).

Reported: requests per second, latency p50/p95/p99 (overall and per kind), errors (any status
but 200 and the check-in's 302, and connection failures), "database is locked" in the server's
log, and whether the stored check-ins (read back through the API) equal the acknowledged posts.
Exit status 1 on an error or a mismatch. Writes RESULTS.md beside this file (one section per
engine) unless --no-write.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
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

ACTIONS = [
    ("dashboard", "/dashboard/", 25),
    ("reflections", "/reflections/", 20),
    ("checkins", "/checkins/", 20),
    ("checkin form", "/checkins/new/", 10),
    ("checkin post", "/checkins/new/", 25),
]


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]


class Person:
    def __init__(self, client: Client, rng: random.Random) -> None:
        self.client = client
        self.rng = rng
        self.token = ""
        self.samples: list[tuple[str, float, int]] = []  # kind, seconds, status (0: failed)
        self.acked = 0

    def run(self, deadline: float, think: tuple[float, float]) -> None:
        kinds = [a[0] for a in ACTIONS]
        weights = [a[2] for a in ACTIONS]
        paths = {a[0]: a[1] for a in ACTIONS}
        seq = 0
        while True:
            time.sleep(self.rng.uniform(*think))
            if time.monotonic() >= deadline:
                return
            kind = self.rng.choices(kinds, weights)[0]
            began = time.monotonic()
            try:
                if kind == "checkin post":
                    seq += 1
                    note = f"load-bench {self.client.username} #{seq}"
                    pk = self.client.post_checkin_form(note, self.token)
                    status = 302 if pk is not None else 500
                    if pk is not None:
                        self.acked += 1
                else:
                    status, _, _ = self.client.call("GET", paths[kind])
            except OSError:
                status = 0
            self.samples.append((kind, time.monotonic() - began, status))


def one_person_alone(person: Person, rounds: int = 8) -> list[float]:
    """Milliseconds of each page for one person with the server to themselves (warms it up)."""
    times = []
    for _ in range(rounds):
        for _, path, _ in ACTIONS[:4]:
            began = time.monotonic()
            person.client.call("GET", path)
            times.append((time.monotonic() - began) * 1000)
    return sorted(times)


def run(args: argparse.Namespace) -> tuple[list[str], bool]:
    usernames = [f"load{i}" for i in range(args.users)]
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="feltsafe-load-") as tmp:
        data_dir = Path(tmp) / "data"
        env = app_env(data_dir, {"LOG_LEVEL": "WARNING"})  # "Bad Request: /path" lines too
        prepare(env, usernames)
        log_path = Path(tmp) / "server.log"
        server = Server(
            env, free_port(), workers=args.workers, threads=args.threads, log_path=log_path
        )
        server.start()
        try:
            people = [
                Person(Client(server.port, name), random.Random(rng.random())) for name in usernames
            ]
            for person in people:
                person.client.login()
                person.token = person.client.form_token("/checkins/new/")
            alone = one_person_alone(people[0])
            load_before = os.getloadavg()[0]
            began = time.monotonic()
            deadline = began + args.duration
            threads = [
                threading.Thread(
                    target=p.run, args=(deadline, (args.think_min, args.think_max)), daemon=True
                )
                for p in people
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - began
            stored = 0
            for person in people:
                stored += sum(
                    1
                    for row in person.client.all_checkins()
                    if row["note"].startswith(f"load-bench {person.client.username} #")
                )
        finally:
            server.stop()
        log = log_path.read_text(errors="replace")
    samples = [s for p in people for s in p.samples]
    acked = sum(p.acked for p in people)
    errors = Counter(
        f"{kind}: {status or 'no answer'}"
        for kind, _, status in samples
        if status not in (200, 302)
    )
    locked = log.count("database is locked")
    by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, seconds, _ in samples:
        by_kind[kind].append(seconds * 1000)
    overall = sorted(seconds * 1000 for _, seconds, _ in samples)
    p95 = percentile(overall, 0.95)
    ok = not errors and locked == 0 and stored == acked
    lines = [
        f"- one person alone first, {len(alone)} pages without pausing: p50 "
        f"{percentile(alone, 0.5):.0f} ms, p95 {percentile(alone, 0.95):.0f} ms (the app's own "
        "cost at that moment); load average of the machine: "
        f"{load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end",
        f"- {args.users} people for {args.duration:.0f} s (think time "
        f"{args.think_min}-{args.think_max} s), gunicorn --workers {args.workers} "
        f"--threads {args.threads}",
        f"- requests: {len(samples)} in {elapsed:.1f} s = **{len(samples) / elapsed:.1f} "
        f"requests/s**",
        f"- latency (ms): p50 **{percentile(overall, 0.5):.0f}**, p95 **{p95:.0f}**, "
        f"p99 **{percentile(overall, 0.99):.0f}**, max {overall[-1]:.0f} "
        f"(target p95 < 200: {'met' if p95 < 200 else 'NOT met'})",
        "- errors: **"
        + (", ".join(f"{n} x ({s})" for s, n in errors.items()) or "none")
        + f'**; "database is locked" in the server log: **{locked}**',
        f"- check-ins acknowledged: {acked}; stored: {stored} "
        f"({'equal' if stored == acked else 'NOT equal'})",
        "",
        "| request | count | p50 ms | p95 ms | p99 ms |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for kind, _, _ in ACTIONS:
        values = sorted(by_kind[kind])
        lines.append(
            f"| {kind} | {len(values)} | {percentile(values, 0.5):.0f} | "
            f"{percentile(values, 0.95):.0f} | {percentile(values, 0.99):.0f} |"
        )
    warnings = [
        line.strip()
        for line in log.splitlines()
        if "Bad Request" in line or "Internal Server Error" in line or "Error" in line
    ]
    if warnings:
        lines += ["", f"Server log: {len(warnings)} warnings, the first: `{warnings[0][:160]}`"]
    lines += ["", f"Result: **{'PASS' if ok else 'FAIL'}** (no errors, nothing locked, rows equal)"]
    return lines, ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--think-min", type=float, default=0.5)
    parser.add_argument("--think-max", type=float, default=1.5)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--no-write", action="store_true", help="Do not write RESULTS.md.")
    return main_per_engine(parser, Path(__file__), run)


if __name__ == "__main__":
    sys.exit(main())
