"""The words of the journal and the check-in: ids the data uses, labels people read.

Every list here is (id, label): the id is what is stored, exported and typed on the command
line; the label is what a person sees. The protective patterns are named as what they are:
ways a nervous system has learned to keep someone safe. They are never flaws, and nothing in
feltsafe scores them as good or bad.

`normalise_pattern`, `normalise_tool` and `normalise_repair_category` accept an id or a label in
any case, with spaces, hyphens or underscores (``"People-pleasing"``, ``"people pleasing"``,
``"time-out"``, ``"Time out"``), and return the id, or None for something we do not know.

The pulse check-in
------------------
`CHECKIN_QUESTIONS` holds the five pulse questions, each answered from 0 to 10 and each
skippable. Four are keyed so that a higher answer means feeling safer (being yourself, feeling
heard, hard moments handled with care, a calm body). The fifth, "there is something we need to
repair", is *reverse-keyed*: a higher answer means things feel less settled right now.

The "felt safety" summary (`feltsafe.journal.insights.checkin_score`) is the plain mean of the
questions that were answered, after flipping each reverse-keyed answer to ``10 - answer``. So a
10 means "I could be myself, felt heard, hard moments were handled with care, my body was calm
and nothing needs repairing"; a 0 means the opposite on every answered question. Skipped
questions are left out rather than counted as zero. It is a reflection aid for seeing your own
trend, not a validated measure, and it is never a pass or a fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PATTERNS: tuple[tuple[str, str], ...] = (
    ("guarding", "Guarding"),
    ("withdrawing", "Withdrawing"),
    ("people_pleasing", "People-pleasing"),
    ("hypervigilance", "Hypervigilance"),
    ("escalating", "Escalating"),
    ("freezing", "Freezing"),
    ("other", "Something else"),
)
"""Protective patterns: what showed up to keep you safe when you were activated."""

PATTERN_DESCRIPTIONS: dict[str, str] = {
    "guarding": "Holding back, staying careful about what you show or say.",
    "withdrawing": "Pulling away or going quiet to get some distance.",
    "people_pleasing": "Smoothing things over or putting the other person's needs first.",
    "hypervigilance": "Scanning closely for signs that something is wrong.",
    "escalating": "Getting louder or sharper as the feeling rises.",
    "freezing": "Going still, blank or unable to find words.",
    "other": "Another way your body and mind tried to keep you safe.",
}
"""One gentle sentence per protective pattern, for help text beside the choices."""

TOOLS: tuple[tuple[str, str], ...] = (
    ("breathing", "Breathing"),
    ("grounding", "Grounding"),
    ("movement", "Movement"),
    ("reaching_out", "Reaching out"),
    ("time_out", "A time-out"),
    ("self_talk", "Self-talk"),
    ("other", "Something else"),
)
"""Regulation tools: what helped the feeling settle."""

REPAIR_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("i_feel", "I feel"),
    ("sorry", "Sorry"),
    ("getting_to_yes", "Getting to yes"),
    ("calm_down", "I need to calm down"),
    ("stop", "Stop"),
    ("appreciate", "I appreciate"),
)
"""Kinds of repair attempt: what helped you and the other person find each other again."""

PATTERN_LABELS: dict[str, str] = dict(PATTERNS)
TOOL_LABELS: dict[str, str] = dict(TOOLS)
REPAIR_CATEGORY_LABELS: dict[str, str] = dict(REPAIR_CATEGORIES)


@dataclass(frozen=True)
class CheckinQuestion:
    """One pulse question, answered on a 0-10 scale between `low_label` and `high_label`.

    `reverse` is True when a higher answer means feeling *less* safe; such answers are flipped
    (``10 - answer``) before they join the "felt safety" summary.
    """

    id: str
    text: str
    low_label: str
    high_label: str
    reverse: bool = False


CHECKIN_QUESTIONS: tuple[CheckinQuestion, ...] = (
    CheckinQuestion(
        id="could_be_myself",
        text="Today I could be myself.",
        low_label="Not at all",
        high_label="Completely",
    ),
    CheckinQuestion(
        id="felt_heard",
        text="I felt heard.",
        low_label="Not at all",
        high_label="Completely",
    ),
    CheckinQuestion(
        id="handled_with_care",
        text="Hard moments were handled with care.",
        low_label="Not with care",
        high_label="With a lot of care",
    ),
    CheckinQuestion(
        id="body_calm",
        text="My body felt calm rather than on guard.",
        low_label="On guard",
        high_label="Calm",
    ),
    CheckinQuestion(
        id="need_repair",
        text="There is something we need to repair.",
        low_label="Nothing right now",
        high_label="Something big",
        reverse=True,
    ),
)
"""The pulse check-in: five questions, under a minute, every one of them skippable."""

CHECKIN_QUESTION_IDS: frozenset[str] = frozenset(q.id for q in CHECKIN_QUESTIONS)

_SEPARATORS = re.compile(r"[\s_\-]+")


def _fold(value: str) -> str:
    """Case- and separator-insensitive form: "People-pleasing" -> "peoplepleasing"."""
    return _SEPARATORS.sub("", value.strip().casefold())


def _lookup(choices: tuple[tuple[str, str], ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for key, label in choices:
        table[_fold(key)] = key
        table[_fold(label)] = key
    return table


_PATTERN_LOOKUP = _lookup(PATTERNS)
_TOOL_LOOKUP = _lookup(TOOLS) | {"timeout": "time_out", "selftalk": "self_talk"}
_REPAIR_LOOKUP = _lookup(REPAIR_CATEGORIES) | {"icalmdown": "calm_down"}


def normalise_pattern(value: str) -> str | None:
    """The pattern id for an id or label in any case (``"People-pleasing"``), else None."""
    return _PATTERN_LOOKUP.get(_fold(value))


def normalise_tool(value: str) -> str | None:
    """The tool id for an id or label in any case (``"time-out"``, ``"A time-out"``), else None."""
    return _TOOL_LOOKUP.get(_fold(value))


def normalise_repair_category(value: str) -> str | None:
    """The repair category id for an id or label in any case (``"I feel"``), else None."""
    return _REPAIR_LOOKUP.get(_fold(value))
