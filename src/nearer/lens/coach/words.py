"""What the coach takes from the two messages' own words: the feelings named, what the partner's
message is about, the partner's point said back from the writer's side, and what a critical
draft complains about and wishes for.

Plain patterns over English text: they find something in most messages and nothing in some, and
the coach only uses a phrase whose every blank they could fill.
"""

from __future__ import annotations

import re

from nearer.lens.coach.pronouns import said_back
from nearer.lens.encoding import plain_quotes

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
# Words that are feelings only where someone is said to feel them: "I feel so down", not "calm down",
# "lost my keys", "down the road", "leave me alone".
_ONLY_WHEN_FELT = frozenset({"down", "low", "lost", "alone"})
_FELT = re.compile(
    r"\b(?:feel|feels|felt|feeling|i'm|im|i am|i was|i've been|ive been|been|being|so|really|very|pretty|quite|too|"
    r"all|bit|little|kinda|kind of|sort of|totally|completely|utterly|super|seem|seems|sound|sounds)\s+$",
    re.IGNORECASE,
)
# ... and not where what follows shows another sense: "I'm down for pizza", "low on milk", "happy birthday".
_OTHER_SENSE = {
    "down": re.compile(r"^\s+(?:for|to|with|the|there|here|at|by|on|in|under|stairs)\b", re.IGNORECASE),
    "low": re.compile(r"^\s+(?:on|battery|key|cost|budget|carb|fat)\b", re.IGNORECASE),
    "happy": re.compile(r"^\s+(?:birthday|anniversary|new year|christmas|holidays|easter|hour|to help)\b", re.I),
}
# Whose feeling it is, by the person spoken of last before it: "I'm exhausted and you're so stressed".
_WRITER = frozenset({"i", "i'm", "im", "i've", "ive", "i'd", "i'll", "me", "myself", "we", "we're", "us"})
_SOMEONE_ELSE = frozenset({"you", "you're", "youre", "u", "ur", "your", "yourself", "he", "she", "they", "him", "her",
                           "them", "he's", "she's", "they're", "his", "their", "everyone", "everybody"})  # fmt: skip

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
# "my bad", "oh my god", "my pleasure": fixed phrases, not what a message is about.
_NOT_TOPICS = {"bad", "god", "gosh", "goodness", "lord", "word", "days", "dear", "darling", "love", "pleasure",
               "treat", "fault", "mistake", "turn", "apologies", "condolences", "heavens", "life"}  # fmt: skip
_EVER = re.compile(r"\s+(?:ever|anymore|any more|again|at all|for once|for a change)$", re.IGNORECASE)
_FILLER = re.compile(r"\b(?:even|just|literally|actually|ever)\s+", re.IGNORECASE)


GLAD = frozenset({"excited", "happy", "proud", "thrilled", "relieved", "grateful"})
_GOOD_NEWS = re.compile(
    r"\b(?:i|we)\s+(?:passed(?!\s+(?:out|away|on|over|by)\b)|won(?!')|nailed it|aced it|did it(?=\s*(?:[!.]|$))|"
    r"made it(?!\s+(?:worse|awkward|weird|harder|about|up|clear|sound|look)\b))\b|"
    r"\b(?:i|we)\s+got\s+(?:the\s+(?:job|offer|flat|house|place|part|grant|scholarship|promotion)\b|"
    r"in(?=\s*(?:[!.]|$))|into\s+(?:(?:the\s+)?(?:uni|university|college|course|programme|program|school|team|band|"
    r"final)|my\s+first\s+choice)\b|a\s+raise\b|promoted\b|engaged\b|married\b|accepted\b|hired\b)|"
    r"\b(?:i'm|im|we're)\s+(?:engaged|pregnant|promoted)\b|\bgood news\b",
    re.IGNORECASE,
)
# What makes news not (only) good: "no good news", "any good news?", and anything hard beside it.
_NOT_GOOD = re.compile(
    r"\b(?:no|not|any|never|without|hoping for|waiting for|waiting on)\s+(?:\w+\s+)?good news\b|\bgood news\s*\?|"
    r"\b(?:bad news|accident|crash|crashed|hospital|a&e|fired|sacked|laid off|died|passed away|funeral|cancer|"
    r"broke up|dumped|rejected|failed|injured|fight|divorce|miscarriage|lost (?:my|our|the) (?:job|baby))\b",
    re.IGNORECASE,
)
_CHATTER = re.compile(r"(?:\s+(?:lol|lmao|haha+|hehe|xx+|x)\b|[\s\U0001F300-\U0001FAFF\u2600-\u27BF]+)+$", re.I)


def good_news(text: str) -> bool:
    """Whether a message shares something good (and names nothing hard): "I got in!!", not "I got in a car
    accident" or "no good news from the doctor"."""
    text = plain_quotes(text)
    named = set(feelings(text))
    return bool(named & GLAD or _GOOD_NEWS.search(text)) and not (named - GLAD) and not _NOT_GOOD.search(text)


def clauses(text: str) -> list[str]:
    """The text cut at sentence ends, commas and joining words, each piece stripped, none empty."""
    return [piece.strip(" \"'") for piece in _CLAUSE_BREAK.split(text) if piece and piece.strip(" \"'")]


def feelings(text: str) -> list[str]:
    """The feelings a message names, in order, without negated ones ("not worried") and without words
    used in another sense ("calm down", "I lost my keys")."""
    return [said for said, _ in _felt(plain_quotes(text))]


def own_feelings(text: str) -> list[str]:
    """The hard feelings a draft's writer names about themselves: "I feel so let down" gives "let down";
    not the partner's ("you're always so angry") and not glad ones ("I'm happy for you but...")."""
    text = plain_quotes(text)
    own: list[str] = []
    for said, start in _felt(text):
        people = [w for w in _WORD.findall(text[:start].lower()) if w in _WRITER or w in _SOMEONE_ELSE]
        if said not in GLAD and (not people or people[-1] in _WRITER) and said not in own:
            own.append(said)
    return own


def _felt(text: str) -> list[tuple[str, int]]:
    """Each feeling named (said back as in FEELINGS) with where it starts, first mention only."""
    found: list[tuple[str, int]] = []
    for match in _FEELING.finditer(text):
        word = match.group(1).lower()
        before, after = text[: match.start()], text[match.end() :]
        if _NEGATED.search(before) or (word in _ONLY_WHEN_FELT and not _FELT.search(before)):
            continue
        if word in _OTHER_SENSE and _OTHER_SENSE[word].search(after):
            continue
        said = FEELINGS[word]
        if all(said != seen for seen, _ in found):
            found.append((said, match.start()))
    return found


def topic(text: str) -> str | None:
    """What a message is about, said to its writer: "my new job" gives "your new job"; "my bad" and
    "oh my god" give nothing."""
    words = _WORD.findall(plain_quotes(text))
    lowered = [w.lower() for w in words]
    for at, word in enumerate(lowered[:-1]):
        if word != "my" or (at > 0 and lowered[at - 1] == "oh") or lowered[at + 1] in _NOT_TOPICS:
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
    pieces = clauses(plain_quotes(text))
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
    """The partner's complaint said back by the writer: "you forgot to call" gives "I forgot to call",
    "you never text me back when I text you" gives "I never text you back when you text me"."""
    for piece in clauses(plain_quotes(context)):
        match = re.search(r"\b(?:you|u)\b\s+(?!know\b|mean\b)[\w'].*", piece, re.IGNORECASE)
        if match and 3 <= len(_WORD.findall(match.group(0))) <= 12:
            return said_back(match.group(0))
    return None


def complaint(draft: str) -> tuple[str | None, str | None]:
    """What a critical draft complains about, as something that happens ("you leave dishes in the sink"),
    and what it wishes for ("you'd listen to me"); either may be None. An -ing form stays grammatical:
    "you keep ignoring me" gives "you're ignoring me", "you never listening" gives "you're not listening"."""
    for piece in clauses(plain_quotes(draft)):
        text = _FILLER.sub("", piece)
        never = re.search(r"\b(?:you|u)\s+(?:never|don't|do not|can't|cannot|won't)\s+(.+)", text, re.IGNORECASE)
        if never:
            action = _EVER.sub("", never.group(1)).strip()
            if 1 <= len(_WORD.findall(action)) <= 10:
                if _doing(action):
                    return f"you're not {action}", None
                return f"you don't {action}", f"you'd {action}"
        why_not = re.search(r"\bwhy\s+(?:can't|cant|won't|don't|do not)\s+(?:you|u)\s+(.+)", text, re.IGNORECASE)
        if why_not:
            action = _EVER.sub("", why_not.group(1)).strip()
            if 1 <= len(_WORD.findall(action)) <= 10:
                return None, f"you'd {action}"
        always = re.search(r"\b(?:you|u)\s+(always|constantly|keep(?:\s+on)?)\s+(.+)", text, re.IGNORECASE)
        why_always = re.search(r"\bwhy\s+do\s+(?:you|u)\s+(always)\s+(.+)", text, re.IGNORECASE)
        found = always or why_always
        if found:
            action = found.group(2).strip()
            if 1 <= len(_WORD.findall(action)) <= 10:
                if _doing(action):
                    return f"you're {action}", None
                # Before anything but an -ing form, "keep" is the verb itself: "you keep secrets from me".
                verb = found.group(1)
                return (f"you {verb} {action}" if verb.lower().startswith("keep") else f"you {action}"), None
    return None, None


# Words ending in -ing that are not the -ing form of a verb.
_NOT_DOING = frozenset({"bring", "sing", "ring", "sting", "swing", "cling", "fling", "wring", "spring", "string",
                        "sling", "thing", "nothing", "something", "everything", "anything", "king", "wing", "ceiling",
                        "morning", "evening", "during", "sibling", "darling", "pudding", "wedding", "building",
                        "feeling"})  # fmt: skip


def _doing(action: str) -> bool:
    """Whether ``action`` starts with an -ing form ("ignoring me"), which needs "you're", not "you"."""
    first = action.split(maxsplit=1)[0].lower()
    return len(first) > 4 and first.endswith("ing") and first not in _NOT_DOING


def word_count(text: str) -> int:
    return len(_WORD.findall(text))
