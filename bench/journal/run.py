"""Journal benchmark: five years of daily use, then the dashboard and the insights page.

    .venv/bin/python bench/journal/run.py                  # 60 timed requests per page
    .venv/bin/python bench/journal/run.py --requests 200   # more requests

A person with five years of daily use (about 1,800 pulse check-ins across two relationships and
none, 1,000 activation journal entries and 150 ruptures with repairs) is created in a throwaway
SQLite database (a temporary data folder, deleted afterwards). Each page is requested through
Django's test Client, so the whole server side is measured: middleware, session, queries,
the core's insights and template rendering. Five warm-up requests come first; then p50 and p95
of the timed requests are reported (wall clock, and the CPU time of this process, which shows
what a busy machine adds), with the number of database queries per page.

Target: p95 under 150 ms for the dashboard and for the insights page. The check-in trend page
(last 90 days, and all five years) is reported for information. See RESULTS.md for the last run.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

DATA_DIR = Path(tempfile.mkdtemp(prefix="feltsafe-bench-journal-"))
os.environ["FELTSAFE_DATA_DIR"] = str(DATA_DIR)  # before settings: the database lives here
os.environ["DJANGO_SETTINGS_MODULE"] = "feltsafe.web.test"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from feltsafe.journal.insights import checkin_score  # noqa: E402
from feltsafe.journal.vocab import PATTERNS, REPAIR_CATEGORIES, TOOLS  # noqa: E402
from feltsafe.web.checkins.models import CheckIn, CheckinReminder  # noqa: E402
from feltsafe.web.journal.models import ActivationEntry, RepairEntry  # noqa: E402
from feltsafe.web.reflections.models import Relationship  # noqa: E402

YEARS = 5
JOURNAL_ENTRIES = 1000
REPAIRS = 150
TARGET_P95_MS = 150.0
TRIGGERS = [
    "Raised voices about money",
    "Being interrupted",
    "A late reply",
    "Criticism in front of friends",
    "Plans changed at the last minute",
    "Tone of voice at dinner",
    "Feeling ignored",
    "A door slammed",
]
TAGS = ["money", "work", "family", "tone of voice", "plans", "phone", "", ""]
BODY = ["tight chest", "hot face", "knot in the stomach", "shaky hands", ""]


def seed(rng: random.Random) -> User:
    """One person, five years of daily use. Returns the person."""
    today = timezone.localdate()
    start = today - timedelta(days=365 * YEARS)
    with transaction.atomic():
        person = User.objects.create_user(username="five-years", password="bench passphrase 1")
        CheckinReminder.objects.create(owner=person, cadence="daily")
        partner = Relationship.objects.create(owner=person, label="my partner")
        mum = Relationship.objects.create(owner=person, label="Mum")
        checkins = []
        day = start
        while day < today:
            # Most days once, some days skipped, a few days twice: about 1,800 in five years.
            times = rng.choices([0, 1, 2], weights=[8, 85, 7])[0]
            for _ in range(times):
                when = timezone.make_aware(
                    datetime.combine(day, datetime.min.time()) + timedelta(hours=rng.randint(7, 22))
                )
                base = (
                    4 + 3 * (day - start).days / (today - start).days
                )  # slow change for the better
                answers = {
                    field: None
                    if rng.random() < 0.08
                    else max(0, min(10, round(rng.gauss(base, 1.8))))
                    for field in ("could_be_myself", "felt_heard", "handled_with_care", "body_calm")
                }
                answers["need_repair"] = None if rng.random() < 0.1 else rng.randint(0, 8)
                checkins.append(
                    CheckIn(
                        owner=person,
                        relationship=rng.choice([partner, partner, mum, None]),
                        created_at=when,
                        note="" if rng.random() < 0.7 else "A few words about the day.",
                        # What checkin_create keeps alongside (bulk_create skips the service).
                        felt_safety=checkin_score(answers),
                        day=timezone.localdate(when),
                        **answers,
                    )
                )
            day += timedelta(days=1)
        CheckIn.objects.bulk_create(checkins, batch_size=500)

        span = (today - start).days
        entries = []
        for _ in range(JOURNAL_ENTRIES):
            before = rng.randint(3, 10)
            entries.append(
                ActivationEntry(
                    owner=person,
                    occurred_on=start + timedelta(days=rng.randrange(span)),
                    what_happened=rng.choice(TRIGGERS),
                    tags=", ".join(t for t in {rng.choice(TAGS), rng.choice(TAGS)} if t),
                    body=rng.choice(BODY),
                    intensity_before=None if rng.random() < 0.05 else before,
                    pattern=rng.choice(PATTERNS)[0] if rng.random() < 0.9 else "",
                    tool=rng.choice(TOOLS)[0] if rng.random() < 0.9 else "",
                    intensity_after=None
                    if rng.random() < 0.1
                    else max(0, before - rng.randint(0, 5)),
                    note="" if rng.random() < 0.5 else "What I noticed afterwards.",
                )
            )
        ActivationEntry.objects.bulk_create(entries, batch_size=500)

        repairs = []
        for _ in range(REPAIRS):
            ruptured = timezone.make_aware(
                datetime.combine(start + timedelta(days=rng.randrange(span)), datetime.min.time())
                + timedelta(hours=rng.randint(8, 22))
            )
            reconnected = (
                None if rng.random() < 0.1 else ruptured + timedelta(hours=rng.uniform(0.5, 72))
            )
            repairs.append(
                RepairEntry(
                    owner=person,
                    relationship=rng.choice([partner, mum, None]),
                    what_happened=rng.choice(TRIGGERS),
                    initiated_by=rng.choice(["me", "them", "both", "not_yet", ""]),
                    category=rng.choice(REPAIR_CATEGORIES)[0],
                    ruptured_at=ruptured,
                    reconnected_at=reconnected,
                )
            )
        RepairEntry.objects.bulk_create(repairs, batch_size=500)
    return person


def measure(client: Client, url: str, requests: int, warmup: int = 5) -> dict[str, float]:
    for _ in range(warmup):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)  # now: the next request clears the log it reads from
    timings = []
    cpu = []
    for _ in range(requests):
        began, began_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        timings.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
        assert response.status_code == 200
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return {
        "p50": statistics.median(timings),
        "p95": cuts[94],
        "max": max(timings),
        "cpu_min": min(cpu),
        "cpu50": statistics.median(cpu),
        "cpu95": statistics.quantiles(cpu, n=100, method="inclusive")[94],
        "queries": float(queries),
        "bytes": float(len(response.content)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="timed requests per page")
    parser.add_argument("--seed", type=int, default=20260101)
    args = parser.parse_args()
    try:
        call_command("migrate", interactive=False, verbosity=0)
        began = time.perf_counter()
        person = seed(random.Random(args.seed))
        seeded = time.perf_counter() - began
        counts = (
            CheckIn.objects.filter(owner=person).count(),
            ActivationEntry.objects.filter(owner=person).count(),
            RepairEntry.objects.filter(owner=person).count(),
        )
        client = Client(SERVER_NAME="localhost")  # an allowed host of the real settings
        client.force_login(person)
        pages = [
            ("dashboard", "/dashboard/", True),
            ("insights", "/journal/insights/", True),
            ("check-in trends, 90 days", "/checkins/", False),
            ("check-in trends, all five years", "/checkins/?days=all", False),
        ]
        print(
            f"# journal benchmark: {counts[0]} check-ins, {counts[1]} journal entries, "
            f"{counts[2]} repairs (seeded in {seeded:.1f} s)"
        )
        print(
            f"# Python {platform.python_version()}, Django {django.get_version()}, "
            f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[1]}, "
            f"{os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f} at the start; "
            f"{args.requests} timed requests per page after 5 warm-up"
        )
        print()
        print(
            "| page | p50 ms | p95 ms | max ms | CPU min ms | CPU p50 ms | CPU p95 ms | queries "
            "| HTML KB | target |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        failed = False
        for name, url, targeted in pages:
            r = measure(client, url, args.requests)
            verdict = "-"
            if targeted:
                ok = r["p95"] < TARGET_P95_MS
                failed |= not ok
                verdict = f"p95 < {TARGET_P95_MS:.0f} ms: {'met' if ok else 'NOT MET'}"
            print(
                f"| {name} (`{url}`) | {r['p50']:.1f} | {r['p95']:.1f} | {r['max']:.1f} | "
                f"{r['cpu_min']:.1f} | {r['cpu50']:.1f} | {r['cpu95']:.1f} | {r['queries']:.0f} | "
                f"{r['bytes'] / 1024:.0f} | {verdict} |"
            )
        return 1 if failed else 0
    finally:
        connection.close()
        shutil.rmtree(DATA_DIR, ignore_errors=True)
        shutil.rmtree(settings.DATA_DIR, ignore_errors=True)  # the test settings' own folder


if __name__ == "__main__":
    sys.exit(main())
