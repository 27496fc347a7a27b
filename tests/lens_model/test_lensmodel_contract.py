"""The tagger's contract: MARKERS.md's JSON form, evidence, de-duplication, the cheap first pass."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from feltsafe.lens.cues import cue_scores
from feltsafe.lens.markers import MARKERS, SAFETY_MARKERS, THREAT_MARKERS
from feltsafe.lens.tagger import is_settled, tag_messages

MARKERS_MD = Path(__file__).resolve().parents[3] / "shared" / "MARKERS.md"
CRISIS_TEXT = "I have the pills saved up and I don't want to be here anymore"


def test_the_vocabulary_is_exactly_the_fifteen_names_of_markers_md():
    assert len(MARKERS) == len(set(MARKERS)) == 15
    assert set(THREAT_MARKERS) | set(SAFETY_MARKERS) == set(MARKERS)
    if MARKERS_MD.exists():
        doc = MARKERS_MD.read_text(encoding="utf-8")
        for marker in MARKERS:
            assert f"| `{marker}` |" in doc


@pytest.fixture(scope="module")
def results():
    return tag_messages(
        [
            "You never listen and you're so lazy. Thanks for nothing, genius 🙄",
            "Could you buy milk later?",
            "",
            CRISIS_TEXT,
        ]
    )


def test_each_result_has_the_markers_md_json_form(results):
    for result in results:
        data = json.loads(json.dumps(result.to_json()))
        assert list(data) == ["text", "markers", "scores", "crisis"]
        assert data["markers"] == sorted(data["markers"])
        assert set(data["markers"]) <= set(MARKERS)
        assert list(data["scores"]) == list(MARKERS)
        assert all(0.0 <= score <= 1.0 for score in data["scores"].values())
        assert isinstance(data["crisis"], bool)
        assert all(data["scores"][m] >= 0.5 for m in data["markers"])


def test_it_marks_harsh_messages_and_leaves_neutral_ones_empty(results):
    harsh, neutral, empty, _crisis = results
    assert {"criticism", "contempt"} <= set(harsh.markers)
    assert neutral.markers == () and empty.markers == ()


def test_evidence_is_the_persons_own_words(results):
    harsh = results[0]
    assert harsh.evidence["criticism"]
    for marker, words in harsh.evidence.items():
        assert marker in harsh.markers
        for word in words:
            assert word in harsh.text


def test_crisis_is_flagged_separately_from_the_markers(results):
    assert results[3].crisis is True
    assert results[0].crisis is False


def test_identical_texts_are_read_once_and_results_keep_input_order():
    texts = ["ok", "thank you so much ❤️", "ok", "  thank you   so much ❤️ ", "ok"]
    out = tag_messages(texts)
    assert [r.text for r in out] == texts
    assert out[1].markers == out[3].markers == ("appreciation",)
    assert out[0] is out[2] is out[4]


@pytest.mark.parametrize("text", ["ok", "lol", "👍", "<Media omitted>", "haha yes", "", "  "])
def test_short_acknowledgements_are_settled_without_the_transformer(text):
    assert is_settled(text)


@pytest.mark.parametrize("text", ["whatever", "you never help", "thanks", "love you"])
def test_messages_with_words_that_matter_are_not_settled_as_acknowledgements(text):
    assert not is_settled(text) or cue_scores(text).evidence


def test_a_settled_stonewall_still_gets_its_marker():
    assert "stonewalling" in tag_messages(["k."])[0].markers


def test_the_cue_rules_alone_give_the_same_form():
    result = tag_messages(["you're overreacting"], use_model=False)[0]
    assert result.markers == ("dismissal",)
    assert list(result.to_json()["scores"]) == list(MARKERS)


@pytest.mark.parametrize(
    ("text", "marker"),
    [
        ("I'm not saying you're lazy", "criticism"),
        ("I don't think you're overreacting at all", "dismissal"),
        ('He said "you\'re too sensitive" and walked off', "dismissal"),
        ("she told me I'm pathetic", "contempt"),
        ("This printer is useless", "contempt"),
        ("I'm sorry, but you started it", "accountability"),
    ],
)
def test_cue_guards_drop_negated_quoted_and_thing_directed_phrases(text, marker):
    assert cue_scores(text).scores[marker] < 0.3


def test_an_apology_followed_by_but_reads_as_defensiveness():
    scores = cue_scores("I'm sorry, but you started it").scores
    assert scores["defensiveness"] >= 0.7


def test_the_runtime_does_not_import_torch_or_scikit_learn():
    code = (
        "import sys; from feltsafe.lens.tagger import tag_messages; "
        "tag_messages(['you never help me with anything at all']); "
        "print(sorted(m for m in ('torch', 'sklearn', 'transformers') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_texts_differing_only_in_numbers_are_embedded_once_and_read_alike(monkeypatch):
    import feltsafe.lens.model as model

    real = model.load_encoder()
    embedded: list[str] = []

    class Counting:
        def encode(self, texts, batch_size=32):
            embedded.extend(texts)
            return real.encode(texts, batch_size)

    monkeypatch.setattr(model, "load_encoder", lambda: Counting())
    texts = [
        "The train is delayed by 20 minutes, so I'll be back around 6:30",
        "The train is delayed by 45 minutes, so I'll be back around 7:15",
        "You never listen to me, not once in 10 years",
        "You never listen to me, not once in 12 years",
    ]
    done: list[int] = []
    results = tag_messages(texts, progress=done.append)
    assert len(embedded) == 2  # one per wording
    assert results[0].scores == results[1].scores
    assert results[2].markers == results[3].markers and "criticism" in results[2].markers
    assert [r.text for r in results] == texts  # each keeps its own words
    assert sum(done) == len(texts)
