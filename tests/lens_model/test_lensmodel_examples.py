"""Behaviour checks: a few clear, hand-written messages per marker (none from the training data).

These are a floor, not a benchmark: each is an unambiguous example of its marker, so the lens
must find it. Accuracy on held-out data is measured in bench/lens (RESULTS.md).
"""

from __future__ import annotations

import pytest

from feltsafe.lens.tagger import tag_messages

CLEAR = {
    "criticism": [
        "You never think about how your choices land on me, you're so self-centred.",
        "What is wrong with you? You can't even remember one appointment.",
    ],
    "contempt": [
        "Oh well done, Einstein, you managed to burn toast. Truly gifted. 🙄",
        "You're a pathetic excuse for a husband.",
    ],
    "defensiveness": [
        "Don't put this on me, it's not my fault you didn't check the date.",
        "I did nothing wrong, and what about you forgetting Mum's birthday?",
    ],
    "dismissal": [
        "Oh come on, stop being so dramatic, it was just one comment.",
        "You're way too sensitive, it's not a big deal.",
    ],
    "stonewalling": [
        "I'm done with this conversation.",
        "This conversation is over, I'm not replying to any more of it.",
    ],
    "control": [
        "Give me the password to your email tonight.",
        "You're not allowed to see Priya any more, I've decided.",
    ],
    "threat": [
        "Leave and I'll make sure you never see the children again.",
        "Tell your sister about this and you'll regret it, I promise you.",
    ],
    "gentle_startup": [
        "I felt really hurt when the plans changed without a word. Could we check in with each "
        "other before changing them next time?",
    ],
    "validation": [
        "Of course you're angry, anyone would be after a day like that.",
        "That makes so much sense, I'd feel let down too.",
    ],
    "curiosity": [
        "What's it been like for you since the diagnosis?",
        "What would make this week easier for you?",
    ],
    "accountability": [
        "I'm sorry for raising my voice last night. That was wrong of me.",
        "I shouldn't have cancelled on you like that, that's on me.",
    ],
    "repair": [
        "Can we rewind the last ten minutes? I hate that we're snapping at each other.",
        "Hey, we're on the same team. Let's figure this out together.",
    ],
    "appreciation": [
        "Thank you so much for cooking tonight, it was delicious.",
        "I admire how calm you stayed with the kids today.",
    ],
    "reassurance": [
        "You don't have to go through this on your own, I've got you.",
        "I'm not going anywhere. You can tell me anything.",
    ],
    "boundary": [
        "I need some space tonight, let's talk tomorrow morning.",
        "I'm going to step outside for twenty minutes to cool off, then I'll come back.",
    ],
}
NEUTRAL = [
    "Could you grab some stamps if you pass the post office?",
    "The train is delayed by twenty minutes.",
    "This printer is absolutely useless.",
    "sounds good, see you at the station",
    "haha",
]

CASES = [(marker, text) for marker, texts in CLEAR.items() for text in texts]


@pytest.fixture(scope="module")
def tagged():
    texts = [text for _marker, text in CASES] + NEUTRAL
    return dict(zip(texts, tag_messages(texts), strict=True))


@pytest.mark.parametrize(("marker", "text"), CASES)
def test_it_finds_the_marker_in_a_clear_example(tagged, marker, text):
    assert marker in tagged[text].markers, tagged[text].scores


@pytest.mark.parametrize("text", NEUTRAL)
def test_it_leaves_everyday_messages_unmarked(tagged, text):
    assert tagged[text].markers == (), tagged[text].scores
