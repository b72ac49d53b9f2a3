"""Where to turn when someone may be in danger: shown before anything else wherever the lens reads
``safety``. Free, confidential lines only; no advertising and no paid referrals. Facts as published
by each service; check them when this file is touched."""

from __future__ import annotations

CRISIS_RESOURCES = (
    "If you or anyone else is in danger right now, call your local emergency number "
    "(911 in the US and Canada, 999 in the UK, 112 across the EU, 000 in Australia).",
    "Thinking about suicide or self-harm: in the US call or text 988 (Suicide & Crisis Lifeline); "
    "in the UK and Ireland call Samaritans on 116 123; elsewhere, findahelpline.com lists free lines by country.",
    "Afraid of a partner or family member: in the US call the National Domestic Violence Hotline on "
    "1-800-799-7233 or text START to 88788; in the UK call the National Domestic Abuse Helpline on 0808 2000 247.",
    "You can talk to someone you trust, or to your doctor, too. You don't have to handle this alone.",
)
