"""Where to turn when someone may be in danger: shown before anything else wherever the lens reads
``safety``. Free, confidential lines only; no advertising and no paid referrals. Facts as published
by each service; check them when this file is touched."""

from __future__ import annotations

import re

CRISIS_RESOURCES = (
    "If you or anyone else is in danger right now, call your local emergency number "
    "(911 in the US and Canada, 999 in the UK, 112 across the EU, 000 in Australia).",
    "Thinking about suicide or self-harm: in the US call or text 988 (Suicide & Crisis Lifeline); "
    "in the UK and Ireland call Samaritans on 116 123; elsewhere, findahelpline.com lists free lines by country.",
    "Afraid of a partner or family member: in the US call the National Domestic Violence Hotline on "
    "1-800-799-7233 or text START to 88788; in the UK call the National Domestic Abuse Helpline on 0808 2000 247.",
    "You can talk to someone you trust, or to your doctor, too. You don't have to handle this alone.",
)

# Words that may mean someone is in danger; the coach errs toward support when it sees them.
UNSAFE_WORDS = re.compile(
    r"\b(?:kill|hurt|harm|cut)\s+myself\b|\bend\s+(?:it\s+all|my\s+life)\b|\bsuicid|"
    r"\b(?:don't|do not|dont)\s+want\s+to\s+(?:be\s+here|live|wake\s+up)\b|\bbetter\s+off\s+without\s+me\b|"
    r"\bbetter\s+off\s+if\s+i\s+(?:wasn't|was\s+not|weren't|was\s+gone|died)\b|\bif\s+i\s+was\s+gone\b|"
    r"\bif\s+i\s+(?:wasn't|weren't)\s+(?:here|around|alive)\s+any\s?more\b|\bnot\s+be\s+here\s+any\s?more\b|"
    r"\bno\s+(?:point|reason)\s+(?:in\s+)?(?:living|going\s+on)\b|\b(?:he|she|they)\s+(?:hit|hits|choked|strangled)\s+me\b|"
    r"\b(?:scared|afraid|terrified)\s+(?:of|to\s+go\s+home\s+to)\s+(?:him|her|them)\b|\bthreatened\s+to\s+(?:kill|hurt)\b",
    re.IGNORECASE,
)
# Cheap to look for first: every phrase above holds one of these.
_HINTS = (
    "myself", "end it", "end my", "suicid", "want to", "better off", "no point", "no reason", "hit", "choked",
    "strangled", "if i was", "if i wasn't", "if i weren't", "be here", "scared of", "afraid of", "terrified of",
    "go home to", "threatened",
)  # fmt: skip


def sounds_unsafe(text: str) -> bool:
    """Whether a message holds words that may mean someone is in danger. Leans toward saying yes: it backs up
    the lens wherever nearer would rather offer support needlessly than miss the need."""
    lowered = text.lower()
    return any(hint in lowered for hint in _HINTS) and bool(UNSAFE_WORDS.search(text))
