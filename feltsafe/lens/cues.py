# ruff: noqa: E501, SIM905  (a phrase lexicon reads best one phrase per line)
"""Transparent cue rules: phrases that signal each marker, with the words that triggered them.

Each marker has a lexicon of phrase patterns (:data:`CUES`), each with a weight in 0-1. A
message's cue score for a marker is the noisy-OR of the weights of the phrases found,
``1 - prod(1 - w)``, so one clear phrase is enough and weak ones add up. The phrases found, in
the person's own words, are the *evidence* shown to explain a marker.

Guards lower or drop a phrase:

* **negation** in the same clause just before it ("I'm *not* saying you're lazy", "I don't
  think you're overreacting");
* **quotation and reported speech**: a phrase inside double quotes, or after "he said", "she
  told me", "called me" in the same clause, describes what someone else said, not what the
  writer is doing ("he said I'm too sensitive");
* **a "but" after an apology**, or a non-apology ("sorry if you..."), is not accountability;
* **a joke marker** ("lol", 😂) softens threats, contempt and criticism ("I'll kill you for
  spoiling the ending lol");
* a few phrases count only as the **whole message** ("fine.", "whatever", "k").

Patterns are written in lower case with plain apostrophes; ``'`` matches a straight or curly
apostrophe, or none ("dont"). Matching is case-insensitive and needs word boundaries.

These rules are one half of the lens; the trained heads (:mod:`feltsafe.lens.tagger`) read
these scores as features together with a sentence embedding.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from typing import Any, Final

from feltsafe.lens.markers import MARKERS, Marker

__all__ = ["CUES", "CueResult", "cue_scores", "cue_vector"]

S: Final = 0.9  # a strong, nearly unambiguous phrase
M: Final = 0.7  # a clear phrase that can occasionally mean something else
W: Final = 0.45  # a weak hint that needs support

_YOU: Final = r"(?:you|u|ya)"
_YOURE: Final = r"(?:you'?re|you are|ur|u r|youre)"
_I: Final = r"(?:i|me)"
_IM: Final = r"(?:i'?m|i am|im)"

_INSULT_NOUNS: Final = (
    r"(?:idiot|moron|loser|joke|clown|child|baby|crybaby|psycho|freak|bitch|jerk|"
    r"dumbass|dummy|imbecile|retard|failure|disgrace|embarrassment|waste of space|"
    r"piece of (?:shit|work|crap)|nobody|nothing|parasite|leech|pig|slob|whore|slut|liar)"
)
_INSULT_ADJ: Final = (
    r"(?:stupid|pathetic|disgusting|worthless|useless|dumb|ridiculous|laughable|"
    r"a joke|clueless|brainless|hopeless|embarrassing|delusional|crazy|insane|"
    r"unbelievable|incompetent|repulsive|so dense|thick|gross|such a mess)"
)
_CHARACTER_ADJ: Final = (
    r"(?:selfish|lazy|careless|irresponsible|inconsiderate|thoughtless|self[- ]centered|"
    r"self[- ]absorbed|unreliable|immature|cold|heartless|mean|cruel|controlling|needy|"
    r"clingy|impossible|so difficult|always late|a mess|hopeless|negative|ungrateful|"
    r"insensitive|arrogant|rude|disrespectful|manipulative|a liar|so dramatic|toxic)"
)
_FEELING: Final = (
    r"(?:hurt|sad|lonely|alone|anxious|worried|scared|afraid|frustrated|overwhelmed|"
    r"upset|disappointed|ignored|unheard|unseen|invisible|left out|dismissed|stressed|"
    r"nervous|uneasy|unimportant|disconnected|embarrassed|exhausted|confused|angry|"
    r"annoyed|uncomfortable|unsafe|insecure|rejected|taken for granted|unappreciated|"
    r"neglected|forgotten|on edge|tense|low|down|like i don'?t matter|like an afterthought)"
)

CUES: Final[dict[Marker, tuple[tuple[str, float], ...]]] = {
    "criticism": (
        (r"why (?:are|r) (?:you|u) (?:like this|always like this|so \w+)", M),
        (
            rf"{_YOURE} (?:the most|such an?) (?:\w+ ){{0,2}}(?:person|partner|husband|wife|housemate|friend|father|mother|dad|mum|mom|boyfriend|girlfriend)",
            M,
        ),
        (
            r"you'?re a (?:terrible|useless|crap|shit|awful|lousy|rubbish) (?:father|mother|dad|mum|mom|partner|husband|wife|friend|person|boyfriend|girlfriend|cook|driver)",
            S,
        ),
        (
            r"what kind of (?:a )?(?:father|mother|dad|mum|mom|partner|husband|wife|person|friend)",
            S,
        ),
        (r"(?:not once|never once) (?:have|did|do|in) (?:you|\w+)", M),
        (r"you treat (?:this|me|us|the house|this house) like", M),
        (r"you'?ve got no (?:backbone|respect|shame|idea|spine|consideration)", M),
        (rf"{_YOURE} (?:always|never) so", M),
        (r"every single (?:time|day|week)", W),
        (rf"{_YOU} (?:make|made) promises", M),
        (rf"{_YOU} (?:always|never|constantly|keep|literally never|ALWAYS|NEVER) \w+", M),
        (rf"{_YOU} can'?t (?:even|ever) \w+", M),
        (r"what'?s (?:wrong|the matter) with you", S),
        (r"what is (?:wrong|the matter) with you", S),
        (r"why (?:can'?t|don'?t|won'?t) you (?:ever|just|for once)", M),
        (
            rf"{_YOURE} (?:so |such an? |being |being so |just |really |always |too )?{_CHARACTER_ADJ}",
            M,
        ),
        (rf"{_YOURE} the (?:problem|reason|worst)", S),
        (rf"{_YOU} only (?:ever )?(?:think|care) about (?:yourself|you)", S),
        (rf"{_YOU} don'?t care about (?:anyone|anybody|me|us|anything) but", S),
        (r"how many times do i (?:have|need) to (?:tell|ask|remind) you", M),
        (rf"typical(?: of)? (?:you|{_YOU})\b", M),
        (r"^typical[.!]*$", W),
        (rf"{_YOU} (?:ruin|ruined|ruins) (?:everything|every)", S),
        (rf"{_YOU} (?:just )?don'?t (?:care|listen|think|get it|try)", W),
        (rf"{_YOU} never listen", S),
        (rf"{_YOU} never (?:help|care|think|ask|notice|remember|do anything|pay attention)", S),
        (rf"{_YOU} always (?:have to|make|do this|forget|ruin|turn|twist|blame|start)", S),
        (r"(?:there|here) you go again", M),
        (r"you'?re (?:exactly )?like your (?:mother|father|mom|dad|mum)", M),
        (r"can'?t you do anything right", S),
        (r"for once in your life", M),
        (r"(?:it'?s|that'?s) (?:always|all) (?:about you|your fault)", M),
        (rf"{_YOU} (?:are|'re) incapable of", M),
        (r"everything is (?:always )?about you", M),
        (r"no wonder (?:you|nobody|no one)", W),
    ),
    "contempt": (
        (r"your (?:majesty|highness|lordship)", S),
        (r"\b(?:ew+|grim|cringe|revolting|vile)\b", M),
        (
            r"(?:your|ur) (?:little|precious|pathetic|stupid) (?:hobby|job|friends|feelings|project|band|career|opinion)",
            S,
        ),
        (r"\bcute[.!]*$", M),
        (r"shall we (?:frame|celebrate|throw a party)", S),
        (r"emotional range of", S),
        (r"take all the credit", M),
        (
            r"(?:a|such a|total) (?:disappointment|liability|waste of (?:space|time|oxygen)|cow|slob)",
            M,
        ),
        (r"\bcrayons\b", S),
        (r"\bsnowflake\b", S),
        (r"\U0001F480", M),
        (r"want a (?:medal|trophy|round of applause|gold star)", S),
        (r"(?:oh )?look(?: at)? (?:you|who)", W),
        (
            rf"{_YOURE} (?:an? |such an? |a total |a complete |a fucking |so |just |really |"
            rf"fucking |being )?(?:{_INSULT_NOUNS}|{_INSULT_ADJ})",
            S,
        ),
        (r"\b(?:you|u) (?:stupid|pathetic|dumb|fucking|useless|little) ?\w*", M),
        (rf"\b(?:you|u) (?:{_INSULT_NOUNS})\b", S),
        (r"(?:what|such) an? (?:idiot|moron|loser|joke|clown|baby)", M),
        (r"(?:oh )?poor (?:baby|you|thing|little)", M),
        (r"boo[- ]?hoo", S),
        (r"cry me a river", S),
        (
            r"(?:wow|well done|nice (?:one|going|work)|good job|great job|bravo|congrats)"
            r"[,.! ]+(?:genius|einstein|sherlock|captain obvious|champ|hero|princess|"
            r"your majesty)",
            S,
        ),
        (r"\b(?:genius|einstein|sherlock)\b", W),
        (r"(?:yeah|oh) (?:right|sure)[,.! ]*(?:because|like|as if|whatever|lol)?", M),
        (r"\bas if\b", W),
        (r"sure you (?:did|do|were|are|will|are|tried)", M),
        (r"(?:you )?disgust(?:s|ing)? me", S),
        (r"you make me sick", S),
        (r"grow (?:up|a pair|a spine)", M),
        (r"get a life", M),
        (r"(?:oh )?please[,.! ]+spare me", S),
        (r"who (?:would|could|'?d) (?:ever )?(?:want|love|date|put up with) you", S),
        (r"no (?:one|body) (?:would|could|will) (?:ever )?(?:want|love|like|stand) you", S),
        (r"(?:lmao|lol|haha)[ ,]+(?:you|ur) (?:really|actually|seriously) think", M),
        (r"you (?:really|actually|seriously) think (?:anyone|you)", M),
        (r"(?:so )?cute that you think", M),
        (r"(?:\U0001F644|\U0001F612|\U0001F60F|\U0001F92E|\U0001F921)", M),  # 🙄 😒 😏 🤮 🤡
        (r"\*eye ?roll\*|rolls eyes|eye ?roll", M),
        (r"shut up", M),
        (r"what a surprise[,.! ]*(?:not)?", M),
        (r"how (?:pathetic|embarrassing|sad|cute)", M),
        (r"you call (?:that|this) a", M),
        (r"even a child (?:could|would|knows)", S),
        (r"look who'?s (?:talking|finally)", M),
        (r"(?:big|little) (?:man|girl|boy)", W),
        (r"are you (?:stupid|dumb|deaf|blind|slow|serious|kidding me|for real|an idiot)", M),
        (r"(?:the|your) (?:poor little|precious little) \w+", M),
        (r"\bloser\b|\bpathetic\b|\bmoron\b|\bidiot\b", M),
    ),
    "defensiveness": (
        (r"\bi was only\b", M),
        (r"\bi only (?:did|said|had|went|spent) (?:it|that|a|one|because)", M),
        (
            r"\bwhy are you (?:singling me out|attacking me|having a go at me|blaming me|on my case)",
            S,
        ),
        (r"\b(?:stop|quit) blaming me", S),
        (r"\bdon'?t (?:start on|pin|put) (?:me|this|that|the \w+)(?: on me)?", S),
        (r"\bthat'?s not what i meant", M),
        (r"\bnot to your standards", S),
        (r"\bso the one time i", S),
        (r"\bi'?m doing my best[.!]* (?:obviously|but|it'?s)", M),
        (r"\byou'?re twisting (?:it|this|my words)", S),
        (r"\bthat'?s why i (?:lost it|did it|said it|snapped)", M),
        (r"\bwhy am i the only one", S),
        (r"\bi'?m the one who'?s been", S),
        (r"\bmy phone was on silent", M),
        (r"\byou should have said", M),
        (r"\bwound me up\b", M),
        (r"\bi (?:did|do) (?:clean|tidy|call|text|pay|do|try)\b", W),
        (
            r"(?:it'?s|its) not like (?:you'?re|you are|you'?ve|you) (?:any|so|ever|always|perfect)",
            S,
        ),
        (r"i can'?t help it if", S),
        (r"so i'?m (?:meant|supposed|expected) to", M),
        (r"don'?t twist (?:this|it|my|that)", M),
        (r"i had (?:a|my) reason", M),
        (r"i (?:already )?apologi[sz]ed(?: already)?[,.]? (?:i'?m not|what|so|ok|jeez)", S),
        (r"you lecturing me", S),
        (r"\byou with your\b", W),
        (r"i did not\b", W),
        (r"i can'?t be everywhere", M),
        (r"at least i \w+", M),
        (r"(?:that'?s|it'?s|that is) (?:completely |so |totally |really )?unfair[,.!]* i", M),
        (r"i'?ve been (?:doing|holding|trying) (?:my best|everything|so hard)", W),
        (r"(?:it'?s|that'?s|it is|that is|it was|that was) not my fault", S),
        (r"(?:it'?s|that'?s|it is|that is|it was|that was)n'?t my fault", S),
        (r"not my fault", M),
        (rf"{_I} didn'?t do anything(?: wrong)?", S),
        (rf"{_I} did nothing wrong", S),
        (r"what about (?:when |the time )?(?:you|u)\b", S),
        (rf"{_YOURE} the one who", S),
        (r"you (?:did|do) (?:it|that|the same) too", S),
        (r"(?:well )?you (?:started|start) it", S),
        (r"don'?t (?:blame|put this on) me", S),
        (r"so (?:now )?(?:it'?s|this is) my fault", S),
        (r"(?:why|how) is (?:it|this|everything) (?:always )?my fault", S),
        (r"why (?:is it|am i) always (?:me|the bad guy|the one)", S),
        (rf"{_IM} always the bad guy", S),
        (rf"{_I} (?:was|'?m|am) (?:only|just) trying to", M),
        (rf"{_I} had no (?:choice|other choice)", M),
        (r"(?:that'?s|thats|that is) not (?:true|what happened|fair)", M),
        (rf"{_I} never said that", M),
        (
            rf"{_I} (?:was|'?m|am) (?:busy|tired|working|stressed)[,.! ]+(?:ok|okay|what do you want|"
            r"what was i supposed to)",
            M,
        ),
        (r"what (?:was|am) i supposed to do", M),
        (r"at least i (?:don'?t|didn'?t|do|did|try|tried|am|'?m)", M),
        (r"(?:sorry|i apologi[sz]e)[,.]? but\b", M),
        (r"sorry (?:if|that) you (?:feel|felt|think|thought|were|are|got)", M),
        (r"i said (?:i'?m|i was|i am) sorry[,.!]* (?:what more|what else|ok|jeez|god)", S),
        (r"what (?:more|else) do you want (?:from me)?", M),
        (r"(?:everything|nothing) i do is (?:ever )?(?:wrong|good enough|right)", M),
        (r"(?:i|we) can'?t (?:ever )?win with you", M),
        (r"you'?re (?:making|blowing) (?:this|it) (?:up|into)", W),
        (r"it wasn'?t (?:me|my idea)", M),
        (r"i didn'?t (?:mean|know|realise|realize) [^.!?]*[,.] so", W),
        (r"(?:you|u) (?:do|did) (?:the same|worse)", S),
        (r"(?:excuse|pardon) me for (?:having|being|living|breathing|trying)", S),
        (r"(?:^|[.!?]\s*)(?:well|and) you (?:never|always|didn'?t|don'?t)", M),
        (r"i'?m not the one who", S),
        (r"how was i supposed to know", M),
        (r"(?:you|u) never (?:told|said|asked) me", M),
    ),
    "dismissal": (
        (
            r"\beveryone(?:'?s| is| gets| has)? (?:stressed|nervous|tired|busy|like that|does it)\b",
            M,
        ),
        (r"\byou and your (?:feelings|moods|drama|emotions)", S),
        (r"\blet'?s not dwell", M),
        (
            r"\byou'?re (?:just )?(?:pmsing|hormonal|being hormonal|emotional|touchy|tired and emotional)",
            S,
        ),
        (r"\bdrama queen\b", S),
        (r"\bget a grip\b", S),
        (r"\ba you problem\b", S),
        (r"\bblow(?:s|ing)? (?:things|it|this|everything) out of proportion", S),
        (r"\bthat'?s (?:insane|ridiculous|crazy|mad|silly)\b", W),
        (r"\b(?:silliest|stupidest) thing to (?:cry|worry|get upset)", S),
        (r"\bdon'?t be (?:daft|so touchy|touchy|soft|wet|a drama queen|so sensitive)", S),
        (r"\bstop making (?:it|this) a thing", S),
        (r"\b(?:getting )?worked up over nothing", S),
        (r"\bover nothing\b", M),
        (r"\bjust get on with it", M),
        (r"\byou'?re just (?:sensitive|tired|stressed|being silly)", S),
        (r"\blet it go(?: already)?[.!]*$", M),
        (r"\bworth (?:crying|getting upset|worrying) (?:about|over)", M),
        (r"\bjoin the club\b", M),
        (r"\bget over (?:it|yourself)", S),
        (r"not (?:a|that) big (?:of a )?(?:deal|thing)", S),
        (r"worse things happen", S),
        (r"snap out of it", S),
        (r"(?:just )?stop (?:thinking|worrying|going on) about it", M),
        (
            r"(?:it'?s|its) (?:only|just) (?:money|a day|one|a joke|a comment|a text|a game|words|a party)",
            M,
        ),
        (r"why are you (?:stressing|so upset|so worried|making a fuss|getting upset)", M),
        (r"you'?re not (?:tired|sad|upset|hurt|ill|sick|scared)[,.] you", S),
        (r"(?:always|so) (?:upset|negative|dramatic|worked up) about", M),
        (r"don'?t start (?:crying|this|that|again)", M),
        (r"(?:it'?s|its) not that deep", S),
        (
            rf"{_YOURE} (?:(?:being|so|way|just|really) )*(?:overreacting|too sensitive|"
            r"so sensitive|dramatic|hysterical|paranoid|imagining (?:things|it)|being silly|"
            r"making a big deal|blowing (?:it|this) out of proportion|overthinking)",
            S,
        ),
        (r"\bover ?react(?:ing)?\b", M),
        (r"calm (?:down|the f\w* down)", S),
        (r"(?:too|so|overly) sensitive", S),
        (r"get over it", S),
        (r"(?:just )?(?:move|let it go) on", W),
        (
            r"(?:it'?s|its|that'?s|thats|it is|that is) not (?:a |that )?(?:big|huge) (?:deal|thing)",
            S,
        ),
        (r"(?:it'?s|its|that'?s|thats) (?:no|not a) (?:big deal|biggie)", S),
        (r"(?:making|make) (?:a big deal|a mountain|such a fuss|a fuss|drama)", S),
        (
            r"(?:stop|quit) (?:being so|being|getting so|getting) (?:emotional|dramatic|sensitive|upset|"
            r"worked up|hysterical|needy|clingy)",
            S,
        ),
        (r"(?:stop|quit) (?:whining|crying|complaining|moaning|sulking|nagging)", S),
        (r"(?:you'?ll|you will) (?:get over it|be fine|live)", M),
        (r"(?:so what|who cares)\b", M),
        (r"(?:not|here we go) (?:this )?again", M),
        (r"(?:you'?re|you are) (?:imagining|making (?:it|this|that|things) up)", S),
        (r"(?:that|it) never happened", M),
        (r"(?:it'?s|it was|that was) (?:just|only) a joke", M),
        (r"can'?t (?:you )?take a joke", S),
        (r"lighten up", S),
        (r"(?:just )?(?:relax|chill)(?: out)?[,.!]*$", M),
        (r"(?:it'?s|its) (?:all )?in your head", S),
        (r"(?:there'?s|there is) nothing to (?:be )?(?:upset|sad|angry|worried|cry) about", S),
        (r"(?:don'?t|dont) be (?:so )?(?:silly|ridiculous|dramatic|stupid|sensitive|a baby)", S),
        (r"you'?re (?:fine|ok|okay)[,.!]* (?:stop|move on|get over)", M),
        (r"(?:your|ur) feelings (?:are|aren'?t) (?:not )?(?:my problem|valid|real)", M),
        (r"(?:not|isn'?t) my problem", M),
        (r"(?:you|u) (?:always )?make (?:everything|it|this) about (?:you|yourself)", W),
        (r"(?:it'?s|its) not that (?:bad|serious|hard)", M),
        (r"(?:people|others) have it (?:way |much )?worse", M),
        (
            r"(?:why are you|you'?re) (?:still )?(?:upset|crying|mad|angry) about (?:that|this|it)",
            W,
        ),
        (r"whatever you (?:say|think|feel)", W),
    ),
    "stonewalling": (
        (r"not having this (?:chat|conversation|discussion|argument|again)", S),
        (r"^\s*(?:kk|ok cool|k cool|ok fine|fine then|okay fine)\s*[.!]*\s*$", M),
        (r"^\s*don'?t even[.!]*\s*$", M),
        (r"don'?t follow me", M),
        (r"(?:i'?m|im) (?:turning|switching|putting) my phone (?:off|away|on silent)", M),
        (r"^\s*i'?m (?:going out|leaving|off)[.!]*\s*$", M),
        (r"i'?ll reply when i", S),
        (r"headphones (?:in|on)", M),
        (r"it is what it is", W),
        (r"not talking to you", S),
        (r"(?:i'?ll|i will) talk to you when you'?ve (?:stopped|calmed)", M),
        (
            r"^\s*(?:fine|whatever|k|ok then|okay then|noted|if you say so|"
            r"do what you want|do whatever you want|suit yourself)\s*[.!]*\s*$",
            M,
        ),
        (r"^\s*(?:whatever|fine)\s*(?:[.!]|$)", M),
        (r"\bwhatever[.!]*\s*$", M),
        (rf"{_IM} done (?:talking|with this|with you|discussing|here)", S),
        (
            r"i don'?t (?:want to|wanna) (?:talk|hear|discuss)(?: about)?(?: it| this| that| anything)?"
            r"[.!]*$",
            M,
        ),
        (r"(?:leave me alone|go away|stop texting me|stop messaging me|don'?t text me)", M),
        (r"(?:i'?m|i am) not (?:talking|discussing|doing this|having this conversation)", S),
        (r"(?:end of (?:discussion|story|conversation)|conversation over|discussion over)", S),
        (r"(?:talk to the hand|not listening)", M),
        (r"i don'?t care(?: anymore)?[.!]*$", M),
        (r"(?:forget it|never ?mind)[.!]*$", M),
        (r"(?:i|we) have nothing (?:more )?to (?:say|talk about)", M),
        (r"(?:stop|quit) (?:talking|texting|messaging)", M),
        (r"(?:don'?t|dont) (?:talk|speak) to me", S),
        (r"(?:i'?m|im) (?:blocking|muting) you", S),
        (r"(?:\.\.\.|…)\s*$", W),
    ),
    "control": (
        (r"i (?:want|need|have) to know (?:where|who|what) (?:every|you|ur)", S),
        (r"\boff limits\b", M),
        (r"take a (?:photo|picture|pic|screenshot) of (?:your|the|ur)", M),
        (r"don'?t (?:you )?(?:dare )?turn (?:it|that|your location|location) off", S),
        (
            r"(?:going|go|went) through (?:your|ur) (?:phone|bag|handbag|messages|emails|bank|pockets|things|stuff|statements)",
            S,
        ),
        (r"from now on,? (?:you|i'?ll|i will|i'?m)", M),
        (r"(?:need|want) the names of", S),
        (r"text me back within", S),
        (r"i (?:decide|choose|say) (?:who|what|where|when)", S),
        (r"let me know when (?:you|she|he) (?:go|goes|leave|leaves) out", M),
        (
            r"(?:checking|check|monitor|monitoring|read|reading) (?:your|ur) (?:bank|phone|messages|statements|emails|texts|location|receipts)",
            S,
        ),
        (r"every penny", M),
        (r"you (?:need|have) to ask me (?:before|first|for)", S),
        (r"where (?:are|r) (?:you|u)(?: right now| now| at)?\s*\?*\s*$", W),
        (r"who (?:were|are|was|r) (?:you|u) (?:with|talking to|texting|messaging)", M),
        (
            r"(?:send|share|turn on|show) (?:me )?(?:your|ur) (?:location|live location|phone|"
            r"messages|texts|dms|screen|password|passcode|email)",
            S,
        ),
        (r"(?:give|tell) me (?:your|ur) (?:password|passcode|pin|code|login|card|bank)", S),
        (r"(?:unlock|hand over|give me) (?:your|ur) (?:phone|card|keys|wallet)", S),
        (
            r"(?:i|we) (?:checked|read|went through|looked at|saw) (?:your|ur) (?:phone|messages|texts|"
            r"dms|emails|email|browser|history)",
            S,
        ),
        (rf"{_YOURE} not (?:allowed|going|going out|seeing|wearing|leaving|to go)", S),
        (r"you (?:can'?t|cannot|won'?t) (?:go|see|wear|leave|talk to|text|visit|have)", M),
        (r"(?:i|we) (?:forbid|won'?t allow|don'?t allow|don'?t permit) (?:you|it|that)", S),
        (r"(?:ask|need|get) (?:me|my) (?:for )?permission", S),
        (r"(?:without|with) my permission", M),
        (
            r"(?:stop|quit) (?:talking to|texting|seeing|hanging out with|following) (?:him|her|them|"
            r"your|ur|that)",
            S,
        ),
        (r"(?:delete|block|unfollow) (?:his|her|their|that|him|them)", S),
        (r"(?:change|take off) (?:your|ur|those|that) (?:clothes|outfit|dress|top|shirt|skirt)", S),
        (r"you'?re not wearing that", S),
        (r"(?:answer|pick up) (?:your|ur|the) phone", M),
        (
            r"why (?:didn'?t|did'?nt|haven'?t|aren'?t) you (?:answer|pick up|reply|respond|text back|"
            r"answering|replying)",
            M,
        ),
        (r"(?:come|get) (?:home|back here) (?:now|right now|immediately|this minute)", S),
        (r"(?:be|get) home (?:by|before) \d", M),
        (r"i (?:need|want|have) to know where you are", S),
        (r"(?:at all times|every (?:minute|second|hour))", W),
        (r"you don'?t need (?:friends|them|your friends|your family|anyone else|money|a job)", S),
        (r"(?:i'?ll|i will|i'?m going to) (?:decide|choose) (?:what|who|where|when|how)", M),
        (r"(?:hand|give) (?:over|me) (?:the|your) (?:money|cash|card|paycheck|salary|wages)", S),
        (
            r"(?:i'?m|i am) (?:taking|keeping|cutting off) (?:your|the) (?:card|money|allowance|phone|car)",
            S,
        ),
        (r"(?:you|u) (?:will|are going to|'?re going to) do (?:what|as) i (?:say|tell)", S),
        (r"(?:do|did) (?:what|as) i (?:say|said|told you)", S),
        (r"because i said so", S),
        (r"(?:you'?d|you had) better (?:not|be|answer|come|reply|do)", M),
        (r"you better (?:not|be|answer|come|reply|do)", M),
        (r"(?:i|we) (?:don'?t want|won'?t have) you (?:seeing|going|talking|hanging)", M),
        (r"prove (?:it|that) (?:to me|you)", M),
        (r"(?:send|take) (?:me )?a (?:photo|pic|picture|selfie) (?:of )?(?:where|who)", S),
        (r"facetime me (?:now|right now)", M),
        (r"(?:who|what) (?:is|'?s) (?:he|she|this)\?\s*(?:why|who)", W),
        (r"\bi said no\b", W),
        (r"(?:now|immediately|right now)[.!]+\s*$", W),
    ),
    "threat": (
        (r"or (?:i'?m|im|i am) (?:coming|going) (?:over|to (?:find|get)|round|there)", S),
        (
            r"(?:i'?ll|i will|i'?m going to|i'?m gonna) (?:stop paying|cut off|close|cancel|stop giving|take away) (?:your|ur|the)",
            S,
        ),
        (r"don'?t push me", S),
        (r"give you something to cry about", S),
        (
            r"(?:i'?ll|i will|i'?m going to|i'?m gonna) tell (?:him|her|them|your \w+) (?:exactly|everything|all about|what)",
            S,
        ),
        (r"(?:and|then) (?:see|you'?ll see) (?:what happens|how fast|what i)", S),
        (r"you'?ll be (?:looking for|out on|sleeping|sorry)", S),
        (r"watch (?:ur|your)self", S),
        (r"you won'?t like it", S),
        (r"you won'?t have a (?:phone|car|home|job|roof|family|penny)", S),
        (r"(?:you'?ll|you will) be out of (?:this|the|my) (?:house|flat|home)", S),
        (r"\bor else\b", S),
        (r"you'?ll (?:regret|be sorry|pay for|see what happens|wish)", S),
        (r"you will (?:regret|be sorry|pay for|see what happens)", S),
        (
            r"(?:i'?ll|i will|i'?m going to|im gonna|i'?m gonna|i gonna) (?:hurt|kill|hit|"
            r"smash|break|destroy|ruin|end|beat|slap|punch|strangle|choke|bury|get) (?:you|u|your|ur)",
            S,
        ),
        (
            r"(?:i'?ll|i will|i'?m going to|i'?m gonna|im gonna) make (?:you|u) (?:pay|regret|sorry|suffer)",
            S,
        ),
        (
            r"(?:i'?ll|i will|i'?m going to|i'?m gonna|im gonna) take (?:the kids|the children|"
            r"the baby|my kids|the dog|the cat|everything)",
            S,
        ),
        (
            r"(?:you'?ll|you will) never see (?:the|your|my) (?:kids|children|baby|son|daughter|dog)",
            S,
        ),
        (
            r"(?:i'?ll|i will|i'?m going to|i'?m gonna|im gonna) (?:tell|show|send|post|share|leak) "
            r"(?:everyone|everybody|your (?:boss|family|mom|mum|dad|parents|friends|work)|"
            r"(?:the|your|those|ur) (?:pics|pictures|photos|videos|nudes|messages|texts))",
            S,
        ),
        (
            r"(?:i'?ll|i will|i'?m going to|i'?m gonna|im gonna) (?:kill|hurt|harm|cut) myself "
            r"(?:if|unless|when)",
            S,
        ),
        (
            r"if (?:you|u) (?:leave|go|break up)[^.!?]{0,30}(?:i'?ll|i will|i'?m going to|i'?m gonna)"
            r" (?:kill|hurt|harm|end|cut)",
            S,
        ),
        (
            r"(?:i'?ll|i will|i'?m going to|i'?m gonna|im gonna) (?:leave|dump|divorce) (?:you|u)"
            r" (?:if|unless)",
            S,
        ),
        (
            r"if (?:you|u) (?:don'?t|do not|ever)[^.!?]{0,50}(?:i'?ll|i will|i'?m going to|i'?m gonna) "
            r"(?:leave|take|tell|hurt|kill|make|cut|stop|end|ruin|throw|kick)",
            M,
        ),
        (r"(?:watch|watch your) (?:your back|out|yourself)", M),
        (r"(?:i know where you (?:live|work|are)|i'?ll find you)", S),
        (r"(?:don'?t|dont) make me (?:do|come|hurt|hit|tell|show)", S),
        (r"(?:last|final) warning", S),
        (r"i'?m warning you", S),
        (r"(?:you|u) (?:don'?t|dont) want to (?:know|see|find out) what (?:i|happens)", S),
        (
            r"(?:i'?ll|i will|i'?m gonna|im gonna) (?:kick you out|throw you out|cut you off|"
            r"throw your (?:stuff|things)|get rid of (?:the|your) (?:dog|cat|pet))",
            S,
        ),
        (r"(?:you'?ll|you will) (?:end up|be) (?:alone|on the street|homeless|with nothing)", M),
        (r"(?:no one|nobody) will (?:believe|help) you", S),
        (r"(?:i'?ll|i will) make (?:sure|your life) (?:you|hell)", S),
        (
            r"(?:i'?ll|i will|i'?m gonna) (?:call|report you to) (?:immigration|the cops on you|cps)",
            S,
        ),
    ),
    "gentle_startup": (
        (
            r"\bi (?:feel|felt|get|got|'?m|am|'?ve been|was|miss)\b[^.!?]{3,90}[.!,]\s*(?:so )?(?:could|can|would|will) (?:we|you)\b",
            M,
        ),
        (r"\bwhen you [^.!?]{3,60}, i (?:feel|felt|get|got)\b", M),
        (r"\bit (?:hurts|hurt|upsets me|worries me|scares me|stings) when\b", M),
        (r"\bi(?:'?ve| have) noticed [^.!?]{3,80}[.!,]\s*(?:could|can|would) (?:we|you)", M),
        (r"\bi need (?:a hand|some help|your help|you)\b[^.!?]{0,40}[.!,]\s*could you", M),
        (
            rf"\bi (?:feel|felt|'?ve been feeling|was feeling|am feeling|'?m feeling|get|got) "
            rf"(?:a (?:bit|little) |kind of |really |so |very |quite |pretty )?{_FEELING}"
            r"[^.!?]{0,80}\b(?:when|because|that|after|if|since)\b",
            M,
        ),
        (
            rf"\b{_IM} (?:a (?:bit|little) |kind of |really |so |feeling )?{_FEELING}"
            r"[^.!?]{0,60}\bwhen\b",
            M,
        ),
        (
            r"\b(?:could|can|would) (?:we|you) (?:maybe |please |possibly )?(?:try|talk|plan|"
            r"find|make|agree|set|check in|let me know|text|call|spend|sit down|figure|"
            r"do|give|help|take turns)",
            W,
        ),
        (r"\bi(?:'?d| would) (?:really )?(?:love|like|appreciate) (?:it )?(?:if )?(?:we|you)", W),
        (r"it would (?:really )?(?:mean a lot|help me|help)(?: to me)? if", M),
        (r"\bi (?:need|want) (?:us|you) to [^.!?]{0,50}(?:could|would|can) (?:we|you)", W),
        (r"\bwhat i need is", M),
        (r"\bi(?:'?d| would) like to talk about", M),
        (r"\bsomething (?:has been|'?s been) bothering me", M),
        (r"\bcan we talk about (?:something|what happened|last night|yesterday|earlier|the)", M),
        (r"\bi noticed (?:that )?(?:when|we|you)", W),
        (r"\bi'?m not blaming you", M),
    ),
    "validation": (
        (r"(?:it )?sounds like you (?:felt|feel|were|'?ve been|had)", S),
        (r"\bthat would (?:make anyone|drive me|upset me|hurt me|make me)", S),
        (r"\b(?:that )?makes (?:complete |total |so much |perfect )?sense", S),
        (r"\bthat sounds like a lot", S),
        (r"\b(?:that'?s|it'?s|your point (?:about [^.!?]{1,30} )?is) (?:a )?fair\b", M),
        (r"\byou have every (?:reason|right)", S),
        (r"\bi can see (?:how|that) (?:my|it|this|what)", S),
        (r"\bi get why\b", S),
        (r"\bi'?m not surprised you'?re", S),
        (
            r"\bi would be too\b|\bi'?d be (?:spitting|furious|livid|gutted|raging|devastated|upset|hurt|betrayed|the same)",
            S,
        ),
        (r"\bi hear (?:how|that you|what)", S),
        (r"\bi see where you'?re coming from", S),
        (r"\bi'?d feel (?:\w+ )?(?:too|as well)\b", S),
        (r"\b(?:it'?s|that'?s) (?:ok|okay|alright|fine|normal|understandable) (?:that you|to)", S),
        (r"\bof course you (?:miss|want|feel|are|were|'?re)", S),
        (r"\byou were (?:completely |totally )?right to", S),
        (r"\bas well\.?$", W),
        (r"(?:that|it) must (?:feel|be|have been|have felt)", M),
        (
            r"(?:that|it) sounds? like (?:a |such a |so |really )?(?:horrible|awful|rough|hard|tough|long|exhausting|stressful|lonely|nightmare)",
            S,
        ),
        (
            r"you sound (?:really |so )?(?:drained|exhausted|stressed|tired|upset|overwhelmed|worn out|low|fed up)",
            S,
        ),
        (r"can'?t have been easy", S),
        (r"(?:you'?re|ur|you are) allowed to (?:be|feel)", S),
        (r"\bi believe you\b", M),
        (r"i (?:totally|completely) get (?:it|that|why)", S),
        (r"not (?:silly|stupid|dramatic|wrong) (?:at all )?to (?:feel|be|want)", S),
        (r"(?:your|ur) feelings (?:about [^.!?]{1,30} )?are (?:real|valid|okay|fair)", S),
        (r"i can see why", S),
        (r"(?:that|it) (?:makes|made) (?:total |complete |so much |perfect )?sense", S),
        (r"(?:of course|no wonder) you(?:'?re| are| were| feel| felt| got)", S),
        (r"i (?:can )?(?:totally |really |completely )?(?:see|understand|get) (?:why|how) you", S),
        (r"you have every right to", S),
        (r"(?:your|ur) feelings (?:are|were) (?:valid|real|okay|ok|important)", S),
        (
            r"(?:it'?s|that'?s|it is|that is) (?:completely |totally |so )?"
            r"(?:understandable|valid|fair|okay to feel|ok to feel|normal to feel)",
            M,
        ),
        (
            r"(?:that|it) (?:sounds|sounded|must be|must have been|seems) (?:so |really |incredibly |"
            r"very |pretty )?(?:hard|awful|painful|scary|frightening|lonely|frustrating|exhausting|"
            r"overwhelming|tough|difficult|rough|upsetting|stressful|horrible|terrible)",
            S,
        ),
        (r"i hear (?:you|that|what you'?re saying)", M),
        (r"i'?d (?:feel|be) (?:the same|upset|hurt|angry|scared) too", S),
        (r"i(?:'?d| would) (?:have )?(?:felt|feel) (?:the same|that way)", S),
        (r"you'?re right to (?:feel|be)", S),
        (r"(?:anyone|anybody) would (?:feel|be)", M),
        (r"(?:it'?s|that'?s) (?:ok|okay|alright) (?:to|that you) (?:feel|be|cry|are)", S),
        (r"you'?re not (?:wrong|crazy|overreacting|being dramatic|too sensitive) (?:to|for)", S),
        (r"i (?:can )?see (?:that )?(?:this|that|it) (?:really )?(?:hurt|upset|matters|scared)", S),
        (r"i understand (?:that|how|you|why)", M),
        (r"(?:you|u) (?:make|made) a (?:good|fair|valid) point", M),
        (r"(?:fair|good) point", W),
        (r"i get (?:it|that)[,.!]", W),
        (r"(?:that|it) (?:must|would) (?:have )?(?:hurt|sting|suck)", M),
    ),
    "curiosity": (
        (r"what'?s (?:it|it been|that) (?:been )?like (?:for you|being|when|having)", S),
        (
            r"what'?s (?:on your (?:mind|heart)|been on your mind|been stressing you|happening (?:inside|for you)|going on inside)",
            S,
        ),
        (r"what would (?:feel|be|make) (?:fair|good|right|easier|better|helpful)", S),
        (r"what is it about [^?]{2,40}that", M),
        (r"what does [^?]{2,40} look like for you", S),
        (r"what'?s the (?:hardest|worst|best|scariest) (?:thing|part)", S),
        (r"talk me through", M),
        (r"i want to (?:hear|understand)", M),
        (r"(?:what|how) (?:was|is) (?:that|it) (?:like )?for you", S),
        (r"how (?:did|does|do) (?:that|it|this) (?:make you )?feel", S),
        (r"how (?:are|were) you (?:feeling|doing|holding up|really)", S),
        (r"what do you (?:need|feel|wish|hope)", M),
        (r"what do you (?:think|want) (?:about (?:us|this|that|what|how)|from me|to happen)", W),
        (r"what (?:would|could|might) (?:help|make (?:it|this|things) (?:better|easier))", S),
        (r"(?:can|could|would) you (?:tell|say) (?:me )?(?:more|what|how|why)", S),
        (r"tell me (?:more|what|how|about)", M),
        (r"help me understand", S),
        (
            r"what'?s (?:going on|on your mind|bothering you|wrong|up with you|happening) ?"
            r"(?:for you|with you)?\s*\?",
            M,
        ),
        (r"what (?:happened|went on|was going on)\s*\?", M),
        (r"(?:how|what) can i (?:help|do|support)", M),
        (r"is there (?:anything|something) (?:i can|you need|you want)", M),
        (r"what (?:did|do) you (?:mean|feel|need|think|want) (?:by|when|about|from)", M),
        (r"(?:what|how) (?:are|were) you (?:thinking|feeling|hoping|worried|afraid)", M),
        (r"(?:do|did) you want to talk about (?:it|what)", M),
        (r"\bi'?m (?:curious|wondering) (?:about|what|how|why|if)", M),
        (r"what (?:matters|mattered) (?:most )?to you", S),
        (r"how was your (?:day|night|week|morning|meeting|appointment|talk|interview)", W),
        (r"(?:why|what) (?:did|does|made) (?:that|it) (?:feel|upset|hurt|scare|bother) you", M),
        (r"what (?:was|is) (?:the|that) (?:hardest|worst|best) part", S),
    ),
    "accountability": (
        (
            r"\b(?:that|it) was (?:wrong|unfair|unkind|out of order|thoughtless|selfish|rude) of me",
            S,
        ),
        (r"\bthat was (?:wrong|on me)\b", M),
        (r"\bsry\b", M),
        (r"\bi got (?:that|it|the \w+|this) (?:completely |totally |all )?wrong", S),
        (r"\bi acted like\b", S),
        (r"\bi (?:want to )?take responsibility", S),
        (r"\bi should(?:'?ve| have) [a-z]+", M),
        (r"\bi came in (?:too|far too|way too) (?:hot|strong|hard)", S),
        (
            r"\bi (?:hid|lied|broke|forgot|ignored|snapped)\b[^.!?]{0,50}[.!,]\s*(?:that was|i'?m sorry|sorry)",
            S,
        ),
        (r"\bi'?m sorry[.!]*\s*$", M),
        (
            r"\bi(?:'?m| am) (?:so |really |truly |very )?sorry (?:i|for|that i|about (?:what i|my|the "
            r"way i|how i|yesterday|earlier|last night))",
            S,
        ),
        (r"\bi (?:was|am) (?:wrong|out of line|unfair|rude|harsh|mean|a jerk)", S),
        (r"\bi'?m (?:the one who )?(?:wrong|in the wrong)", M),
        (r"\b(?:that'?s|that was|it was|it'?s) (?:on me|my fault|my bad|my mistake)", S),
        (r"\bmy (?:bad|fault|mistake)\b", M),
        (r"\bi (?:shouldn'?t|should not) have", S),
        (
            r"\bi (?:should(?:'?ve| have)) (?:called|told|asked|listened|said|been|checked|texted|"
            r"let you know|thought)",
            S,
        ),
        (r"\bi (?:messed|screwed|fucked) (?:up|that up|it up)", S),
        (r"\bi (?:apologi[sz]e|owe you an apology)", S),
        (
            r"\byou'?re (?:right|not wrong)[,.!]* i (?:was|did|didn'?t|should|shouldn'?t|forgot|"
            r"wasn'?t)",
            S,
        ),
        (r"\bi (?:take|accept) (?:full )?responsibility", S),
        (r"\bi own (?:that|it|my part)", S),
        (
            r"\bi (?:know|realise|realize|see|understand) (?:that )?(?:i|what i) (?:hurt|did|said|"
            r"upset|let you down|was)",
            S,
        ),
        (r"\bi (?:hurt|let) you(?: down)?", M),
        (
            r"\bi (?:forgot|didn'?t (?:listen|call|text|show up|keep my))[^.!?]{0,40}(?:sorry|my bad|"
            r"that'?s on me)",
            M,
        ),
        (r"\bsorry,? (?:i|that was|for)\b", M),
        (r"\bi'?ll do better\b", M),
        (r"\bi didn'?t (?:handle|deal with) (?:that|it|this) well", S),
        (r"\bmy part in (?:this|it|that)", M),
    ),
    "repair": (
        (r"\b(?:ceasefire|time out|timeout|white flag|peace\?)", S),
        (
            r"(?:let'?s|can we|we can|we'?ll) (?:sort (?:it|this)|sort it out|stop arguing|talk (?:after|when|later|tomorrow|tonight|properly)|finish this)",
            S,
        ),
        (r"i hate (?:falling out|when we fight|this)", M),
        (r"don'?t want (?:this|it) to ruin", S),
        (r"not ignoring you", S),
        (r"(?:i'?ll|i will) (?:text|call) you (?:in|after|later|tomorrow|tonight|when)", M),
        (r"talk (?:tmrw|tomorrow|later)\s*\?", M),
        (
            r"(?:can|could) we (?:please )?(?:start over|start again|try (?:that )?again|reset|rewind|"
            r"take a breath|slow down|pause|try again|have a do-?over|hit pause)",
            S,
        ),
        (
            r"let'?s (?:start over|try (?:that )?again|take a (?:break|breather|breath|minute|pause)|"
            r"reset|rewind|not fight|calm down|slow down|figure (?:this|it) out together|talk when|"
            r"pause|make up|hug)",
            S,
        ),
        (r"let me (?:try (?:that|this) again|rephrase|start over|say (?:that|this) better)", S),
        (r"(?:we'?re|we are) (?:on )?(?:the same team|in this together|a team)", S),
        (r"i (?:don'?t|do not) want to (?:fight|argue)", S),
        (r"i hate (?:fighting|arguing) with you", S),
        (r"(?:truce|peace offering|olive branch)", S),
        (
            r"(?:we'?ll|we will|we can) (?:get through|figure|work) (?:this|it) (?:out )?(?:together)?",
            M,
        ),
        (r"i miss (?:us|you)", M),
        (r"(?:come here|hug\?|hugs\?|can i (?:have|get) a hug)", M),
        (r"(?:can|could) we (?:talk|try) (?:about (?:this|it) )?(?:calmly|again|later|when)", M),
        (r"i (?:still )?love you(?:,| even| no matter| and)", W),
        (r"(?:that|this) came out wrong", S),
        (r"(?:i|we) (?:both )?(?:got|get) (?:a bit |too )?(?:heated|carried away)", M),
        (
            r"(?:i'?ll|i will) (?:come back|be back|talk to you) (?:in|after|when|later|tonight|tomorrow)",
            M,
        ),
        (r"(?:both|we)[^.!?]{0,20}(?:want|need) the same thing", M),
        (r"(?:friends|are we (?:ok|okay|good))\s*\?", M),
        (r"i'?m on your side", M),
        (r"\bforgive me\b", M),
    ),
    "appreciation": (
        (r"\bthank(?:s| you| u|s so much| you so much)\b", S),
        (r"\bthx\b|\bty\b|\btysm\b", M),
        (r"\bi (?:really |so |truly )?(?:appreciate|admire|value)", S),
        (r"\bi (?:love|loved|adore) (?:how|that|the way|it when) you", S),
        (
            r"\b(?:you'?re|you are|ur) (?:so |really |such an? |the )?(?:amazing|the best|wonderful|"
            r"awesome|incredible|brilliant|kind|sweet|thoughtful|great|lovely|good (?:at|to)|"
            r"a star|a gem|beautiful|gorgeous|talented|funny|smart|strong|generous|patient)",
            S,
        ),
        (r"\b(?:proud of you|so proud)", S),
        (r"\b(?:grateful|thankful) (?:for|to|that)", S),
        (r"\b(?:means|meant) (?:so much|a lot|the world)", S),
        (
            r"\b(?:that was|it was|that'?s|how) (?:so |really |very )?(?:kind|sweet|thoughtful|lovely|"
            r"generous) of you",
            S,
        ),
        (r"\b(?:well done|great job|good job|nice work|you did it|you nailed it|nailed it)\b", M),
        (r"\bi (?:couldn'?t|could not) have done (?:it|this) without you", S),
        (r"\b(?:love|loved|loving) (?:the|this|that|your|it)\b", W),
        (r"\blucky to have you", S),
        (r"(?:\u2764\ufe0f?|\U0001F970|\U0001F60D|\U0001F618|\U0001F495|\U0001F496|\U0001F64F)", W),
        (r"\b(?:cheers|much appreciated|appreciated)\b", M),
        (r"\byou made my day\b", S),
    ),
    "reassurance": (
        (r"\bi'?m (?:around|free|up|awake|staying (?:right )?here)\b", M),
        (r"\byou can (?:always )?(?:be yourself|come to me|call me|ring me|lean on me)", S),
        (r"\b(?:i'?m )?not going to let you (?:go through|face|do) (?:this|it|\w+) alone", S),
        (r"\byou shouldn'?t be alone", S),
        (r"\bi'?ll be (?:waiting|right there|there|outside|up|by your side|with you)\b", M),
        (r"^\s*not going anywhere", S),
        (r"\b(?:ring|call|text) me (?:when|if|any ?time|whenever)", M),
        (r"\bwe'?re in this together", S),
        (r"\b(?:it'?s|it is|everything'?s) going to be (?:ok|okay|fine|alright)", S),
        (r"\bnothing(?:'?s| is)? (?:going to|will|could) change how i feel", S),
        (r"\byou'?re never too much", S),
        (r"\bi'?ll wait (?:as long|for you)", S),
        (r"\bi'?m not (?:mad|angry|cross|upset)(?: at all)?[,.!]", M),
        (r"\bcome home when you'?re ready", M),
        (r"\bwe'?ll find a way", M),
        (r"\bi (?:trust|believe) you (?:completely|totally)?", M),
        (r"\byou'?ll always have (?:a home|me|a place)", S),
        (r"\bin your corner\b", S),
        (r"\bi promise\b", W),
        (r"\bproud to be (?:your|with you)", M),
        (r"\bi'?m (?:here|right here|always here|here for you|with you)\b", S),
        (r"\bi am (?:here|right here|always here|with you)\b", S),
        (r"\b(?:i'?m|i am) not going anywhere", S),
        (r"\byou can (?:tell|talk to|come to) me (?:about )?anything", S),
        (r"\byou'?re not alone", S),
        (r"\bi'?ve got you\b|\bi got you\b", S),
        (
            r"\bi(?:'?ll| will) (?:always )?(?:be there|be here|stay|stand by you|support you|"
            r"take care of|look after)",
            S,
        ),
        (r"\bi love you\b|\bluv (?:you|u)\b|\blove (?:you|u|ya)\b|\bily\b", M),
        (r"\b(?:no matter what|whatever happens)\b", M),
        (r"\b(?:we'?ll|we will) (?:be (?:ok|okay|fine|alright)|get through)", S),
        (r"\b(?:you'?ll|you will|it'?ll|it will|everything will) be (?:ok|okay|fine|alright)", M),
        (r"\b(?:take your time|no (?:rush|pressure))\b", M),
        (r"\b(?:don'?t|dont|no need to) (?:worry|apologi[sz]e|be sorry)\b", M),
        (
            r"\b(?:it'?s|its) (?:ok|okay|alright|fine),? (?:really|honestly|i promise|i'?m not (?:mad|angry))",
            M,
        ),
        (r"\bi'?m not (?:mad|angry|upset) (?:at|with) you", S),
        (r"\byou matter\b|\byou'?re (?:safe|enough|loved)\b", S),
        (r"\bi (?:still )?(?:care about|believe in) you\b", S),
        (r"\bcall me (?:if|whenever|anytime)|\bi'?m just a (?:call|text) away", S),
        (r"\b(?:thinking of|thinking about) you\b", M),
        (r"\bi(?:'?m| am) (?:on )?(?:your side|in your corner)", S),
        (r"\b(?:here if you need|here whenever you)", S),
    ),
    "boundary": (
        (
            r"\bi (?:need|want|'?d like) (?:some )?(?:space|time|a (?:break|minute|moment|breather|"
            r"pause|little time))",
            S,
        ),
        (
            r"\bi'?m (?:going to|gonna) (?:step (?:away|out)|take a (?:walk|break|minute|breather)|"
            r"go for a walk|leave the room|hang up)",
            S,
        ),
        (
            r"\b(?:i'?ll|i will) (?:step (?:away|out)|leave the room|hang up|end the call|take a "
            r"(?:break|walk))",
            S,
        ),
        (r"\bi'?m not (?:ok|okay|comfortable|willing) (?:with|to)", S),
        (r"\bi am not (?:ok|okay|comfortable|willing) (?:with|to)", S),
        (r"\b(?:that|this) (?:doesn'?t|does not|won'?t) work for me", S),
        (
            r"\bi (?:won'?t|will not|can'?t|cannot) (?:keep|continue|talk|do this|be (?:spoken|talked) "
            r"to|accept|stay)[^.!?]{0,40}(?:while|if|when|like this|this way)",
            S,
        ),
        (r"\bplease (?:don'?t|do not|stop)\b", M),
        (r"\bi (?:need|want|'?d like) you to (?:stop|not|respect|ask|knock|give me)", M),
        (
            r"\b(?:let'?s|can we|we can) (?:talk|pick this up|continue|come back to this) "
            r"(?:later|tomorrow|tonight|in (?:an|the|a)|after|when|once)",
            S,
        ),
        (
            r"\bi(?:'?ll| will) (?:text|call|talk to) you (?:later|tomorrow|tonight|in|after|when)",
            M,
        ),
        (
            r"\bi (?:can'?t|cannot|don'?t have the energy to) (?:talk|do this|have this conversation)"
            r" (?:right )?now",
            M,
        ),
        (r"\bnot (?:right )?now[,.]? (?:but|maybe|later|let'?s|i'?ll|tomorrow)", M),
        (
            r"\bi (?:need|'?m going) to (?:go to bed|sleep on it|cool down|calm down|think about it)",
            M,
        ),
        (
            r"\bif (?:the|you|this) (?:yelling|shouting|name[- ]calling|insults?)[^.!?]{0,30}(?:i'?ll|i "
            r"will|i'?m going to)",
            S,
        ),
        (
            r"\bmy (?:phone|body|money|friends|choice|decision)[^.!?]{0,20}(?:is|are) (?:mine|my (?:choice|"
            r"decision|business))",
            M,
        ),
        (r"\bi(?:'?ve| have) decided (?:not to|to)", W),
        (r"\bno,? (?:thank you|thanks)\b", W),
        (r"\bi'?d rather not", M),
        (r"\bthat'?s (?:a|my) (?:hard )?(?:no|limit|line)", S),
        (
            r"\bi (?:won'?t|will not) (?:share|give|send) (?:my|you my) (?:password|location|phone)",
            S,
        ),
    ),
}

# Words that negate a phrase when they come just before it in the same clause.
_NEGATORS: Final = frozenset(
    "not never no dont don't didnt didn't isnt isn't wasnt wasn't arent aren't wont won't "
    "cant can't couldnt couldn't shouldnt shouldn't nobody hardly without".split()
)
# Markers whose own phrases already contain negation or are whole-message patterns: a negation
# before them is part of the phrase, not a guard. (Checked per match, see _negated.)
_NEGATION_WINDOW: Final = 3

_REPORTED: Final = re.compile(
    r"\b(?:he|she|they|my (?:partner|husband|wife|boyfriend|girlfriend|ex|mum|mom|dad|boss|"
    r"friend)|[A-Z][a-z]+) (?:said|says|told me|tells me|called me|calls me|keeps saying|"
    r"texted|wrote|yelled|shouted|screamed|threatened)\b|\b(?:told me|called me|said that|"
    r"said i|says i|said my|says my)\b",
    re.IGNORECASE,
)
_QUOTED: Final = re.compile(r"\"[^\"]{2,}\"|\u201c[^\u201d]{2,}\u201d|\u00ab[^\u00bb]{2,}\u00bb")
_CLAUSE_END: Final = re.compile(r"[.!?;:\n]|,\s*(?:but|and then)\b|\bbut\b", re.IGNORECASE)
_WORD: Final = re.compile(r"[\w']+")
_BUT_AFTER: Final = re.compile(r"[^.!?]{0,60}\bbut\b")
_NON_APOLOGY: Final = re.compile(
    r"(?:i'?m |i am )?(?:so )?sorry (?:if|that you|you feel|you felt|you think)|"
    r"(?:i'?m |i am )?(?:so )?sorry,? i'?m not a"
)
_JOKE: Final = re.compile(
    r"\b(?:lol|lmao|haha\w*|jk|joking|kidding)\b|\U0001F602|\U0001F923|\U0001F61C"
)


def _expand(pattern: str) -> str:
    """Let ``'`` in a pattern match a straight or curly apostrophe, or none."""
    out = pattern.replace("'?", "'").replace("'", "['\u2019\u2018`]?")
    return out


def _part(index: int, pattern: str) -> str:
    body = _expand(pattern)
    prefix = "" if body.startswith(("^", r"\b", "(?:\\U", "(?:\\u", r"\*")) else r"(?<!\w)"
    return f"(?P<g{index}>{prefix}{body})"


_SINGLE: Final[dict[Marker, tuple[re.Pattern[str], ...]]] = {
    marker: tuple(
        re.compile(_part(i, pattern), re.MULTILINE) for i, (pattern, _w) in enumerate(CUES[marker])
    )
    for marker in MARKERS
}


def _matches(marker: Marker, active: tuple[int, ...], lowered: str) -> list[tuple[int, int, int]]:
    """``(start, end, pattern index)`` of the marker's phrases in ``lowered``.

    Only the ``active`` patterns run, each compiled on its own; the matches are then resolved
    as one alternation of all the marker's patterns would find them: scanning left to right,
    at each position the first pattern (in lexicon order) that matches wins, and the scan goes
    on after it.
    """
    singles = _SINGLE[marker]
    found = sorted(
        (match.start(), index, match.end())
        for index in active
        for match in singles[index].finditer(lowered)
    )
    chosen: list[tuple[int, int, int]] = []
    position = 0
    for start, index, end in found:
        if start < position:
            continue
        chosen.append((start, end, index))
        position = end if end > start else start + 1
    return chosen


def _factors(items: Any) -> frozenset[str] | None:
    """Strings of which every match of the parsed pattern ``items`` contains at least one.

    None when no such set is known (the pattern then always runs). Used only to skip patterns
    that cannot match, so a wrong None costs speed, never a cue.
    """
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(av))
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        found: frozenset[str] | None = None
        if name == "SUBPATTERN":
            found = _factors(av[-1])
        elif name == "ATOMIC_GROUP":
            found = _factors(av)
        elif name == "BRANCH":
            alternatives = [_factors(alternative) for alternative in av[1]]
            if all(alternative is not None for alternative in alternatives):
                found = frozenset().union(*(a for a in alternatives if a is not None))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            found = _factors(av[2])
        if found:
            candidates.append(found)
    if run:
        candidates.append(frozenset({"".join(run)}))
    if not candidates:
        return None
    return max(candidates, key=lambda group: (min(len(text) for text in group), -len(group)))


def _pattern_factors(pattern: str) -> frozenset[str] | None:
    try:
        return _factors(_PARSER.parse(_expand(pattern)))
    except Exception:  # pragma: no cover - an unparsable pattern fails at compile time anyway
        return None


_PARSER: Final[Any] = importlib.import_module("re._parser")
# factor string -> the (marker, pattern index) pairs it unlocks; and patterns that always run
_BY_FACTOR: Final[dict[str, list[tuple[Marker, int]]]] = {}
_ALWAYS: Final[dict[Marker, list[int]]] = {marker: [] for marker in MARKERS}
for _marker in MARKERS:
    for _index, (_pattern, _weight) in enumerate(CUES[_marker]):
        _found = _pattern_factors(_pattern)
        if _found is None:
            _ALWAYS[_marker].append(_index)
        else:
            for _text in _found:
                _BY_FACTOR.setdefault(_text, []).append((_marker, _index))
_WEIGHTS: Final[dict[Marker, tuple[float, ...]]] = {
    marker: tuple(weight for _pattern, weight in CUES[marker]) for marker in MARKERS
}


# The factors by their first three characters (shorter ones are always checked), so that a text
# is searched only for the factors whose start it contains, not for all of them.
_BY_TRIGRAM: Final[dict[str, list[str]]] = {}
for _text in _BY_FACTOR:
    if len(_text) >= 3:
        _BY_TRIGRAM.setdefault(_text[:3], []).append(_text)
_SHORT_FACTORS: Final = tuple(text for text in _BY_FACTOR if len(text) < 3)


def _active(lowered: str) -> dict[Marker, tuple[int, ...]]:
    """For each marker, the patterns that could match ``lowered`` (their factors occur in it)."""
    active: dict[Marker, set[int]] = {marker: set(_ALWAYS[marker]) for marker in MARKERS}
    starts = {lowered[i : i + 3] for i in range(len(lowered) - 2)}
    candidates = [text for start in starts for text in _BY_TRIGRAM.get(start, ())]
    for text in (*_SHORT_FACTORS, *candidates):
        if text in lowered:
            for marker, index in _BY_FACTOR[text]:
                active[marker].add(index)
    return {marker: tuple(sorted(found)) for marker, found in active.items() if found}


@dataclass(slots=True)
class CueResult:
    """Cue scores (0-1) for every marker, and the phrases that raised them."""

    scores: dict[Marker, float] = field(default_factory=dict)
    evidence: dict[Marker, list[str]] = field(default_factory=dict)


def _clause_start(text: str, start: int) -> int:
    last = 0
    for match in _CLAUSE_END.finditer(text, 0, start):
        last = match.end()
    return last


def _negated(text: str, start: int, clause_start: int, phrase: str) -> bool:
    """A negating word among the few words just before the phrase, in its clause."""
    if any(word in _NEGATORS for word in _WORD.findall(phrase.lower())[:1]):
        return False
    before = _WORD.findall(text[clause_start:start].lower().replace("\u2019", "'"))
    return any(word in _NEGATORS for word in before[-_NEGATION_WINDOW:])


def _reported(text: str, start: int, clause_start: int) -> bool:
    return _REPORTED.search(text, clause_start, start) is not None


def _in_quotes(quotes: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(q_start < start and end <= q_end for q_start, q_end in quotes)


def cue_scores(text: str) -> CueResult:
    """The cue score of every marker for ``text``, with the evidence phrases."""
    result = CueResult()
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lowered
        lowered = "".join(char if len(char.lower()) != 1 else char.lower() for char in text)
    quotes = [match.span() for match in _QUOTED.finditer(text)]
    whole_quote = len(quotes) == 1 and quotes[0][0] <= 1 and quotes[0][1] >= len(text.strip()) - 1
    if whole_quote:
        quotes = []  # a message that is only a quotation is the writer's own words
    joking = _JOKE.search(lowered) is not None
    active = _active(lowered)
    for marker in MARKERS:
        weights = _WEIGHTS[marker]
        miss = 1.0
        evidence: list[str] = []
        matches = _matches(marker, active[marker], lowered) if marker in active else []
        for start, end, index in matches:
            phrase = text[start:end].strip()
            if not phrase:
                continue
            weight = weights[index]
            clause_start = _clause_start(text, start)
            if _in_quotes(quotes, start, end) or _reported(text, start, clause_start):
                weight *= 0.15
            elif _negated(text, start, clause_start, phrase):
                weight *= 0.1
            if marker == "accountability" and (
                _BUT_AFTER.match(lowered, end) or _NON_APOLOGY.match(lowered, start)
            ):
                weight *= 0.2
            if marker in ("threat", "contempt", "criticism") and joking:
                weight *= 0.4
            if weight >= 0.3:
                evidence.append(phrase)
            miss *= 1.0 - weight
        score = 1.0 - miss
        result.scores[marker] = round(score, 4)
        if evidence:
            result.evidence[marker] = list(dict.fromkeys(evidence))
    return result


def cue_vector(result: CueResult) -> list[float]:
    """The cue scores in :data:`~feltsafe.lens.markers.MARKERS` order, for the trained heads."""
    return [result.scores.get(marker, 0.0) for marker in MARKERS]
