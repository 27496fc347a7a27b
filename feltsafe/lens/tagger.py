"""Tag messages with the markers of MARKERS.md: cue rules + sentence embeddings + trained heads.

:func:`tag_messages` is the one entry point. For a batch of texts it:

1. **de-duplicates** them (whitespace-normalised): a chat repeats "ok", "lol", "love you" many
   times, and each distinct text is read once;
2. runs the **cue rules** (:mod:`feltsafe.lens.cues`) and **crisis detection**
   (:mod:`feltsafe.safety`) on every distinct text; crisis detection's semantic stage reuses
   the embeddings computed here, so a message is embedded once;
3. **settles the obvious** without the transformer: empty texts, media and deleted-message
   placeholders, short acknowledgements ("ok", "lol", "👍", "see you") and texts with no letters
   (emoji only) take their markers from the cue rules alone;
4. embeds the rest with the int8 MiniLM (:mod:`feltsafe.lens.model`: length-sorted batches,
   dynamic padding), once per wording (texts that differ only in their numbers share one
   embedding), and applies the trained per-marker heads to ``[embedding, cue scores]``.

Scores are rescaled per marker so that 0.5 is that marker's decision threshold (tuned on the
dev split): a marker is present exactly when its score is at least 0.5.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np

from feltsafe.lens.cues import CueResult, cue_scores, cue_vector
from feltsafe.lens.markers import MARKERS, SAFETY_MARKERS, THREAT_MARKERS, Marker
from feltsafe.safety.crisis import (
    CrisisResult,
    detect_crisis,
    detect_crisis_from_embeddings,
    detect_crisis_many,
)

__all__ = ["TagResult", "is_settled", "normalise_text", "tag_messages", "tag_text"]

DECISION: Final = 0.5

_ACK_TEXT: Final = """
    ok okay okey oki okie kk mk yes yeah yep yup ya yea no nope nah sure alright aight lol
    lmao lmfao rofl haha hahaha hah hehe heh hmm hm mhm uh um oh ah aha wow omg idk brb ttyl
    omw np nvm same true yay nice cool great good done got it gotcha see you soon cya later
    tmrw tomorrow tonight morning night gn gm night night sounds on my way here home coming
    sec one min minute too me you x xx xxx"""
_ACK_WORDS: Final = frozenset(_ACK_TEXT.split())
_PLACEHOLDER: Final = re.compile(
    r"^(?:<?(?:media|image|video|audio|sticker|gif|document|contact card|file) omitted>?|"
    r"<attached: [^>]*>|this message was deleted|you deleted this message|"
    r"(?:image|photo|video|audio|voice message|sticker|gif|document)(?: omitted)?|"
    r"missed (?:voice|video) call|null)$",
    re.IGNORECASE,
)
_WORDS: Final = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SPACE: Final = re.compile(r"\s+")


@dataclass(frozen=True)
class TagResult:
    """The lens's reading of one message.

    ``markers``: sorted marker names (empty for a neutral message); ``scores``: a 0-1 score for
    every marker (present when >= 0.5); ``evidence``: for each marker found, the phrases of the
    message that triggered it (may be empty when the model found it without a cue phrase);
    ``crisis``: the separate safety flag (see :mod:`feltsafe.safety`), with ``crisis_cues``.
    """

    text: str
    markers: tuple[Marker, ...]
    scores: dict[Marker, float]
    evidence: dict[Marker, list[str]] = field(default_factory=dict)
    crisis: bool = False
    crisis_cues: tuple[str, ...] = ()
    settled: bool = False

    def to_json(self) -> dict[str, Any]:
        """The machine-readable form of MARKERS.md: text, markers, scores, crisis."""
        return {
            "text": self.text,
            "markers": list(self.markers),
            "scores": {marker: round(self.scores[marker], 3) for marker in MARKERS},
            "crisis": self.crisis,
        }


def normalise_text(text: str) -> str:
    """The de-duplication key: NFC, whitespace collapsed and trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def is_settled(text: str) -> bool:
    """Whether the cheap first pass decides this text without the transformer."""
    stripped = text.strip()
    if not stripped or _PLACEHOLDER.match(stripped):
        return True
    words = [word.lower() for word in _WORDS.findall(stripped)]
    if not words:
        return True  # emoji, punctuation or numbers only
    return len(words) <= 3 and all(word in _ACK_WORDS for word in words)


def _rescale(probability: float, threshold: float) -> float:
    """Map a probability so that the marker's threshold lands on 0.5."""
    threshold = min(max(threshold, 1e-3), 1 - 1e-3)
    if probability < threshold:
        return 0.5 * probability / threshold
    return 0.5 + 0.5 * (probability - threshold) / (1 - threshold)


def _inside_threat_evidence(marker: Marker, cues: CueResult) -> bool:
    """A safer marker whose every cue phrase sits inside a less-safe one ("great job, genius")."""
    words = cues.evidence.get(marker)
    if not words:
        return False
    harsh = [w.lower() for m in THREAT_MARKERS for w in cues.evidence.get(m, [])]
    return all(any(word.lower() in phrase for phrase in harsh) for word in words)


def _result(
    text: str,
    scores: dict[Marker, float],
    cues: CueResult,
    settled: bool,
    crisis: CrisisResult | None = None,
) -> TagResult:
    if crisis is None:
        crisis = detect_crisis(text)
    for marker in SAFETY_MARKERS:
        if scores[marker] >= DECISION and _inside_threat_evidence(marker, cues):
            scores[marker] = round(DECISION * 0.98, 4)
    markers = tuple(sorted(marker for marker in MARKERS if scores[marker] >= DECISION))
    evidence = {marker: cues.evidence.get(marker, []) for marker in markers}
    return TagResult(
        text=text,
        markers=markers,
        scores=scores,
        evidence=evidence,
        crisis=crisis.crisis,
        crisis_cues=crisis.cues,
        settled=settled,
    )


def _cue_only_scores(cues: CueResult) -> dict[Marker, float]:
    return {marker: float(cues.scores.get(marker, 0.0)) for marker in MARKERS}


def tag_messages(
    texts: Sequence[str],
    *,
    use_model: bool = True,
    batch_size: int = 32,
    progress: Callable[[int], None] | None = None,
) -> list[TagResult]:
    """Tag each text; results in the same order. ``progress(n)`` is called as texts are done.

    ``use_model=False`` (or a missing heads file) uses the cue rules alone.
    """
    from feltsafe.lens.model import load_heads

    keys = [normalise_text(text) for text in texts]
    unique: dict[str, int] = {}
    for key in keys:
        unique.setdefault(key, len(unique))
    distinct = list(unique)
    cues = [cue_scores(text) for text in distinct]
    heads = load_heads() if use_model else None
    results: list[TagResult | None] = [None] * len(distinct)
    pending: list[int] = []
    done = 0
    settled: list[int] = []
    for index, text in enumerate(distinct):
        (settled if heads is None or is_settled(text) else pending).append(index)
    if settled:
        crises = detect_crisis_many([distinct[index] for index in settled])
        for index, crisis in zip(settled, crises, strict=True):
            text = distinct[index]
            results[index] = _result(text, _cue_only_scores(cues[index]), cues[index], True, crisis)
        done += len(settled)
    if progress is not None and done:
        progress(done)
    if pending and heads is not None:
        thresholds = heads.thresholds
        order = sorted(pending, key=lambda index: len(distinct[index]))
        chunk_texts = [distinct[index] for index in order]
        embeddings = _embed_once_per_wording(chunk_texts, batch_size, progress)
        cue_matrix = np.asarray([cue_vector(cues[index]) for index in order], np.float32)
        probabilities = heads.probabilities(embeddings, cue_matrix)
        # Crisis detection reuses these embeddings: each message is embedded once.
        crises = detect_crisis_from_embeddings(chunk_texts, embeddings)
        for row, index in enumerate(order):
            row_scores = probabilities[row]
            scores = {
                marker: round(_rescale(float(row_scores[col]), float(thresholds[col])), 4)
                for col, marker in enumerate(MARKERS)
            }
            results[index] = _result(distinct[index], scores, cues[index], False, crises[row])
    out: list[TagResult] = []
    for text, key in zip(texts, keys, strict=True):
        found = results[unique[key]]
        assert found is not None
        out.append(found if found.text == text else _with_text(found, text))
    return out


_DIGITS: Final = re.compile(r"\d+")


def _embed_once_per_wording(
    texts: list[str], batch_size: int, progress: Callable[[int], None] | None
) -> Any:
    """Embed ``texts`` (sorted by length), once per wording: texts that differ only in their
    numbers ("back at 6:30" / "back at 7:15", "paid the 40 quid" / "the 35 quid") share the
    embedding of the first of them. Chats are full of these and no marker turns on a number;
    the cue rules and the crisis rules still read every text exactly as written.

    ``progress(n)`` is told how many of ``texts`` have their embedding after each step.
    """
    from feltsafe.lens.model import DIM, load_encoder

    encoder = load_encoder()
    first: dict[str, int] = {}
    wordings: list[str] = []
    rows = np.empty(len(texts), dtype=np.int64)
    for position, text in enumerate(texts):
        row = first.setdefault(_DIGITS.sub("0", text), len(first))
        if row == len(wordings):
            wordings.append(text)
        rows[position] = row
    embedded = np.zeros((len(wordings), DIM), dtype=np.float32)
    step, reported = batch_size * 8, 0
    for begin in range(0, len(wordings), step):
        end = min(begin + step, len(wordings))
        embedded[begin:end] = encoder.encode(wordings[begin:end], batch_size)
        if progress is not None:
            ready = int((rows < end).sum())
            progress(ready - reported)
            reported = ready
    return embedded[rows]


def _with_text(result: TagResult, text: str) -> TagResult:
    return TagResult(
        text=text,
        markers=result.markers,
        scores=result.scores,
        evidence=result.evidence,
        crisis=result.crisis,
        crisis_cues=result.crisis_cues,
        settled=result.settled,
    )


def tag_text(text: str, *, use_model: bool = True) -> TagResult:
    """Tag a single text (see :func:`tag_messages`)."""
    return tag_messages([text], use_model=use_model)[0]
