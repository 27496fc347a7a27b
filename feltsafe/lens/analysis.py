"""Analyse a whole conversation: tag every message, compute the metrics, say what matters first.

:func:`analyze_messages` takes parsed :class:`~feltsafe.lens.messages.Message` objects (from
:mod:`feltsafe.lens.parsers`) and returns an :class:`Analysis`, whose :meth:`Analysis.to_json`
is the machine form of ``feltsafe lens analyze --json``::

    {"messages": [{"sender", "time", "text", "kind", "markers", "crisis"}],
     "speakers": {name: {...}}, "episodes": [...], "summary": {...}}

Media and deleted-message placeholders are kept (kind ``media``/``deleted``) but not tagged.
:func:`safety_notes` gives the sentences that must come before anything else in a readable
report: crisis first, then a recurring control/threat pattern (which also means no joint-repair
suggestions).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

from feltsafe.lens.messages import Message
from feltsafe.lens.metrics import ConversationMetrics, TaggedMessage, conversation_metrics
from feltsafe.lens.tagger import TagResult, tag_messages

__all__ = ["ABUSE_CONCERN_TEXT", "Analysis", "analyze_messages", "safety_notes"]

CRISIS_NOTE_TEXT: Final = (
    "Some messages in this conversation talk about not wanting to be alive or about hurting "
    "oneself. If that is you, or someone you care about, you don't have to carry it alone: "
    "the services below are free and confidential, and you can reach them now."
)
ABUSE_CONCERN_TEXT: Final = (
    "Some messages from {speaker} try to control or threaten ({count} of them). When this "
    "keeps happening, it may be more than ordinary conflict. You are not to blame for how "
    "someone else treats you, and you deserve to feel safe. The services below can help you "
    "think it through, in confidence. Because of this pattern, this report does not suggest "
    "couples exercises or repairing things together."
)


@dataclass
class Analysis:
    messages: list[Message]
    tags: list[TagResult | None]
    metrics: ConversationMetrics

    def message_json(self, index: int) -> dict[str, Any]:
        message, tag = self.messages[index], self.tags[index]
        return {
            "sender": message.sender,
            "time": message.time.isoformat() if message.time is not None else None,
            "text": message.text,
            "kind": message.kind,
            "markers": list(tag.markers) if tag is not None else [],
            "crisis": tag.crisis if tag is not None else False,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "messages": [self.message_json(i) for i in range(len(self.messages))],
            "speakers": {
                name: balance.to_json() for name, balance in self.metrics.speakers.items()
            },
            "episodes": [episode.to_json() for episode in self.metrics.episodes],
            "summary": {
                **self.metrics.summary(),
                "repairs": [attempt.to_json() for attempt in self.metrics.repairs],
                "silences": [silence.to_json() for silence in self.metrics.silences],
                "suggest_joint_repair": self.metrics.abuse_concern is None,
            },
        }


def analyze_messages(
    messages: Iterable[Message],
    *,
    use_model: bool = True,
    progress: Callable[[int], None] | None = None,
) -> Analysis:
    """Tag the text messages and compute the conversation metrics."""
    kept = list(messages)
    text_idx = [i for i, m in enumerate(kept) if m.kind == "text"]
    results = tag_messages([kept[i].text for i in text_idx], use_model=use_model, progress=progress)
    tags: list[TagResult | None] = [None] * len(kept)
    for index, result in zip(text_idx, results, strict=True):
        tags[index] = result
    tagged = [
        TaggedMessage(
            sender=m.sender,
            time=m.time,
            text=m.text,
            markers=tag.markers if tag is not None else (),
            crisis=tag.crisis if tag is not None else False,
            kind=m.kind,
        )
        for m, tag in zip(kept, tags, strict=True)
    ]
    return Analysis(messages=kept, tags=tags, metrics=conversation_metrics(tagged))


def safety_notes(metrics: ConversationMetrics) -> list[tuple[str, str]]:
    """``(kind, text)`` notes that come first in a report: ``crisis``, then ``abuse``."""
    notes = []
    if metrics.crisis_messages:
        notes.append(("crisis", CRISIS_NOTE_TEXT))
    if metrics.abuse_concern is not None:
        notes.append(("abuse", ABUSE_CONCERN_TEXT.format(**metrics.abuse_concern)))
    return notes
