"""The coach: reads a draft reply (with the partner's message it answers) and helps it land with care.

>>> from nearer.lens.coach import coach
>>> advice = coach("you never listen to me", "I had such a rough day at work")
>>> [flag.act for flag in advice.flags]
['criticism']

It names the draft's acts; for each disconnecting one it explains, in plain words, what tends to
happen and quotes the words that carry it; and it offers two or three alternatives built from the
phrase library and the two messages' own words. A caring draft is affirmed, not rewritten. When
either message reads as ``safety``, it gives support resources instead of coaching. A draft it cannot
read (no words, or not English) gets a plain note saying so, never praise.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from nearer.errors import InvalidInput, ModelUnavailable
from nearer.lens.acts import ACTS, DISCONNECTING, Reading
from nearer.lens.classify import classify
from nearer.lens.coach import words
from nearer.lens.coach.evidence import find_evidence
from nearer.lens.coach.language import unreadable
from nearer.lens.coach.library import library
from nearer.support import CRISIS_RESOURCES, sounds_unsafe

CARING = ("validation", "curiosity", "appreciation", "disclosure")
MOST_CHARACTERS = 5000
OWN_FEELINGS = {"criticism": ("frustrated", "let down", "worn out"), "contempt": ("hurt", "really frustrated")}
OWN_STATES = ("tired", "flat", "off", "low", "wobbly")


@dataclass(frozen=True)
class Flag:
    act: str
    explanation: str
    evidence: str  # the draft's own words that carry the act


@dataclass(frozen=True)
class Coaching:
    acts: tuple[str, ...]
    flags: tuple[Flag, ...]
    suggestions: tuple[str, ...]
    safety: bool
    resources: tuple[str, ...]
    affirmation: str | None = None  # said to a draft with nothing to change
    note: str | None = None  # said of a draft the coach cannot read: no words, or not English
    tier: str = field(default="fast", compare=False)

    def as_json(self) -> dict[str, Any]:
        """The contract of ``nearer coach --json``: exactly these five keys."""
        return {
            "acts": list(self.acts),
            "flags": [{"act": f.act, "explanation": f.explanation, "evidence": f.evidence} for f in self.flags],
            "suggestions": list(self.suggestions),
            "safety": self.safety,
            "resources": list(self.resources),
        }


def _check(text: str, name: str) -> str:
    if not isinstance(text, str):
        raise InvalidInput(f"The {name} must be text.", field=name)
    if len(text) > MOST_CHARACTERS:
        raise InvalidInput(f"The {name} is too long to coach: keep it under {MOST_CHARACTERS} characters.", field=name)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: bytes a terminal or a sender did not decode
        raise InvalidInput(
            f"The {name} has a character that can't be read (character {exc.start + 1} is not UTF-8 text); "
            "check that your terminal uses UTF-8 and try again.",
            field=name,
        ) from exc
    return text


def _read(draft: str, context: str | None, tier: str) -> tuple[Reading, Reading | None, str]:
    """The draft's reading (with its context) and the context's own, by ``tier`` ("auto": accurate when
    installed, else fast)."""
    tiers = ("accurate", "fast") if tier == "auto" else (tier,)
    for name in tiers:
        try:
            texts, contexts = [draft], [context]
            if context:
                texts, contexts = [draft, context], [context, None]
            readings = classify(texts, contexts, tier=name)
            return readings[0], (readings[1] if context else None), name
        except ModelUnavailable:
            if name == tiers[-1]:
                raise
    raise AssertionError("unreachable")


def coach(draft: str, context: str | None = None, tier: str = "auto") -> Coaching:
    """Coach ``draft``, a reply to ``context`` (the partner's message, or None)."""
    draft = _check(draft, "draft")
    context = _check(context, "context") if context is not None else None
    if not draft.strip():
        raise InvalidInput("Write a draft reply to coach.", field="draft")
    context = context if context and context.strip() else None
    reading, context_reading, used = _read(draft, context, tier)
    # Errs toward support: the lens's reading, or words that may mean danger, in either message.
    readings = [reading] if context_reading is None else [reading, context_reading]
    if any("safety" in r.acts for r in readings) or any(sounds_unsafe(t) for t in (draft, context or "")):
        return Coaching(reading.acts, (), (), True, CRISIS_RESOURCES, tier=used)

    seed = f"{draft}\x00{context or ''}"
    phrases = library()
    cannot_read = unreadable(draft)
    if cannot_read == "not_english":  # the lens's reading of it would be a guess: neither praise nor fault it
        return Coaching((), (), (), False, (), note=_say("cannot_read", cannot_read, seed), tier=used)
    flags = tuple(_flag(act, draft, seed) for act in reading.acts if act in DISCONNECTING)
    if cannot_read == "no_words":  # an eye-roll may still carry scorn, but nothing here is praised
        suggestions = _suggestions(reading, context_reading, draft, context, seed) if flags or context else ()
        note = _say("cannot_read", cannot_read, seed)
        return Coaching(reading.acts, flags, suggestions, False, (), note=note, tier=used)
    caring = [a for a in reading.acts if a in CARING]
    missed = reading.turn in ("away", "against")
    if not flags and (caring or not missed):
        if caring or reading.turn == "toward":
            strengths = [phrases.strengths[a] for a in caring] or [phrases.strengths["toward"]]
            said = phrases.say("affirm", "caring", {"strengths": _and(strengths)}, seed)
        else:
            said = phrases.say("affirm", "neutral", {}, seed)
        return Coaching(reading.acts, (), (), False, (), affirmation=said, tier=used)
    suggestions = _suggestions(reading, context_reading, draft, context, seed)
    return Coaching(reading.acts, flags, suggestions, False, (), tier=used)


def _say(section: str, kind: str, seed: str) -> str:
    said = library().say(section, kind, {}, seed)
    assert said is not None  # a phrase with no blanks can always be said
    return said


def _and(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _flag(act: str, draft: str, seed: str) -> Flag:
    def act_probability(variants: Sequence[str]) -> list[float]:
        return [r.scores[act] for r in classify(list(variants), tier="fast")]

    evidence = find_evidence(act, draft, act_probability)
    explanation = library().say("explain", act, {"evidence": evidence}, seed)
    assert explanation is not None  # every explanation needs only {evidence}, which is always there
    return Flag(act=act, explanation=explanation, evidence=evidence)


def _suggestions(
    reading: Reading, context_reading: Reading | None, draft: str, context: str | None, seed: str
) -> tuple[str, ...]:
    """Two or three alternatives: first the remedy for the draft's own disconnecting acts, then a turn
    toward what the partner said: celebrate good news; reflect a hard share and ask about it; answer a
    question with a small honest share."""
    phrases = library()
    their = context or ""
    situation, want = words.complaint(draft)
    acts = set(reading.acts)
    first = next((a for a in ACTS if a in acts and a in DISCONNECTING), "")
    own = words.own_feelings(draft)
    named = [f for f in words.feelings(their) if f not in words.GLAD]
    values = {
        "feeling": named[0] if named else None,
        "topic": words.topic(their),
        "quote": words.quote(their),
        "situation": situation,
        "want": want,
        "their_point": words.their_point(their),
        "own_feeling": own[0] if own else _pick(OWN_FEELINGS.get(first, ("frustrated",)), seed),
        "own_state": _pick(OWN_STATES, seed),
    }

    said: list[str] = []

    def first_of(section: str, *kinds: str) -> str | None:
        return next(filter(None, (phrases.say(section, kind, values, seed, said) for kind in kinds)), None)

    def add(*lines: str | None) -> None:
        said.extend(line for line in lines if line and line not in said)

    gentle = ("gentle_start", "with_situation_and_want", "with_situation", "with_want", "plain")
    if acts & {"criticism", "contempt"} and (situation or want or context is None):
        add(first_of(*gentle))
    if "defensiveness" in acts:
        add(first_of("own_up", "take_part"))
    their_acts = set(context_reading.acts) if context_reading is not None else set()
    conflict = bool(their_acts & {"criticism", "contempt", "defensiveness", "stonewalling"})
    if "stonewalling" in acts and (context is None or conflict):
        add(first_of("honest_share", "pause"))
    if context is not None:
        shared = "disclosure" in their_acts or bool(named)
        if words.good_news(their):
            add(first_of("good_news", "celebrate"))
            add(first_of("good_news", "celebrate"))
        elif conflict and not shared:
            add(first_of("own_up", "take_part"))
            add(first_of("repair", "ask"))
        elif ("curiosity" in their_acts or "brush_off" in acts) and not shared:
            add(first_of("honest_share", "after_a_question"))
            add(first_of("honest_share", "after_a_question"))
        else:
            add(first_of("feelings_named" if named else "no_feeling_named", "reflect"))
            add(first_of("curious", "with_topic", "with_quote", "plain"))
    elif "brush_off" in acts:
        add(first_of("honest_share", "after_a_question"))
    while len(said) < 2 and (extra := first_of(*gentle)):
        add(extra)
    return tuple(said[:3])


def _pick(options: Sequence[str], seed: str) -> str:
    return options[zlib.crc32(seed.encode()) % len(options)]
