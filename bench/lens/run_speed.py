"""Speed of the conversation lens end to end, on a generated 50,000-message WhatsApp export.

    .venv/bin/python bench/lens/run_speed.py                  # 50,000 messages
    .venv/bin/python bench/lens/run_speed.py --messages 5000  # a quick look

It writes a synthetic WhatsApp export (Android layout, day-first dates, two people, a year of
messages) to a temporary folder, then measures, each in a fresh process:

* **end to end**: ``feltsafe lens analyze FILE --json > /dev/null`` (parse, tag, summarise),
  wall time and peak RSS (``/usr/bin/time -v`` when present, else ``getrusage``);
* **model load**: importing the runtime and loading the int8 encoder and the heads.

The mix imitates a real chat: about a third short acknowledgements, emoji and media
placeholders ("ok", "lol", "👍", "<Media omitted>"), a quarter common everyday phrases that
recur ("on my way", "love you", "what time are you back?"), and the rest composed from one to
three sentences with names, times and numbers (mostly unique), some of them multi-line.
Targets (issue 5): under 30 s, under 1.5 GB, model load under 3 s.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

ACKS = [
    "ok",
    "Ok",
    "okay",
    "k",
    "lol",
    "haha",
    "hahaha",
    "yes",
    "yeah",
    "no",
    "sure",
    "👍",
    "❤️",
    "😂",
    "😘",
    "xx",
    "omw",
    "np",
    "thanks",
    "ty",
    "nice",
    "cool",
    "good night",
    "night x",
    "morning",
    "<Media omitted>",
    "<Media omitted>",
    "This message was deleted",
    "yep",
    "nope",
    "hmm",
    "same",
    "love you",
    "love you too",
    "see you soon",
    "on my way",
    "5 mins",
    "🙄",
    "fine",
]
COMMON = [
    "what time are you back?",
    "I'm leaving work now",
    "can you grab milk on the way home?",
    "did you feed the cat?",
    "running a bit late, sorry",
    "traffic is awful",
    "call me when you can",
    "how was your day?",
    "I'm so tired today",
    "shall we get takeaway tonight?",
    "what do you fancy for dinner?",
    "just got home",
    "kids are asleep",
    "miss you",
    "thank you for today ❤️",
    "I'm at mum's",
    "can we talk later?",
    "where are you?",
    "sorry, was in a meeting",
    "don't forget the bins",
    "the parcel came",
    "have you paid the electric?",
    "I'll pick them up from school",
    "that's hilarious 😂",
    "are you coming to Sam's on Saturday?",
    "I need a nap",
    "sounds good",
    "good luck today!",
    "how did it go?",
    "I'm proud of you",
    "why didn't you answer?",
    "you never listen",
    "whatever",
    "I'm done talking about this",
    "I'm sorry about earlier",
    "can we start over?",
    "I'm here for you",
    "I need some space tonight",
    "you're overreacting",
    "it's not my fault",
    "thank you for listening",
    "what's wrong?",
    "I love you",
]
FRAGMENTS = [
    "I saw {name} at the shop and she said hi",
    "the train is delayed by {n} minutes",
    "I'll be back around {t}",
    "can you call the dentist before {t}?",
    "we need to book the vet for {day}",
    "{name} wants to know if we're coming on {day}",
    "the car is making that noise again",
    "I put the washing on",
    "the heating isn't working again",
    "I found a flat on Elm Street for {n}00 a month",
    "my boss kept me late again",
    "I'm really stressed about the deadline on {day}",
    "I felt a bit left out at {name}'s party when you went off with your friends",
    "could we plan something just for us on {day}?",
    "you always leave your stuff everywhere",
    "I think it was {day}, not {day2}",
    "it's {n} degrees out there, bring a coat",
    "I've been thinking about what you said on {day}",
    "that makes sense, I'd be upset too",
    "what was the hardest part of it for you?",
    "thanks for sorting the insurance, you're a star",
    "I shouldn't have snapped at you on {day}, I'm sorry",
    "let's take a break and talk at {t}",
    "I'm not okay with you checking my phone",
    "who were you with on {day}?",
    "you're being ridiculous about {name}",
    "oh well done, genius",
    "I don't want to fight with you",
    "mum says the kids can stay over on {day}",
    "the match starts at {t}",
    "I'm picking up {name} from the airport at {t}",
    "don't worry about it, honestly",
    "I got the job!!",
    "can you send me the photos from {day}?",
    "I paid {name} back the {n} quid",
    "the landlord is coming round on {day} at {t}",
    "remember the parents' evening at {t}",
    "I booked the table for {n}",
    "are you still cross about {day}?",
    "no rush, take your time",
]
NAMES = ["Alex", "Sam", "Priya", "Jordan", "Mum", "Dad", "Chris", "Jess", "Tom", "Aisha", "Leo"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _fill(fragment: str, rng: random.Random) -> str:
    return fragment.format(
        name=rng.choice(NAMES),
        n=rng.randint(2, 95),
        t=f"{rng.randint(1, 11)}:{rng.choice(['00', '15', '30', '45'])}",
        day=rng.choice(DAYS),
        day2=rng.choice(DAYS),
    )


def message(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(ACKS)
    if roll < 0.60:
        return rng.choice(COMMON)
    parts = [_fill(rng.choice(FRAGMENTS), rng) for _ in range(rng.choice([1, 1, 2, 2, 3]))]
    text = ". ".join(part[0].upper() + part[1:] for part in parts)
    if rng.random() < 0.05:
        text = text.replace(". ", ".\n", 1)
    return text


def generate(path: Path, count: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    moment = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)
    people = ("Alex Smith", "Sam")
    with path.open("w", encoding="utf-8") as handle:
        handle.write(
            "01/01/2025, 08:00 - Messages and calls are end-to-end encrypted. No one outside of "
            "this chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n"
        )
        for _ in range(count):
            moment += timedelta(seconds=rng.choice([20, 45, 90, 300, 900, 3600, 14000]))
            handle.write(f"{moment:%d/%m/%Y, %H:%M} - {rng.choice(people)}: {message(rng)}\n")


def measure(command: list[str]) -> tuple[float, float | None, str]:
    """Wall seconds, peak RSS in MB, and stderr of ``command`` (stdout discarded)."""
    timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    full = [timer, "-v", *command] if timer else command
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"command failed ({done.returncode}): {done.stderr[-2000:]}")
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if match:
        rss = int(match.group(1)) / 1024
    else:
        after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        rss = after / 1024 if after > before else None
    return wall, rss, done.stderr


LOAD = """
import time
started = time.perf_counter()
from feltsafe.lens.model import load_encoder, load_heads
from feltsafe.lens.tagger import tag_messages
load_encoder(); load_heads()
loaded = time.perf_counter() - started
tag_messages(["warm up, one message"])
print(f"{loaded:.3f}")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description="End-to-end speed of feltsafe lens analyze.")
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="also copy the generated export here")
    args = parser.parse_args()
    feltsafe = Path(sys.executable).with_name("feltsafe")
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "WhatsApp Chat with Sam.txt"
        generate(export, args.messages)
        if args.keep:
            shutil.copyfile(export, args.keep)
        from feltsafe.lens.parsers import iter_messages
        from feltsafe.lens.tagger import is_settled, normalise_text

        texts = [m.text for m in iter_messages(export) if m.kind == "text"]
        distinct = {normalise_text(t) for t in texts}
        settled = sum(1 for t in distinct if is_settled(t))
        # The tagger embeds once per wording: texts that differ only in numbers share one.
        wordings = {re.sub(r"\d+", "0", t) for t in distinct if not is_settled(t)}
        size = export.stat().st_size / 1e6
        print(
            f"export: {args.messages} messages, {size:.1f} MB; {len(texts)} text messages, "
            f"{len(distinct)} distinct, {settled} of those settled by the first pass, "
            f"{len(distinct) - settled} left, read by the transformer as {len(wordings)} "
            "wordings (texts that differ only in numbers share one embedding)"
        )
        print(f"cores: {os.cpu_count()}")
        loads = []
        for _ in range(3):
            done = subprocess.run(
                [sys.executable, "-c", LOAD], capture_output=True, text=True, check=True
            )
            loads.append(float(done.stdout.strip().splitlines()[-1]))
        print(
            f"model load (import + encoder + heads), 3 fresh processes: "
            f"{', '.join(f'{s:.2f}' for s in loads)} s"
        )
        wall, rss, _err = measure([str(feltsafe), "lens", "analyze", str(export), "--json"])
        rss_text = f"{rss:.0f} MB" if rss is not None else "n/a"
        print(
            f"end to end: feltsafe lens analyze FILE --json > /dev/null: {wall:.1f} s, "
            f"peak RSS {rss_text}"
        )
        print(
            f"targets: < 30 s ({'met' if wall < 30 else 'NOT met'}), "
            f"< 1.5 GB ({'met' if rss is not None and rss < 1536 else 'NOT met' if rss else '?'}), "
            f"load < 3 s ({'met' if max(loads) < 3 else 'NOT met'})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
