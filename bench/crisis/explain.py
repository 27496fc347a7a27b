"""Show which cues and guards fire for a text: a maintainer's tool for the cue grammar.

.venv/bin/python bench/crisis/explain.py "I'm not planning to end my life"
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from feltsafe.safety import crisis  # noqa: E402


def explain(text: str) -> None:
    mapped = crisis._normalise_with_map(text)
    normalised = mapped.text
    ctx = crisis._context(normalised)
    reported = crisis._reported_regions(normalised)
    print(f"text:       {text!r}")
    print(f"normalised: {normalised!r}")
    print(f"context:    {ctx}")
    print(f"reported:   {[normalised[a:b] for a, b in reported]}")
    print(f"quoted:     {[normalised[a:b] for a, b in mapped.quoted]}")
    for regex in crisis._MASK_REGEXES:
        for match in regex.finditer(normalised):
            print(f"  mask   {match.group()!r}")
    for compiled in crisis._COMPILED:
        for match in compiled.regex.finditer(normalised):
            start, end = match.span()
            weight = crisis._adjusted_weight(
                compiled.cue,
                normalised,
                start,
                end,
                ctx,
                reported=any(a <= start < b for a, b in reported),
                quoted=any(a <= start and end <= b for a, b in mapped.quoted),
            )
            print(
                f"  cue    {compiled.cue.kind:<12} {compiled.cue.weight:.2f} -> {weight:.2f} "
                f"{match.group()!r} subject={crisis._subject(normalised, start)} "
                f"negated={crisis._negated(normalised, start)}"
            )
    print(f"result:     {crisis.detect_crisis(text)}")


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        explain(argument)
