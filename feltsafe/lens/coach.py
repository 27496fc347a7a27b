"""The message coach: read a draft before it is sent, and offer a gentler way to say it.

:func:`coach_draft` tags the draft (markers, the words that triggered them, crisis) and, for
each marker that makes a relationship feel less safe, a suggestion: what the marker is, and a
gentler *structure* built from the person's own words where they can be reused. Blanks that
only the person can fill are written as ``[...]`` with a hint, never invented.

* criticism -> a gentle start-up: "I feel [...] when <the behaviour>. Could we [...]?"
* contempt -> drop the mockery, say the feeling;
* defensiveness -> own a part before explaining;
* dismissal -> grant the feeling before disagreeing;
* stonewalling -> "I need a break; can we talk again at [a time]?";
* control -> turn the demand into a request, or a worry said as a worry;
* threat -> a boundary stated about *your own* action, not a punishment.

A draft that expresses a crisis routes to crisis resources first (``crisis_first``): the
suggestions come after, if at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from feltsafe.lens.markers import MARKER_DESCRIPTIONS, MARKER_LABELS, THREAT_MARKERS, Marker
from feltsafe.lens.tagger import TagResult, tag_text

__all__ = ["CoachResult", "Suggestion", "coach_draft", "suggest"]


@dataclass(frozen=True)
class Suggestion:
    marker: Marker
    what: str
    why: str
    rewrite: str

    def to_json(self) -> dict[str, str]:
        return {"marker": self.marker, "what": self.what, "why": self.why, "rewrite": self.rewrite}


@dataclass(frozen=True)
class CoachResult:
    text: str
    markers: tuple[Marker, ...]
    evidence: dict[Marker, list[str]]
    crisis: bool
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def crisis_first(self) -> bool:
        """A crisis draft shows crisis resources before anything else."""
        return self.crisis

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "markers": list(self.markers),
            "evidence": {marker: list(words) for marker, words in self.evidence.items()},
            "crisis": self.crisis,
            "suggestions": [s.to_json() for s in self.suggestions],
        }


_YOU_ALWAYS: Final = re.compile(
    r"\b(?:you|u)\s+(always|never|constantly|keep|can'?t even|can[’']t even|won'?t ever|"
    r"don'?t ever|never even|literally never)\s+([^.!?,;]+)",
    re.IGNORECASE,
)
_EMOJI: Final = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]\ufe0f?")
_COMMAND: Final = re.compile(
    r"^\s*(?:you\s+(?:need to|have to|must|better|'d better|will)\s+)?"
    r"(send|give|tell|show|come|get|answer|call|delete|block|change|stop|be|share|turn|unlock|"
    r"hand|text|pick up|go)\b\s*([^.!?]*)",
    re.IGNORECASE,
)
_NOW: Final = re.compile(r"\s*\b(?:right now|now|immediately|this minute|asap)\b\s*", re.I)


def _clean(phrase: str) -> str:
    phrase = _EMOJI.sub("", phrase)
    return re.sub(r"\s+", " ", phrase).strip(" .!?,;:-")


def _behaviour(text: str) -> str | None:
    """The behaviour in "you always/never X", as "you X" / "you don't X"."""
    match = _YOU_ALWAYS.search(text)
    if not match:
        return None
    adverb, rest = match.group(1).lower().replace("’", "'"), _clean(match.group(2))
    if not rest:
        return None
    if adverb in {"never", "literally never", "never even", "won't ever", "don't ever"}:
        return f"you don't {rest}"
    if adverb.startswith("can"):
        return f"you don't {rest}"
    if adverb == "keep":
        return f"you {rest}"
    return f"you {rest}"


def _criticism(text: str) -> str:
    behaviour = _behaviour(text)
    when = behaviour if behaviour else "[the specific thing that happened]"
    return f"I feel [hurt / lonely / worn out] when {when}. Could we [what you need]?"


def _contempt(text: str, evidence: list[str]) -> str:
    rest = text
    for phrase in sorted(evidence, key=len, reverse=True):
        rest = re.sub(re.escape(phrase), " ", rest, flags=re.IGNORECASE)
    rest = _clean(
        re.sub(r"^\W*(?:(?:wow|oh|well|so|yeah|great|lol)\b\W*)+", "", _clean(rest), flags=re.I)
    )
    rest = re.sub(r"\s+([,.!?])", r"\1", rest)
    if len(rest.split()) >= 3:
        return f"I'm really [frustrated / hurt] about this. {rest[0].upper()}{rest[1:]}."
    return "I'm really [frustrated / hurt] about [what happened], and I'd like [what you need]."


_OR_ELSE: Final = re.compile(r"\s*,?\s*\b(?:or else|or i'?ll|or i will|or you'?ll|or)\b.*$", re.I)


def _control(text: str) -> str:
    match = _COMMAND.search(text)
    if match:
        rest = _OR_ELSE.sub("", match.group(2))
        verb, rest = match.group(1).lower(), _clean(_NOW.sub(" ", rest))
        request = f"{verb} {rest}".strip()
        return (
            f"I notice I'm [worried / uneasy]. Would you be willing to {request}? "
            "It's okay if the answer is no; it's your choice."
        )
    return (
        "I'm feeling [worried / uneasy] about [the situation]. Can we talk about it? "
        "It's your decision, and I'd like to understand what you think."
    )


def _threat(text: str) -> str:
    return (
        "I'm not okay with [what is happening]. If it keeps happening, I'm going to "
        "[what I will do to look after myself, e.g. step away for a while], and we can talk "
        "again when [we're both calmer]."
    )


_STATIC: Final[dict[str, str]] = {
    "defensiveness": (
        "You're right that [the part you can agree with]. My part in this was [...]. "
        "Can I tell you what was going on for me?"
    ),
    "dismissal": (
        "I can see this really matters to you. Tell me more? "
        "[If you see it differently, say so after you've granted the feeling.]"
    ),
    "stonewalling": "I need a break; can we talk again at [a time]?",
}

_WHY: Final[dict[str, str]] = {
    "criticism": "A specific situation, your feeling and a request are easier to hear than a "
    "verdict on who someone is.",
    "contempt": "Mockery makes the other person defend themselves instead of hearing you; "
    "your feeling is the part that matters.",
    "defensiveness": "Owning even a small part lowers the heat and makes room for theirs.",
    "dismissal": "People can only move on from a feeling once it has been heard.",
    "stonewalling": "Taking a break is healthy; saying when you'll come back keeps the door open.",
    "control": "A request or a worry leaves the other person free to choose, which builds trust.",
    "threat": "A boundary is about what you will do to look after yourself, not a punishment.",
}


def suggest(result: TagResult) -> list[Suggestion]:
    """Suggestions for the threat markers of a tagged draft, in MARKERS order."""
    suggestions = []
    for marker in THREAT_MARKERS:
        if marker not in result.markers:
            continue
        evidence = result.evidence.get(marker, [])
        if marker == "criticism":
            rewrite = _criticism(result.text)
        elif marker == "contempt":
            rewrite = _contempt(result.text, evidence)
        elif marker == "control":
            rewrite = _control(result.text)
        elif marker == "threat":
            rewrite = _threat(result.text)
        else:
            rewrite = _STATIC[marker]
        what = f"This may read as {MARKER_LABELS[marker]}: {MARKER_DESCRIPTIONS[marker]}."
        suggestions.append(Suggestion(marker, what, _WHY[marker], rewrite))
    return suggestions


def coach_draft(text: str, *, use_model: bool = True) -> CoachResult:
    """Markers, evidence, crisis and gentler structures for a draft message."""
    result = tag_text(text, use_model=use_model)
    return CoachResult(
        text=text,
        markers=result.markers,
        evidence={marker: list(words) for marker, words in result.evidence.items()},
        crisis=result.crisis,
        suggestions=suggest(result),
    )
