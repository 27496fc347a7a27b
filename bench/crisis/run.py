"""Crisis-detection benchmark: our labelled set (dev / test / blind second batch) and public data.

    .venv/bin/python bench/crisis/run.py                 # everything (under 2 minutes)
    .venv/bin/python bench/crisis/run.py --only dev      # one part (see --help)
    .venv/bin/python bench/crisis/run.py --only dev --show-errors 40

Each set is scored three ways: the rules alone, the semantic head alone (its probability over
its threshold, no guards), and combined (`detect_crisis`, what the product runs). Needs numpy
and onnxruntime for the head (the project's runtime dependencies). Public datasets are read
from ../shared/data (never copied into the repo); a missing
folder is reported and skipped. See README.md for what each figure means and RESULTS.md for the
last run.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from feltsafe.safety import crisis as crisis_module  # noqa: E402
from feltsafe.safety.crisis import (  # noqa: E402
    CRISIS_THRESHOLD,
    detect_crisis,
    detect_crisis_many,
    detect_crisis_rules,
)

LABELLED = HERE / "labelled.csv"
# Fresh batches written after the patterns of their day (see README.md): name -> file.
BLIND = {
    "blind2": HERE / "blind_batch2.csv",
    "blind3": HERE / "blind_batch3.csv",
    "blind4": HERE / "blind_batch4.csv",
    "blind5": HERE / "blind_batch5.csv",
    "blind6": HERE / "blind_batch6.csv",
    "blind7": HERE / "blind_batch7.csv",
    "blind8": HERE / "blind_batch8.csv",
    "blind9": HERE / "blind_batch9.csv",
}
SHARED = Path(
    next(
        (p for p in (ROOT.parent / "shared" / "data", Path("/work/shared/data")) if p.is_dir()),
        ROOT.parent / "shared" / "data",
    )
)
SPLIT_SEED = "feltsafe-crisis-split-v1"
# Public posts are printed only on request (--show-public-text), so that results files written
# from this output never carry other people's words.
SHOW_PUBLIC_TEXT = False
TEST_FRACTION = 0.35

csv.field_size_limit(10_000_000)


@dataclass(frozen=True)
class Row:
    text: str
    crisis: bool
    category: str


def split_of(text: str) -> str:
    """A fixed, seeded split: a row's place depends only on its own text."""
    digest = hashlib.sha256(f"{SPLIT_SEED}:{text}".encode()).digest()
    return "test" if int.from_bytes(digest[:8], "big") / 2**64 < TEST_FRACTION else "dev"


def read_labelled(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Row(r["text"], r["crisis"].strip() == "1", r["category"].strip())
            for r in csv.DictReader(handle)
        ]


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, predicted: bool) -> None:
        if gold and predicted:
            self.tp += 1
        elif gold:
            self.fn += 1
        elif predicted:
            self.fp += 1
        else:
            self.tn += 1

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def fpr(self) -> float:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else float("nan")

    def line(self) -> str:
        n = self.tp + self.fp + self.fn + self.tn
        return (
            f"n={n} (pos {self.tp + self.fn}, neg {self.fp + self.tn})  "
            f"recall {self.recall:.3f}  precision {self.precision:.3f}  F1 {self.f1:.3f}  "
            f"false-positive rate {self.fpr:.3f}  "
            f"[tp {self.tp} fp {self.fp} fn {self.fn} tn {self.tn}]"
        )


def timed(texts: Iterable[str]) -> tuple[list[bool], list[float], list[float]]:
    """Predictions, scores and per-message latency in milliseconds.

    Latency is the CPU time of this thread (time.thread_time_ns), so a busy shared machine does
    not inflate it; wall-clock totals are printed at the end of the run.
    """
    predictions: list[bool] = []
    scores: list[float] = []
    latencies: list[float] = []
    detect_crisis("warm up")  # loads the encoder once, outside the timings
    for text in texts:
        started = time.thread_time_ns()
        result = detect_crisis(text)
        latencies.append((time.thread_time_ns() - started) / 1e6)
        predictions.append(result.crisis)
        scores.append(result.score)
    return predictions, scores, latencies


def three_ways(texts: Sequence[str]) -> dict[str, list[bool]]:
    """Predictions of the rules alone, the semantic head alone and the two combined."""
    rules = [detect_crisis_rules(text).crisis for text in texts]
    semantic = crisis_module._load_semantic()
    if semantic is None:
        print("(semantic stage unavailable: model alone not scored, combined = rules)")
        head = [False] * len(texts)
    else:
        head = [p >= semantic.threshold for p in semantic.probabilities(list(texts))]
    combined = [r.crisis for r in detect_crisis_many(list(texts))]
    return {"rules": rules, "model": head, "combined": combined}


def three_way_lines(items: Sequence[tuple[str, bool]]) -> Scores:
    """Print a line each for rules, model and combined; return the combined scores."""
    predictions = three_ways([text for text, _ in items])
    totals = {}
    for name, predicted in predictions.items():
        totals[name] = Scores()
        for (_, gold), flag in zip(items, predicted, strict=True):
            totals[name].add(gold, flag)
        print(f"  {name:<9}{totals[name].line()}")
    return totals["combined"]


def latency_line(latencies: Sequence[float]) -> str:
    if not latencies:
        return "latency: no messages"
    ordered = sorted(latencies)

    def pct(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return (
        f"CPU time per message: mean {statistics.fmean(ordered):.3f} ms, p50 {pct(0.5):.3f} ms, "
        f"p95 {pct(0.95):.3f} ms, p99 {pct(0.99):.3f} ms, max {ordered[-1]:.3f} ms"
    )


def report_rows(name: str, rows: Sequence[Row], show_errors: int) -> Scores:
    predictions, scores, latencies = timed(r.text for r in rows)
    total = Scores()
    by_category: dict[str, Scores] = {}
    for row, predicted in zip(rows, predictions, strict=True):
        total.add(row.crisis, predicted)
        by_category.setdefault(row.category, Scores()).add(row.crisis, predicted)
    print(f"\n== {name}")
    three_way_lines([(r.text, r.crisis) for r in rows])
    print(latency_line(latencies))
    parts = []
    for category, s in sorted(by_category.items()):
        n = s.tp + s.fp + s.fn + s.tn
        wrong = s.fp + s.fn
        parts.append(f"{category} {n - wrong}/{n}")
    print("correct by category: " + ", ".join(parts))
    misses = [
        (r, sc) for r, p, sc in zip(rows, predictions, scores, strict=True) if r.crisis and not p
    ]
    alarms = [
        (r, sc) for r, p, sc in zip(rows, predictions, scores, strict=True) if not r.crisis and p
    ]
    if show_errors:
        print(f"false negatives ({len(misses)}):")
        for row, score in misses[:show_errors]:
            print(f"  [{row.category}] {score:.2f}  {row.text!r}")
        print(f"false positives ({len(alarms)}):")
        for row, score in alarms[:show_errors]:
            print(f"  [{row.category}] {score:.2f}  {row.text!r}")
    return total


def report_binary(
    name: str, items: Sequence[tuple[str, bool]], note: str, show_errors: int
) -> Scores:
    predictions, _, latencies = timed(text for text, _ in items)
    total = Scores()
    for (_, gold), predicted in zip(items, predictions, strict=True):
        total.add(gold, predicted)
    print(f"\n== {name}")
    print(note)
    three_way_lines(items)
    print(f"combined accuracy {(total.tp + total.tn) / max(1, len(items)):.3f}")
    print(latency_line(latencies))
    if show_errors and SHOW_PUBLIC_TEXT:
        missed = [t for (t, g), p in zip(items, predictions, strict=True) if g and not p]
        print(f"sample of missed positives ({len(missed)}):")
        for text in missed[: min(show_errors, 5)]:
            print(f"  {' '.join(text.split())[:200]!r}")
    return total


def sdcnl(show_errors: int) -> None:
    path = SHARED / "sdcnl" / "testing-set.csv"
    if not path.exists():
        print(f"\n== SDCNL: {path} not found, skipped")
        return
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    items = [
        (f"{r['title']}\n{r['selftext']}", r["is_suicide"].strip() in ("1", "1.0", "True"))
        for r in rows
    ]
    report_binary(
        "SDCNL testing set (posts: r/SuicideWatch = 1 vs r/depression = 0; title + body)",
        items,
        "Not like for like: the label is the subreddit, and r/depression posts are a hard "
        "negative that often voices passive ideation; SDCNL's published figures are supervised "
        "classifiers trained on its training split; our head is trained on our own texts only, "
        "never on SDCNL.",
        show_errors,
    )


def cssrs(show_errors: int) -> None:
    path = SHARED / "reddit_cssrs_500" / "500_Reddit_users_posts_labels.csv"
    if not path.exists():
        print(f"\n== Reddit C-SSRS: {path} not found, skipped")
        return
    with path.open(encoding="utf-8", newline="") as handle:
        users = [(r["Label"].strip(), _posts(r["Post"])) for r in csv.DictReader(handle)]
    started = time.thread_time()
    every_post = [post for _, posts in users for post in posts]
    ways = three_ways(every_post)
    elapsed = time.thread_time() - started
    flagged_users: list[tuple[str, bool]] = []
    post_flags: Counter[str] = Counter()
    post_counts: Counter[str] = Counter()
    by_way = {name: Scores() for name in ways}
    at = 0
    for label, posts in users:
        for name, predicted in ways.items():
            hit = any(predicted[at : at + len(posts)])
            if label in ("Ideation", "Behavior", "Attempt"):
                by_way[name].add(True, hit)
            elif label == "Supportive":
                by_way[name].add(False, hit)
        flags = ways["combined"][at : at + len(posts)]
        at += len(posts)
        flagged_users.append((label, any(flags)))
        post_flags[label] += sum(flags)
        post_counts[label] += len(flags)
    print("\n== Reddit C-SSRS, 500 users (user level: a user is flagged if any post is)")
    print(
        "Positive = Ideation, Behavior or Attempt; negative = Supportive (users who wrote "
        "supportive replies). Indicator users are left out of the main figure (at risk, below "
        "ideation). Labels are per user, so only user level is like for like; post-level flag "
        "rates below are descriptive."
    )
    for name, scores in by_way.items():
        print(f"  {name:<9}{scores.line()}")
    print("  (counts below: combined)")
    for label in ("Supportive", "Indicator", "Ideation", "Behavior", "Attempt"):
        n_users = sum(1 for lab, _ in flagged_users if lab == label)
        n_flagged = sum(1 for lab, f in flagged_users if lab == label and f)
        print(
            f"  {label:<10} users flagged {n_flagged}/{n_users} "
            f"({n_flagged / max(1, n_users):.2f}); posts flagged {post_flags[label]}/"
            f"{post_counts[label]} ({post_flags[label] / max(1, post_counts[label]):.2f})"
        )
    n_posts = sum(post_counts.values())
    print(
        f"CPU time (rules, head and combined, batched): {elapsed:.1f} s for {n_posts} posts "
        f"({elapsed / n_posts * 1000:.2f} ms a post)"
    )


def _posts(cell: str) -> list[str]:
    try:
        value = ast.literal_eval(cell)
    except (ValueError, SyntaxError):
        return [cell]
    return [str(p) for p in value] if isinstance(value, list) else [str(value)]


def dreaddit(show_errors: int) -> None:
    path = SHARED / "dreaddit" / "dreaddit_mentalmanip_format.csv"
    if not path.exists():
        print(f"\n== Dreaddit: {path} not found, skipped")
        return
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    stressed = [r["Dialogue"] for r in rows if r["Stress"].strip() == "1"]
    calm = [r["Dialogue"] for r in rows if r["Stress"].strip() == "0"]
    print("\n== Dreaddit (stress, not crisis): flag rate on distress posts, a hard-negative check")
    print(
        "No crisis labels: a flag here is not necessarily wrong (a few stressed posts mention "
        "self-harm), so we report the flag rate rather than precision."
    )
    for name, texts in (("stressed", stressed), ("not stressed", calm)):
        predictions, _, latencies = timed(texts)
        flagged = sum(predictions)
        print(f"  {name}: flagged {flagged}/{len(texts)} ({flagged / max(1, len(texts)):.3f})")
        if show_errors and SHOW_PUBLIC_TEXT and name == "stressed":
            for text, p in list(zip(texts, predictions, strict=True)):
                if p and show_errors > 0:
                    show_errors -= 1
                    result = detect_crisis(text)
                    print(f"    {result.cues} {' '.join(text.split())[:160]!r}")
    print(latency_line(latencies))


def bulk_latency() -> None:
    """Latency over 1,000 short everyday messages, the common case in a chat import."""
    rows = read_labelled(LABELLED)
    texts = [r.text for r in rows]
    sample = (texts * (1000 // len(texts) + 1))[:1000]
    _, _, latencies = timed(sample)
    print(f"\n== latency, 1,000 labelled messages (threshold {CRISIS_THRESHOLD})")
    print(latency_line(latencies))


PARTS: dict[str, Callable[[int], object]] = {}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=sorted(PARTS), help="run one part")
    parser.add_argument("--show-errors", type=int, default=25, help="misses to list per set")
    parser.add_argument(
        "--show-public-text",
        action="store_true",
        help="also print excerpts of public posts (for a maintainer's eyes, not for RESULTS.md)",
    )
    args = parser.parse_args(argv)
    global SHOW_PUBLIC_TEXT
    SHOW_PUBLIC_TEXT = args.show_public_text
    started, cpu_started = time.perf_counter(), time.process_time()
    chosen = args.only or list(PARTS)
    for name in chosen:
        PARTS[name](args.show_errors)
    print(
        f"\ntotal time {time.perf_counter() - started:.1f} s wall clock, "
        f"{time.process_time() - cpu_started:.1f} s CPU"
    )
    return 0


def _labelled_part(which: str) -> Callable[[int], object]:
    def run(show_errors: int) -> object:
        rows = [r for r in read_labelled(LABELLED) if split_of(r.text) == which]
        return report_rows(f"labelled set, {which} split ({LABELLED.name})", rows, show_errors)

    return run


def _blind_part(name: str) -> Callable[[int], object]:
    def run(show_errors: int) -> object:
        path = BLIND[name]
        if not path.exists():
            print(f"\n== {path.name}: not written yet")
            return None
        return report_rows(
            f"{name}: fresh batch ({path.name}), written after the patterns of its day",
            read_labelled(path),
            show_errors,
        )

    return run


PARTS.update(
    {
        "dev": _labelled_part("dev"),
        "test": _labelled_part("test"),
        **{name: _blind_part(name) for name in BLIND},
        "sdcnl": sdcnl,
        "cssrs": cssrs,
        "dreaddit": dreaddit,
        "latency": lambda _n: bulk_latency(),
    }
)

if __name__ == "__main__":
    raise SystemExit(main())
