"""The private harm screen, and the words shown when it (or the lens) suggests abuse.

The questions live in `data/harm_screen.toml`: seven short questions of our own, one per pattern
of the Duluth Power and Control Wheel, each answered never / sometimes / often (0 / 1 / 2) and
each skippable.

**The rule** (`evaluate_harm_screen`): the screen is positive when

- fear of the person, threats, or physical or sexual harm is answered anything but "never"; or
- two or more of the other patterns (monitoring, restriction, put-downs, changing what you do to
  avoid their reaction) are answered anything but "never".

Why: fear, threats and physical or sexual violence are each a sign of danger on their own, so
one "sometimes" is enough. The other patterns are how coercive control usually shows itself,
but any one of them alone can also happen in an ordinary hard patch; two together are a pattern
of control rather than a bad day. "Sometimes" counts everywhere because a false alarm costs a
page of information, while a missed one can leave someone coached to "repair" with a person who
harms them: the screen errs toward offering support. Skipped questions count as nothing, so a
screen with every question skipped is not positive (and says so by `answered == 0`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "ABUSE_PAGE_TEXT",
    "CRISIS_INTRO_TEXT",
    "DANGER_PATTERNS",
    "SAFETY_PLANNING_BASICS",
    "HarmScreen",
    "ScreenQuestion",
    "ScreenResult",
    "crisis_intro",
    "evaluate_harm_screen",
    "load_harm_screen",
]

SCREEN_FILE = Path(__file__).resolve().parent / "data" / "harm_screen.toml"

# Patterns that are positive on their own; any two of the others are.
DANGER_PATTERNS = frozenset({"fear", "threats", "physical_sexual"})


@dataclass(frozen=True)
class ScreenQuestion:
    id: str
    text: str
    pattern: str
    options: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class HarmScreen:
    id: str
    version: str
    intro: str
    questions: tuple[ScreenQuestion, ...]


@dataclass(frozen=True)
class ScreenResult:
    """`concerns` are the pattern ids answered anything but "never", in question order."""

    positive: bool
    concerns: tuple[str, ...]
    answered: int


@cache
def load_harm_screen() -> HarmScreen:
    """The screen's questions (parsed once; the result is immutable)."""
    with SCREEN_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    options = tuple((int(value), str(label)) for value, label in data["options"])
    questions = tuple(
        ScreenQuestion(
            id=str(q["id"]),
            text=str(q["text"]),
            pattern=str(q["pattern"]),
            options=options,
        )
        for q in data["questions"]
    )
    return HarmScreen(
        id=str(data["id"]),
        version=str(data["version"]),
        intro=" ".join(str(data["intro"]).split()),
        questions=questions,
    )


def evaluate_harm_screen(answers: Mapping[str, int | None]) -> ScreenResult:
    """Apply the rule in the module notes. None (or a missing id) means skipped.

    Raises ValueError for an id that is not a question, or a value that is not one of the
    question's options.
    """
    screen = load_harm_screen()
    by_id = {q.id: q for q in screen.questions}
    unknown = sorted(set(answers) - set(by_id))
    if unknown:
        raise ValueError(f"Unknown harm screen question(s): {', '.join(map(repr, unknown))}.")
    concerns: list[str] = []
    answered = 0
    for question in screen.questions:
        value = answers.get(question.id)
        if value is None:
            continue
        allowed = {v for v, _ in question.options}
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            raise ValueError(
                f"Answer {value!r} to {question.id!r} is not one of {sorted(allowed)}."
            )
        answered += 1
        if value > 0 and question.pattern not in concerns:
            concerns.append(question.pattern)
    danger = any(pattern in DANGER_PATTERNS for pattern in concerns)
    others = sum(1 for pattern in concerns if pattern not in DANGER_PATTERNS)
    return ScreenResult(positive=danger or others >= 2, concerns=tuple(concerns), answered=answered)


# --------------------------------------------------------------------------------------------
# Words shown to the person. Describe, never diagnose; no blame; they decide what happens next.
# --------------------------------------------------------------------------------------------

CRISIS_INTRO_TEXT = (
    "You matter, and you don't have to carry this on your own. If you are thinking about "
    "suicide or about hurting yourself, you can talk to someone right now: reaching out is free "
    "and confidential, and these lines are there for moments exactly like this one. "
    "If you are in immediate danger, call your emergency number, shown first below."
)


def crisis_intro(emergency: str) -> str:
    """CRISIS_INTRO_TEXT with the country's emergency number in place of "shown first below"."""
    return CRISIS_INTRO_TEXT.replace(
        "call your emergency number, shown first below.", f"call {emergency.rstrip('.')}."
    )


ABUSE_PAGE_TEXT = (
    "What you have described, such as feeling afraid of someone, being threatened, watched, "
    "controlled or hurt, can be signs of abuse. That is different from the ordinary "
    "disagreements every relationship has. You are not to blame for how someone else treats "
    "you, and you do not have to work this out alone.\n\n"
    "Because of what you have shared, we won't suggest couples exercises or ways to repair "
    "things with this person here: those tools are meant for relationships where both people "
    "are safe.\n\n"
    "You know your situation best, and you decide what happens next, whether that is talking "
    "to someone, making a plan, or simply reading for now. The services below can listen in "
    "confidence, at whatever pace suits you."
)

SAFETY_PLANNING_BASICS: tuple[str, ...] = (
    "Think of one or two people you trust whom you could call or go to if things feel unsafe, "
    "and, if it feels safe to, let them know.",
    "If you can, keep a small bag somewhere safe or with someone you trust: keys, some money, "
    "medicines, and copies of important papers such as ID, bank cards and your children's "
    "documents.",
    "When you look for help, use a safer device, a phone or computer this person cannot "
    "check, or a private window, and clear the history afterwards. The quick exit on every "
    "page takes you to a neutral site.",
    "Agree a code word or a signal with someone you trust, so they know to call for help or "
    "come to you.",
    "Notice which rooms have a way out and nothing that could be used to hurt you, and move "
    "toward them if things start to escalate.",
    "Local domestic-abuse services can help you make a plan that fits your situation, whether "
    "you want to stay, leave, or are not sure yet. Talking to them does not commit you to "
    "anything.",
    "If you are in immediate danger, call the emergency number.",
)
