"""Where to turn when someone may be in danger: shown before anything else wherever the lens reads
``safety``. Free, confidential lines only; no advertising and no paid referrals. Facts as published
by each service; check them when this file is touched."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import numpy as np

from nearer.lens.encoding import plain_quotes

CRISIS_RESOURCES = (
    "If you or anyone else is in danger right now, call your local emergency number "
    "(911 in the US and Canada, 999 in the UK, 112 across the EU, 000 in Australia).",
    "Thinking about suicide or self-harm: in the US call or text 988 (Suicide & Crisis Lifeline); "
    "in the UK and Ireland call Samaritans on 116 123; elsewhere, findahelpline.com lists free lines by country.",
    "Afraid of a partner or family member: in the US call the National Domestic Violence Hotline on "
    "1-800-799-7233 or text START to 88788; in the UK call the National Domestic Abuse Helpline on 0808 2000 247.",
    "You can talk to someone you trust, or to your doctor, too. You don't have to handle this alone.",
)

# Words that may mean someone is in danger; the coach errs toward support when it sees them. They are
# matched in the text made plain (see _plain): lowercase (so no IGNORECASE, which triples the time),
# plain apostrophes, single spaces.
UNSAFE_WORDS = re.compile(
    r"\b(?:kill|hurt|harm)\s+myself\b|\bend\s+(?:it\s+all|my\s+life)\b|\bsuicid|\btake\s+my\s+(?:own\s+)?life\b|"
    # "cut myself a slice", "cut myself shaving", "cut myself off from everyone" are not self-harm.
    r"\bcut\s+myself\b(?!\s+(?:a|an|some|off|slack|shaving|while|chopping|on\s+(?:a|the|some|my)\b))|"
    r"\b(?:don't|do not|dont)\s+want\s+to\s+(?:be\s+here|live|wake\s+up)\b|\bwant\s+to\s+die\b|"
    r"\bwish\s+i\s+(?:was|were)\s+dead\b|\bbetter\s+off\s+without\s+me\b|"
    r"\bbetter\s+off\s+if\s+i\s+(?:wasn't|was\s+not|weren't|was\s+gone|died)\b|\bif\s+i\s+was\s+gone\b|"
    r"\bif\s+i\s+(?:wasn't|weren't)\s+(?:here|around|alive)\s+any\s?more\b|\bnot\s+be\s+here\s+any\s?more\b|"
    # "no point going on about it" is about an argument, not a life.
    r"\bno\s+(?:point|reason)\s+(?:in\s+)?(?:living|going\s+on(?!\s+about))\b|"
    r"\b(?:he|she|they)\s+(?:hit|hits)\s+me\b(?!\s+up)|\b(?:he|she|they)\s+(?:choked|strangled)\s+me\b|"
    r"\b(?:scared|afraid|terrified)\s+(?:of|to\s+go\s+home\s+to)\s+(?:him|her|them)\b|\bthreatened\s+to\s+(?:kill|hurt)\b"
)
# Cheap to look for first: every phrase above, made plain, holds one of these.
_ANCHORS = (
    "myself", "end it", "end my", "suicid", "my life", "own life", "be here", "to live", "to wake", "to die",
    "dead", "better off", "if i w", "no point", "no reason", "he hit", "they hit", "choked", "strangled", "scared of",
    "scared to", "afraid", "terrified", "threatened",
)  # fmt: skip
_ANCHOR_BYTES = tuple(anchor.encode() for anchor in _ANCHORS)
# A whole chat is read at once as bytes: ASCII lowercased and its whitespace made spaces in one pass, then
# the no-break spaces chat apps put in.
_LOWER_SPACED = bytes.maketrans(
    bytes(range(65, 91)) + b"\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f", bytes(range(97, 123)) + b" " * 9
)
_WIDE_SPACES = ("\u00a0".encode(), "\u202f".encode())


def _plain(text: str) -> str:
    return " ".join(plain_quotes(text).lower().split())


def sounds_unsafe(text: str) -> bool:
    """Whether a message holds words that may mean someone is in danger. Leans toward saying yes: it backs up
    the lens wherever nearer would rather offer support needlessly than miss the need. Reads the words however
    they are typed: "I don’t want to be here" with a curly apostrophe, in capitals, or with doubled spaces."""
    plain = _plain(text)
    return any(anchor in plain for anchor in _ANCHORS) and UNSAFE_WORDS.search(plain) is not None


def unsafe_among(texts: Sequence[str]) -> list[int]:
    """The indexes of the texts that sound unsafe: what ``sounds_unsafe`` says of each, for a whole chat.

    The anchors are looked for in all the texts at once, joined as lowercase bytes, one fast scan an
    anchor instead of a Python step for every anchor of every message; only the few texts that hold
    one are matched in full. Words parted by a rarer space than those in ``_WIDE_SPACES`` (an em
    space, say) are heard by ``sounds_unsafe`` alone.
    """
    blob = b"\x00".join([text.encode("utf-8", "replace") for text in texts]).translate(_LOWER_SPACED)
    for wide in _WIDE_SPACES:
        blob = blob.replace(wide, b" ")
    while b"  " in blob:
        blob = blob.replace(b"  ", b" ")
    ends: list[int] = np.flatnonzero(np.frombuffer(blob, dtype=np.uint8) == 0).tolist()
    if len(ends) != len(texts) - 1:  # some text holds a NUL of its own: read them one by one
        return [row for row, text in enumerate(texts) if sounds_unsafe(text)]
    maybe: set[int] = set()
    for anchor in _ANCHOR_BYTES:
        at = blob.find(anchor)
        while at != -1:
            row = bisect.bisect_left(ends, at)
            maybe.add(row)
            at = blob.find(anchor, ends[row] + 1) if row < len(ends) else -1
    return sorted(row for row in maybe if sounds_unsafe(texts[row]))
