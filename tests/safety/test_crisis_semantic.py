"""The semantic second stage of crisis detection, read as a spec.

Rules OR a logistic head over the lens's sentence encoder (see feltsafe/safety/crisis.py). The
sentences here are written for these tests, not taken from bench/crisis/ (checked below).
"""

from __future__ import annotations

import csv
import logging
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feltsafe.safety import CRISIS_THRESHOLD
from feltsafe.safety import crisis as crisis_module
from feltsafe.safety.crisis import (
    SEMANTIC_CUE,
    detect_crisis,
    detect_crisis_many,
    detect_crisis_rules,
    semantic_windows,
)

BENCH = Path(__file__).resolve().parents[2] / "bench" / "crisis"

NEW_CRISES = [
    "My life insurance will pay off the house once I'm gone, which won't be long",
    "I've been collecting my tablets in a jar for weeks now",
    "I just want to close my eyes and never open them again",
    "I keep looking up how many of my antidepressants would be enough",
]
NEW_NOT_CRISES = [
    "The quarterly review is killing me slowly lol",
    "My nan passed away peacefully last spring",
    "We watched a documentary about the history of the Golden Gate Bridge",
    "I'm not going to do anything to myself, I promise, I'm just angry",
    "The new season of the crime show has a poisoning in every episode",
    "I'm so fed up with my landlord, he never fixes anything",
    "Tomorrow I'm giving away the kittens to good homes",
    "I used to hurt myself as a teenager but that's well behind me now",
]
# Flagged by the head alone: no cue of the rules reaches the threshold.
ONLY_THE_HEAD_SEES_IT = "I keep looking up how many of my antidepressants would be enough"


class _FixedHead(crisis_module._Semantic):
    """A stand-in head that answers one probability for every text (no model needed)."""

    def __init__(self, probability: float, threshold: float = 0.8) -> None:
        super().__init__(encoder=None, weights=None, bias=0.0, threshold=threshold)
        self.probability = probability
        self.calls: list[list[str]] = []

    def probabilities(self, texts, batch_size=64, embeddings=None):
        self.calls.append(list(texts))
        return [self.probability for _ in texts]


@pytest.fixture
def semantic_available():
    if crisis_module._load_semantic() is None:
        pytest.skip("the lens model files or onnxruntime are not installed here")


@pytest.mark.parametrize("text", NEW_CRISES)
def test_it_flags_crisis_wording_the_rules_were_not_written_for(semantic_available, text):
    result = detect_crisis(text)
    assert result.crisis, result
    assert result.score >= CRISIS_THRESHOLD


@pytest.mark.parametrize("text", NEW_NOT_CRISES)
def test_it_leaves_figures_of_speech_sadness_and_other_peoples_past_alone(semantic_available, text):
    result = detect_crisis(text)
    assert not result.crisis, result
    assert result.score < CRISIS_THRESHOLD


def test_the_spec_sentences_are_not_in_any_benchmark_or_training_file():
    written = set()
    for path in BENCH.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            written |= {row["text"].strip().lower() for row in csv.DictReader(handle)}
    for text in NEW_CRISES + NEW_NOT_CRISES:
        assert text.strip().lower() not in written, text


def test_when_only_the_head_fires_the_person_is_told_why(semantic_available):
    assert not detect_crisis_rules(ONLY_THE_HEAD_SEES_IT).crisis
    result = detect_crisis(ONLY_THE_HEAD_SEES_IT)
    assert result.crisis
    assert result.cues[-1] == SEMANTIC_CUE


def test_a_text_the_rules_flag_never_waits_for_the_model(monkeypatch):
    head = _FixedHead(0.0)
    monkeypatch.setattr(crisis_module, "_load_semantic", lambda: head)
    result = detect_crisis("I want to kill myself")
    assert result.crisis
    assert head.calls == []
    assert SEMANTIC_CUE not in result.cues


def test_the_head_alone_is_enough_and_its_threshold_sits_at_one_half(monkeypatch):
    monkeypatch.setattr(crisis_module, "_load_semantic", lambda: _FixedHead(0.8, threshold=0.8))
    result = detect_crisis("a sentence with no cue words in it at all")
    assert result.crisis
    assert result.score == 0.5
    assert result.cues == (SEMANTIC_CUE,)


def test_below_its_threshold_the_head_only_raises_the_score(monkeypatch):
    monkeypatch.setattr(crisis_module, "_load_semantic", lambda: _FixedHead(0.4, threshold=0.8))
    result = detect_crisis("a sentence with no cue words in it at all")
    assert not result.crisis
    assert result.score == pytest.approx(0.25)
    assert result.cues == ()


def test_the_head_does_not_overrule_a_negation_or_someone_elses_past_or_recovery(monkeypatch):
    monkeypatch.setattr(crisis_module, "_load_semantic", lambda: _FixedHead(0.99))
    for text in (
        "I would never kill myself, I'm just tired",
        "my grandad took his own life in 1990",
        "I used to cut myself years ago but I have been fine for a long time",
    ):
        result = detect_crisis(text)
        assert not result.crisis, text
        assert result.score < CRISIS_THRESHOLD


def test_without_the_model_the_rules_decide_alone_and_it_is_logged_once(monkeypatch, caplog):
    def broken_encoder(*args, **kwargs):
        raise ImportError("onnxruntime is not installed")

    crisis_module._load_semantic.cache_clear()
    monkeypatch.setattr("feltsafe.lens.model.Encoder", broken_encoder)
    try:
        with caplog.at_level(logging.WARNING, logger="feltsafe.safety.crisis"):
            flagged = detect_crisis("I want to kill myself")
            missed = detect_crisis(ONLY_THE_HEAD_SEES_IT)
            detect_crisis("another ordinary sentence")
            many = detect_crisis_many([ONLY_THE_HEAD_SEES_IT, "hello"])
        assert flagged.crisis
        assert missed == detect_crisis_rules(ONLY_THE_HEAD_SEES_IT)
        assert many == [detect_crisis_rules(ONLY_THE_HEAD_SEES_IT), detect_crisis_rules("hello")]
        warnings = [r for r in caplog.records if "rules alone" in r.getMessage()]
        assert len(warnings) == 1
    finally:
        crisis_module._load_semantic.cache_clear()


def test_the_batch_api_agrees_with_one_at_a_time(semantic_available):
    texts = NEW_CRISES + NEW_NOT_CRISES + ["", "   ", "I want to kill myself"]
    batch = detect_crisis_many(texts)
    one_by_one = [detect_crisis(text) for text in texts]
    for text, a, b in zip(texts, batch, one_by_one, strict=True):
        # int8 embeddings shift a little with a batch's other texts; a text the batch leaves
        # just under the line is read again alone, so a batch never misses what one read flags
        if b.crisis:
            assert a.crisis, text
        if a.crisis == b.crisis:
            assert a.cues == b.cues, text
        assert a.score == pytest.approx(b.score, abs=0.15), text


def test_the_batch_api_embeds_only_what_the_rules_left_in_one_call(monkeypatch):
    head = _FixedHead(0.1)
    monkeypatch.setattr(crisis_module, "_load_semantic", lambda: head)
    detect_crisis_many(["I want to kill myself", "hello there", "", "the weather is grey"])
    assert head.calls == [["hello there", "the weather is grey"]]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_the_combined_score_is_between_0_and_1_and_agrees_with_the_decision(text):
    result = detect_crisis(text)
    assert 0.0 <= result.score <= 1.0
    assert result.crisis is (result.score >= CRISIS_THRESHOLD)


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=0.0, max_value=1.0), st.floats(min_value=0.01, max_value=0.99))
def test_any_head_probability_maps_into_0_to_1_with_the_threshold_at_one_half(p, threshold):
    head = _FixedHead(p, threshold=threshold)
    mapped = head.mapped(p)
    assert 0.0 <= mapped <= 1.0
    assert (mapped >= 0.5) is (p >= head.threshold)


def test_a_single_message_costs_well_under_10_ms_of_cpu(semantic_available):
    """CPU time of this thread (the encoder runs on one thread, the caller's), so other work on
    a shared machine does not count; generous, the benchmark reports the real figure."""
    texts = (NEW_CRISES + NEW_NOT_CRISES) * 10
    detect_crisis("warm up")
    started = time.thread_time()
    for text in texts:
        detect_crisis(text)
    mean_ms = (time.thread_time() - started) / len(texts) * 1000
    assert mean_ms < 10.0, f"{mean_ms:.2f} ms per message"


class _WordEncoder:
    """A stand-in encoder: a text's "embedding" is 1.0 when its first 60 words (the real one
    reads at most 128 tokens) hold the word "lantern"."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts, batch_size=64):
        import numpy as np

        self.seen.extend(texts)
        return np.array([[1.0 if "lantern" in t.split()[:60] else 0.0] for t in texts])


def _word_head() -> crisis_module._Semantic:
    import numpy as np

    return crisis_module._Semantic(_WordEncoder(), np.array([8.0]), -4.0, threshold=0.5)


EVERYDAY = "We walked the dog to the park and back again before tea. "


def test_a_short_text_is_read_once_as_a_whole():
    assert semantic_windows("I took the bins out and fed the cat") == [
        "I took the bins out and fed the cat"
    ]


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["we", "walked", "home", "lantern", "tea"]), max_size=70).map(
            " ".join
        ),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from([". ", "! ", "? ", "\n", "; "]),
)
def test_windows_keep_every_word_in_order_and_stay_within_the_size(sentences, joiner):
    text = joiner.join(sentences)
    windows = semantic_windows(text)
    assert windows[0] == text
    if len(text.split()) <= crisis_module.WHOLE_TEXT_WORDS:
        assert windows == [text]
        return
    parts = windows[1:]
    assert all(0 < len(w.split()) <= crisis_module.WINDOW_WORDS for w in parts)
    assert [w for part in parts for w in part.split()] == text.split()


def test_a_crisis_sentence_deep_in_a_long_entry_is_read_in_its_own_window(monkeypatch):
    """The whole entry's embedding alone misses it (diluted, or past the encoder's 128 tokens);
    its window carries it, so the head hears it."""
    entry = EVERYDAY * 20 + "The lantern is ready. " + EVERYDAY * 3
    head = _word_head()
    whole_only = head.from_embeddings(head.encoder.encode([entry]))[0]
    assert whole_only < 0.5
    monkeypatch.setattr(crisis_module, "_load_semantic", lambda: head)
    windowed = head.probabilities([entry])[0]
    assert windowed > 0.5


def test_the_lens_path_embeds_only_the_extra_windows_of_long_messages(monkeypatch):
    import numpy as np

    head = _word_head()
    monkeypatch.setattr(crisis_module, "_load_semantic", lambda: head)
    long_message = EVERYDAY * 10 + "lantern"
    texts = ["hello there", long_message]
    given_embeddings = np.zeros((2, 1))
    results = crisis_module.detect_crisis_from_embeddings(texts, given_embeddings)
    assert [r.crisis for r in results] == [False, True]
    assert "hello there" not in head.encoder.seen
    assert long_message not in head.encoder.seen  # its whole-text row was given
    assert head.encoder.seen == semantic_windows(long_message)[1:]


class _BatchShiftedEncoder(_WordEncoder):
    """Like the int8 encoder, an embedding that depends a little on its batch-mates."""

    def encode(self, texts, batch_size=64):
        base = super().encode(texts, batch_size)
        return base - 0.2 * (len(texts) > 1)


def test_a_batch_never_misses_what_reading_the_text_alone_would_flag():
    import numpy as np

    head = crisis_module._Semantic(_BatchShiftedEncoder(), np.array([2.0]), -1.8, threshold=0.5)
    texts = ["we walked home", "lantern", "tea"]
    alone = [head.probabilities([t])[0] for t in texts]
    assert alone[0] < 0.5 < alone[1]
    batch_only = head.from_embeddings(head.encoder.encode(texts))
    assert batch_only[1] < 0.5  # the batch's own reading would have missed it
    together = head.probabilities(texts)
    assert together[1] == alone[1]
    assert [p >= 0.5 for p in together] == [p >= 0.5 for p in alone]
