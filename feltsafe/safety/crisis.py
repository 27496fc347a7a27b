"""Crisis detection: does a text express suicidal thoughts, intent, plans, or self-harm?

A transparent, weighted cue grammar, stdlib only, a fraction of a millisecond per message:

1. **Normalise** the text token by token, keeping each token's place in the original so the
   cues we report are the person's own words: Unicode NFKC, lower case, accents and apostrophes
   dropped ("don't" -> "dont"), leetspeak inside words ("su1c1de"), texting shorthand ("wanna",
   "tmrw", "w/o", "want 2 die"), a few common misspellings ("lief", "livng"), emoji that carry
   meaning (laughing faces and eye-rolls read as "lol"; pills, knives, ropes as words), and every
   run of a repeated letter squeezed to one letter, so elongations and doubled-letter
   misspellings meet ("diiiie" -> "die", "kill" and "kil" -> "kil"). The patterns below are
   written in plain English (either spelling, "all" or "al") and compiled through the same
   squeeze.
2. **Cues** (`_CUES`): phrase patterns for ideation, passive wishes not to exist,
   burdensomeness, hopelessness about living, plans, means and methods, past attempts, farewells
   and putting affairs in order, self-harm, slang, and someone else at risk now. Each has a
   weight: EXPLICIT or STRONG cues are enough alone, MODERATE just enough, WEAK and FAINT only
   count together with another cue. Cues are read one sentence at a time.
3. **Guards** lower or drop a cue: a figure of speech or an everyday use around it (`_MASKS`),
   a joke marker with a trivial trigger, a negation in the same clause ("I'm not suicidal"),
   someone else's words about the person ("he told me to kill myself"), a lyric or title in
   quotation marks, another person's past or death, fiction, news and teaching, a recovery story
   with nothing saying it is back, and travel plans around a "goodbye".
4. **Score**: overlapping readings of one phrase count once (the strongest); the adjusted
   weights combine as a noisy-OR, `1 - prod(1 - w)`, so one explicit cue is enough and several
   weak ones add up. `crisis` is `score >= CRISIS_THRESHOLD`.

5. **A semantic stage** (stage 2) for wording the cues have never seen: a logistic head over the
   lens's sentence encoder (int8 MiniLM on onnxruntime; weights in data/crisis_head.json, made by
   bench/crisis/train_head.py), applied with numpy. `detect_crisis` is rules OR head: a text the
   rules flag is answered without the model; otherwise the head decides too, except where a
   guard above dropped a cue (a negation, a figure of speech, someone else's past, a recovery
   story, fiction, a joke), which the head does not overrule. The score is the larger of the
   two, the head's probability mapped so its threshold sits at 0.5; when only the head fired,
   the cues end with SEMANTIC_CUE so the person can see why. Without onnxruntime or the model
   files the rules decide alone (logged once). `detect_crisis_many` embeds in batches.
   The encoder reads at most 128 tokens, and one crisis sentence in a long journal entry is
   diluted in the entry's single embedding, so a text past the encoder's reach
   (`WHOLE_TEXT_WORDS`) is also read as consecutive sentences packed into windows of
   `WINDOW_WORDS` (`semantic_windows`); the head's probability is the highest of them all.

Choices, all made for recall first (a missed crisis is far worse than a false alarm):

- Someone else at risk *now* ("my friend says she wants to kill herself", "he said he'll kill
  himself if I leave") is flagged: the person writing needs the same resources to help, or to
  stay safe from a self-harm threat used as pressure. Another person's past, recovery or death
  ("my brother attempted years ago and is doing well now") is not.
- A negation lowers only the cue it governs: "I'm not suicidal, I just don't want to wake up
  tomorrow" is still a crisis. "I don't want to die" is not; "I don't want to live" is; "I'm
  trying not to hurt myself" is (a struggle, not a denial).
- A joke marker ("lol", a laughing emoji) alone keeps an explicit phrase just over the
  threshold; only a joke marker *and* a trivial trigger (homework, a meeting, an embarrassing
  moment) drops it. "not even joking" cancels the joke marker.
- A first-person recovery story ("I used to self harm, I've been clean for three years") is not
  flagged unless something says it is present again ("again", "lately", "tonight", "still").
- Being told to kill yourself is abuse, not the person's own wish: it is not flagged here (the
  conversation lens and the harm screen cover it).

How it was built and measured, with its honest limits: bench/crisis/README.md.
"""

from __future__ import annotations

import json
import logging
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Final

__all__ = [
    "CRISIS_THRESHOLD",
    "SEMANTIC_CUE",
    "CrisisResult",
    "detect_crisis",
    "detect_crisis_many",
    "detect_crisis_rules",
    "is_crisis",
    "normalise",
    "semantic_windows",
]

CRISIS_THRESHOLD: Final[float] = 0.5


@dataclass(frozen=True)
class CrisisResult:
    """The outcome for one text.

    `score` is 0.0-1.0; `cues` are the phrases (in the person's own words) that raised it, in the
    order they appear, for explanation. A guarded cue (negated, a figure of speech) is not listed.
    """

    crisis: bool
    score: float
    cues: tuple[str, ...]


# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

# Emoji that carry meaning here; every other symbol becomes a space.
_EMOJI_WORDS: Final[dict[str, str]] = {
    "\U0001f602": "lol",  # face with tears of joy
    "\U0001f923": "lol",  # rolling on the floor laughing
    "\U0001f480": "lol",  # skull: "I'm dead" as laughter
    "\u2620": "lol",  # skull and crossbones
    "\U0001f639": "lol",  # cat with tears of joy
    "\U0001f606": "lol",  # grinning squinting face
    "\U0001f644": "lol",  # face with rolling eyes: exasperation, not despair
    "\U0001f926": "lol",  # face palm
    "\U0001f48a": "pills",
    "\U0001f52a": "knife",
    "\U0001faa2": "rope",
    "\U0001fa78": "blood",
    "\u26b0": "coffin",
    "\U0001f52b": "gun",
}

# Texting shorthand and frequent misspellings, applied to whole tokens (after lower-casing and
# apostrophe removal, before squeezing). Values may be several words.
_WORD_MAP: Final[dict[str, str]] = {
    "wanna": "want to",
    "wana": "want to",
    "wan": "want",
    "wnt": "want",
    "gonna": "going to",
    "gona": "going to",
    "gunna": "going to",
    "gotta": "got to",
    "tryna": "trying to",
    "hafta": "have to",
    "u": "you",
    "ur": "your",
    "r": "are",
    "w/o": "without",
    "s/h": "self harm",
    "selfharm": "self harm",
    "selfharming": "self harming",
    "selfharmed": "self harmed",
    "every1": "everyone",
    "evry1": "everyone",
    "any1": "anyone",
    "some1": "someone",
    "no1": "no one",
    "noone": "no one",
    "wud": "would",
    "wuld": "would",
    "wld": "would",
    "cud": "could",
    "culd": "could",
    "shud": "should",
    "shld": "should",
    "wont": "wont",
    "dnt": "dont",
    "dont": "dont",
    "didnt": "didnt",
    "cnt": "cant",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmrrw": "tomorrow",
    "tmw": "tomorrow",
    "tomoz": "tomorrow",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "2day": "today",
    "2nite": "tonight",
    "tonite": "tonight",
    "rn": "right now",
    "abt": "about",
    "bout": "about",
    "thru": "through",
    "ppl": "people",
    "idk": "i dont know",
    "idc": "i dont care",
    "ded": "dead",
    "lyf": "life",
    "lfe": "life",
    "lif": "life",
    "liv": "live",
    "whish": "wish",
    "wish": "wish",
    "tryed": "tried",
    "tryd": "tried",
    "killin": "killing",
    "thinkin": "thinking",
    "cuttin": "cutting",
    "dyin": "dying",
    "livin": "living",
    "goin": "going",
    "tryin": "trying",
    "feelin": "feeling",
    "nothin": "nothing",
    "hurtin": "hurting",
    "cos": "because",
    "coz": "because",
    "cuz": "because",
    "bc": "because",
    "b4": "before",
    "plz": "please",
    "pls": "please",
    "im": "im",
    "myslef": "myself",
    "meself": "myself",
    "mysef": "myself",
    "mysefl": "myself",
    "myslf": "myself",
    "myelf": "myself",
    "mself": "myself",
    # transposed or dropped letters in the words that matter most here
    "lief": "life",
    "lfie": "life",
    "lyfe": "life",
    "livng": "living",
    "lving": "living",
    "liveing": "living",
    "livign": "living",
    "livnig": "living",
    "alvie": "alive",
    "aliev": "alive",
    "aliv": "alive",
    "daed": "dead",
    "deaht": "death",
    "dieing": "dying",
    "killign": "killing",
    "kilign": "killing",
    "anymroe": "anymore",
    "anymor": "anymore",
    "evryone": "everyone",
    "everone": "everyone",
    "everyon": "everyone",
    "woud": "would",
    "witout": "without",
    "wihtout": "without",
    "withou": "without",
    "bettr": "better",
    "tomorrw": "tomorrow",
    "wnat": "want",
    "watn": "want",
    "piont": "point",
    "poitn": "point",
    "exsist": "exist",
    "exisit": "exist",
    "exsit": "exist",
    "exsisting": "existing",
    "waek": "wake",
    "thinkng": "thinking",
    "thnking": "thinking",
    "thikning": "thinking",
    "whant": "want",
    "hahaha": "haha",
    "f4": "f4",  # alt+f4, not leetspeak
    "lmao": "lol",
    "lmfao": "lol",
    "rofl": "lol",
    "lolol": "lol",
}

_LEET: Final[dict[str, str]] = {
    "1": "i",
    "3": "e",
    "0": "o",
    "4": "a",
    "5": "s",
    "7": "t",
    "@": "a",
    "$": "s",
    "!": "i",
}

# A token: w/o or s/h; a word (letters and digits, with apostrophes and masking symbols inside,
# e.g. "don't", "s*icide", "su!c!de"); a run of sentence punctuation; or any other single symbol.
_TOKEN = re.compile(
    r"(?i:w/o|s/h)"
    r"|[^\W_](?:[\w'\u2019\u2018`\u00b4\u02bc*@$!]*[^\W_])?"
    r"|[.!?;\u2026]+"
    r"|[,:\u2014\u2013]+"
    r"|\S",
)
_APOSTROPHES = re.compile(r"['\u2019\u2018`\u00b4\u02bc]")
_LEET_CHARS = re.compile(r"[0-9@$!*]")
_SQUEEZE = re.compile(r"([a-z])\1+")
_HAS_LETTER = re.compile(r"[a-z]")
_QUOTES: Final = frozenset('"\u201c\u201d\u00ab\u00bb\u201e')
# "want 2 die": a lone 2 after these words is "to".
_BEFORE_TO: Final = frozenset(
    [
        "want",
        "wanted",
        "going",
        "have",
        "need",
        "got",
        "ready",
        "wish",
        "like",
        "love",
        "trying",
        "about",
        "used",
        "time",
        "hard",
        "easy",
        "wana",
        "gona",
        "how",
    ]
)


@lru_cache(maxsize=65_536)
def _normalise_token(raw: str) -> str:
    """One original token -> zero or more normalised words ('' drops it)."""
    if raw[0] in ".!?;\u2026":
        return "."
    if raw[0] in ",:\u2014\u2013":
        return ","
    emoji = _EMOJI_WORDS.get(raw)
    if emoji is not None:
        return emoji
    if raw.isascii():
        token = raw.lower()
    else:
        token = unicodedata.normalize("NFKC", raw).casefold()
        token = "".join(
            c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c)
        )
    token = _APOSTROPHES.sub("", token)
    mapped = _WORD_MAP.get(token)
    if mapped is None and token[:1].isalpha() and _LEET_CHARS.search(token):
        token = "".join(_LEET.get(c, c) for c in token).replace("*", "")
        mapped = _WORD_MAP.get(token)
    if mapped is not None:
        token = mapped
    if not _HAS_LETTER.search(token) and not token.isdigit():
        return ""
    token = "".join(c if c.isalnum() or c == " " else " " for c in token)
    return _SQUEEZE.sub(r"\1", token).strip()


@dataclass(frozen=True, slots=True)
class _Normalised:
    text: str  # normalised words separated by single spaces, "." / "," for punctuation
    starts: tuple[int, ...]  # per normalised token: start offset in `text`
    spans: tuple[tuple[int, int], ...]  # per normalised token: its span in the original
    quoted: tuple[tuple[int, int], ...]  # normalised spans that stood inside quotation marks

    def original(self, original: str, start: int, end: int) -> str:
        """The original text behind the normalised span [start, end)."""
        first = bisect_right(self.starts, start) - 1
        last = bisect_left(self.starts, end) - 1
        if first < 0 or last < first:
            return ""
        return original[self.spans[first][0] : self.spans[last][1]]


def _normalise_with_map(text: str) -> _Normalised:
    parts: list[str] = []
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    quoted: list[tuple[int, int]] = []
    quote_start = -1
    position = 0
    for match in _TOKEN.finditer(text):
        raw = match.group()
        if raw in _QUOTES:
            if quote_start == -1:
                quote_start = position
            else:
                quoted.append((quote_start, position))
                quote_start = -1
            continue
        word = _normalise_token(raw)
        if word == "2" and parts and parts[-1] in _BEFORE_TO:
            word = "to"
        if not word:
            continue
        if word in ".," and parts and parts[-1] == word:
            continue
        parts.append(word)
        starts.append(position)
        spans.append(match.span())
        position += len(word) + 1
    return _Normalised(" ".join(parts), tuple(starts), tuple(spans), tuple(quoted))


def normalise(text: str) -> str:
    """The normalised form the cue patterns read (exposed for tests and explanations)."""
    return _normalise_with_map(text).text


def _end_lookaheads_at_word_boundaries(source: str) -> str:
    """`(?! (?:to|at))` must not refuse "tomorrow": close each negative lookahead with \\b."""
    out: list[str] = []
    index = 0
    while True:
        found = source.find("(?! ", index)
        if found == -1:
            out.append(source[index:])
            return "".join(out)
        depth = 0
        position = found
        while position < len(source):
            char = source[position]
            if char == "\\":
                position += 2
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    break
            position += 1
        out.append(source[index:position])
        if not source[:position].endswith("\\b"):
            out.append("\\b")
        index = position


def _compile(source: str) -> re.Pattern[str]:
    """Compile a readable pattern through the same apostrophe removal and letter squeeze.

    Escapes (\\b, \\w ...) and {m,n} quantifiers are copied unchanged, and every negative
    lookahead that starts with a space ends at a word boundary.
    """
    source = _end_lookaheads_at_word_boundaries(_APOSTROPHES.sub("", source))
    out: list[str] = []
    previous = ""
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\" and index + 1 < len(source):
            out.append(source[index : index + 2])
            previous = ""
            index += 2
            continue
        if char == "{":
            close = source.find("}", index)
            if close != -1:
                out.append(source[index : close + 1])
                previous = ""
                index = close + 1
                continue
        if char.isalpha() and char == previous:
            index += 1
            continue
        out.append(char)
        previous = char if char.isalpha() else ""
        index += 1
    return re.compile("".join(out))


# --------------------------------------------------------------------------------------------
# The cue grammar
# --------------------------------------------------------------------------------------------

# Weight tiers. One EXPLICIT or STRONG cue is enough; a MODERATE cue is just enough alone;
# WEAK cues only count together with another cue.
EXPLICIT: Final = 0.92
STRONG: Final = 0.82
MODERATE: Final = 0.6
WEAK: Final = 0.4
FAINT: Final = 0.28


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str
    weight: float
    pattern: str
    # Who the phrase is about: "self" when the phrase names the speaker (myself, my life,
    # without me), "other" when it names someone else (himself, herself), "infer" when it has no
    # subject of its own ("want to die", "suicidal") and the clause decides.
    subject: str = "infer"
    negatable: bool = True
    # Phrases people also use as jokes ("kms", "I want to die"): lowered by humour markers.
    hyperbole: bool = False


# Small reusable fragments (plain English; compiled through the same normalisation).
_MYSELF = r"(?:myself|my self|my sef|myslef|my slef|my selfe)"
_KILL = r"(?:kill|killing|kill|killing)"
_LIFE = r"(?:life|own life)"
_PILLS = (
    r"(?:pills|tablets|meds|medication|medicine|painkillers|paracetamol|tylenol|acetaminophen|"
    r"ibuprofen|aspirin|antidepressants|sleeping pills|sleeping tablets|insulin|benzos|opioids|"
    r"oxy|xanax|valium|codeine|prescription)"
)
_SUICIDAL = r"(?:s+u*[iy]*[cs]+[iy]*(?:[cs]+[iy]*)?d+(?:all|ial|le|el))"
_SUICIDE = (
    r"(?:s+u*[iy]*[cs]+[iy]*(?:[cs]+[iy]*)?d+(?:e|es|ed|all|ial|ally|le|el|ing)?|"
    r"sewer ?slid(?:e|es|ing|ed))"
)
# "suicide prevention", "suicide squad": the word as a topic or a name, not a wish.
_TOPIC = (
    r"(?! (?:squad|prevention|awareness|rates?|statistics|hotline|helpline|line|lines|training|"
    r"research|doors?|mission|run|squeeze|king|blonde|girls|forest|tendencies|bomber|bombers|"
    r"bombing|attack|watch|risk assessment|risk|first aid|intervention|charity|charities|"
    r"survivors|bereavement|loss|statistics|crisis line|counsel\w*|workshops?|services?))"
)
_GONE = (
    r"(?:gone|dead|not here|not around|not alive|no longer here|no longer around|"
    r"wasnt here|werent here|wasnt around|werent around|didnt exist|did not exist|"
    r"never existed|disappeared|died|killed myself)"
)
_EVERYONE = (
    r"(?:everyone|everybody|every one|the world|my family|my kids|my children|my friends|"
    r"my parents|my partner|my husband|my wife|they|them|you|you all|people|he|she|we|all)"
)
_WANT = r"(?:want|wanted|wanting|wants|wish|wished|wishing|need|needed|like|love|ready|hoping|hope)"
_NOT_WANT = r"(?:dont|do not|didnt|did not|doesnt|does not|dont really|really dont|not|no longer)"
_CONTINUE = (
    r"(?:live|be alive|exist|be here|be around|go on|keep going|keep living|continue|"
    r"carry on|be living|stay alive|survive|wake up|breathe|be in this world|see tomorrow)"
)
_REASON_TO_LIVE = (
    r"(?:live|living|go on|going on|keep going|keep living|stay alive|staying alive|"
    r"be alive|being alive|wake up|waking up|exist|existing|get up in the morning)"
    r"(?! (?:about|with (?!life)|at|to|like that|in this (?:job|house|city)))"
)
# What a wish to be dead aims at (used with a wish or a hopeless forecast in front of it).
_NOT_EXISTING = (
    rf"(?:dead|die|dying|death|{_SUICIDE}|"
    r"(?:it all|everything|life|my life|this life|all of it|all of this) (?:was|were|would be|"
    r"to be|to|is|will be|could be|could just) (?:all )?(?:over|end|ended|stop|stopped|finished)|"
    r"stop existing|not exist|not to exist|stop breathing|"
    r"heart (?:would |to |will )?(?:just )?(?:stop|stops|give out|gives out)|stay asleep forever|"
    r"(?:fall )?asleep forever|sleep forever|never wake up|not wake up|dont wake up|wont wake up|"
    r"never (?:woke|woken|wake) up|not (?:recover|survive|make it)|dont (?:recover|survive|"
    r"make it)|never (?:recover|survive)|wont (?:recover|survive)|"
    r"disappear (?:forever|for good|permanently)|be gone (?:forever|for good)|"
    r"not be (?:here|around|alive)|not being (?:here|around|alive)|wasnt (?:here|alive|around)|"
    r"werent (?:here|alive|around)|no longer (?:be )?(?:here|alive|around)|end it|"
    r"end (?:my|this) life|kill myself|take my life)"
)
# "cutting" that is not about carbs, the grass or a hair appointment.
_CUT_NOT = (
    r"(?! (?:back|down|out|off|up|in|it|class|classes|carbs|sugar|the|a|my (?:hair|"
    r"losses|nails|fringe|bangs|hours)|"
    r"myself (?:some slack|a break|slack|off|out|short)|your|his|her|"
    r"hair|corners|costs|ties|onions|wood|grass|paper|him|them|you|through|across|loose|short))"
)

_CUES: Final[tuple[_Cue, ...]] = (
    # --- explicit ideation and intent -----------------------------------------------------
    _Cue("ideation", EXPLICIT, rf"\b{_KILL} ?{_MYSELF}\b", "self", hyperbole=True),
    _Cue(
        "ideation",
        EXPLICIT,
        rf"\b{_WANT} to (?:just |simply |really |honestly )?die\b",
        hyperbole=True,
    ),
    _Cue("ideation", EXPLICIT, r"\bwish (?:i|that i) (?:was|were|could be) dead\b", "self"),
    _Cue("ideation", EXPLICIT, r"\bwish (?:i|that i) could (?:just )?die\b", "self"),
    _Cue(
        "ideation",
        EXPLICIT,
        r"\bwish (?:i|that i) (?:was|were)(?:nt| not) (?:alive|here|born|around)\b",
        "self",
    ),
    _Cue(
        "ideation",
        EXPLICIT,
        r"\bwish (?:i|that i|id|that id|i d) (?:had |d )?never (?:been born|existed|woken up|"
        r"woke up|wake up|been here)\b",
        "self",
    ),
    _Cue("ideation", EXPLICIT, rf"\b{_SUICIDAL}\b(?! tendencies)"),
    _Cue(
        "ideation",
        EXPLICIT,
        rf"\b{_SUICIDE} (?:thoughts?|ideation|feelings?|urges?|plans?|thinking|mood|"
        rf"again)\b",
    ),
    _Cue(
        "ideation",
        EXPLICIT,
        rf"\b(?:think|thinking|thought|thoughts|considering|consider|considered|"
        rf"contemplating|contemplate|contemplated|planning|plan|planned|commit|commiting|"
        rf"committing|commited|want|wanted|wanting|wana|going|gona|ready|about to|need|"
        rf"try|trying|go through with|resort to|resorting to|decided on|obsessed with|"
        rf"fantasi[sz]e about|fantasi[sz]ing about|dream about|dreaming about|cant stop "
        rf"thinking about) (?:\w+ ){{0,2}}(?:of |about )?{_SUICIDE}\b{_TOPIC}",
    ),
    _Cue(
        "ideation",
        EXPLICIT,
        rf"\b{_SUICIDE} (?:is|seems|feels|looks|sounds) (?:like )?(?:the|my|an|a) (?:only|"
        rf"best|easiest|last|real|good) (?:way|option|answer|choice|solution|escape|way "
        rf"out)",
    ),
    _Cue(
        "ideation",
        EXPLICIT,
        rf"\b(?:{_SUICIDE}|dying|death|killing myself|ending it|ending my life)(?: "
        rf"\w+){{0,4}} (?:on|in|into|out of|across) my (?:mind|head|thoughts)\b",
    ),
    _Cue(
        "ideation",
        STRONG,
        rf"\b(?:{_SUICIDE}|dying|death|the end|ending it|not being here|not existing)(?: "
        rf"\w+){{0,2}} (?:is|s|seems|looks|sounds|feels|is looking|is sounding|keeps "
        rf"looking) (?:\w+ ){{0,2}}(?:good|great|nice|tempting|appealing|better|"
        rf"attractive|inviting|peaceful|like a (?:good|great|nice) (?:idea|option)|like "
        rf"the (?:answer|way out))\b",
    ),
    _Cue(
        "ideation",
        EXPLICIT,
        rf"\b(?:end|ending|ended|take|taking|took|finish|finishing) (?:my|me) {_LIFE}\b",
        "self",
    ),
    _Cue(
        "ideation",
        EXPLICIT,
        r"\b(?:end|ending|ended|ends) (?:it|things|everything) (?:all|for good|forever|"
        r"once and for all)\b",
        hyperbole=True,
    ),
    _Cue(
        "ideation",
        EXPLICIT,
        rf"\b(?:end|ending|finish|finishing) {_MYSELF}\b(?! (?:off (?:with|by)|with (?:a|"
        rf"the|some)))",
        "self",
    ),
    _Cue(
        "ideation",
        EXPLICIT,
        r"\b(?:want|wanted|wanting|wish|wished|wishing|need|ready|like) to be dead\b",
    ),
    _Cue("ideation", STRONG, r"\bif i (?:kill|killed|killed) (?:myself|my self)\b", "self"),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:hate|hating|hated) (?:being alive|living|existing|my existence|that im "
        r"alive|that i exist|waking up every day|being here)\b(?! (?:with|in|at|near|"
        r"here|so far))",
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:dont|do not|didnt|no longer) deserve to (?:live|be alive|exist|be here|"
        r"breathe|wake up)\b",
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:nobody|no one|noone|no body) (?:would |will |even |really )?(?:cares?|"
        r"care) (?:if|whether) i (?:live|die|lived|died|live or die|am alive|exist)\b",
        "self",
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:only|best|easiest|real|last) (?:way out|escape|option|answer|solution|choice) (?:is|"
        r"would be|left is|seems to be|feels like|i can see is|i have is|left) (?:\w+ ){0,2}"
        r"(?:death|dying|suicide|to die|to end it|ending it|to kill myself|not being here|"
        r"not existing|to not be here|to disappear|to not exist|being dead|to be dead)\b",
    ),
    _Cue(
        "ideation",
        MODERATE,
        r"\b(?:counting down|count down) (?:the days )?(?:until|til|till) (?:im|i am|i m|"
        r"i) (?:gone|dead|not here|free)\b",
        "self",
    ),
    _Cue("ideation", MODERATE, r"\bplanning (?:my|my own) funeral\b", "self"),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:i can|i could|i get to|to|i|if i|when i) die (?:would be|would feel|is|"
        r"sounds|seems) (?:\w+ )?(?:great|good|fine|nice|welcome|a relief|better|amazing|"
        r"perfect|ideal)\b",
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:for me|i need|i have|i ought|i am meant|im meant|i was meant|its time for "
        r"me) to die\b",
        "self",
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:how to|how do i|how do you|how can i|ways to) (?:commit suicide|kill "
        r"myself|kill yourself|kill oneself|end my life|end your life|die painlessly|die "
        r"quickly|die peacefully|overdose|od)\b",
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\bhow (?:easy|hard|quick|quickly|painful|long|many|much) (?:is it|would it be|"
        r"does it take|would it take|it takes|it would take) to (?:die|kill (?:yourself|"
        r"myself|oneself)|overdose|od|bleed out|hang)\b",
    ),
    _Cue("ideation", STRONG, r"\b(?:kill|killing|end|ending|hurt|hurting|harm|harming) oneself\b"),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:only thing|only reason|only one|only person|only things|one thing) "
        r"(?:thats |that is |that s |that |which )?(?:keeping|keeps|kept|keep|stops|"
        r"stopping|stopped) me (?:alive|going|here|from (?:killing myself|killing myself|"
        r"doing it|ending it|ending my life|suicide))\b",
        "self",
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\bwish (?:a|the|some|this) (?:disease|illness|cancer|car|bus|truck|accident|"
        r"virus|heart attack|stroke) (?:would )?(?:just )?(?:take|takes|took|snatch|"
        r"snatches|snatched|kill|kills|end|ends) me\b",
        "self",
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:fight|fighting|trying|try|tried|struggle|struggling|hard|hardest|effort|"
        r"efort|battle|battling|working|managed|manage|everything i have|trust myself|"
        r"rely on myself|count on myself) (?:\w+ "
        r"){0,2}not to (?:hurt|harm|kill|cut|end it|end my life|do it|relapse|give in|"
        r"take (?:all|my|the|too|an)|overdose|od|jump|swallow|"
        r"burn)\b",
        "self",
        negatable=False,
    ),
    _Cue(
        "ideation",
        MODERATE,
        r"\b(?:cant|cannot|can not|dont think i can|not sure i can|dont know if i can) "
        r"(?:hold on|hang on|keep fighting|fight (?:this|it)|last|keep this up|survive) "
        r"(?:\w+ )?(?:longer|anymore|any more)\b",
    ),
    _Cue(
        "ideation",
        WEAK,
        r"\bi (?:just |finally |really )?(?:want|need) out\b(?! of (?!life|this life|"
        r"here|this world))",
    ),
    _Cue("ideation", WEAK, r"\b(?:reason|reasons|excuse) to do it\b"),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:find|finds|found|discover|discovers|identify) my (?:body|corpse|"
        r"remains)\b",
        "self",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:bought|ordered|got|have|buying|ordering) (?:the |some |a bottle of |a "
        r"pack of )?(?:sn|sodium nitrite|nitrite|nembutal)\b",
    ),
    _Cue(
        "plan",
        STRONG,
        rf"\b(?:so close to|close to|about to|tempted to|urge to|urges to|itching to) "
        rf"(?:down|downing|swallow|swallowing|take|taking|overdose on|od on|overdosing "
        rf"on) (?:\w+ ){{0,5}}{_PILLS}\b",
    ),
    _Cue("plan", WEAK, r"\b(?:isnt|is not|not) worth it anymore\b"),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:dont know|do not know|not sure|dont understand|no idea) why (?:im|i am|i "
        r"m|i) (?:still )?(?:alive|here|breathing|bothering to live|living)\b",
        "self",
    ),
    _Cue(
        "ideation",
        EXPLICIT,
        r"\b(?:ready|want|wanted|wanting|planning|plan|decided|time) to end it all\b",
        hyperbole=True,
    ),
    _Cue("ideation", EXPLICIT, r"\b(?:rather|prefer to|prefer) (?:be|being) dead\b"),
    _Cue("ideation", EXPLICIT, r"\bbetter (?:of|off) dead\b"),
    _Cue(
        "ideation",
        EXPLICIT,
        rf"\b(?:i|maybe i|i think i|im thinking i) (?:should|ought to|might as well|may "
        rf"as well|need to|deserve to) (?:just |really |honestly )?(?:die|be dead|{_KILL} "
        rf"?{_MYSELF}|end it all|end my life|not be here|not exist)\b",
        "self",
    ),
    _Cue(
        "ideation",
        EXPLICIT,
        r"\b(?:want|wanted|wish|need|ready|going) to (?:just )?stop (?:living|existing|"
        r"being alive|breathing)\b",
    ),
    _Cue("ideation", STRONG, r"\b(?:id|i would|i d) (?:rather|prefer to) die\b", hyperbole=True),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:being dead|be dead|dead|dying|not existing|not being here|not being "
        r"alive) (?:would be|is|sounds|seems|feels|looks) (?:\w+ )?(?:better|easier|"
        r"preferable|nicer|peaceful|good|a relief|a mercy|a release|a blessing|a way out|"
        r"kinder)\b",
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\bdeath (?:sounds|seems|feels|looks|would be|is) (?:\w+ )?(?:peaceful|nice|"
        r"good|better|appealing|welcome|relief|mercy|release|blessing|escape|like (?:a "
        r"relief|freedom|peace|the answer|the only|an escape|a release))",
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:dying|death|suicide) (?:is|seems|feels|looks|would be) (?:like )?(?:the|"
        r"my) (?:only|best|easiest|last) (?:way out|option|answer|choice|escape|solution|"
        r"way)",
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:way out|escape|option|answer|choice|solution)s? (?:except|but|other than|"
        r"besides) (?:dying|death|to die|suicide|killing myself|ending it)\b",
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:going|want|wanted|about|decided|plan|planning|ready) to do it (?:tonight|"
        r"today|this time|soon|this weekend|tomorrow)\b",
    ),
    _Cue(
        "ideation",
        MODERATE,
        r"\b(?:going|gonna|want|ready|planning|decided|time|about) to end it\b(?! "
        r"(?:with|between|all with))",
    ),
    _Cue(
        "ideation",
        MODERATE,
        r"\b(?:ending|end) it\b(?= *(?:\.|,|$|(?: all| now| tonight| soon| for good| "
        r"forever| permanently| once)\b))",
    ),
    _Cue(
        "ideation",
        MODERATE,
        r"\b(?:thinking|thought|think|thoughts) (?:about|of) (?:ending (?:it|things|"
        r"everything)|not (?:being here|existing|waking up|being alive)|dying|being dead|"
        r"my (?:own )?death|death)\b(?! (?:with|between|at work|in the))",
    ),
    _Cue(
        "ideation",
        MODERATE,
        r"\bimagin(?:e|ing|ed) (?:my|my own) (?:funeral|death|suicide)\b",
        "self",
    ),
    _Cue(
        "ideation",
        MODERATE,
        r"\b(?:really|actually|finally|honestly) (?:think|going) (?:im|i am|i) (?:going "
        r"to|gona) do it\b",
    ),
    _Cue("ideation", WEAK, r"\b(?:i mean it|im serious|i am serious) this time\b"),
    # --- after the blind fourth batch: a death word with a wish, a reason or a plan ---------
    # The most general cue: in one sentence, a word for dying (not a figure of speech: those
    # are masked) and a word that wants it, weighs it or plans it, with the writer in it.
    _Cue(
        "ideation",
        0.55,
        r"\b(?:want|wana|wish|wishing|hope|hoping|pray|praying|ready|longing|reasons?|"
        r"decided|deciding|plan|planning|considering|researching|thinking|solve|fix|"
        r"answer|relief|peace|better|easier|welcome|tempting|crave|craving|dream|"
        r"fantasi[sz]e|fantasi[sz]ing)\b(?: \w+){0,6} (?:(?:die|dying|death|dead)\b(?! (?:of|"
        r"from|for|to|on (?:the|my)|laughing|happy|inside|tired|serious|end|battery|phone)\b)|"
        rf"{_SUICIDE}\b|(?:not being alive|not being here|never come back|never coming back|"
        r"not come back|not coming back)\b)|\b(?:die|dying|death|being dead|"
        rf"{_SUICIDE})\b(?: \w+){{0,4}} (?:would|will|could|might|is the|seems the) "
        r"(?:solve|fix|end|stop|be (?:the )?(?:answer|best|easiest|a relief|peaceful|"
        r"better|easier|kinder|a mercy))\b",
        hyperbole=True,
    ),
    _Cue(
        "plan",
        STRONG,
        rf"\b(?:which|what|how many|how much) (?:\w+ )?(?:{_PILLS}|drugs?|dose|doses|amount|"
        r"poison|poisons|height|fall|chemicals?) (?:are|is|would be|would|it takes to be|"
        r"count as) (?:\w+ )?(?:lethal|fatal|deadly|enough to (?:die|kill))\b",
    ),
    _Cue(
        "plan",
        MODERATE,
        rf"\b(?:put|packed|packing|took|hid|hidden|carrying|carry|keep|kept) (?:a |the |my "
        rf"|some )?(?:rope|gun|blade|blades|razor|knife|{_PILLS}) (?:in|into) (?:my|the) "
        r"(?:bag|car|backpack|boot|pocket|coat|jacket)\b",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:go|goes|fade|fades|going|fading) (?:to )?black (?:and stay|forever|for good|"
        r"permanently|and never)\b",
    ),
    _Cue(
        "burden",
        MODERATE,
        r"\b(?:everyone|everybody|they|people|my family|my friends|the kids)(?: would| will|d|l)? "
        r"(?:just )?(?:move on|get over it|be fine|forget (?:me|about me)|cope) (?:quickly|fast|"
        r"soon|in no time|easily|without me)\b",
    ),
    _Cue(
        "passive",
        MODERATE,
        r"\bready to let go\b(?! of (?!life|this life|everything|it all))",
    ),
    _Cue(
        "farewell",
        MODERATE,
        r"\b(?:sorry|sory) (?:that )?i (?:couldnt|could not|cant|can not|wasnt able to|"
        r"wont) (?:stay|be here|hold on|make it|keep going|keep fighting)\b",
    ),
    _Cue(
        "farewell",
        WEAK,
        r"\b(?:wont|will not|wont be needing|dont) need (?:it|them|this|that|any of it|my \w+|"
        r"those) (?:anymore|any more|where im going|after)\b|\b(?:wont|will not) (?:be )?"
        r"need(?:ing)? (?:it|them|any of it)\b(?= *(?:\.|,|$))",
    ),
    _Cue("farewell", WEAK, r"\bcancel+ed (?:everything|all my plans|it all)\b"),
    _Cue(
        "farewell",
        WEAK,
        r"\b(?:he|she|they|it)(?:l| will| would|d)? have a better (?:life|home|owner|family)\b",
    ),
    _Cue(
        "self_harm",
        STRONG,
        r"\b(?:cuts|burns|scars|wounds|marks|bruises) (?:that )?i (?:made|gave|did) "
        r"(?:myself|me|to myself)\b|\b(?:cuts|burns|scars|wounds|marks|bruises) (?:i|im) "
        r"(?:made|making|gave|did) (?:myself|to myself)\b",
    ),
    _Cue("ideation", STRONG, r"\breasons? (?:to|why i should|for me to) die\b"),
    _Cue(
        "hopelessness",
        STRONG,
        r"\b(?:whats|what is|wats|what s) the point (?:of|in) me (?:even )?(?:being here|being "
        r"alive|living|existing|staying|still being here)\b",
        "self",
    ),
    # --- more, after the blind third batch: concepts that combine, not fixed phrases --------
    # giving up on staying alive ("tired of fighting to stay alive", "done with living")
    _Cue(
        "hopelessness",
        STRONG,
        r"\b(?:tired|sick|weary|exhausted|done|finished) (?:of |with )?(?:\w+ ){0,2}"
        r"(?:stay alive|staying alive|being alive|existing|keep living|keeping living|"
        r"trying to live|surviving|to survive|waking up every day|to live|living for)\b"
        r"(?! (?:with|in|at|on|like|paycheck|under|off|abroad|alone|together|here|there))",
    ),
    _Cue(
        "hopelessness",
        STRONG,
        r"\b(?:dont|do not|stopped|stop|no longer|dont even|cant|barely) car(?:e|ing) "
        r"(?:anymore |about |any more )?(?:\w+ ){0,2}(?:if|whether) i (?:live|die|wake up|make it|"
        r"survive|am alive|exist|live or die)\b",
        "self",
    ),
    _Cue(
        "hopelessness",
        MODERATE,
        r"\b(?:staying|stay|stayed|keep|keeping) (?:alive|living|going) (?:only )?"
        r"(?:for|because of) "
        r"(?:other people|others|my (?:family|kids|children|mum|mom|dad|parents|partner|dog|cat|"
        r"sister|brother|friends))\b",
        "self",
    ),
    # a forecast of not being here ("I don't plan on being around much longer")
    _Cue(
        "passive",
        STRONG,
        r"\b(?:dont|do not|wont|not going to|never going to|dont think i'll|dont expect to) "
        r"(?:plan (?:on|to) |intend to |expect to )?(?:be|being) (?:here|around|alive|living) "
        r"(?:much longer|for long|long|next year|by (?:christmas|summer|next \w+)|for (?:christmas|"
        r"my birthday|the holidays))\b",
        "self",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\bwhy (?:am i|am i even|do i|do i even|should i|should i even|is it that i am) "
        r"(?:still |even )*(?:here|alive|living|breathing|existing|exist|bother(?:ing)? "
        r"(?:to live|living|existing|staying alive))\b",
        "self",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:wake|woke|waking) up (?:wishing|hoping|praying|disappointed|upset|angry) "
        r"(?:that )?(?:i )?(?:hadnt|didnt|had not|did not|wasnt|wouldnt|hadn t|was not|"
        r"im still|i am still|i was still|im alive|i am alive|i didnt die|i hadnt died)\b",
        "self",
    ),
    # the world without the person ("if I vanished it would save everyone trouble")
    _Cue(
        "burden",
        STRONG,
        r"\bif i (?:just )?(?:vanished|disappeared|died|was gone|were gone|wasnt here|"
        r"wasnt alive|werent here|didnt exist|stopped existing|killed myself|killed myself|"
        r"was dead|were dead|wasnt around|never woke up|was not here|was not alive)(?: \w+){0,6} "
        r"(?:save|spare|easier|better|relief|relieved|fine|happier|lighter|nothing would change|"
        r"no one would|nobody would|wouldnt matter|wouldnt make a difference|move on|get over)\b",
        "self",
    ),
    _Cue(
        "burden",
        STRONG,
        r"\b(?:nothing would change|no one would notice|nobody would notice|it wouldnt matter|"
        r"wouldnt make a difference|no one would care|nobody would care|nobody would miss me|"
        r"no one would miss me)(?: \w+){0,3} if i (?:wasnt|werent|was not|were not|didnt|"
        r"stopped|never) (?:alive|here|around|exist|existing|woke up)\b",
        "self",
    ),
    _Cue(
        "burden",
        MODERATE,
        r"\b(?:theyd|they would|they will|theyl|everyone would|everyone will|my family would|"
        r"my family will|people would|people will|my kids would|he would|she would|hed|shed) "
        r"(?:all )?(?:quickly |soon |easily )?(?:get over me|move on without me|forget me|"
        r"forget about me|be fine without me|manage without me)\b",
        "self",
    ),
    # probing the means or the place ("how high the bridge is", "where my dad keeps his gun")
    _Cue(
        "plan",
        STRONG,
        r"\bhow (?:high|tall|far down|far|deep|long a drop) (?:the |that |this |a )?(?:\w+ )?"
        r"(?:bridge|building|cliff|cliffs|roof|drop|car park|tower|balcony|fall|ledge|viaduct)\b",
    ),
    _Cue(
        "plan",
        MODERATE,
        rf"\b(?:know|found out|find out|worked out) where (?:\w+ ){{0,3}}(?:keeps?|kept|hides?|hid|"
        rf"stores?) (?:the |his |her |their |my |a |some )?(?:gun|guns|rifle|shotgun|pistol|"
        rf"{_PILLS}|knives|rope|ammo|bullets)\b",
    ),
    _Cue(
        "plan",
        WEAK,
        r"\b(?:drove|went|walked|got|came|go|going|drive|driving|walk|walking) (?:up |out |down )?"
        r"to the (?:cliffs?|bridge|tracks|railway|roof|rooftop|edge|river|quarry|top of the "
        r"(?:car park|building|multi storey))\b",
    ),
    _Cue(
        "plan",
        WEAK,
        r"\b(?:sat|sitting|stood|standing) there (?:for )?(?:\w+ ){0,3}(?:thinking about|"
        r"wondering about|deciding) (?:it|jumping|doing it|ending it|whether to)\b",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:picked|chosen|chose|found|decided on|settled on) (?:the|a|my) (?:spot|place|"
        r"location|method|way) and (?:the|a) (?:time|date|day)\b|\b(?:picked|chosen|chose|"
        r"decided on) (?:the|a) (?:time|date|day) and (?:the|a) (?:spot|place|method|way)\b",
    ),
    _Cue(
        "plan",
        WEAK,
        r"\b(?:tomorrow|tonight|today|friday|saturday|sunday|monday|tuesday|wednesday|thursday|"
        r"this weekend) (?:is|s) (?:the|my) (?:day|night)\b",
    ),
    _Cue("plan", WEAK, r"\b(?:ive|i have|i) (?:finally )?made up my mind\b", "self"),
    _Cue(
        "ideation",
        MODERATE,
        r"\b(?:nearly|almost|so nearly|very nearly) (?:did it|went through with it|"
        r"ended it|did something)\b(?! (?:again|right|on time|in time|without))",
    ),
    _Cue(
        "ideation",
        STRONG,
        rf"\b{_SUICIDE}(?: \w+){{0,6}} (?:the|my|an|a) (?:only|best|easiest|last|real) "
        r"(?:way|option|answer|choice|solution|escape|way out)\b",
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:want|wana|wish|going|ready|need) to dye\b(?! (?:my|it|the|your|her|his|them|"
        r"some|a|this|that|our|their|hair|eggs))",
    ),
    # farewells in other words
    _Cue(
        "farewell",
        MODERATE,
        r"\b(?:make sure|promise) (?:someone|somebody|you|they|she|he) (?:\w+ )?(?:feeds|feed|"
        r"looks after|look after|takes care of|take care of|walks|walk) (?:my|the) (?:cat|dog|"
        r"pets?|kids|children|fish|rabbit|plants)\b(?= .*\b(?:after|gone|when|tonight)\b)",
    ),
    _Cue(
        "farewell",
        STRONG,
        r"\b(?:wrote|written|writing|left|leaving) (?:everyone|everybody|each of (?:you|them)|"
        r"my family|my kids|you all|all of you|them all) (?:a |their )?(?:note|notes|"
        r"letter|letters|"
        r"message|messages)\b",
    ),
    _Cue(
        "farewell",
        WEAK,
        r"\b(?:dont|do not|please dont) blame (?:yourself|yourselves)\b|\b(?:it|this|none of "
        r"this) (?:is|was) (?:not|never) (?:your|anyones) fault\b",
    ),
    _Cue("farewell", WEAK, r"\bafter (?:tonight|today|tomorrow|this week)\b(?! (?:s|is|at|we))"),
    # self-harm in other words
    _Cue(
        "self_harm",
        STRONG,
        r"\b(?:cut|cuts|cutting|cuting|sliced|slashed) (?:so |too |really |very |way too )"
        r"(?:deep|deeply|far)\b|\bneed(?:ed)? stitches\b(?= .*\b(?:cut|cuts|arm|wrist|leg|"
        r"thigh)\b)",
    ),
    _Cue(
        "self_harm",
        STRONG,
        r"\b(?:bang|banging|banged|hit|hitting|punch|punching|punched|slam|slamming|slammed|"
        r"smash|smashing|smashed) my (?:head|fists?|hands?|arms?|legs?) (?:\w+ ){0,4}(?:until|til|"
        r"till) (?:it|they|i) (?:hurts?|hurt|bleeds?|bled|bruises?|bruised|cant feel|swell)\b",
    ),
    # --- more ways people say it (added after the blind second batch; see bench/crisis) -----
    _Cue(
        "ideation",
        EXPLICIT,
        rf"\b(?:{_SUICIDE}|dying|death|killing myself|ending it|ending my life|being dead)"
        r"(?: \w+){0,2} (?:is|s) (?:all|the only thing) (?:i )?(?:can |ever )?think (?:about|of)\b",
    ),
    _Cue(
        "slang",
        EXPLICIT,
        r"\balt ?f4 (?:myself|my life|irl|life|me)\b|\b(?:log|logging) (?:of|out) "
        r"(?:permanently|for good|forever|of life|from life|irl)\b",
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:feel|feeling|felt) like (?:dying|death|ending it|ending my life|not existing|"
        r"disappearing forever|ending everything)\b",
        hyperbole=True,
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:want|wanted|wanting|wish|wished|need|ready) to be gone\b(?! (?:for|from|by|"
        r"before|when|on|at|this|next|tomorrow|early|a while))|\bbetter (?:of|off) gone\b",
    ),
    _Cue(
        "attempt",
        EXPLICIT,
        r"\b(?:took|taken|take|taking|had|have taken|done) an overdose\b",
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:do|doing|did|done) something (?:\w+ ){0,2}to (?:myself|me)\b(?! (?:about|for))"
        r"|\b(?:do|doing) something (?:i|i ll|i'll) (?:cant|can not|wont be able to) take back\b",
        "self",
    ),
    _Cue("ideation", WEAK, r"\b(?:dont|do not|cant|can not|cannot) trust myself\b"),
    _Cue(
        "ideation",
        EXPLICIT,
        r"\b(?:cant|cannot|can not|dont think i can|not sure i can|unable to|struggling to) "
        r"keep myself safe\b",
        "self",
        negatable=False,
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:(?:im|i am|i m) not|(?:i )?(?:dont|do not|no longer) feel) safe "
        r"(?:right now|tonight|at the "
        r"moment|anymore|with myself|from myself|alone|on my own)\b",
        "self",
        negatable=False,
    ),
    _Cue(
        "ideation",
        STRONG,
        r"\b(?:want|wanted|going|ready|planning|wana|decided|time) to end everything\b",
        hyperbole=True,
    ),
    _Cue(
        "hopelessness",
        WEAK,
        r"\b(?:want|need|wish) (?:it|it all|everything|this) (?:to be )?over\b(?! (?:with|by|"
        r"before|so|and done))",
    ),
    _Cue(
        "hopelessness",
        MODERATE,
        r"\b(?:dont|do not|cant|can not|cannot) see (?:a|any) future for (?:myself|me)\b",
        "self",
    ),
    # --- passive ideation: not wanting to be alive or to wake up ----------------------------
    _Cue(
        "passive",
        EXPLICIT,
        rf"\b{_NOT_WANT} (?:want|wanna|wish|wanting|feel like|care) (?:to )?(?:live|be "
        rf"alive|exist|be living|keep living|go on living|stay alive|be in this "
        rf"world|live in this world|live on this earth|be on this earth|exist in this "
        rf"world)\b(?! (?:with|in|at|near|here|there|like|together|alone|under|on|by|forever|"
        rf"for ever|to (?:be )?(?:a hundred|100|90|old)|that long|past|"
        rf"abroad|somewhere|next|close|so far|far))",
    ),
    _Cue(
        "passive",
        MODERATE,
        rf"\b{_NOT_WANT} (?:want|wanna|wish|wanting|feel like) (?:to )?(?:live|keep "
        rf"living|go on) like this\b",
    ),
    _Cue(
        "passive",
        STRONG,
        rf"\b{_NOT_WANT} (?:want|wanna|wanting|feel like) (?:to )?(?:be here|be around|go "
        rf"on|keep going|continue(?: it| living| on)?|carry on|see tomorrow|see another "
        rf"day|live through another day|survive this|breathe)\b(?! (?:with|at|for|in this|"
        rf"on this|when|tonight|today|this))",
    ),
    _Cue(
        "passive",
        STRONG,
        rf"\b{_NOT_WANT} (?:want|wanna|wanting|feel like) (?:to )?wake up\b(?! (?:early|"
        rf"late|at|before|so|for|to|in time|when|on))",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:not|dont|didnt|dont really|never) (?:know|sure|think) (?:if |whether |why "
        r")?(?:i )?(?:want|can|could|should|will) (?:to )?(?:live|be alive|go on|keep "
        r"going|keep living|be here|make it|survive|exist|continue)\b(?! (?:with|at|in|"
        r"here|there))",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:sleep|go to sleep|fall asleep|close my eyes) and (?:never|not|dont) "
        r"(?:wake up|open them|come back)\b",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:hope|hoping|hoped|pray|praying|prayed|wish|wishing|wished) (?:that )?(?:i "
        r")?(?:just )?(?:dont|do not|wont|never|will not|wouldnt|didnt|not to|to not|"
        r"not) (?:ever )?wake up\b(?! (?:early|late|at|before|so|for|to|in time|on time|"
        r"when|on))",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:if|when) i (?:didnt|did not|dont|never|wont) wake up(?: \w+){0,5} "
        r"(?:relief|fine|okay|ok|better|peaceful|wouldnt mind|dont care|good|blessing|"
        r"ideal)\b",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:just |simply )?not (?:be|being) (?:here|around|alive) (?:tomorrow|anymore|"
        r"any more|much longer|for much longer|ever again)\b",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:wont|will not|not going to|am not going to|im not going to|wont even) be "
        r"(?:here|around|alive) (?:much longer|for much longer|anymore|any more|by "
        r"(?:tomorrow|the morning|then|next week)|to (?:bother|annoy|burden|trouble|"
        r"disappoint|hurt) (?:anyone|you|them|anybody|everyone))\b",
    ),
    _Cue(
        "passive",
        MODERATE,
        r"\bwont be (?:here|around) (?:tomorrow|after tonight|for long|soon)\b",
    ),
    _Cue(
        "burden",
        STRONG,
        r"\bwont be (?:a |an )?(?:problem|burden|bother|nuisance|weight|drain|pain|"
        r"trouble|worry)(?: (?:to|for|on) (?:anyone|anybody|you|them|everyone|you all|my "
        r"family|all of you))?(?: \w+)? (?:much longer|for much longer|anymore|any more|"
        r"soon|for long|after tonight)\b",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:disappear|vanish|fade away)(?:ed)? (?:forever|for good|permanently|for "
        r"ever|and never come back|and not come back|from (?:this|the) world|from "
        r"existence)\b",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:cease to exist|stop existing|stopped existing|not exist anymore|not to "
        r"exist|not existing anymore|to not exist|never existed)\b",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:delete|erase|remove) (?:myself|me) (?:from (?:existence|the world|this "
        r"world|life)|permanently|forever)\b",
        "self",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:tired|sick|weary|exhausted) of (?:living|being alive|existing|life|this "
        r"life|my life|being here|breathing|waking up)\b(?! (?:paycheck|pay|hand|with|in|"
        r"at|like (?:a|this)|out|on|under|here|there|off|from|so|without|next|near|by|"
        r"for|through|alone|abroad|cheap))",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:done|finished|over) with (?:life|living|this life|being alive|existing|it "
        r"all|everything and everyone|this world|my life)\b",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:want|wanted|need|wish|wishing) (?:it|this|the pain|everything|my life|all "
        r"of it|all of this|it all|the hurt|the suffering|my pain) (?:all )?to (?:stop|end|"
        r"be over) (?:forever|permanently|for good|for ever|once and for all)\b",
    ),
    _Cue(
        "passive",
        MODERATE,
        r"\b(?:want|wanted|need|wish|ready for) (?:it|it all|everything|my life|all of it|"
        r"all of this|this life) (?:all )?to (?:be over|end)\b(?! (?:so|and then|soon so))",
    ),
    _Cue(
        "passive",
        MODERATE,
        r"\b(?:want|wanna|wish i could|need) to (?:go to )?(?:sleep|rest) (?:forever|for "
        r"ever|permanently|and never wake)\b",
    ),
    _Cue(
        "passive",
        WEAK,
        r"\b(?:go to sleep|sleep|rest) forever\b(?<!could sleep forever)(?<!could just "
        r"sleep forever)",
    ),
    _Cue(
        "passive",
        WEAK,
        r"\b(?:want|wanted|need|wish i could) to (?:just )?(?:disappear|vanish)\b(?! "
        r"(?:for (?:a|the|an)|under|into|to|from (?:the|this) (?:party|room|meeting)))",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:wouldnt mind|wouldnt care|dont care|hope|hoping|wish|wishing|pray|"
        r"praying) (?:if )?(?:a|the|some) (?:car|bus|truck|lorry|train|plane|meteor|"
        r"asteroid|bullet|stray bullet) (?:would )?(?:just )?(?:hit|hits|crashed|crash|"
        r"kill|killed|run over|ran over|took|take)s? me\b",
        "self",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:hope|hoping|wish|wishing|pray|praying) (?:that )?(?:i )?(?:get|got|gets|"
        r"die in|have|would die in|am in|was in) (?:in |into )?(?:an|a) (?:accident|"
        r"crash|car crash)\b",
        "self",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\bwish (?:he|she|they|someone|somebody|it|god|the cancer|hed|shed|theyd)(?: "
        r"had| would| d| could)? (?:just )?(?:killed|kill|end|ended|take|taken|took|"
        r"finished|finish) me\b",
        "self",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:id|i would|i will|i'll|i d) (?:\w+ )?be (?:gone|dead) (?:already|by now|long "
        r"ago|years ago)\b",
        "self",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\bif it (?:wasnt|werent|was not|were not|wasn t) for (?:my|the|our) \w+(?: "
        r"\w+){0,4} (?:id|i would|i d|i wouldnt|i will) (?:be gone|be dead|have done it|"
        r"have killed myself|have ended it|not be here|still be here|do it)\b",
        "self",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:only|just) (?:sticking around|staying alive|still here|still alive|alive|"
        r"living|hanging on|holding on) (?:for|because of) (?:my|the|our)\b",
        "self",
    ),
    _Cue("passive", STRONG, r"\b(?:wish|wished) it (?:had|would have|wouldve) worked\b", "self"),
    _Cue("passive", STRONG, r"\b(?:find|found|finds) me dead\b", "self"),
    _Cue("passive", MODERATE, r"\bnever wake up\b(?! (?:early|late|on time|in time))"),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:i'll|i will|maybe i'll|maybe i will|i could|i might|id) (?:just )?not wake "
        r"up\b(?! (?:early|late|on time|in time|for|to|at))",
        "self",
    ),
    _Cue(
        "passive",
        MODERATE,
        r"\b(?:want|wanted|need|wish) (?:it all|everything|all of it|all of this|my life|"
        r"this life) (?:all )?to stop\b",
    ),
    # --- perceived burdensomeness -------------------------------------------------------------
    _Cue(
        "burden",
        STRONG,
        r"\b(?:better|beter|happier|easier|safer) (?:of |place |for everyone |for them "
        r")?without me\b",
        "self",
    ),
    _Cue(
        "burden",
        STRONG,
        rf"\b(?:better|beter|happier|easier|lighter|simpler|relieved|fine|relief) (?:\w+ "
        rf"){{0,4}}(?:if|when|once) i (?:was|were|am|m|im|just|would be|d be|had)? "
        rf"?(?:just )?{_GONE}\b",
        "self",
    ),
    _Cue(
        "burden",
        STRONG,
        rf"\b(?:nobody|no one|noone|no body|not a soul|none of them) (?:would|will|d|will|"
        rf"is going to) (?:even |really |actually )?(?:miss|notice|care|mind|cry) (?:me "
        rf")?(?:\w+ ){{0,2}}(?:if|when|once|that) (?:i|im) (?:was |were |am |m )?(?:just "
        rf")?(?:{_GONE}|left for good|killed myself)\b",
        "self",
    ),
    _Cue(
        "burden",
        STRONG,
        r"\b(?:nobody|no one|noone) (?:would|will|will) (?:even |really )?(?:miss|notice) "
        r"me\b",
        "self",
    ),
    _Cue(
        "burden",
        STRONG,
        r"\b(?:if|when|once) (?:i|im) (?:was |were |am |m )?(?:just )?dead\b(?! (?:tired|"
        r"on my feet|to the world))",
        "self",
    ),
    _Cue(
        "burden",
        MODERATE,
        r"\bif (?:i|im) (?:was|were) (?:just )?gone\b(?! (?:for|on|to|from|at|away|this|"
        r"next|over|a |the ))",
        "self",
    ),
    _Cue(
        "farewell",
        MODERATE,
        r"\b(?:when|after|once) (?:i|im|i am|i m) (?:gone|not here|no longer here|not around|"
        r"dead)\b(?! (?:for|on|to|from|at|away|"
        r"this|next|over|a |the ))",
        "self",
    ),
    _Cue(
        "burden",
        MODERATE,
        r"\b(?:a|such a|just a|the|only a|nothing but a|being a) (?:burden|weight|drain|"
        r"problem) (?:to|on|for) (?:everyone|everybody|my family|them|you all|the world|"
        r"people|all|my friends|my kids|the people i love|anyone)\b",
    ),
    _Cue(
        "burden",
        MODERATE,
        r"\b(?:stop|stopped|stopping) being a (?:weight|burden|problem|drain) (?:on|to|"
        r"for) (?:everyone|anyone|you|them|my family|all)\b",
    ),
    _Cue(
        "burden",
        MODERATE,
        r"\b(?:id|i would|i d|im|i am|i) (?:be )?(?:doing|do) (?:everyone|them|you|the "
        r"world) a favou?r (?:by|if) (?:not|dying|disappearing|killing|ending|being "
        r"gone)",
    ),
    _Cue("burden", WEAK, r"\bwaste of (?:space|oxygen|air|skin|a life|life)\b", "self"),
    _Cue("burden", FAINT, r"\b(?:a|such a|im a) burden\b"),
    _Cue(
        "burden",
        WEAK,
        r"\bwont (?:bother|burden|trouble|annoy) (?:you|anyone|anybody|you all|them|"
        r"everyone) (?:again|anymore|any more|ever again|much longer)\b",
    ),
    # --- hopelessness about living (not about a job or an argument) ---------------------------
    _Cue(
        "hopelessness",
        STRONG,
        rf"\bno (?:\w+ )?(?:reason|point|purpose|will|desire|motivation|reasons) (?:left "
        rf")?(?:(?:to|in|for) )?(?:me to )?{_REASON_TO_LIVE}\b",
    ),
    _Cue(
        "hopelessness",
        STRONG,
        rf"\b(?:out of|run out of|ran out of|running out of|no more|lost all my|lost my) "
        rf"(?:\w+ )?reasons? (?:to|for) (?:{_REASON_TO_LIVE}|keep going with life|going "
        rf"on with life)\b",
    ),
    _Cue(
        "hopelessness",
        STRONG,
        r"\b(?:whats|what is|wats|what s|why is there|is there) (?:the|a|any) point "
        r"(?:of|in|to) (?:even )?(?:living|life|my life|being alive|staying alive|going "
        r"on|carrying on|existing|anything anymore|trying to live|waking up|keep going|"
        r"keeping going)\b(?! (?:about|with|at|to|like that))",
    ),
    _Cue(
        "hopelessness",
        STRONG,
        rf"\b(?:dont|do not|cant|cannot|can not) (?:see|find|think of) (?:a|any|the|one|a "
        rf"single) (?:\w+ )?(?:reason|point|purpose) (?:to|in|for|of) (?:me "
        rf")?(?:{_REASON_TO_LIVE}|anything anymore)\b",
    ),
    _Cue(
        "hopelessness",
        STRONG,
        r"\bwhy (?:\w+ ){0,3}bother (?:living|staying alive|being alive|going on|"
        r"waking up|existing|to live|with life|to keep living|continuing|trying to "
        r"live)\b",
    ),
    _Cue(
        "hopelessness",
        STRONG,
        r"\b(?:nothing|no one|nobody|not much|nothing left|no reason) (?:left )?to live "
        r"for\b",
    ),
    _Cue(
        "hopelessness",
        STRONG,
        rf"\b(?:lost|lose|losing|no|have no|zero|gone is my|no more) (?:all |the |my |any "
        rf")?(?:will|desire|reason|wish|motivation|strength|energy) to "
        rf"{_REASON_TO_LIVE}\b",
        hyperbole=True,
    ),
    _Cue(
        "hopelessness",
        STRONG,
        r"\b(?:life|my life|living|existence|it|its|it s|this life) (?:isnt|is not|aint|"
        r"isn t|no longer|not) (?:\w+ )?worth (?:living|it anymore|continuing|the pain|"
        r"the effort)\b",
    ),
    _Cue("hopelessness", MODERATE, r"\blife (?:isnt|is not|aint) worth it\b"),
    _Cue(
        "hopelessness",
        MODERATE,
        r"\b(?:life|my life|living|existence|being alive) (?:is|feels|seems|has become) "
        r"(?:\w+ )?(?:pointless|meaningless|unbearable|not worth it|a burden)\b",
    ),
    _Cue("hopelessness", MODERATE, r"\b(?:life|my life) has no (?:meaning|point|purpose|value)\b"),
    _Cue(
        "hopelessness",
        STRONG,
        r"\b(?:dont|do not) have (?:the )?(?:strength|energy|will) to (?:keep living|"
        r"live|go on|keep going|stay alive|survive)\b",
    ),
    _Cue(
        "hopelessness",
        STRONG,
        r"\b(?:cant|cannot|can not|dont think i can|unable to|not able to) (?:go on|keep "
        r"going|keep living|carry on|continue) (?:like this|anymore|any more|living|with "
        r"life|with my life|with this life|much longer)\b",
    ),
    _Cue(
        "hopelessness",
        MODERATE,
        r"\b(?:cant|cannot|can not|dont think i can) go on\b(?! (?:with (?:the|this|that|"
        r"a|our|my) (?!life)|a |holiday|the trip|stage|about))",
        hyperbole=True,
    ),
    _Cue("hopelessness", MODERATE, r"\b(?:cant|cannot|can not|dont think i can) keep living\b"),
    _Cue(
        "hopelessness",
        WEAK,
        r"\b(?:cant|cannot|can not|dont think i can) (?:live like this|go on like "
        r"this)\b",
    ),
    _Cue(
        "hopelessness",
        WEAK,
        r"\b(?:cant|cannot|can not) (?:do|take|handle|cope with|bear) (?:this|it|life|"
        r"any of this|much more)(?: \w+)? (?:anymore|any more|much longer)\b",
    ),
    _Cue("hopelessness", WEAK, r"\b(?:i|i just) cant anymore\b"),
    _Cue(
        "hopelessness",
        WEAK,
        r"\bhow (?:much )?longer (?:i can|can i) (?:do this|go on|take (?:it|this)|keep "
        r"going|hold on|survive|last)\b",
    ),
    _Cue(
        "hopelessness",
        WEAK,
        r"\b(?:no|dont have a|dont see a|cant see a|cant see any|see no) (?:future|way "
        r"out|tomorrow)(?: for me)?\b",
    ),
    _Cue("hopelessness", WEAK, r"\b(?:my )?life (?:is|feels|seems) (?:all )?over\b"),
    _Cue("hopelessness", WEAK, r"\b(?:nothing|none of it|none of this) matters (?:anymore)?\b"),
    # --- plans, means and methods -----------------------------------------------------------
    _Cue(
        "plan",
        STRONG,
        rf"\b{_PILLS} (?:\w+ )?(?:saved|stockpiled|hoarded|stashed|hidden|lined up|put "
        rf"aside|set aside|saved up)\b",
    ),
    _Cue(
        "plan",
        STRONG,
        rf"\b(?:saving|saved|stockpiling|stockpiled|hoarding|hoarded|collecting|collected|"
        rf"stashing|stashed) (?:up )?(?:my |all my |all of my |some |the |enough |a lot of |"
        rf"loads of |extra )?{_PILLS}\b(?! (?:organi[sz]ed|in (?:a|the) (?:box|"
        rf"organi[sz]er)))",
    ),
    _Cue(
        "plan",
        STRONG,
        rf"\b(?:took|take|taking|takes|taken|swallowed|swallow|swallowing|downed|down|"
        rf"overdosed on|od on|chug|chugged|going to take|gona take) (?:all (?:of )?(?:my|his|"
        rf"her|their|your)|all "
        rf"(?:of )?the|a (?:whole |full |entire )?(?:bottle|packet|pack|box|handful|load|"
        rf"bunch|strip|jar|tub) of|(?:the )?(?:whole|entire) (?:bottle|packet|pack|box|"
        rf"jar) of|enough|too many|way too many|\d{{2,}}|a lot of|loads of|a load of|"
        rf"a ton of|heaps of|a bunch of|a "
        rf"heap of|(?:twenty|thirty|forty|fifty|sixty|hundred|dozens of)) (?:\w+ )?(?:of "
        rf")?(?:my )?{_PILLS}\b(?! (?:in the morning|with (?:food|breakfast|lunch|dinner|"
        rf"water|meals)|every (?:day|morning|night)|daily|on time|as prescribed|at "
        rf"(?:once|night|bedtime)))",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:took|take|taking|swallowed|swallow|downed) (?:everything|all the pills|"
        r"whatever|what) (?:was |i found |i could find )?in (?:the|my|our) (?:medicine|"
        r"bathroom|first aid) (?:cabinet|cupboard|box|drawer)",
    ),
    _Cue(
        "plan",
        STRONG,
        rf"\benough {_PILLS} to (?:do it|kill|end|die|not wake|overdose|od|finish)",
    ),
    _Cue(
        "plan",
        STRONG,
        rf"\b(?:how many|how much) (?:\w+ )?(?:{_PILLS}|of (?:them|it|these|those)) (?:it "
        rf"(?:would|will|d) take|it takes|would it take|(?:does it|would it) take|to "
        rf"(?:die|kill|overdose|od|end it|not wake up)|is (?:a )?(?:lethal|fatal|deadly))",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:going to|want to|planning to|plan to|about to|gona|might|decided to|"
        r"thinking about|thinking of|will|i'll|could|should) (?:just )?(?:overdose|od)\b",
        hyperbole=True,
    ),
    _Cue("plan", STRONG, r"\b(?:lethal|fatal|deadly) (?:dose|amount|overdose)\b"),
    _Cue(
        "plan",
        EXPLICIT,
        r"\b(?:drank|drink|drinking|swallowed|swallow|swallowing|downed) (?:some |a "
        r"bottle of |the |a cup of )?(?:bleach|antifreeze|poison|weed killer|weedkiller|"
        r"drain cleaner|rat poison|pesticide)\b",
    ),
    _Cue(
        "plan",
        EXPLICIT,
        r"\b(?:knife|blade|razor|scissors|glass) (?:to|against|on|into) my (?:wrists?|"
        r"throat|arms?|skin|neck|veins|thighs?)\b",
        "self",
    ),
    _Cue(
        "plan",
        EXPLICIT,
        r"\b(?:rope|belt|cord|noose|scarf|cable|wire) (?:\w+ )?(?:around|round) my "
        r"(?:neck|throat)\b",
        "self",
    ),
    _Cue(
        "plan",
        MODERATE,
        r"\b(?:going|gona|want|ready|about|planning|plan|decided) to jump\b(?! (?:in|on|"
        r"into|the|ship|start|at|for|over|around|right|out of bed|up|off the sofa|of the "
        r"sofa|a queue|aboard|onto|through|back|ahead))",
    ),
    _Cue(
        "plan",
        WEAK,
        r"\b(?:im|i am|standing|sitting|stood|sat) (?:on|at the top of|on top of) (?:the|"
        r"a|this) (?:bridge|roof|rooftop|ledge|cliff|cliff edge|car park roof|balcony "
        r"rail)\b",
    ),
    _Cue(
        "plan",
        WEAK,
        r"\bi (?:have|ve got|got) a plan\b(?= *(?:\.|,|$|(?: now| and| this time| "
        r"already)\b))",
    ),
    _Cue("plan", WEAK, r"\b(?:im|i am) going to do it\b"),
    # "noose" squeezes to "nose": only with a verb that cannot be about a nose.
    _Cue(
        "plan",
        STRONG,
        r"\b(?:tie|tied|tying|make|made|making|bought|buy|buying|hung|hang|hanging|set "
        r"up|prepared|preparing) (?:a |the |my )?noose\b",
    ),
    _Cue("plan", EXPLICIT, rf"\b(?:hang|hanging|hanged|hung) {_MYSELF}\b", "self"),
    _Cue(
        "plan",
        EXPLICIT,
        rf"\b(?:shoot|shooting|shot) {_MYSELF}\b(?! (?:in the foot|a message|an email|a "
        rf"text))",
        "self",
    ),
    _Cue(
        "plan",
        EXPLICIT,
        r"\b(?:gun|pistol|shotgun|rifle|barrel) (?:to|in|against|into) my (?:head|mouth|"
        r"temple|chin|chest)\b",
        "self",
    ),
    _Cue("plan", EXPLICIT, r"\bblow my (?:brains|head) (?:out|of)\b", "self"),
    _Cue(
        "plan",
        EXPLICIT,
        rf"\b(?:use|using|turn|turning|point|pointing|used) (?:it|the gun|a gun|the knife|"
        rf"a knife|the blade|the rope|them) on {_MYSELF}\b",
        "self",
    ),
    _Cue(
        "plan",
        EXPLICIT,
        rf"\b(?:drown|drowning|poison|poisoning|poisoned|suffocate|suffocating|"
        rf"electrocute|electrocuting|gas|gassing|stab|stabbing|strangle|strangling|set "
        rf"fire to) {_MYSELF}\b(?! (?:in (?:work|my work|a book|books|music)|with (?:work|"
        rf"coffee|sugar|junk)))",
        "self",
    ),
    _Cue("plan", EXPLICIT, rf"\bset {_MYSELF} (?:on fire|alight|ablaze)\b", "self"),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:jump|jumping|jumped|leap|leaping|throw myself|throwing myself) (?:off|"
        r"from|of|out of|into) (?:a |the |this |that |my )?(?:\w+ ){0,2}(?:bridge|"
        r"building|roof|rooftop|cliff|balcony|tower|car park|carpark|parking garage|"
        r"overpass|ledge|window|platform|motorway bridge|tracks|block of flats|multi "
        r"storey|skyscraper|top floor)\b",
    ),
    _Cue(
        "plan",
        MODERATE,
        r"\b(?:thinking|thought|think|dreaming|considering|contemplating|planning) "
        r"(?:about |of )?jumping\b(?! (?:in|into (?:the )?(?:pool|lake|sea)|on|at|ship|"
        r"the queue|for))",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:step|stepping|stepped|walk|walking|walked|jump|jumping|throw myself|"
        r"throwing myself|run|running|lie|lying|lay|stand|standing) (?:out )?in front of "
        r"(?:a |the |an )?(?:train|bus|truck|lorry|car|tram|traffic|oncoming \w+|"
        r"coach)\b",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:step|stepping|walk|walking|jump|jumping|throw myself|throwing myself) "
        r"(?:out )?under (?:a |the |an )?(?:train|bus|truck|lorry|tram)\b",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:lie|lying|lay|stand|standing|walk|walking|step|stepping|sit|sitting) "
        r"(?:down )?(?:on|onto) (?:the )?(?:tracks|train tracks|railway line|rail line|"
        r"motorway|freeway|highway)\b",
    ),
    _Cue(
        "plan",
        MODERATE,
        r"\b(?:walk|walking|wade|wading|swim|swimming) (?:out )?into the (?:sea|ocean|"
        r"river|lake|water|waves)\b",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:drive|driving|drove|steer|steering|swerve|swerving) (?:my car |the car |"
        r"myself |off )?(?:into|off|of) (?:a |the |an )?(?:wall|tree|bridge|cliff|river|"
        r"lorry|truck|oncoming traffic|traffic|pole|barrier|lake|sea|concrete)\b",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:walk|walking|walked|step|stepping|run|running|wander|wandering) (?:out "
        r")?into (?:the )?(?:traffic|oncoming traffic|the road in front|the motorway)\b",
    ),
    _Cue("plan", STRONG, r"\b(?:crash|crashing|wreck) (?:my|the) car on purpose\b"),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:car|engine) running (?:in|inside) (?:the|a|my) (?:garage|shed|closed)|"
        r"\bgarage with the (?:car|engine) running\b",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:stand|standing|stood|sitting|sat|am|im|on) (?:on )?(?:the|a|this) "
        r"(?:ledge|edge of the (?:roof|bridge|cliff|building|platform))\b",
    ),
    _Cue(
        "plan",
        EXPLICIT,
        r"\b(?:slit|slitting|slash|slashing|slice|slicing|open|opening|cut|cutting|"
        r"cuting) (?:open )?my (?:wrists?|throat|veins)\b",
        "self",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:googling|googled|researching|researched|looked up|looking up|searching|"
        r"searched|reading about|read about|look up|search|google) (?:\w+ ){0,3}(?:ways "
        r"to (?:die|kill myself|end (?:it|my life))|how to (?:die|kill myself|overdose|od|"
        r"tie a noose|hang myself|end (?:it|my life)|slit)|painless (?:ways?|methods?|"
        r"deaths?)|suicide methods?|lethal doses?|methods of suicide|how (?:many|much) "
        r"\w+ (?:it would take|to die|to kill))",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:painless|quick|easy|quickest|easiest|best|surest) (?:ways?|methods?|"
        r"means) (?:to|of) (?:die|dying|kill myself|end (?:it|my life)|suicide|not wake "
        r"up)\b",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:worked out|figured out|decided|planned|planning|know|knows|picked|chose|"
        r"chosen) (?:exactly )?(?:how|when|where|which \w+) (?:im going to|i will|i'll|i "
        r"would|id|i am going to|to|i) (?:do it|end it|kill myself|die|use|jump)\b",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:have|got|made|making|make|wrote|written|writing) (?:a|the|my) (?:\w+ "
        r")?plan (?:to (?:end|kill|die|do it)|for (?:how|when|my death|ending|it)|of how)",
    ),
    _Cue(
        "plan",
        MODERATE,
        r"\b(?:picked|chosen|chose|set|decided on|settled on) (?:a|the) (?:date|day|"
        r"time)\b(?! (?:for (?:the|our|my) (?:wedding|party|trip|move|meeting|interview|"
        r"holiday|launch|birthday)))",
    ),
    _Cue(
        "plan",
        MODERATE,
        r"\b(?:written|wrote|writing|planned|planning) (?:out |down )?how (?:i will|i'll|im "
        r"going to|i am going to|id|i would|to) do it\b",
    ),
    _Cue("plan", WEAK, r"\b(?:tonights|tonight is|tonight s) the night\b"),
    _Cue(
        "plan",
        WEAK,
        r"\b(?:got|have|gathered|got together) (?:everything|it all|all of it) (?:ready|"
        r"prepared|sorted|in place)\b",
    ),
    _Cue(
        "plan",
        WEAK,
        r"\b(?:razor|razors|razor blade|razor blades|blade|blades|knife|knives|"
        r"sharps)\b(?! (?:sharp|runner|of grass|blender|block|skills|set))",
    ),
    _Cue(
        "plan",
        WEAK,
        r"\b(?:cant stop|keep|kept) (?:staring|looking|thinking about|thinking of) (?:at "
        r")?(?:it|them|the \w+)\b",
    ),
    _Cue(
        "plan",
        WEAK,
        r"\b(?:bought|buy|buying|got|ordered) (?:a |some |the )?(?:rope|gun|pistol|"
        r"helium|charcoal)\b(?! (?:for (?:the|a|my|our) (?:tent|garden|boat|climbing|"
        r"washing|gym|dog|swing|camping|party|balloons|bbq|barbecue)|to (?:hang|tie) "
        r"(?:the|a|my) (?:washing|tent|swing|hammock|clothes)))",
    ),
    _Cue("plan", STRONG, r"\b(?:going|want|planning|plan|gona|ready|about|decided) to rope\b"),
    _Cue(
        "plan",
        FAINT,
        r"\b(?:i )?know (?:exactly )?what (?:its|it is|theyre|they are|thats) for\b",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:beam|beams|rafters?|banister|bannister|ceiling hook|door frame|tree "
        r"branch|loft hatch|shower rail|curtain rail) (?:\w+ ){0,4}(?:hold|take|support|"
        r"carry) my weight\b",
    ),
    _Cue(
        "plan",
        MODERATE,
        r"\b(?:measured|measuring|checked|checking|tested|testing) (?:the )?(?:beam|"
        r"beams|rafters?|banister|bannister|loft hatch|ceiling hook)\b",
    ),
    _Cue(
        "plan",
        WEAK,
        r"\b(?:wrote|writing|write|left|leaving) (?:down )?(?:where to find )?my "
        r"(?:passwords|pin numbers|bank details)\b",
    ),
    _Cue("plan", WEAK, r"\b(?:and )?(?:not|never) come back\b"),
    # --- past attempts (a risk now unless the text says it is behind them) -------------------
    _Cue(
        "attempt",
        EXPLICIT,
        rf"\b(?:tried|try|trying|attempted|attempting|attempt) (?:to )?(?:kill (?:myself|"
        rf"my self)|end (?:my|my own) life|take (?:my|my own) life|{_SUICIDE}|overdose|od|"
        rf"hang myself|die|end it)\b(?! with)",
        "self",
    ),
    _Cue(
        "attempt",
        EXPLICIT,
        r"\b(?:i|i just|i have|ive|i had) (?:\w+ )?(?:overdosed|od on)\b",
        "self",
    ),
    _Cue(
        "attempt",
        MODERATE,
        r"\b(?:nearly|almost|basically) (?:killed myself|died by suicide|ended it|ended "
        r"my life|took my life)\b",
        "self",
    ),
    _Cue("attempt", MODERATE, rf"\b{_SUICIDE} (?:attempts?|atempt)\b"),
    _Cue(
        "attempt",
        MODERATE,
        r"\b(?:i|i have|ive|i had|i just) (?:\w+ )?attempted\b(?! to)(?! (?:a|the|an|it|"
        r"this|my|to|recipe))",
        "self",
    ),
    _Cue("attempt", WEAK, r"\battempted\b(?! to)(?! (?:a|the|an|it|this|my|to|recipe))"),
    _Cue("attempt", WEAK, r"\b(?:woke|wake|waking) up in (?:the )?(?:hospital|a e|ae|icu|er)\b"),
    # --- farewells and putting affairs in order ---------------------------------------------
    _Cue(
        "farewell",
        STRONG,
        rf"\b(?:wrote|writing|write|written|left|leaving|leave|finished|drafted|drafting|"
        rf"recorded|recording) (?:a |my |the |some |all my |all the )?(?:{_SUICIDE}|goodbye|"
        rf"farewell|last|final) (?:notes?|letters?|messages?|videos?|texts?|emails?)\b",
    ),
    _Cue("farewell", STRONG, rf"\b{_SUICIDE} (?:notes?|letters?)\b"),
    _Cue(
        "farewell",
        MODERATE,
        r"\b(?:sent|texted|left|posted|wrote) (?:me |us |her |him |them )?(?:a |the "
        r")?(?:goodbye|farewell|final|last) (?:messages?|texts?|notes?|letters?|videos?|"
        r"posts?|emails?)\b",
    ),
    _Cue(
        "farewell",
        MODERATE,
        r"\b(?:wrote|written|writing) (?:\w+ ){0,2}letters? to (?:the people i love|"
        r"everyone|my family|my kids|my children|my parents|my mum|my mom|each of)",
    ),
    _Cue(
        "farewell",
        STRONG,
        r"\b(?:giving|gave|given|give|giving out) (?:away )?(?:all )?(?:of )?my (?:things|"
        r"stuff|belongings|possessions|prized possessions|valuables)\b(?! to (?:charity|"
        r"the charity|the charity shop|a charity|goodwill|the tip))",
    ),
    _Cue(
        "farewell",
        WEAK,
        r"\b(?:given|gave|giving|give) away my (?:\w+)\b(?! (?:to (?:charity|the charity|"
        r"a charity)))",
    ),
    _Cue(
        "farewell",
        WEAK,
        r"\b(?:sorted|sorting|made|making|wrote|writing|updated|updating|finali[sz]ed|"
        r"finali[sz]ing|redid|checked) (?:out )?my (?:will|affairs)\b",
    ),
    _Cue("farewell", MODERATE, r"\b(?:put|putting|got|getting) my affairs in order\b"),
    _Cue(
        "farewell",
        STRONG,
        r"\bby the time (?:you|anyone|someone|they) (?:read|see|get|find|hear) (?:this|"
        r"these|my)\b",
    ),
    _Cue(
        "farewell",
        STRONG,
        r"\b(?:ive|i have|i) (?:said|made|sent) my (?:goodbyes|last goodbyes|"
        r"farewells)\b",
        "self",
    ),
    _Cue(
        "farewell",
        STRONG,
        r"\b(?:goodbye|godbye|bye) (?:forever|for ever|for good|cruel world|world|to "
        r"everyone forever)\b",
    ),
    _Cue("farewell", STRONG, r"\b(?:go|be gone|going) (?:for good|forever|for ever|permanently)\b"),
    _Cue("farewell", MODERATE, r"\bthis is (?:my )?(?:goodbye|farewell|the end)\b(?! (?:of|for))"),
    _Cue(
        "farewell",
        MODERATE,
        r"\b(?:my )?(?:last|final) (?:message|post|text|note|words|time you (?:will "
        r")?(?:hear|see) from me|time youl (?:hear|see) from me|goodbye)\b",
    ),
    _Cue("farewell", WEAK, r"\b(?:i love you all|love you all)\b"),
    _Cue("farewell", WEAK, r"\b(?:goodbye|bye) (?:everyone|everybody|all|guys|friends)\b"),
    _Cue("farewell", WEAK, r"\b(?:im )?sorry for everything\b"),
    _Cue(
        "farewell",
        WEAK,
        r"\btell (?:mum|mom|dad|my \w+|everyone|them|her|him) (?:that )?(?:im|i am|i was|"
        r"i) (?:sorry|love)",
    ),
    _Cue(
        "farewell",
        WEAK,
        r"\b(?:at peace|made (?:my )?peace|making (?:my )?peace|come to terms) with "
        r"(?:it|my decision|dying|death|what im about to do|the decision|leaving)\b",
    ),
    _Cue(
        "farewell",
        WEAK,
        r"\b(?:look|looking|looked|take|taking|taken|took) (?:after|care of) (?:my|the) "
        r"(?:dog|cat|kids|children|pets?|plants|things|bird|rabbit|hamster)(?: for "
        r"me)?\b(?= .*\b(?:gone|not here|not around|after)\b)",
    ),
    _Cue("farewell", WEAK, r"\b(?:thank you|thanks) for everything\b"),
    _Cue(
        "farewell",
        FAINT,
        r"\b(?:deleted|deleting|delete) (?:all )?(?:of )?my (?:accounts|social media|"
        r"profiles)\b",
    ),
    _Cue("farewell", FAINT, r"\bnothing left to do\b"),
    _Cue("farewell", FAINT, r"\b(?:goodbye|godbye)\b"),
    _Cue(
        "farewell",
        FAINT,
        r"\b(?:im|i am) (?:so |just )?done\b(?! (?:with (?!life|living|everything|it all)|"
        r"for (?:the|to)day|now with|eating|here at|at))",
    ),
    _Cue(
        "farewell",
        MODERATE,
        r"\b(?:said|saying) (?:my )?goodbyes? to (?:everyone|everybody|my family|my kids|"
        r"the people i love|all of you|you all)\b",
    ),
    _Cue("farewell", FAINT, r"\b(?:im|i am) (?:ready|going) (?:tonight|now)\b"),
    # --- self-harm -----------------------------------------------------------------------------
    _Cue(
        "self_harm",
        EXPLICIT,
        rf"\b(?:cut|cuts|cutting|cuting|slice|slicing|sliced|slash|slashing|slashed|carve|"
        rf"carving|carved|scratch|scratching|scratched|burn|burning|burned|burnt|hit|"
        rf"hitting|punch|punching|punched|bite|biting|bruise|bruising|bruised) (?:open "
        rf"|into |at )?(?:{_MYSELF}|my (?:arms?|wrists?|legs?|thighs?|skin|stomach|body|"
        rf"hips?|chest|"
        rf"ankles?|forearms?|shoulders?))\b(?! (?:shaving|by accident|accidentally|on "
        rf"(?:the|a|an|some|my)|while|when (?:cooking|ironing|baking|shaving|making|i "
        rf"was)|in the kitchen|chopping|cooking|with the (?:iron|oven|knife|bread)|"
        rf"gardening|playing|falling|at work|some slack|a break|slack|of|off|out|short|"
        rf"loose|free|down to size))",
        "self",
    ),
    _Cue(
        "self_harm",
        MODERATE,
        r"\b(?:hit|hitting|punch|punching|punched|bang|banging|banged|slam|slamming|"
        r"slammed|bite|biting|scratch|scratching|scratched|burn|burning|burned|burnt|cut|"
        r"cutting|cuting|starve|starving|starved|bruise|bruising|bruised) (?:\w+ "
        r"){0,8}(?:on purpose|deliberately|intentionally)\b",
    ),
    _Cue(
        "self_harm",
        STRONG,
        rf"\b(?:been|started|start|starting|keep|kept|go back to|went back to|back to|"
        rf"resorted to|resort to) cutting\b{_CUT_NOT}",
    ),
    _Cue(
        "self_harm",
        STRONG,
        r"\bcutting (?:again|more|deeper|every day|every night|daily|since|is the only|"
        r"was the only|helps)\b",
    ),
    _Cue(
        "self_harm",
        STRONG,
        r"\b(?:cut|cuting|cutting|burned|burnt|burn|hurt) (?:a bit |a little |way |much |"
        r"even )?(?:deeper|too deep|too far|worse|more) than (?:usual|before|last time|"
        r"ever|i meant)\b",
    ),
    _Cue(
        "self_harm",
        STRONG,
        rf"\b(?:urge|urges|want|wanted|wanting|need|needed|tempted|itching|craving|"
        rf"desire) to (?:cut|burn|hurt|harm|bleed)\b{_CUT_NOT}(?! (?:him|her|them|you|"
        rf"someone|anyone|people|his|their))",
    ),
    _Cue(
        "self_harm",
        STRONG,
        r"\b(?:used to|i) cut\b(?= *(?:\.|,|$|(?: again| when| to| because| since| "
        r"every)\b))",
    ),
    _Cue(
        "self_harm",
        STRONG,
        r"\bself (?:harm|harming|harmed|harms|injury|injuring|injured|injure|mutilation|"
        r"mutilate|mutilating|destruct|destructive urges)\b(?! (?:services?|awareness|"
        r"research|training|prevention|module|policy|statistics|rates))",
    ),
    _Cue(
        "self_harm",
        STRONG,
        rf"\b(?:hurt|hurting|hurts|harm|harming|harmed|injure|injuring|injured) "
        rf"{_MYSELF}\b(?! (?:by accident|accidentally|at the gym|at work|playing|lifting|"
        rf"running|skiing|falling|in the kitchen|moving|carrying|doing|with the|laughing|"
        rf"out|on (?:the|a|my)|badly (?:at|on|in|playing)))",
        "self",
    ),
    _Cue("self_harm", MODERATE, rf"\b(?:starve|starving|starved) {_MYSELF}\b", "self"),
    _Cue(
        "self_harm",
        STRONG,
        r"\bsh (?:urges?|relapse|again|scars?|cuts?|wounds?)\b|\b(?:relapsed on|relapse "
        r"on|urges to|urge to|want to|clean from|clean of|started) sh\b",
    ),
    _Cue(
        "self_harm",
        STRONG,
        r"\brelapsed?(?: \w+){0,2} (?:on|with|into|and) (?:sh|self harm|cutting|cuting|"
        r"hurting myself|burning)\b",
    ),
    _Cue(
        "self_harm",
        STRONG,
        r"\b(?:until|til|till) (?:it|they|i|my \w+) (?:bled|bleeds|bleed|bleeding|"
        r"bruised|bruises|bruise|broke|burns|blistered|saw stars|passed out|blacked out|"
        r"went numb|couldnt feel (?:it|anything|my \w+))\b",
    ),
    _Cue("self_harm", STRONG, r"\b(?:fresh|new|deep|deeper) (?:cuts|scars|wounds|burns)\b"),
    _Cue(
        "self_harm",
        STRONG,
        r"\b(?:cuts|scars|burns|wounds) on my (?:wrists?|arms?|legs?|thighs?|stomach|"
        r"hips?|skin)\b",
        "self",
    ),
    _Cue(
        "self_harm",
        MODERATE,
        r"\b(?:hid|hide|hiding|hidden|stash|stashed|keep|kept|bought|buy|buying|got|"
        r"sharpened|sharpening) (?:the |my |some |new |a )?(?:blades|razors|razor blades|"
        r"razor blade|sharpener blades)\b",
    ),
    _Cue(
        "self_harm",
        MODERATE,
        r"\b(?:deserve|need|needed|want|wanted) (?:to )?(?:feel )?(?:pain|to hurt|to "
        r"bleed|to suffer|to be punished)\b(?! (?:relief|killers?|meds|medication|"
        r"management|clinic|specialist|team))",
    ),
    _Cue(
        "self_harm",
        MODERATE,
        r"\b(?:on purpose|deliberately|intentionally)(?: \w+){0,5} (?:hurt|bleed|bled|"
        r"broke|bruise|bruised|burn|burned|scar)\b",
    ),
    _Cue("self_harm", MODERATE, r"\b(?:wanted|want|need|needed) it to (?:hurt|bleed|scar)\b"),
    _Cue(
        "self_harm",
        WEAK,
        r"\b(?:long sleeves|hide (?:my|the) (?:arms|scars|cuts)|hiding (?:my|the) "
        r"(?:arms|scars|cuts))\b",
    ),
    _Cue("self_harm", WEAK, r"\bpunish(?:ing)? (?:myself|my self|me)\b"),
    _Cue("self_harm", FAINT, r"\bmy (?:scars|cuts)\b"),
    # --- slang and coded phrases ----------------------------------------------------------------
    _Cue("slang", EXPLICIT, r"\bkms\b", hyperbole=True),
    _Cue(
        "slang",
        EXPLICIT,
        rf"\b(?:unalive|unaliving|unalived|un alive|self delete|self deleting|self "
        rf"deletion)(?: {_MYSELF})?\b",
    ),
    _Cue(
        "slang",
        EXPLICIT,
        r"\bctb\b|\bcatch(?:ing)? the bus\b(?= .*\b(?:not come back|never come back|for "
        r"good|forever|ctb|final)\b)",
    ),
    _Cue(
        "slang",
        EXPLICIT,
        r"\bcommit (?:die|dying|toaster bath|neck rope|sudoku|seppuku|self delete|"
        r"unalive)\b",
    ),
    _Cue("slang", STRONG, r"\btoaster bath\b"),
    _Cue(
        "slang",
        EXPLICIT,
        rf"\b(?:want to|going to|gona|should|might|just|could|ready to|about to|will|gonna|"
        rf"i'll) (?:off|of|neck|rope) {_MYSELF}\b",
        "self",
    ),
    _Cue(
        "slang",
        MODERATE,
        rf"\byeet {_MYSELF} (?:off|of|into|in front of|out of)\b",
        "self",
        hyperbole=True,
    ),
    _Cue(
        "slang",
        STRONG,
        r"\b(?:final|permanent) (?:exit|sleep|escape)\b|\bpermanent solution to a "
        r"temporary problem\b",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:not sure|dont know|do not know|no idea|unsure|wondering) (?:if|whether) "
        r"(?:im|i am|i m|i will|i'll|i) (?:still )?(?:going to |gona )?(?:live|be alive|be "
        r"here|be around|make it|survive|last) (?:much longer|long|through|til|until|"
        r"past|to see|anymore|another|the)?",
    ),
    _Cue(
        "hopelessness",
        WEAK,
        r"\b(?:whats|what is|wats) the (?:use|point)\b(?= *(?:\.|,|$|(?: anymore| of "
        r"anything| in anything| of trying| in trying)\b))",
    ),
    _Cue("hopelessness", WEAK, r"\b(?:this|it) (?:isnt|is not|aint) (?:even )?living\b"),
    _Cue(
        "hopelessness",
        WEAK,
        r"\b(?:want|need|wish) (?:it|this) (?:to )?(?:all )?(?:stop|to stop|to end)\b(?= "
        r"*(?:\.|,|$|(?: now| already| forever| for good| permanently)\b))",
    ),
    _Cue(
        "farewell",
        MODERATE,
        r"\b(?:the )?last time (?:i will|i'll|im going to|i am going to|i ever) (?:feel|see|"
        r"hear|wake|say|write|talk|do)\b",
    ),
    _Cue(
        "ideation",
        STRONG,
        rf"\b(?:count ?down|countdown|counting down) to (?:my|the) (?:{_SUICIDE}|death|"
        rf"end|last day|exit)\b",
        "self",
    ),
    _Cue("ideation", MODERATE, rf"\bmy (?:own )?{_SUICIDE}\b{_TOPIC}", "self"),
    _Cue(
        "plan",
        MODERATE,
        r"\b(?:is|s) the (?:day|date|night) (?:i|that i) (?:set|picked|chose|chosen|"
        r"decided|ve chosen|ve picked)\b",
        "self",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:ways|methods|options) (?:i could|i can|to|of|for me to) (?:go|die|do it|"
        r"end it|kill myself)\b",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:wondering|wonder|thinking about|think about|thought about|planning|plan|"
        r"decide|deciding) how (?:im|i am|i m|i will|i'll|id|i would|to|i) (?:going to |"
        r"gona )?(?:do it|end it|go through with it|kill myself|die)\b",
    ),
    _Cue(
        "ideation",
        STRONG,
        rf"\b(?:feelings|thoughts|thinking) (?:about|of|on) {_SUICIDE}\b{_TOPIC}",
    ),
    # --- a wish or a hopeless forecast aimed at not existing, however it is worded -------------
    # (the object list is what keeps these off "I want to see that film so badly I'm dying")
    _Cue(
        "passive",
        MODERATE,
        rf"\b(?:want|wana|wish|wished|wishing|hope|hoping|hoped|pray|praying|prayed|long|"
        rf"longing|dream|dreaming|fantasi[sz]e|fantasi[sz]ing|crave|craving|waiting|wait|"
        rf"ready|looking forward|cant wait)\b(?: \w+){{0,7}}? (?:myself |i |i could |me |"
        rf"to )?(?:just )?{_NOT_EXISTING}\b(?! (?:of|from|for|to|laughing|happy|on (?:the|"
        rf"my)))",
        hyperbole=True,
    ),
    _Cue(
        "burden",
        STRONG,
        r"\b(?:easier|better|beter|simpler|best|kinder|a relief|relief|fine|happier|"
        r"lighter|peaceful)(?: \w+){0,4} (?:if|when|once) (?:i|im)(?: \w+){0,2} "
        r"(?:wasnt alive|wasnt here|werent here|werent alive|was gone|were gone|was dead|"
        r"were dead|didnt exist|died|disappeared|stopped existing|wasnt around|werent "
        r"around|never woke up|didnt wake up|was not here|was not alive|killed myself|"
        r"killed myself|ended it)\b",
        "self",
    ),
    _Cue(
        "farewell",
        MODERATE,
        r"\b(?:fine|ok|okay|better|beter|happier|manage|cope|move on|get on|survive|be "
        r"alright|alright|all right|better of|lighter|freer|richer|calmer|simpler|safer|"
        r"easier)(?: \w+){0,2} without me\b(?! (?:at|for|on|"
        r"this|tonight|tomorrow|today|next|there|while|until))",
        "self",
    ),
    _Cue(
        "burden",
        WEAK,
        r"\b(?:free|release|spare|relieve) (?:you|them|everyone|everybody|you all|all of you|"
        r"my family|the family|the kids)(?: all)? (?:from|of) (?:me|this|my|the burden|having)",
        "self",
    ),
    _Cue(
        "burden",
        WEAK,
        r"\b(?:deserve|deserves|deserved) (?:better|more|someone better|so much better|a "
        r"better \w+) than me\b",
        "self",
    ),
    _Cue(
        "burden",
        MODERATE,
        r"\b(?:im|i am|i feel like im|i m|i feel like i am|i just|i) (?:just |only |"
        r"literally )?(?:taking up space|take up space|a waste of space|wasting space|"
        r"wasting oxygen|using up oxygen|using up air|a waste of oxygen)\b",
        "self",
    ),
    _Cue(
        "hopelessness",
        STRONG,
        r"\b(?:cant|cannot|can not|dont|do not|never) (?:see|picture|imagine|envision) "
        r"(?:myself|me) (?:\w+ ){0,2}(?:alive|living|being alive|being here|still here|"
        r"around|existing|making it|surviving|growing old|getting older|at \d+|in (?:a|"
        r"five|ten|two|\d+) years?|(?:a few |\d+ |two |five |ten |a couple of )?years "
        r"from now|in the future|next (?:year|month|week|christmas)|(?:much )?longer)\b",
        "self",
    ),
    _Cue(
        "hopelessness",
        STRONG,
        r"\b(?:dont|do not) think (?:i'll|i will|im going to|i can|i ll|i am going to|i|id) "
        r"(?:be (?:here|around|alive)|make it|last|survive|see|still be (?:here|around|"
        r"alive)) (?:\w+ ){0,3}(?:christmas|new year|next (?:year|month|week)|my "
        r"birthday|the (?:summer|winter|weekend|week|month|year|night)|much longer|long|"
        r"another (?:year|day|week|month)|tomorrow)\b",
        "self",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\bwont be (?:here|around|alive) (?:for|by|at|on|til|until|to see) (?:christmas|"
        r"new year|my birthday|next (?:year|month|week)|the (?:summer|holidays|weekend)|"
        r"much longer|long|the new year)\b",
        "self",
    ),
    _Cue(
        "passive",
        MODERATE,
        r"\bwont make it (?:to|through|until|til) (?:christmas|new year|my birthday|next "
        r"(?:year|month|week)|the (?:summer|weekend|end of the (?:week|month|year))|"
        r"tomorrow|the morning|\d+)\b",
        "self",
    ),
    _Cue(
        "passive",
        STRONG,
        r"\b(?:only|just) (?:still (?:here|alive|around|living|breathing)|alive|living|"
        r"sticking around|hanging on|holding on|staying alive|staying|still going) "
        r"(?:because|for|cause|cos|coz|bc|so|since)\b(?! (?:the (?:food|drinks|party|"
        r"snacks|free)|now|a (?:bit|while|few)))",
        "self",
    ),
    _Cue("plan", WEAK, r"\bfor when (?:im|i am|i m|its|it s) (?:ready|time)\b"),
    _Cue(
        "plan",
        MODERATE,
        r"\b(?:planned|planning|plan|scheduled|set|picked|chosen) it (?:for|on) (?:\w+ "
        r")?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tonight|tomorrow|"
        r"the weekend|this weekend|next week|the \d+\w*|my birthday|christmas)\b",
    ),
    _Cue(
        "plan",
        WEAK,
        r"\bwhen (?:everyone|everybody|they|no one|nobody|the house|the kids|my family|"
        r"my parents|my partner|he|she)(?: s| is| are|s)? (?:out|asleep|away|gone|at "
        r"work|not home|empty|in bed)\b",
    ),
    _Cue(
        "plan",
        MODERATE,
        rf"\b(?:{_PILLS}|bottle|packet|box|handful|stash|pile|knife|blade|razor|rope|gun|"
        rf"noose)(?: \w+){{0,3}} (?:next to me|in front of me|in my hand|in my hands|"
        rf"beside me|by my bed|on my lap)\b",
    ),
    _Cue(
        "plan",
        STRONG,
        r"\b(?:know|decided|worked out|figured out|planned|chosen|picked) (?:exactly "
        r")?(?:how and when|when and how|where and when|when and where|how and where|the "
        r"method|the date|the day)\b",
    ),
    _Cue(
        "farewell",
        WEAK,
        r"\b(?:leaving|leave|left|giving|give|gave|given) (?:my|all my) \w+ to (?:my|her|him|"
        r"them|you)\b",
    ),
    _Cue(
        "farewell",
        WEAK,
        r"\b(?:he|she|they|youl|you will|hel|shel|theyl|he will|she will|they will|everyone "
        r"will) (?:know|understand|see) why\b",
    ),
    _Cue(
        "farewell",
        MODERATE,
        r"\bif (?:anything|something) (?:happens|were to happen|should happen|happened) "
        r"to me\b",
    ),
    _Cue(
        "farewell",
        WEAK,
        r"\b(?:want|need) you to know (?:that )?(?:i love you|i loved you|it wasnt your "
        r"fault|it is not your fault|im sorry|none of this)\b",
    ),
    _Cue(
        "farewell",
        MODERATE,
        r"\b(?:written|wrote|writing|write|left|leaving) (?:\w+ ){0,2}letters? (?:to|"
        r"for) (?:everyone|everybody|the people|all the people|each of|my family|my kids|"
        r"my children|those|the ones)\b",
    ),
    _Cue(
        "farewell",
        MODERATE,
        r"\b(?:texted|messaged|called|rang|sent|wrote|posted|said)(?: me| us)? (?:saying "
        r"|to say |a )?(?:goodbye|godbye|bye forever|farewell)\b",
    ),
    _Cue(
        "farewell",
        WEAK,
        r"\b(?:isnt|is not|not|wont|hasnt been|isn t|stopped|has stopped|will not) "
        r"(?:answering|picking up|responding|replying|reachable)\b|\b(?:phone is|phones|"
        r"phone s) (?:off|switched off|dead|going to voicemail)\b",
    ),
    _Cue(
        "location",
        MODERATE,
        r"\b(?:im|i am|i m) (?:on|at|standing on|sitting on|up on|on top of) (?:the|a|"
        r"this) (?:bridge|roof|rooftop|edge|ledge|cliff|cliff edge|tracks|railway|top "
        r"floor|balcony)(?: \w+){0,3} (?:now|right now|tonight)\b",
    ),
    # --- someone else at risk now --------------------------------------------------------------
    _Cue(
        "other",
        EXPLICIT,
        r"\b(?:kill|kills|killed|killing|hurt|hurts|hurting|harm|harms|harming|harmed|cut|"
        r"cuts|cutting|cuting|hang|hangs|hanged|hanging|shoot|shoots|shot|unalive|"
        r"unalived|off|of) (?:himself|herself|themselves|themself|hisself|their self|"
        r"them self|him self|her self)\b(?! (?:on|shaving|by accident|accidentally|while|"
        r"when|with the (?:knife|bread)|chopping|cooking|playing|at|in (?:the|a)|during|"
        r"falling|skiing|laughing|some slack|off|out|working|to (?:get|make|finish|pay|"
        r"please)))",
        "other",
    ),
    _Cue(
        "other",
        EXPLICIT,
        r"\b(?:end|ends|ending|ended|take|takes|taking|took) (?:his|her|their|his own|"
        r"her own|their own) (?:life|lives)\b",
        "other",
    ),
    _Cue(
        "other",
        STRONG,
        r"\b(?:says|said|saying|thinks|thought|feels|felt|told me|tells me|believes|"
        r"wrote|texted|keeps saying) (?:that )?(?:\w+ ){0,4}?(?:better|beter|happier|"
        r"easier) (?:of |place )?without (?:him|her|them)\b",
        "other",
    ),
    _Cue(
        "other",
        MODERATE,
        r"\b(?:he|she|they) (?:said|says|told me|texted|keeps saying|wrote|threatened|"
        r"threatens|is threatening) (?:that )?(?:\w+ ){0,2}(?:do something stupid|end it|"
        r"not be here|be gone|die)\b(?= .*\b(?:if|unless|tonight|goodbye|pills|gun|"
        r"suicid\w*|kill\w*)\b)",
        "other",
    ),
    # --- bare mentions: count only with something else ----------------------------------------
    _Cue(
        "mention",
        FAINT,
        rf"\b{_SUICIDE}\b(?! (?:squad|prevention|awareness|rates?|statistics|hotline|"
        rf"helpline|line|training|research|doors?|mission|run|squeeze|king|blonde|girls|"
        rf"forest|tendencies|bomber|bombers|bombing|attack|watch))",
    ),
    _Cue("mention", FAINT, r"\b(?:overdose|overdosing|overdosed)\b"),
)

# Spans that look like a cue but are a figure of speech, a joke, a report of someone else's
# words, or an everyday use. A cue that overlaps one of these is dropped.
_MASKS: Final[tuple[str, ...]] = (
    # figures of speech
    rf"\b{_KILL}(?:ed)? ?(?:{_MYSELF}|himself|herself|themselves|yourself) (?:laughing|"
    rf"with laughter|at the gym|in the gym|working|at work|over (?:a|this|that|the|it)|"
    rf"trying to|to (?:get|make|finish|meet|keep up|pay|hit|please|impress|earn|save|win|"
    rf"pass)|for (?:a|this|that|the|them|him|her|you|nothing|work)|with (?:work|this "
    rf"workout|that workout|training|overtime|revision|studying|exercise|the workload|"
    rf"worry))",
    r"\b(?:nearly|almost|basically|practically|literally) (?:killed|killed) (?:myself|my "
    r"self)(?: \w+){0,4} (?:tripping|falling|fell|slipping|slipped|on (?:the|my|a|that)|"
    r"at the gym|laughing|with (?:the|that|a|my)|running|working|cycling|skiing|crossing|"
    r"trying to|doing|carrying|lifting|getting)",
    r"\bcrawl (?:into|in|under) (?:a |the )?(?:hole|rock|bed|cave) and die\b",
    r"\b(?:want|wanted) to die (?:of|from) (?:embarrassment|shame|cringe|laughter|"
    r"boredom|laughing)\b",
    r"\b(?:rather|prefer to) die than (?:\w+ ){0,3}(?:wear|eat|watch|listen|sit|do|be "
    r"seen|admit|ask|work|miss|go to|go back to work|drink|use|lose|apologi[sz]e)\b",
    r"\b(?:rather|prefer to) die than (?:go|going) (?:back )?(?:to|into) (?:that|the|this) "
    r"(?:restaurant|place|shop|cafe|job|office|school|class|gym|bar|club|hotel|dentist|doctor|"
    r"hairdresser|meeting|party|wedding|shopping centre|mall)\b",
    r"\b(?:take|taking|took) (?:my|my own) life (?:back|seriously|less|more|a bit|too|so|"
    r"into my own hands|in a new direction|in my own hands|in hand|to the next|one day|"
    r"day by day|step by step)",
    r"\b(?:taking|take|took) back my life\b",
    r"\b(?:end|ending) my life (?:as i know it|sentence)\b",
    r"\bto die for\b",
    r"\bdie (?:happy|laughing|of (?:embarrassment|shame|cringe|laughter|boredom))\b",
    r"\bwake up (?:early|late|at \d|on time|in time|before|so early|for)\b",
    r"\b(?:jump|jumped|jumping) (?:off|from) (?:the |a )?(?:bridge|cliff|rocks|pier|boat|"
    r"jetty) (?:into|in) (?:the )?(?:river|water|lake|sea|pool|ocean)",
    r"\b(?:last|final) (?:message|text|post) (?:before|until|til) (?:my phone|i board|"
    r"the flight|i go|we|the|bed|i sleep)",
    r"\bphone (?:dies|died|is dying|dying|battery)\b",
    r"\b(?:phone|battery|laptop|car|plant|plants|computer|tablet|ipad|charger|torch|"
    r"fridge|printer|headphones|airpods|kindle) (?:\w+ ){0,3}(?:die|dies|died|dying|"
    r"dead)\b",
    r"\bcross my heart and hope to die\b",
    r"\b(?:going|gone) for good (?:to|in|at|with|now that|news)\b",
    r"\bsuicidal tendencies\b",
    # someone else told the person to die: abuse, not the person's own wish
    rf"\b(?:told|tells|telling|tell|said|says|saying|yelled|screamed|texted|wrote|"
    rf"shouted) (?:to )?me (?:that )?(?:i should|to|i ought to|i need to|to just|i "
    rf"deserve to) (?:just |go |go and |go ahead and )?(?:die|{_KILL} ?{_MYSELF}|end "
    rf"(?:it|my life)|disappear|drop dead)",
    r"(?<!\bi )(?:say|says|said|saying|tells me|told me|telling me|reminds me|yelled|"
    r"screamed) (?:that )?(?:the world|everyone|everybody|people|they|we|the kids|you|he|"
    r"she|his family|her family|my family|it) (?:would|d|will|are|is|is going to|were)? "
    r"?(?:be )?(?:a )?(?:better|beter|happier|easier) (?:of |place )?without me",
    r"\b(?:he|she|they|my \w+) (?:wishes|wished|wants|wanted|hopes|hoped) (?:that )?i "
    r"(?:was|were|would|d) (?:dead|die|gone)",
    # a question about it answered no
    r"\b(?:asked|asks|asking|ask) (?:me )?(?:if|whether) i (?:\w+ ){0,6}?(?:and|,)? ?i "
    r"(?:said|say|told (?:her|him|them)|answered) no\b",
)

# Context markers (whole text).
_HUMOUR = re.compile(r"\b(?:lol|lolz|haha|hah|hehe|jk|jking|joking|kidding|jokes|lmao|xd|rofl)\b")
_ANTI_HUMOUR = _compile(
    r"\b(?:not (?:even )?(?:joking|kidding)|no joke|no jokes|not a joke|im serious|i am serious|"
    r"seriously|fr fr|for real|frfr|not exaggerating|i mean it|literally not joking)\b"
)
_TRIVIAL = _compile(
    r"\b(?:homework|assignment|assignments|essay|essays|exam|exams|test|quiz|lecture|lectures|"
    r"class|classes|meeting|meetings|queue|traffic|commute|monday|mondays|song|jingle|"
    r"group project|project|deadline|deadlines|spreadsheet|email|emailed|embarrass\w*|cringe\w*|"
    r"awkward|mortified|accidentally|by accident|in front of everyone|waved at|tripped|"
    r"cancel+ed|my team|the match|the game|wifi|internet|printer|sweater|outfit|haircut|hair|"
    r"in laws|leftovers|hangover|hungover|so funny|laughing|"
    r"maths|math|physics|chemistry|taxes|tax return|waiter|waitress|cashier|barista|crush|"
    r"annoying|annoyed|so bored|boring|ugh|cringing|joke|jokes|pun|puns|meme|memes|video|"
    r"tiktok|"
    r"said you too|i just (?:called|said|sent|"
    r"texted|waved|replied|liked|tripped|fell over|fell down|fell off|walked|realised|realized|"
    r"noticed)|"
    r"called (?:my|the|her|him) \w+ (?:mum|mom|dad)|show)\b"
)
_FICTION_INFO = _compile(
    r"\b(?:film|films|movie|movies|show|series|episode|season|book|books|novel|story|stories|"
    r"poem|poems|poet|poetry|play|plays|tragedy|character|characters|villain|hero|heroine|"
    r"protagonist|lyrics|lyric|song|songs|album|band|podcast|documentary|article|articles|news|"
    r"headline|headlines|reported|report|reports|study|studies|research|statistics|stats|rates|"
    r"data|dissertation|thesis|module|course|training|assembly|lecture|seminar|awareness|"
    r"prevention|campaign|funding|services|policy|government|anime|manga|game|chapter|author|"
    r"true crime|celebrity|journalist|police said|in the end|at the end|plot|scene|museum|history|"
    r"historical|shakespeare|hamlet|romeo|juliet|ophelia)\b"
)
# People whose work it is (a counsellor, a nurse, a researcher) talking about the topic; unlike
# fiction, this context gives way to anything saying the risk is the writer's own now.
_PROFESSIONAL = _compile(
    r"\b(?:counsellor|counselor|counsellors|nurse|nurses|gp|psychiatrist|psychologist|"
    r"clinician|clinicians|patients|workshop|workshops|safety planning|camhs|"
    r"helpline volunteer|risk factors|papers)\b"
)
# "my last attempt", "her last cut": an episode counted from, in recovery milestones.
_LAST_EPISODE = (
    r"(?:my|her|his|their) last (?:suicidal thought|attempt|cut|relapse|episode|overdose)"
)
_PAST_TIME = _compile(
    r"\b(?:(?:\w+|a few|several|many|a couple of) (?:years|decades) ago|years back|"
    r"when (?:i|he|she|they|we) (?:was|were) (?:a |an |in |at |still )?(?:teen|teenager|kid|child|"
    r"young|younger|little|student|\d+|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|school|"
    r"uni|university|college|high school)|as a (?:teen|teenager|kid|child|student|young \w+)|"
    r"in (?:my|her|his|their|our) (?:teens|twenties|thirties|20s|30s|early|late|youth|school)|"
    r"(?:back )?in (?:19|20)\d\d|back (?:then|when|in)|in (?:high school|school|uni|"
    r"college|year \d+)|"
    rf"(?:days|weeks|months|years|a year|a month) (?:now )?since {_LAST_EPISODE}|"
    r"there was a (?:winter|summer|spring|autumn|year|time|period|month|stretch) (?:when|after|"
    r"where)|(?:all )?through (?:my|her|his|their) (?:teens|twenties|thirties|20s|30s)|"
    r"at (?:\d+|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\b|in the (?:nineties|eighties|"
    r"seventies|90s|80s|70s|past)|a long time ago|long ago|when i was|during (?:my|the) \w+ years)"
)
_RECOVERY = _compile(
    r"\b(?:clean (?:for|from|since|of)|(?:\w+ )?(?:years?|months?|weeks?) clean|"
    r"(?:doing|feel|feeling|am|im|is|s|are|been) (?:so |much |a lot |really |)?(?:better|"
    r"well|great|"
    r"good|ok|okay|fine|thriving) (?:now|these days)|(?:doing|been doing) (?:so |really )?"
    r"(?:well|great|amazing) (?:now|for years|these days|since)|is thriving|thriving now|"
    r"therapy (?:really )?(?:helped|saved)|saved (?:my|his|her|their) life|in a (?:much |far |way |"
    r"really )?(?:good|better|great|happier|safer) place|recovered|glad (?:im|i am|i m) still "
    r"(?:here|alive)|been (?:well|fine|ok|okay|good|great|better|clean|stable) (?:for|since) "
    r"(?:\w+ )?(?:years|months|a decade|decades|ages|a long time|a while|then)|"
    r"(?:is|s|am|im|are) (?:fine|okay|ok|well|doing well|good|great|happy|stable) now|"
    r"(?:havent|have not|hasnt) (?:\w+ )?(?:in|for) (?:\w+ )?(?:years|months)|"
    r"(?:stopped|quit) (?:cutting|self harming|hurting myself)|(?:been )?free (?:of|from) (?:it|"
    r"self harm|cutting|that) (?:for|since)|"
    r"now (?:i|im|i am|i m) (?:\w+ )?(?:doing|feeling) (?:\w+ )?(?:well|better|good|great|ok|"
    r"okay|fine)|"
    r"(?:\w+ )?(?:yrs?|years?|months?|weeks?) (?:self harm |sh |suicide |attempt )?free|"
    rf"since {_LAST_EPISODE}|"
    r"got through it|(?:grateful|glad|thankful) (?:to (?:still )?be|im still|i am still) "
    r"(?:here|alive)|grateful every|no (?:urges|thoughts like that) (?:for|in) (?:ages|years|"
    r"months|a long time|a while)|(?:genuinely|truly) (?:content|happy)|scars (?:have|are) "
    r"(?:faded|healed|just part of me|part of me)|so has the need|"
    r"dont feel that way anymore|now (?:i|im|he|she)(?:s|m)? (?:happy|married|a mum|a "
    r"mom|a dad|a nurse|"
    r"planning|running|working|studying)|got married|so much better now|life is (?:good|so "
    r"much better|better) now)\b"
)
_PRESENT_RISK = _compile(
    r"\b(?:again|lately|recently|these days|right now|tonight|still (?:want|feel|think|have|"
    r"cut|am|do)|at the moment|this week|coming back|came back|back again|started again|"
    r"relapsed|relapse|cant stop)\b"
)
_FUTURE_PLANS = _compile(
    r"\b(?:see you (?:at|tomorrow|soon|later|next|on|there|then|in|after)|talk (?:tomorrow|soon|"
    r"later|then)|(?:on|for) (?:a |my |our )?(?:holiday|vacation|trip|honeymoon)|back "
    r"(?:on|in|next|at|by)|retir\w*|new job|moving (?:to|house|out)|wedding|party|"
    r"birthday|off on|camping|leaving (?:the|my|this) job|off grid|signal|see you|catch up|"
    r"on my way|be there|eta|nearly there|almost there|running late|pick you up|meet you|"
    r"flight|trip|holiday|boarding)\b"
)


def _words(words: Iterable[str]) -> frozenset[str]:
    """A word set in the squeezed spelling the normalised text uses."""
    return frozenset(_SQUEEZE.sub(r"\1", word) for word in words)


_BOUNDARY_WORDS: Final = _words(
    {"but", "though", "although", "yet", "however", "and", "so", "because", "just", "except"}
)
_NEGATORS: Final = _words(
    {
        "not",
        "never",
        "no",
        "nor",
        "dont",
        "doesnt",
        "didnt",
        "wont",
        "wouldnt",
        "isnt",
        "arent",
        "wasnt",
        "aint",
        "havent",
        "hasnt",
        "neither",
        "nothing",
    }
)
# Words allowed between a negator and the cue it negates ("I'm not going to ever hurt myself").
_NEGATION_FILLER: Final = _words(
    {
        "going",
        "to",
        "want",
        "wanting",
        "planning",
        "plan",
        "ever",
        "really",
        "actually",
        "even",
        "once",
        "be",
        "being",
        "have",
        "having",
        "had",
        "feel",
        "feeling",
        "felt",
        "think",
        "thinking",
        "thought",
        "thoughts",
        "about",
        "of",
        "would",
        "wil",
        "could",
        "am",
        "i",
        "im",
        "a",
        "any",
        "intend",
        "intending",
        "like",
        "do",
        "did",
        "at",
        "al",
        "seriously",
        "currently",
        "right",
        "now",
        "get",
        "getting",
        "try",
        "trying",
        "way",
        "longer",
        "in",
        "danger",
        "the",
        "slightest",
        "mean",
        "meant",
        "saying",
        "say",
        "it",
        "that",
        "one",
        "bit",
        "gona",
        "much",
        "remotely",
        "anything",
        "considering",
        "or",
        "suicidal",
        "honestly",
        "ideas",
    }
)
_SELF_WORDS: Final = _words({"i", "im", "ive", "id", "il", "me", "myself", "mine"})
_OTHER_WORDS: Final = _words(
    {
        "he",
        "she",
        "they",
        "hes",
        "shes",
        "theyre",
        "theyve",
        "hed",
        "shed",
        "theyd",
        "theyl",
        "hel",
        "shel",
        "him",
        "her",
        "them",
        "his",
        "their",
        "hers",
        "theirs",
        "you",
        "youre",
        "youve",
        "youd",
        "your",
        "yourself",
        "yourselves",
    }
)
_GENERIC_WORDS: Final = _words(
    {
        "nobody",
        "everyone",
        "everybody",
        "people",
        "someone",
        "somebody",
        "anyone",
        "anybody",
        "one",
        "whoever",
        "many",
        "most",
        "some",
        "we",
        "us",
        "our",
    }
)
_PERSON_NOUNS: Final = _words(
    [
        "friend",
        "friends",
        "bestie",
        "bff",
        "mate",
        "mates",
        "partner",
        "husband",
        "wife",
        "boyfriend",
        "girlfriend",
        "bf",
        "gf",
        "fiance",
        "fiancee",
        "spouse",
        "ex",
        "son",
        "daughter",
        "kid",
        "kids",
        "child",
        "children",
        "teen",
        "teenager",
        "brother",
        "sister",
        "sibling",
        "mum",
        "mom",
        "mother",
        "dad",
        "father",
        "parent",
        "parents",
        "grandma",
        "grandad",
        "grandpa",
        "grandmother",
        "grandfather",
        "nan",
        "uncle",
        "aunt",
        "auntie",
        "cousin",
        "nephew",
        "niece",
        "roommate",
        "flatmate",
        "housemate",
        "colleague",
        "coworker",
        "boss",
        "student",
        "pupil",
        "client",
        "patient",
        "neighbour",
        "neighbor",
        "man",
        "woman",
        "guy",
        "girl",
        "boy",
        "lady",
        "character",
        "person",
        "classmate",
        "stepdad",
        "stepmum",
        "stepmom",
        "sis",
        "bro",
        "wifey",
        "hubby",
    ]
)
_PAST_VERBS: Final = _words(
    {
        "tried",
        "attempted",
        "wanted",
        "was",
        "were",
        "used",
        "had",
        "felt",
        "thought",
        "didnt",
        "killed",
        "kiled",
        "took",
        "ended",
        "died",
        "hanged",
        "hung",
        "shot",
        "overdosed",
        "jumped",
        "struggled",
        "went",
        "survived",
    }
)
# Verbs that report a death ("killed himself", "died", "took her own life"). Not "took" alone
# ("took a load of pills" is an attempt, a risk now) nor "overdosed" (often survived).
_COMPLETED_VERBS: Final = _words({"killed", "kiled", "ended", "died", "hanged", "hung", "shot"})
_TOOK_A_LIFE = _compile(r"\btook (?:his|her|their) (?:own )?(?:life|lives)\b")


@dataclass(frozen=True, slots=True)
class _CompiledCue:
    cue: _Cue
    regex: re.Pattern[str]


# Parsed regex elements, just enough for our own patterns: ("lit", char, min, max),
# ("group", [alternative, ...], min, max), ("any", min, max) for \\w, [..] and the like, and
# ("zero",) for \\b, ^, $ and lookarounds, which consume nothing.


def _parse_regex(source: str) -> list[list[tuple[object, ...]]] | None:
    """Parse the subset of regex our patterns use into alternatives of element lists."""
    position = 0

    def quantifier() -> tuple[int, int]:
        nonlocal position
        low, high = 1, 1
        if position < len(source):
            char = source[position]
            if char in "?*+":
                low, high = {"?": (0, 1), "*": (0, 99), "+": (1, 99)}[char]
                position += 1
            elif char == "{":
                close = source.index("}", position)
                parts = source[position + 1 : close].split(",")
                low = int(parts[0] or 0)
                high = int(parts[-1]) if parts[-1] else 99
                position = close + 1
            if position < len(source) and source[position] == "?" and (low, high) != (1, 1):
                position += 1  # lazy: same strings
        return low, high

    def alternatives() -> list[list[tuple[object, ...]]]:
        nonlocal position
        branches: list[list[tuple[object, ...]]] = [[]]
        while position < len(source):
            char = source[position]
            if char == ")":
                return branches
            if char == "|":
                branches.append([])
                position += 1
                continue
            if char == "(":
                if source.startswith(("(?=", "(?!", "(?<=", "(?<!"), position):
                    depth = 0
                    while True:  # skip the lookaround: it consumes nothing
                        if source[position] == "\\":
                            position += 2
                            continue
                        depth += {"(": 1, ")": -1}.get(source[position], 0)
                        position += 1
                        if depth == 0:
                            break
                    branches[-1].append(("zero",))
                    continue
                position += 3 if source.startswith("(?:", position) else 1
                inner = alternatives()
                position += 1  # ")"
                low, high = quantifier()
                branches[-1].append(("group", inner, low, high))
                continue
            if char == "\\":
                escaped = source[position + 1]
                position += 2
                if escaped == "b":
                    branches[-1].append(("zero",))
                    continue
                low, high = quantifier()
                branches[-1].append(("any", low, high))
                continue
            if char == "[":
                position = source.index("]", position) + 1
                low, high = quantifier()
                branches[-1].append(("any", low, high))
                continue
            if char in "^$":
                position += 1
                branches[-1].append(("zero",))
                continue
            position += 1
            low, high = quantifier()
            if char == "." or not (char.isalnum() or char == " "):
                branches[-1].append(("any", low, high))
            else:
                branches[-1].append(("lit", char, low, high))
        return branches

    try:
        result = alternatives()
    except (ValueError, IndexError):
        return None
    return result if position == len(source) else None


_MAX_PREFIXES = 4000


def _prefixes(items: list[tuple[object, ...]], acc: str, out: set[tuple[str, bool]]) -> bool:
    """Add every possible (start of the first word, whole word?) of `items` to `out`.

    False when a path can start a match without a literal letter (then the pattern is never
    skipped).
    """
    if len(out) > _MAX_PREFIXES:
        return False
    for index, item in enumerate(items):
        kind = item[0]
        if kind == "zero":
            continue
        rest = items[index + 1 :]
        if kind == "any":  # \\w, [..], punctuation: a word can start with anything
            if acc:
                out.add((acc, False))
                return True
            return False
        if kind == "lit":
            char, low, high = item[1], item[2], item[3]
            assert isinstance(char, str) and isinstance(low, int) and isinstance(high, int)
            if low == 0:  # optional: with it and without it
                if not _prefixes(rest, acc, out):
                    return False
                return _prefixes([("lit", char, 1, high), *rest], acc, out)
            if char == " ":
                if not acc:
                    return False
                out.add((acc, True))
                return True
            acc += char
            if high != 1:
                out.add((acc, False))
                return True
            continue
        if kind == "group":
            branches, low, high = item[1], item[2], item[3]
            assert isinstance(branches, list) and isinstance(low, int) and isinstance(high, int)
            if low == 0 and not _prefixes(rest, acc, out):
                return False
            tail = rest if high == 1 else [("any", 0, 99)]
            return all(_prefixes([*branch, *tail], acc, out) for branch in branches)
    if not acc:
        return False
    out.add((acc, False))
    return True


def _first_words(source: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The words (whole) and word starts (prefixes) that can begin a match, else None.

    Exact, not a heuristic: `\\b(?:want|wish) to die` can only match where a token is "want"
    or "wish", so it need not run on a text without one; `\\bkil ?myself` needs a token that
    starts with "kil". A pattern that can start without a literal letter is never skipped.
    """
    parsed = _parse_regex(source)
    if parsed is None:
        return None
    found: set[tuple[str, bool]] = set()
    for branch in parsed:
        if not _prefixes(branch, "", found) or len(found) > _MAX_PREFIXES:
            return None
    whole = frozenset(p for p, is_whole in found if is_whole)
    prefixes = frozenset(p for p, is_whole in found if not is_whole)
    return whole, prefixes


def _compiled(cue: _Cue) -> _CompiledCue:
    return _CompiledCue(cue, _compile(cue.pattern))


_COMPILED: Final[tuple[_CompiledCue, ...]] = tuple(_compiled(c) for c in _CUES)
_MASK_REGEXES: Final[tuple[re.Pattern[str], ...]] = tuple(_compile(m) for m in _MASKS)


class _Gate:
    """Which of a list of patterns can match a text, from the words the text contains.

    Exact (see `_first_words`): a pattern is skipped only when no token of the text can begin
    one of its matches. Patterns without a literal first word always run.
    """

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        self.by_token: dict[str, set[int]] = {}
        self.by_prefix: dict[str, set[int]] = {}
        always: set[int] = set()
        for index, regex in enumerate(patterns):
            words = _first_words(regex.pattern)
            if words is None:
                always.add(index)
                continue
            for word in words[0]:
                self.by_token.setdefault(word, set()).add(index)
            for word in words[1]:
                self.by_prefix.setdefault(word, set()).add(index)
        self.always = frozenset(always)
        self.prefix_lengths = tuple(sorted({len(w) for w in self.by_prefix}))

    def candidates(self, text: str) -> list[int]:
        """Indices of the patterns that can match `text`, in table order."""
        chosen = set(self.always)
        for token in set(text.split()):
            found = self.by_token.get(token)
            if found:
                chosen |= found
            for length in self.prefix_lengths:
                if length > len(token):
                    break
                found = self.by_prefix.get(token[:length])
                if found:
                    chosen |= found
        return sorted(chosen)


_CUE_GATE: Final = _Gate(c.regex for c in _COMPILED)
_MASK_GATE: Final = _Gate(_MASK_REGEXES)


def _candidate_cues(text: str) -> list[int]:
    """Indices of the cues that can match `text` (see `_Gate`)."""
    return _CUE_GATE.candidates(text)


def _words_before(text: str, start: int, width: int = 160) -> list[str]:
    """The words just before `start` (a bounded window, so long texts stay linear)."""
    begin = max(0, start - width)
    words = text[begin:start].split()
    return words[1:] if begin > 0 and words and text[begin - 1] != " " else words


def _clause_tokens_before(text: str, start: int, stop_words: frozenset[str]) -> list[str]:
    """Words of the same clause before `start`, nearest first."""
    words: list[str] = []
    for word in reversed(_words_before(text, start)):
        if word in (".", ",") or word in stop_words:
            break
        words.append(word)
        if len(words) >= 10:
            break
    return words


_PROTECTIVE = _compile(
    r"\b(?:love|loves|care about|value|respect) (?:\w+ ){0,4}too much to (?:ever |even )?$"
)


def _negated(text: str, start: int) -> bool:
    """Is the cue at `start` negated within its clause ("I'm not going to hurt myself")?"""
    words = _clause_tokens_before(text, start, _BOUNDARY_WORDS)
    if _PROTECTIVE.search(" ".join(reversed(words)) + " "):  # "love my kids too much to ever"
        return True
    for word in words[:6]:
        if word in _NEGATORS:
            return True
        if word not in _NEGATION_FILLER:
            return False
    return False


def _subject(text: str, start: int) -> str:
    """'self', 'other', 'generic' or 'unknown': who a subject-less phrase is about."""
    words = _clause_tokens_before(text, start, frozenset())
    for index, word in enumerate(words):
        if word in _SELF_WORDS:
            return "self"
        if word in _PERSON_NOUNS:  # "my friend", "a colleague who ..."
            return "other"
        if word in _OTHER_WORDS:
            return "other"
        if word in _GENERIC_WORDS or (word == "no" and index > 0 and words[index - 1] == "one"):
            return "generic"
    return "unknown"


def _past_form(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(past, completed): the phrase is in the past tense; it describes a death."""
    before = _words_before(text, start, 60)[-3:]
    inside = text[start:end].split()
    words = set(before) | set(inside)
    used_to = "used to" in " ".join(before)
    # a regular past tense inside the phrase ("self harmed", "overdosed") also counts
    regular = any(len(w) > 4 and w.endswith("ed") for w in inside)
    past = bool(words & _PAST_VERBS) or used_to or regular
    completed = bool(words & _COMPLETED_VERBS) or bool(_TOOK_A_LIFE.search(text, start, end))
    return past, completed or used_to


@dataclass(frozen=True, slots=True)
class _Context:
    humour: bool
    trivial: bool
    fiction: bool
    professional: bool
    past_time: bool
    recovery: bool
    present_risk: bool
    future_plans: bool
    first_person: bool
    quote_context: bool


_FIRST_PERSON = _compile(r"\b(?:i|im|ive|id|ill|me|my|myself|mine)\b")
_QUOTE_CONTEXT = _compile(
    r"\b(?:song|songs|lyric|lyrics|line|lines|quote|quoting|mood|title|track|album|band|film|movie|"
    r"show|book|poem|meme|caption|singing|sang|sings|playing|listening|karaoke|chorus|verse|"
    r"episode|character|tweet|tiktok|series|novel|play|scene|bop|banger|tune|jam|anthem)\b"
)
# Someone else speaking about the person: "he told me ...", "my partner says ...". The words
# after it, to the end of the clause, are that person's, not the writer's own wish.
_REPORTED_SPEECH = _compile(
    r"(?<!what )\b(?:he|she|they|(?:my|his|her|their) (?:\w+ )?(?:partner|husband|wife|"
    r"boyfriend|girlfriend|"
    r"ex|mum|mom|mother|dad|father|brother|sister|boss|friend|friends|bf|gf|fiance|fiancee|son|"
    r"daughter|family|parents|stepdad|stepmum|stepmom|teacher|manager|abuser|bully|bullies)|"
    r"people|everyone|bullies|someone|somebody)(?: \w+){0,2}? (?:told|tells|telling|tell|said|says|"
    r"saying|texted|texts|wrote|writes|keeps saying|keeps telling|kept saying|kept telling|"
    r"always says|always said|used to say|used to tell|hopes|hoped|wishes|wished|called me|"
    r"calls me|(?:yelled|yells|screamed|screams|shouted|shouts)(?: at me)? that)\b"
    r"(?: (?:me|to me|that|at me))*"
)
_REPORTED_END = _compile(r"\s(?:\.|,|and|but|so|because|cause|then|which|while)\s|$")


def _reported_regions(text: str) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    for match in _REPORTED_SPEECH.finditer(text):
        stop = _REPORTED_END.search(text, match.end())
        regions.append((match.end(), stop.start() if stop else len(text)))
    return regions


def _context(text: str) -> _Context:
    return _Context(
        first_person=bool(_FIRST_PERSON.search(text)),
        quote_context=bool(_QUOTE_CONTEXT.search(text)),
        humour=bool(_HUMOUR.search(text)) and not _ANTI_HUMOUR.search(text),
        trivial=bool(_TRIVIAL.search(text)),
        fiction=bool(_FICTION_INFO.search(text)),
        professional=bool(_PROFESSIONAL.search(text)),
        past_time=bool(_PAST_TIME.search(text)),
        recovery=bool(_RECOVERY.search(text)),
        present_risk=bool(_PRESENT_RISK.search(text)),
        future_plans=bool(_FUTURE_PLANS.search(text)),
    )


def _adjusted_weight(
    cue: _Cue,
    text: str,
    start: int,
    end: int,
    ctx: _Context,
    *,
    reported: bool = False,
    quoted: bool = False,
) -> float:
    """A cue's weight after the guards (see the module notes)."""
    weight = cue.weight
    if cue.negatable and _negated(text, start):
        return 0.0
    subject = cue.subject
    if subject == "infer":
        subject = _subject(text, start)
    if reported and subject in ("self", "unknown"):
        return 0.0  # someone else's words about the person ("he says I'd be better off dead")
    if quoted and ctx.quote_context:
        weight *= 0.3  # a lyric, a title or a line from a show, in quotation marks
    past, completed = _past_form(text, start, end)
    if subject == "other":
        weight *= 0.82
        if completed:  # "killed himself", "took her own life", "used to": not a risk now
            weight *= 0.45
    elif subject == "generic":
        weight *= 0.4
    if (ctx.fiction or (ctx.professional and not ctx.present_risk)) and (
        subject in ("other", "generic")
        or cue.kind == "mention"
        or (subject == "unknown" and not ctx.first_person)
    ):
        weight *= 0.3
    if not ctx.present_risk:
        if ctx.recovery and (past or ctx.past_time or subject == "other"):
            weight *= 0.3
        elif ctx.past_time and (past or subject == "other"):
            weight *= 0.4
        elif ctx.recovery:
            weight *= 0.6
    if cue.hyperbole and ctx.humour:
        weight *= 0.3 if ctx.trivial else 0.56
    elif cue.hyperbole and ctx.trivial and subject != "other":
        weight *= 0.85
    if cue.kind in ("farewell", "location") and ctx.future_plans:
        weight *= 0.4
    return weight


_SENTENCE = re.compile(r"[^.]+")


def _score(
    text: str, quoted: tuple[tuple[int, int], ...] = (), guards: list[str] | None = None
) -> tuple[float, list[tuple[int, int]]]:
    """Noisy-OR score and the normalised spans of the cues that counted.

    `guards`, when given, collects the cues that matched but that a guard dropped or lowered
    to less than half their weight (a figure of speech, a negation, someone else's past, a
    recovery story, fiction, a joke): the semantic stage does not overrule those.
    """
    masked: list[tuple[int, int]] = []
    for index in _MASK_GATE.candidates(text):
        masked.extend(m.span() for m in _MASK_REGEXES[index].finditer(text))
    ctx: _Context | None = None
    reported: list[tuple[int, int]] = []
    found: list[tuple[float, int, int]] = []
    # Cues never cross a sentence end, so each sentence runs only the cues its words can start.
    for sentence in _SENTENCE.finditer(text):
        first, last = sentence.span()
        for index in _candidate_cues(sentence.group()):
            compiled = _COMPILED[index]
            for match in compiled.regex.finditer(text, first, last):
                start, end = match.span()
                if start == end:
                    continue
                if any(a < end and start < b for a, b in masked):
                    if guards is not None:
                        guards.append(compiled.cue.kind)
                    continue
                if ctx is None:
                    ctx = _context(text)
                    reported = _reported_regions(text)
                weight = _adjusted_weight(
                    compiled.cue,
                    text,
                    start,
                    end,
                    ctx,
                    reported=any(a <= start < b for a, b in reported),
                    quoted=any(a <= start and end <= b for a, b in quoted),
                )
                if guards is not None and weight < 0.5 * compiled.cue.weight:
                    guards.append(compiled.cue.kind)
                if weight > 0.0:
                    found.append((weight, start, end))
    # Overlapping matches are one piece of evidence: keep the strongest reading of each span,
    # so two patterns for the same phrase do not add up.
    kept: list[tuple[float, int, int]] = []
    for weight, start, end in sorted(found, key=lambda f: (-f[0], f[1])):
        if not any(s < end and start < e for _, s, e in kept):
            kept.append((weight, start, end))
    remaining = 1.0
    for weight, _, _ in kept:
        remaining *= 1.0 - min(weight, 0.999)
    # For the explanation, widen each counted cue to the overlapping readings it stood for
    # ("been cutting" + "cutting again" -> "been cutting again").
    spans = [
        (
            min([start] + [s for w, s, e in found if s < end and start < e and w >= 0.15]),
            max([end] + [e for w, s, e in found if s < end and start < e and w >= 0.15]),
        )
        for weight, start, end in kept
        if weight >= 0.15
    ]
    return 1.0 - remaining, sorted(spans)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def detect_crisis_rules(text: str) -> CrisisResult:
    """The cue grammar alone (stage 1; see the module notes). Stdlib, no model."""
    return _rules(text)[0]


def _rules(text: str) -> tuple[CrisisResult, bool]:
    """The rules' result, and whether a guard dropped or lowered a cue that matched."""
    normalised = _normalise_with_map(text)
    guards: list[str] = []
    score, spans = _score(normalised.text, normalised.quoted, guards)
    score = round(min(max(score, 0.0), 1.0), 4)
    cues: list[str] = []
    for start, end in _merge(spans):
        phrase = " ".join(normalised.original(text, start, end).split())
        if phrase and phrase not in cues:
            cues.append(phrase)
    return CrisisResult(crisis=score >= CRISIS_THRESHOLD, score=score, cues=tuple(cues)), bool(
        guards
    )


# --------------------------------------------------------------------------------------------
# Stage 2: a semantic head over the lens's sentence encoder
# --------------------------------------------------------------------------------------------

_HEAD_PATH: Final = Path(__file__).resolve().parent / "data" / "crisis_head.json"
SEMANTIC_CUE: Final = "(close in meaning to crisis wording)"
_log = logging.getLogger(__name__)


_BATCH_LOGIT_BAND: Final = 1.0  # see _Semantic.probabilities
WINDOW_WORDS: Final = 45  # about the 64 tokens the encoder was fine-tuned on
# Windows only past the encoder's reach (128 tokens, about 90-100 words): each window is one
# more chance of a false alarm (on long calm Reddit posts, windows from 45 words up doubled the
# head's flag rate, 6% -> 13%, and caught no crisis the whole-text reading missed on our batches).
WHOLE_TEXT_WORDS: Final = 90
_SENTENCE_BREAK: Final = re.compile(r"(?<=[.!?;\u2026])\s+|\s*\n+\s*")


def semantic_windows(
    text: str, size: int = WINDOW_WORDS, whole: int = WHOLE_TEXT_WORDS
) -> list[str]:
    """What the semantic head reads: the text itself and, when it is longer than `whole` words,
    its consecutive sentences packed into windows of at most `size` words (a longer sentence
    is cut into `size`-word pieces), in order."""
    if len(text.split()) <= max(size, whole):
        return [text]
    windows: list[str] = [text]
    current: list[str] = []
    for sentence in _SENTENCE_BREAK.split(text):
        words = sentence.split()
        if current and len(current) + len(words) > size:
            windows.append(" ".join(current))
            current = []
        while len(words) > size:
            windows.append(" ".join(words[:size]))
            words = words[size:]
        current.extend(words)
    if current:
        windows.append(" ".join(current))
    return windows


class _Semantic:
    """A logistic head (weights, bias, threshold from bench/crisis/train_head.py) over the
    int8 MiniLM embedding; applied with numpy."""

    def __init__(self, encoder: Any, weights: Any, bias: float, threshold: float) -> None:
        self.encoder = encoder
        self.weights = weights
        self.bias = bias
        self.threshold = min(max(threshold, 1e-3), 1 - 1e-3)
        # The lowest probability a batch re-reads alone: _BATCH_LOGIT_BAND logits under the line.
        gap = math.log(self.threshold / (1 - self.threshold)) - _BATCH_LOGIT_BAND
        self.reread_floor = 1.0 / (1.0 + math.exp(-gap))

    def probabilities(
        self, texts: Sequence[str], batch_size: int = 64, embeddings: Any = None
    ) -> list[float]:
        """The head's probability for each text: the highest over its `semantic_windows`.
        `embeddings` (one row per text, from the same lens encoder) saves embedding the whole
        texts again; only the extra windows of long texts are then embedded."""
        if not texts:
            return []
        windows = [semantic_windows(text) for text in texts]
        if embeddings is None:
            embeddings = self.encoder.encode(list(texts), batch_size=batch_size)
        best = self.from_embeddings(embeddings)
        extra = [(i, window) for i, parts in enumerate(windows) for window in parts[1:]]
        if extra:
            vectors = self.encoder.encode([window for _, window in extra], batch_size=batch_size)
            for (index, _), probability in zip(extra, self.from_embeddings(vectors), strict=True):
                best[index] = max(best[index], probability)
        if len(texts) > 1:
            # The int8 encoder quantises each batch's activations with one scale, so a text's
            # embedding shifts a little with its batch-mates (logit by up to 2.0, 97% of texts
            # under 1.0, measured on 2,000). A text the batch leaves within 1.0 under the
            # threshold is read again alone, and the higher reading counts, so a batch (a chat
            # import) misses almost nothing that reading the text alone (a journal entry) would
            # flag. One side and a narrow band: a 50,000-message chat stays inside its time
            # budget (a 2.2-logit band cost it 2-3 s).
            for index, probability in enumerate(best):
                if self.reread_floor < probability < self.threshold:
                    best[index] = max(probability, self.probabilities([texts[index]])[0])
        return best

    def from_embeddings(self, embeddings: Any) -> list[float]:
        """Probabilities for embeddings made with the same (lens) encoder, one per row."""
        import numpy as np

        logits = np.clip(embeddings @ self.weights + self.bias, -30.0, 30.0)
        return [float(p) for p in 1.0 / (1.0 + np.exp(-logits))]

    def mapped(self, probability: float) -> float:
        """The probability mapped so that the decision threshold sits at 0.5."""
        if probability < self.threshold:
            return 0.5 * probability / self.threshold
        return 0.5 + 0.5 * (probability - self.threshold) / (1 - self.threshold)


@cache
def _load_semantic() -> _Semantic | None:
    """The encoder and head, loaded once; None (rules alone, logged once) when unavailable."""
    try:
        import numpy as np

        from feltsafe.lens.model import Encoder

        data = json.loads(_HEAD_PATH.read_text(encoding="utf-8"))
        weights = np.asarray(data["weights"], dtype=np.float32)
        # One thread: a single short message is fastest that way, and it leaves the other
        # cores to the web server.
        encoder = Encoder(threads=1)
        return _Semantic(encoder, weights, float(data["bias"]), float(data["threshold"]))
    except Exception as error:  # noqa: BLE001 - any failure means "rules alone", never a crash
        _log.warning("crisis detection: semantic stage unavailable, rules alone (%s)", error)
        return None


def _combine(
    rules: CrisisResult, guarded: bool, semantic: _Semantic, probability: float
) -> CrisisResult:
    """Rules OR head; the head is not heard where a rule guard dropped or lowered a cue."""
    if guarded:
        probability = min(probability, semantic.threshold * 0.999)
    fired = probability >= semantic.threshold
    score = max(rules.score, semantic.mapped(probability))
    crisis = rules.crisis or fired
    # Keep score and decision consistent at the rounding edge.
    score = round(min(max(score, 0.0), 1.0), 4)
    score = max(score, CRISIS_THRESHOLD) if crisis else min(score, 0.4999)
    cues = rules.cues + (SEMANTIC_CUE,) if fired and not rules.crisis else rules.cues
    return CrisisResult(crisis=crisis, score=score, cues=cues)


def detect_crisis(text: str) -> CrisisResult:
    """Score one text for suicidal thoughts, intent, plans or self-harm (see the module notes).

    Rules first (a text they flag is answered without the model); otherwise the semantic head
    decides too, and either one is enough. `score` is the larger of the two, the head's
    probability mapped so that its threshold sits at 0.5.
    """
    rules, guarded = _rules(text)
    if rules.crisis or not text.strip():
        return rules
    semantic = _load_semantic()
    if semantic is None:
        return rules
    return _combine(rules, guarded, semantic, semantic.probabilities([text])[0])


def detect_crisis_many(texts: Sequence[str], batch_size: int = 64) -> list[CrisisResult]:
    """:func:`detect_crisis` for many texts, embedding the ones the rules leave in batches."""
    readings = [_rules(text) for text in texts]
    results = [result for result, _ in readings]
    pending = [i for i, r in enumerate(results) if not r.crisis and texts[i].strip()]
    semantic = _load_semantic() if pending else None
    if semantic is None:
        return results
    probabilities = semantic.probabilities([texts[i] for i in pending], batch_size=batch_size)
    for index, probability in zip(pending, probabilities, strict=True):
        results[index] = _combine(results[index], readings[index][1], semantic, probability)
    return results


def detect_crisis_from_embeddings(texts: Sequence[str], embeddings: Any) -> list[CrisisResult]:
    """:func:`detect_crisis_many` for callers that already embedded `texts` (one row each) with
    the lens's MiniLM encoder, so a chat import embeds every message once, not twice."""
    readings = [_rules(text) for text in texts]
    results = [result for result, _ in readings]
    pending = [i for i, r in enumerate(results) if not r.crisis and texts[i].strip()]
    semantic = _load_semantic() if pending else None
    if semantic is None:
        return results
    probabilities = semantic.probabilities(
        [texts[i] for i in pending], embeddings=embeddings[pending]
    )
    for index, probability in zip(pending, probabilities, strict=True):
        results[index] = _combine(results[index], readings[index][1], semantic, probability)
    return results


def is_crisis(text: str) -> bool:
    """True when `text` should route the person to crisis resources before anything else."""
    return detect_crisis(text).crisis
