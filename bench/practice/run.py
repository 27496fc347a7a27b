"""Practice dashboard benchmark: a therapist with 200 clients, each with a year of weekly history.

    .venv/bin/python bench/practice/run.py                  # 200 clients x 52 weeks, 30 requests
    .venv/bin/python bench/practice/run.py --clients 20 --weeks 8 --requests 5   # a quick look

Seeds a throwaway SQLite database (in a temporary folder; nothing else is touched) with one
practice, one therapist and N clients sharing reflection scores, check-in trends (when the
check-ins app is installed) and safety flags, each with a weekly reflection (32 answers) and a
weekly check-in for `--weeks` weeks and a weekly reflection suggested. Then the therapist opens
the dashboard `--requests` times through Django's test client (the whole middleware stack, no
network), after two warm-up requests. Server time is wall-clock time per request; the query
count is the number of SQL queries per request.

Writes RESULTS.md beside this file with the figures and the command (unless --no-write).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))


def _setup(data_dir: str) -> None:
    os.environ["FELTSAFE_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "feltsafe.web.settings"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


RUNS_HEADING = "## Every run so far"


def _write_results(text: str, verdict: str, *, p95: float, cpu_p50: float, load: str) -> None:
    """RESULTS.md: this run in full, then one line for every run so far (newest first), since
    on a shared machine the figures move with how busy it is."""
    path = HERE / "RESULTS.md"
    earlier: list[str] = []
    if path.exists():
        old = path.read_text(encoding="utf-8")
        if RUNS_HEADING in old:
            earlier = [
                line for line in old.split(RUNS_HEADING, 1)[1].splitlines() if line.startswith("- ")
            ]
    when = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    line = (
        f"- {when} UTC: p95 {p95:.0f} ms, CPU p50 {cpu_p50:.0f} ms, load {load.split(',')[0]}"
        f" ({'met' if verdict.startswith('Target met') else 'missed'})"
    )
    runs = "\n".join([line, *earlier])
    path.write_text(f"{text}\n**{verdict}**\n\n{RUNS_HEADING}\n\n{runs}\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--no-write", action="store_true", help="Do not write RESULTS.md.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="feltsafe-bench-practice-") as data_dir:
        _setup(data_dir)
        from django import db
        from django.apps import apps
        from django.contrib.auth.models import User
        from django.db import connection, reset_queries
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from bench.practice.seed import seed_clients
        from feltsafe.web.practice import services

        started = time.perf_counter()
        admin = User.objects.create_user("bench-admin", password="!unused-admin-password!")
        therapist = User.objects.create_user("bench-therapist", password="!unused-password!")
        practice = services.practice_create(name="Bench Practice", admin=admin)
        code = services.therapist_invite_create(practice=practice, admin=admin)
        services.therapist_join(user=therapist, code=code)
        seed_clients(therapist=therapist, n_clients=args.clients, weeks=args.weeks)
        seeded_s = time.perf_counter() - started
        # Measure as a server would run: without the seeding's garbage still in memory.
        gc.collect()
        reset_queries()
        db.close_old_connections()

        from feltsafe.web.practice import summaries

        client = Client()
        client.force_login(therapist)
        client.get("/practice/")  # sets up the session
        summaries._score.cache_clear()  # as after a restart: nothing remembered
        summaries._score_text.cache_clear()
        summaries._checkin_score.cache_clear()
        summaries._CRISIS_SEEN.clear()
        t0 = time.perf_counter()
        assert client.get("/practice/clients/").status_code == 200
        cold_ms = (time.perf_counter() - t0) * 1000
        timings = []
        cpu_times = []
        queries = []
        for n in range(args.requests + 2):
            c0 = time.process_time()
            t0 = time.perf_counter()
            response = client.get("/practice/clients/")
            elapsed = time.perf_counter() - t0
            cpu = time.process_time() - c0
            assert response.status_code == 200, response.status_code
            if n >= 2:  # two warm-up requests
                timings.append(elapsed * 1000)
                cpu_times.append(cpu * 1000)
        # Queries are counted on separate requests: recording SQL costs time of its own.
        for _ in range(3):
            with CaptureQueriesContext(connection) as captured:
                assert client.get("/practice/clients/").status_code == 200
            queries.append(len(captured))
        body = response.content.decode()
        shown = body.count('href="/practice/clients/') - 0
        checkins = apps.is_installed("feltsafe.web.checkins")

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    timings.sort()
    cpu_times.sort()
    cpu_p95 = cpu_times[max(0, round(0.95 * len(cpu_times)) - 1)]
    p50 = statistics.median(timings)
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    lines = [
        "# Practice dashboard benchmark",
        "",
        "A therapist with many clients, each with a long weekly history, opens the dashboard.",
        "",
        "Command: `.venv/bin/python bench/practice/run.py"
        + (
            ""
            if (args.clients, args.weeks, args.requests) == (200, 52, 30)
            else f" --clients {args.clients} --weeks {args.weeks} --requests {args.requests}"
        )
        + "`",
        "",
        "| figure | value |",
        "|---|---|",
        f"| clients | {args.clients} |",
        f"| weeks of history each | {args.weeks} weekly reflections (32 answers each)"
        + (" and check-ins" if checkins else " (check-ins app not installed)")
        + " |",
        f"| links to client pages on the page | {shown} |",
        f"| first request after a restart (nothing remembered) | {cold_ms:.1f} ms |",
        f"| requests measured | {len(timings)} (after 2 warm-up) |",
        f"| server time p50 | {p50:.1f} ms |",
        f"| server time p95 | {p95:.1f} ms |",
        f"| server time max | {timings[-1]:.1f} ms |",
        f"| CPU time per request p50 / p95 | {statistics.median(cpu_times):.1f} / "
        f"{cpu_p95:.1f} ms |",
        f"| SQL queries per request | {min(queries)}–{max(queries)} |",
        f"| seeding time | {seeded_s:.1f} s |",
        f"| machine | {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, SQLite (synchronous=FULL) |",
        f"| load average when measured (1, 5, 15 min) | {load} |",
        "",
        "Server time is wall-clock time around Django's test client (all middleware, template",
        "rendering, the session and audit writes with fsync; no network). CPU time is this",
        "process's CPU time for the same requests (SQLite runs in-process, so it is included); on",
        "a shared machine under load, wall time is this CPU time stretched by waiting for a core.",
        "The query count does not grow with the number of clients:",
        "tests/practice/test_practice_dashboard.py checks 5 against 50.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    ok = p95 < 200 and min(queries) == max(queries)
    verdict = (
        "Target met: p95 server time under 200 ms with a constant query count."
        if ok
        else "Target missed on this run: p95 server time under 200 ms with a constant query count."
    )
    print(verdict, file=sys.stderr)
    if not args.no_write:
        _write_results(text, verdict, p95=p95, cpu_p50=statistics.median(cpu_times), load=load)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
