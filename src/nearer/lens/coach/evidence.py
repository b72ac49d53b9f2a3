"""Which words of a draft carry a disconnecting act, so the coach can quote them.

First the telltale phrases of each act (an "always", an eye-roll, "calm down"); when none is
there, the lens itself points: the clause whose removal lowers the act's probability most.
The evidence is always the draft's own words, exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from nearer.lens.coach.words import clauses, word_count
from nearer.lens.encoding import plain_quotes

# The telltale phrases, as a reader would spot them; matched without regard to case.
CUES: dict[str, tuple[str, ...]] = {
    "criticism": (
        r"\b(?:you|u)\s+(?:always|never|constantly)\b",
        r"\bwhy\s+(?:can't|cant|don't|won't|do)\s+(?:you|u)\b",
        r"\b(?:you're|you are|ur)\s+(?:so|such an?|always|never|too)\b",
        r"\bwhat(?:'s| is)\s+wrong\s+with\s+(?:you|u)\b",
        r"\b(?:you|u)\s+(?:don't|can't)\s+even\b",
        r"\bevery\s+(?:single\s+)?time\b",
        r"\b(?:you|u)\s+only\s+(?:ever\s+)?think\b",
    ),
    "contempt": (
        r"\b(?:pathetic|ridiculous|useless|idiot|stupid|moron|clown|lazy|grow up|get a grip|oh please|cry me a river|"
        r"so dramatic|typical|give me a break|big baby|poor (?:you|thing|baby))\b",
        r"🙄|😒|🤡|🥱|🙃|🤣",
        r"\bwow\b",
        r"\bsure(?:,| you)\b.*\b(?:did|do|are|were)\b",
    ),
    "defensiveness": (
        r"\bnot\s+my\s+fault\b",
        r"\bi\s+was\s+(?:just|only)\b",
        r"\bwhat\s+about\s+(?:you|when\s+you|the\s+time)\b",
        r"^\s*well,?\s+(?:you|u)\b",
        r"\bi\s+didn't\s+(?:mean|do|say|know)\b",
        r"\bthat's\s+not\s+(?:true|fair|what)\b",
        r"\b(?:you're|you are)\s+the\s+one\b",
        r"\bat\s+least\s+i\b",
        r"\bi\s+(?:already|always)\s+(?:said|do|did|told)\b",
        r"\bdon't\s+blame\s+me\b",
        r"\bhow\s+was\s+i\s+supposed\s+to\b",
    ),
    "stonewalling": (
        r"\b(?:i'm|im|i am)\s+done\b",
        r"\b(?:not|don't want to|won't be)\s+(?:talk|talking|discuss|discussing|doing this|going there)\b",
        r"\bleave\s+(?:me|it)(?:\s+alone)?\b",
        r"\bforget\s+it\b",
        r"\bdrop\s+it\b",
        r"\bwhatever\b",
        r"\bnot\s+now\b",
    ),
    "dismissal": (
        r"\b(?:you're|you are|ur)\s+(?:overreacting|being\s+(?:dramatic|silly|sensitive|paranoid))\b",
        r"\bnot\s+(?:a|that|such a)\s+big(?:\s+of\s+a)?\s+deal\b",
        r"\b(?:get|move)\s+over\s+it\b",
        r"\bcalm\s+down\b",
        r"\bit(?:'s| is)\s+(?:fine|nothing|not\s+that\s+bad)\b",
        r"\bdon't\s+be\s+(?:so\s+)?(?:sad|silly|dramatic|sensitive|like\s+that)\b",
        r"\b(?:could|can)\s+be\s+worse\b",
        r"\bat\s+least\b",
        r"\bstop\s+(?:worrying|stressing|crying|complaining)\b",
        r"\bjust\s+(?:relax|ignore|don't|chill)\b",
        r"\beveryone\s+(?:feels|goes through)\b",
    ),
    "brush_off": (
        r"^\W*(?:fine|ok|okay|k|kk|sure|nothing|idk|meh|nm|all good|good|busy|yeah|yep|cool|nvm)\W*$",
        r"\b(?:i'm|im|i am|it's|its)\s+fine\b",
        r"\b(?:it's|its)\s+nothing\b",
        r"\bnothing\s+much\b",
        r"\bdon't\s+worry\s+about\s+(?:it|me)\b",
        r"\bnot\s+now\b",
        r"\bnvm\b|\bnever\s*mind\b",
    ),
}
_COMPILED = {act: tuple(re.compile(cue, re.IGNORECASE) for cue in cues) for act, cues in CUES.items()}
MOST_WORDS = 14

Scorer = Callable[[Sequence[str]], Sequence[float]]  # the act's probability for each variant of the draft


def _clause_around(draft: str, start: int, end: int) -> str:
    """The clause of the draft that holds [start, end), cut to at most MOST_WORDS words around it."""
    left = max(draft.rfind(mark, 0, start) for mark in (".", "!", "?", ";", "\n"))
    rights = [i for i in (draft.find(mark, end) for mark in (".", "!", "?", ";", "\n")) if i != -1]
    right = min(rights) + 1 if rights else len(draft)
    clause = draft[left + 1 : right].strip()
    if word_count(clause) <= MOST_WORDS:
        return clause
    return _first_words(draft[start:right], 8)


def _first_words(text: str, count: int) -> str:
    """The first ``count`` words of ``text``, exactly as written (spacing and all)."""
    match = re.match(r"\s*((?:\S+\s+){0,COUNT}\S+)".replace("COUNT", str(count - 1)), text)
    return match.group(1) if match else text.strip()


def find_evidence(act: str, draft: str, scorer: Scorer) -> str:
    """The words of ``draft`` that carry ``act``, quoted exactly as written (the cues are looked for with its
    quotes made plain, which keeps every offset, so "you’re so" is found and quoted with its own apostrophe)."""
    plain = plain_quotes(draft)
    for cue in _COMPILED.get(act, ()):
        match = cue.search(plain)
        if match:
            return _clause_around(draft, match.start(), match.end())
    pieces = [p for p in clauses(draft) if p in draft]
    if len(pieces) <= 1:
        return draft.strip() if word_count(draft) <= MOST_WORDS else _first_words(draft, MOST_WORDS)
    # The lens points: drop each clause in turn; the one whose absence lowers the act most carries it.
    without = [draft.replace(piece, " ", 1) for piece in pieces]
    scores = list(scorer([draft, *without]))
    drops = [scores[0] - s for s in scores[1:]]
    return pieces[max(range(len(pieces)), key=drops.__getitem__)]
