"""What the coach takes from the two messages' own words: the feelings named, what the partner's
message is about, the partner's point said back from the writer's side, and what a critical
draft complains about and wishes for.

Plain patterns over English text: they find something in most messages and nothing in some, and
the coach only uses a phrase whose every blank they could fill.
"""

from __future__ import annotations

import re

# Feeling words a person might name, and the word to say back; the longest match wins.
FEELINGS = {
    "lonely": "lonely",
    "alone": "lonely",
    "isolated": "isolated",
    "left out": "left out",
    "invisible": "invisible",
    "unseen": "unseen",
    "ignored": "ignored",
    "unheard": "unheard",
    "stressed": "stressed",
    "stressed out": "stressed",
    "stressful": "stressed",
    "overwhelmed": "overwhelmed",
    "swamped": "swamped",
    "exhausted": "exhausted",
    "knackered": "exhausted",
    "tired": "tired",
    "drained": "drained",
    "burnt out": "burnt out",
    "burned out": "burnt out",
    "anxious": "anxious",
    "nervous": "nervous",
    "worried": "worried",
    "scared": "scared",
    "afraid": "afraid",
    "terrified": "frightened",
    "sad": "sad",
    "down": "down",
    "low": "low",
    "heartbroken": "heartbroken",
    "gutted": "gutted",
    "devastated": "devastated",
    "hurt": "hurt",
    "upset": "upset",
    "angry": "angry",
    "furious": "furious",
    "frustrated": "frustrated",
    "annoyed": "annoyed",
    "fed up": "fed up",
    "sick of": "fed up",
    "disappointed": "disappointed",
    "let down": "let down",
    "embarrassed": "embarrassed",
    "ashamed": "ashamed",
    "guilty": "guilty",
    "stuck": "stuck",
    "lost": "lost",
    "confused": "confused",
    "hopeless": "hopeless",
    "jealous": "jealous",
    "insecure": "insecure",
    "homesick": "homesick",
    "excited": "excited",
    "happy": "happy",
    "proud": "proud",
    "thrilled": "thrilled",
    "relieved": "relieved",
    "grateful": "grateful",
    "struggling": "stretched thin",
}
_NEGATED = re.compile(r"\b(not|never|isn't|wasn't|don't|didn't|no longer)\s+(\w+\s+)?$", re.IGNORECASE)
_FEELING = re.compile(r"\b(" + "|".join(sorted(map(re.escape, FEELINGS), key=len, reverse=True)) + r")\b", re.I)

# Said back from the other side: "my boss" becomes "your boss", "you forgot" becomes "I forgot".
_TO_WRITER = {"you": "I", "you're": "I'm", "youre": "I'm", "you've": "I've", "you'd": "I'd", "you'll": "I'll",
              "your": "my", "yours": "mine", "yourself": "myself", "are": "am", "were": "was", "u": "I", "ur": "my",
              "me": "you", "my": "your", "i": "you", "i'm": "you're"}  # fmt: skip

_CLAUSE_BREAK = re.compile(r"[.!?;\n]+|,\s+|\s+-\s+|\s+(?:but|because|cause|cuz)\s+", re.IGNORECASE)
_WORD = re.compile(r"[\w']+", re.UNICODE)
_STOP = {"is", "was", "has", "had", "have", "just", "and", "but", "so", "been", "keeps", "kept", "that", "this",
         "it", "at", "to", "in", "on", "of", "for", "with", "a", "an", "the", "really", "too", "again",
         "today", "tonight", "lately", "anymore", "always", "never", "being", "getting", "got", "are", "will",
         "would", "can", "could", "did", "does", "do", "said", "says", "thinks", "think", "wants"}  # fmt: skip
_TOPICS = ("work", "job", "boss", "interview", "exam", "exams", "school", "uni", "class", "money", "rent", "bills",
           "health", "doctor", "appointment", "results", "diagnosis", "surgery", "therapy", "move", "flat",
           "house", "wedding", "funeral", "trip", "project", "deadline", "shift", "shifts", "presentation",
           "mum", "mom", "dad", "family", "sister", "brother", "kids", "baby", "friend", "friends", "team")  # fmt: skip
_MODIFIERS = {"new", "old", "best", "little", "big", "whole", "first", "last", "next", "final", "own"}
_EVER = re.compile(r"\s+(?:ever|anymore|any more|again|at all|for once|for a change)$", re.IGNORECASE)
_FILLER = re.compile(r"\b(?:even|just|literally|actually|ever)\s+", re.IGNORECASE)


GLAD = frozenset({"excited", "happy", "proud", "thrilled", "relieved", "grateful"})
_GOOD_NEWS = re.compile(
    r"\b(?:i|we)\s+(?:passed|won|did it|made it|nailed it|aced it)\b|\b(?:i|we)\s+got\s+(?:the\s+(?:job|offer|flat|"
    r"house|place|part|grant|scholarship|promotion)|in\b|a\s+raise|promoted|engaged|married|accepted|hired)|"
    r"\b(?:i'm|im|we're)\s+(?:engaged|pregnant|promoted)\b|\bgood news\b",
    re.IGNORECASE,
)
_CHATTER = re.compile(r"(?:\s+(?:lol|lmao|haha+|hehe|xx+|x)\b|[\s\U0001F300-\U0001FAFF\u2600-\u27BF]+)+$", re.I)


def good_news(text: str) -> bool:
    """Whether a message shares something good (and names nothing hard)."""
    named = set(feelings(text))
    return bool(named & GLAD or _GOOD_NEWS.search(text)) and not (named - GLAD)


def clauses(text: str) -> list[str]:
    """The text cut at sentence ends, commas and joining words, each piece stripped, none empty."""
    return [piece.strip(" \"'") for piece in _CLAUSE_BREAK.split(text) if piece and piece.strip(" \"'")]


def feelings(text: str) -> list[str]:
    """The feelings a message names about its writer, in order, without negated ones ("not worried")."""
    found: list[str] = []
    for match in _FEELING.finditer(text):
        if _NEGATED.search(text[: match.start()]):
            continue
        said_back = FEELINGS[match.group(1).lower()]
        if said_back not in found:
            found.append(said_back)
    return found


def swap(words: str, table: dict[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        return table.get(word.lower(), word)

    return _WORD.sub(one, words)


def topic(text: str) -> str | None:
    """What a message is about, said to its writer: "my new job" gives "your new job"."""
    words = _WORD.findall(text)
    lowered = [w.lower() for w in words]
    for at, word in enumerate(lowered[:-1]):
        if word != "my":
            continue
        picked = [words[at + 1]]
        joined_to_next = lowered[at + 1] in _MODIFIERS or lowered[at + 1].endswith("'s")
        if joined_to_next and at + 2 < len(words) and lowered[at + 2] not in _STOP:
            picked.append(words[at + 2])
        if picked[0].lower() not in _STOP:
            return "your " + " ".join(picked)
    for at, word in enumerate(lowered[:-1]):
        if word in ("the", "this", "that") and lowered[at + 1] in _TOPICS:
            return f"the {words[at + 1]}"
    for word in lowered:
        if word in _TOPICS:
            return word if word in ("work", "school", "uni", "money", "health", "therapy", "family") else f"the {word}"
    return None


def quote(text: str, most_words: int = 8) -> str | None:
    """A few of the message's own words worth quoting back: the clause that names a feeling, else the first
    clause that says something about the writer; None when nothing short enough fits."""
    pieces = clauses(text)
    if not pieces:
        return None
    with_feeling = [p for p in pieces if _FEELING.search(p)]
    about_self = [p for p in pieces if re.search(r"\b(i|i'm|im|i've|my|me)\b", p, re.IGNORECASE)]
    for piece in [*with_feeling, *about_self, pieces[0]]:
        piece = _CHATTER.sub("", piece)
        if 2 <= len(_WORD.findall(piece)) <= most_words:
            return piece
    return None


def their_point(context: str) -> str | None:
    """The partner's complaint said back by the writer: "you forgot to call" gives "I forgot to call"."""
    for piece in clauses(context):
        match = re.search(r"\b(?:you|u)\b\s+(?!know\b|mean\b)[\w'].*", piece, re.IGNORECASE)
        if match and 3 <= len(_WORD.findall(match.group(0))) <= 12:
            return swap(match.group(0), _TO_WRITER)
    return None


def complaint(draft: str) -> tuple[str | None, str | None]:
    """What a critical draft complains about, as something that happens ("you leave dishes in the sink"),
    and what it wishes for ("you'd listen to me"); either may be None."""
    for piece in clauses(draft):
        text = _FILLER.sub("", piece)
        never = re.search(r"\b(?:you|u)\s+(?:never|don't|do not|can't|cannot|won't)\s+(.+)", text, re.IGNORECASE)
        if never:
            action = _EVER.sub("", never.group(1)).strip()
            if 1 <= len(_WORD.findall(action)) <= 10:
                return f"you don't {action}", f"you'd {action}"
        why_not = re.search(r"\bwhy\s+(?:can't|cant|won't|don't|do not)\s+(?:you|u)\s+(.+)", text, re.IGNORECASE)
        if why_not:
            action = _EVER.sub("", why_not.group(1)).strip()
            if 1 <= len(_WORD.findall(action)) <= 10:
                return None, f"you'd {action}"
        always = re.search(r"\b(?:you|u)\s+(?:always|constantly|keep)\s+(.+)", text, re.IGNORECASE)
        why_always = re.search(r"\bwhy\s+do\s+(?:you|u)\s+always\s+(.+)", text, re.IGNORECASE)
        found = always or why_always
        if found:
            action = found.group(1).strip()
            if 1 <= len(_WORD.findall(action)) <= 10:
                return f"you {action}", None
    return None, None


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
