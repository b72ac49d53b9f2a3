"""Words said back from the other side: what the partner said of "you" and "I", as the writer says it.

>>> said_back("you never text me back when I text you")
'I never text you back when you text me'

"you" is a subject ("I") or an object ("me") by its neighbours: an object after a preposition, or
before one, a conjunction, an adverb or the end ("I text you", "without you", "tell you when");
otherwise a subject ("you forgot", "I thought you were"). The verb "to be" next to a swapped
subject turns with it ("you were" -> "I was", "was I" -> "were you"), and no other ("they were").
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[\w']+|[^\w']+")
_WORDISH = re.compile(r"[\w']")

# One word for one, whatever its place: "your boss" -> "my boss", "I'm" -> "you're".
_SAID_BACK = {"you're": "I'm", "youre": "I'm", "you've": "I've", "you'd": "I'd", "you'll": "I'll", "your": "my",
              "yours": "mine", "yourself": "myself", "ur": "my", "i": "you", "me": "you", "my": "your", "mine": "yours",
              "myself": "yourself", "i'm": "you're", "im": "you're", "i've": "you've", "i'd": "you'd",
              "i'll": "you'll"}  # fmt: skip
_YOU = frozenset({"you", "u"})
_I = frozenset({"i", "i'm", "im", "i've", "i'd", "i'll"})  # capitalised wherever they stand
# "to be" beside a subject that turns: (what it is beside "you", beside "I") and the other way round.
_BE_FOR_I = {"are": "am", "were": "was", "aren't": "am not", "weren't": "wasn't"}
_BE_FOR_YOU = {"am": "are", "was": "were", "wasn't": "weren't"}
# After "you" these mean it was the object: "tell you when", "need you to", "miss you so much", "told you I".
_OBJECT_NEXT = frozenset({"to", "for", "with", "at", "about", "from", "of", "on", "in", "into", "back", "again",
                          "too", "so", "more", "less", "much", "anymore", "enough", "all", "both", "now", "today",
                          "tonight", "here", "there", "first", "though", "and", "or", "but", "when", "if", "because",
                          "cause", "that", "this", "these", "those", "a", "an", "the", "what", "how", "why", "where",
                          "who", "up", "out", "off", "over", "around", "like", "than", "as", "lol", "x", "xx",
                          "either", "yet", "already", "once", "twice", "before", "after", "while", "until", "since",
                          "instead", "guys", "i", "i'm", "i've", "i'd", "i'll", "we", "he", "she", "they", "it",
                          "it's", "my", "your", "his", "her", "their", "our", "me", "you"})  # fmt: skip
# Before "you" these mean it is the object: "for you", "without you".
_OBJECT_BEFORE = frozenset({"to", "for", "with", "at", "about", "from", "of", "on", "without", "like", "than", "by",
                            "around", "behind", "after", "before", "into", "onto", "near", "against", "toward",
                            "towards", "beside"})  # fmt: skip


def said_back(text: str) -> str:
    """``text`` with its first and second persons swapped, spacing and punctuation as they were."""
    parts = _TOKEN.findall(text)
    at = [k for k, part in enumerate(parts) if _WORDISH.match(part)]
    lowered = [parts[k].lower() for k in at]
    subject = [_is_subject(lowered, n) for n in range(len(at))]
    for n, k in enumerate(at):
        word = lowered[n]
        if word in _YOU:
            turned = "I" if subject[n] else "me"
        elif word in _SAID_BACK:
            turned = _SAID_BACK[word]
        elif word in _BE_FOR_I and _beside(lowered, subject, n, _YOU):
            turned = _BE_FOR_I[word]
        elif word in _BE_FOR_YOU and _beside(lowered, subject, n, {"i"}):
            turned = _BE_FOR_YOU[word]
        else:
            continue
        capital = n == 0 if word in _I else parts[k][0].isupper()
        parts[k] = turned[0].upper() + turned[1:] if capital or turned.startswith("I") else turned
    return "".join(parts)


def _is_subject(lowered: list[str], n: int) -> bool:
    """Whether ``lowered[n]``, when it is "you", is the subject (see the module's docstring)."""
    before = lowered[n - 1] if n > 0 else None
    after = lowered[n + 1] if n + 1 < len(lowered) else None
    if before in _OBJECT_BEFORE:
        return False
    if after is None:
        return before is None
    return after not in _OBJECT_NEXT


def _beside(lowered: list[str], subject: list[bool], n: int, persons: set[str] | frozenset[str]) -> bool:
    """Whether the word at ``n`` (a form of "to be") has one of ``persons`` as its subject just before or,
    in a question, just after it."""
    for m in (n - 1, n + 1):
        if 0 <= m < len(lowered) and lowered[m] in persons and (lowered[m] == "i" or subject[m]):
            return True
    return False
