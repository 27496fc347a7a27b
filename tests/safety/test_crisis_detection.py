"""Crisis detection, read as a spec: what must route a person to crisis resources, what must not.

These sentences are written for the tests and are not in the benchmark sets under bench/crisis/
(a test below checks that), so passing here is not a re-run of the benchmark.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feltsafe.safety import CRISIS_THRESHOLD, CrisisResult, detect_crisis, is_crisis
from feltsafe.safety import crisis as crisis_module

BENCH = Path(__file__).resolve().parents[2] / "bench" / "crisis"

# Suicidal thoughts, intent, plans or self-harm, said directly or indirectly.
CRISES = [
    # explicit
    "I've been wanting to kill myself for weeks",
    "I think I'm going to take my life this weekend",
    "Honestly I just want to be dead",
    "I'm feeling really suicidal again",
    "I keep thinking about suicide when I'm alone at night",
    # indirect and passive
    "My kids would honestly be better off without me",
    "I hope I just don't wake up in the morning",
    "There's no reason for me to keep living",
    "I'm so tired of existing, I want it all to stop forever",
    "Nobody would even notice if I was gone",
    "I don't want to be alive anymore, I can't do this",
    "What is the point in going on",
    "I want to vanish forever",
    # plans, means, farewells
    "I've got a stash of tablets hidden in my drawer",
    "I wrote a goodbye letter to each of my kids last night",
    "I'm giving my things away so nobody has to sort them later",
    "I've been researching how many pills it would take to not wake up",
    "I'm going to jump off the car park roof tonight",
    # self-harm
    "I've been cutting my arms again since Tuesday",
    "I burned myself with a cigarette last night",
    "The urge to self harm is so strong today",
    # slang, misspellings, noise
    "kms honestly",
    "thinking about how to unalive myself",
    "i want to kil my self",
    "im so sucidal rn",
    "dont wanna wake up tmrw tbh",
    "I WANT TO DIEEEE",
    "i   just    want   to   die",
    "everyone wud be better off w/o me 💔",
    "i just want 2 die tbh",
    "I can't keep myself safe tonight",
    "I don't trust myself not to take all my tablets",
    "gonna alt+f4 myself fr",
    # someone else at risk now (the writer needs the resources to help)
    "My sister just told me she wants to end her life",
    # a self-harm threat used as pressure is still a risk to that person
    "If you leave tonight I'll kill myself",
]

# Figures of speech, everyday talk, other people's past, fiction and news, negations.
NOT_CRISES = [
    "This queue is killing me",
    "My laptop died in the middle of the meeting",
    "I nearly died of embarrassment when she read it out",
    "He absolutely killed it at the gig",
    "I'm dying to try that new bakery",
    "I'd kill for a nap right now",
    "lmao I'm dead 😂",
    "The battery in the remote is dead",
    "I'm cutting back on sugar this month",
    "Can you help me hang the mirror?",
    "I'll be gone for the weekend, feed the cat please",
    "We argued again and I'm so frustrated with him",
    "I feel really low and lonely this week",
    "My great-uncle died by suicide decades ago and we still talk about him",
    "My friend self harmed at school but she's doing great now",
    "The film ends with the hero taking his own life",
    "A documentary on suicide prevention aired last night",
    "I'm not suicidal, I'm just exhausted",
    "I would never hurt myself, I promise",
    "I don't want to die, I just want the arguing to stop",
    "He told me to go kill myself when we argued",
    "I'm killing myself to finish this report lol",
    "I feel safe now that I've moved out",
    "ugh she's so annoying I could die 🙄",
]


@pytest.mark.parametrize("text", CRISES)
def test_it_flags_a_crisis_however_it_is_worded(text):
    result = detect_crisis(text)
    assert result.crisis, (text, result)
    assert result.score >= CRISIS_THRESHOLD
    assert result.cues, "a flagged text must say which words raised it"


@pytest.mark.parametrize("text", NOT_CRISES)
def test_it_does_not_flag_figures_of_speech_or_other_peoples_past(text):
    result = detect_crisis(text)
    assert not result.crisis, (text, result)
    assert result.score < CRISIS_THRESHOLD


def test_the_spec_sentences_are_not_copied_from_the_benchmark():
    bench_texts = set()
    for name in ("labelled.csv", "blind_batch2.csv", "blind_batch3.csv", "blind_batch4.csv"):
        path = BENCH / name
        if path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                bench_texts |= {row["text"].strip().lower() for row in csv.DictReader(handle)}
    assert bench_texts, "the benchmark sets should be present"
    overlap = {t for t in CRISES + NOT_CRISES if t.strip().lower() in bench_texts}
    assert overlap == set()


def test_cues_are_the_persons_own_words():
    result = detect_crisis("Honestly, I've been CUTTING again and I hate it")
    assert result.crisis
    assert any("CUTTING again" in cue for cue in result.cues)


def test_is_crisis_agrees_with_detect_crisis():
    for text in CRISES[:5] + NOT_CRISES[:5]:
        assert is_crisis(text) is detect_crisis(text).crisis


def test_the_result_is_a_frozen_value():
    result = detect_crisis("I want to die")
    assert isinstance(result, CrisisResult)
    with pytest.raises(AttributeError):
        result.crisis = False  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I DON'T want to live", "i dont want to live"),
        ("I don’t want to live", "i dont want to live"),  # curly apostrophe
        ("diiiiie", "die"),  # elongation
        ("su1c1dal", "suicidal"),  # leetspeak inside a word
        ("s*icide", "sicide"),
        ("I want 2 die", "i want to die"),
        ("wanna  \n\t die", "want to die"),  # extra whitespace and a texting form
        ("Ｉ ｗａｎｔ ｔｏ ｄｉｅ", "i want to die"),  # full-width letters
        ("I want to die!!!", "i want to die ."),
        ("no reason to live 😂", "no reason to live lol"),
        ("", ""),
    ],
)
def test_normalisation(text, expected):
    assert crisis_module.normalise(text) == expected


@pytest.mark.parametrize(
    "text",
    ["   ", "", "😂😂😂", "....", "a" * 10_000, "I want to die " * 2_000, "\x00\u200b\ufeff"],
)
def test_odd_inputs_do_not_break_it(text):
    result = detect_crisis(text)
    assert 0.0 <= result.score <= 1.0


def test_a_crisis_at_the_end_of_a_long_entry_is_not_missed():
    entry = "Work was long and the train was late. " * 300 + "I want to end my life."
    assert detect_crisis(entry).crisis


def test_skipping_patterns_by_first_word_changes_nothing():
    """The fast path (per sentence, only the patterns a word of it can start) is exact."""
    texts = (
        CRISES
        + NOT_CRISES
        + [
            "I want to kil myself",
            "killmyself",
            "no1 would miss me",
            "Work was fine. Then I got home and I want to die. Nobody knows, lol.",
            "sooooo doneeee with lifeeee",
            "s u i c i d e",
        ]
    )
    with (BENCH / "labelled.csv").open(encoding="utf-8", newline="") as handle:
        texts += [row["text"] for row in csv.DictReader(handle)]
    for text in texts:
        normalised = crisis_module.normalise(text)
        for sentence in crisis_module._SENTENCE.finditer(normalised):
            first, last = sentence.span()
            everything = sorted(
                m.span()
                for c in crisis_module._COMPILED
                for m in c.regex.finditer(normalised, first, last)
            )
            fast = sorted(
                m.span()
                for i in crisis_module._candidate_cues(sentence.group())
                for m in crisis_module._COMPILED[i].regex.finditer(normalised, first, last)
            )
            assert fast == everything, text
        masks = sorted(
            m.span() for r in crisis_module._MASK_REGEXES for m in r.finditer(normalised)
        )
        fast_masks = sorted(
            m.span()
            for i in crisis_module._MASK_GATE.candidates(normalised)
            for m in crisis_module._MASK_REGEXES[i].finditer(normalised)
        )
        assert fast_masks == masks, text


def test_it_is_fast_enough_for_every_free_text_field():
    texts = (CRISES + NOT_CRISES) * (1000 // len(CRISES + NOT_CRISES) + 1)
    texts = texts[:1000]
    detect_crisis("warm up")
    # CPU time of this thread (the semantic stage's encoder runs on the caller's thread), so a
    # busy shared machine does not fail it; texts the rules do not flag go through the encoder.
    started = time.thread_time()
    for text in texts:
        detect_crisis(text)
    mean_ms = (time.thread_time() - started) / len(texts) * 1000
    assert mean_ms < 8.0, f"{mean_ms:.2f} ms per message"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_unicode_text_gives_a_score_between_0_and_1(text):
    result = detect_crisis(text)
    assert 0.0 <= result.score <= 1.0
    assert result.crisis is (result.score >= CRISIS_THRESHOLD)
    assert all(isinstance(cue, str) and cue for cue in result.cues)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "i",
                "want",
                "to",
                "die",
                "not",
                "kill",
                "myself",
                "lol",
                "my",
                "friend",
                "she",
                "never",
                "pills",
                "goodbye",
                ",",
                ".",
                "😂",
                "cutting",
                "again",
                "dont",
                "live",
                "anymore",
            ]
        ),
        max_size=25,
    )
)
def test_word_salad_from_cue_words_never_breaks_it(words):
    result = detect_crisis(" ".join(words))
    assert 0.0 <= result.score <= 1.0


# The rules alone (the head has its own tests): recovery milestones and people whose work it is
# lower a cue, unless something says the risk is the writer's own now.
@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("two years cutting free today, treating myself to sushi", False),
        ("Eight months since my last suicidal thought and I'm proud of that", False),
        ("I tried to end my life in my twenties; I got through it and I'm glad to be here", False),
        ("There was a spring after the divorce when I wanted to die, it passed", False),
        ("Most of my patients have had suicidal thoughts at some point, it is common", False),
        ("Our workshop on safety planning covered what to do when a teen says kms", False),
        ("I was a year self harm free and I cut again tonight", True),
        ("Suicidal thoughts again this week, I haven't told my nurse", True),
        ("I'm a nurse and I want to kill myself", True),
        # burden and overdose in more wordings
        ("the whole family would be freer without me", True),
        ("I'm a weight on all of them, time to release them from me", True),
        ("My brother just said he's taken all his sleeping tablets", True),
        ("Could you free us all from this meeting by five?", False),
    ],
)
def test_recovery_milestones_and_professional_talk_unless_the_risk_is_back(text, crisis):
    result = crisis_module.detect_crisis_rules(text)
    assert result.crisis is crisis, (text, result)
