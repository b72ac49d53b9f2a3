"""``classify``: the one entry to the lens, whatever the tier."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nearer.errors import InvalidInput, ModelUnavailable
from nearer.lens.acts import ACTS, Reading
from nearer.lens.fast import TURN_CLASSES, fast_tier

TIERS = ("fast", "accurate")
BATCH = 8192


def classify(texts: Sequence[str], contexts: Sequence[str | None] | None = None, tier: str = "fast") -> list[Reading]:
    """Read each message (with the partner's message it answers, when given) for the acts of closeness.

    ``turn`` is None when a message has no context, or when its context is not a bid.
    """
    if tier not in TIERS:
        raise InvalidInput(f"Unknown tier {tier!r}: choose 'fast' or 'accurate'.", field="tier")
    if tier == "accurate":
        raise ModelUnavailable("The accurate tier is not part of this version yet; use the fast tier.")
    context_list: list[str | None] = list(contexts) if contexts is not None else [None] * len(texts)
    if len(context_list) != len(texts):
        raise InvalidInput("Give one context (or None) for each text.", field="contexts")
    model = fast_tier()
    thresholds = np.array([model.thresholds[a] for a in ACTS], dtype=np.float32)
    readings: list[Reading] = []
    for start in range(0, len(texts), BATCH):
        chunk = list(texts[start : start + BATCH])
        chunk_contexts = context_list[start : start + BATCH]
        scores = model.score(chunk, chunk_contexts)
        above = scores.acts >= thresholds
        for row, context in enumerate(chunk_contexts):
            turn = TURN_CLASSES[int(scores.turns[row].argmax())] if context and context.strip() else "none"
            readings.append(
                Reading(
                    acts=tuple(a for a, on in zip(ACTS, above[row], strict=True) if on),
                    scores={a: round(float(p), 4) for a, p in zip(ACTS, scores.acts[row], strict=True)},
                    turn=None if turn == "none" else turn,
                )
            )
    return readings
