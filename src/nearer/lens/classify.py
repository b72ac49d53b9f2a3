"""The entries to the lens, whatever the tier: ``classify`` for readings one can hold in the hand,
and ``score_batch`` for whole chat histories, as arrays."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from nearer.errors import InvalidInput
from nearer.lens.accurate import AccurateTier, accurate_tier
from nearer.lens.acts import ACTS, Reading
from nearer.lens.fast import FastTier, fast_tier
from nearer.lens.heads import TURN_CLASSES

TIERS = ("fast", "accurate")
BATCH = 8192
WORKERS = max(1, min(4, os.cpu_count() or 1))
_BLAS_LIMIT = threading.Lock()


@dataclass(frozen=True)
class BatchScores:
    """A whole batch at once: ``probabilities[i, k]`` is message i's probability of ``ACTS[k]``,
    ``present`` the same compared with each act's threshold, and ``turns[i]`` an index into
    ``TURN_CLASSES`` (0, "none", for no context or a context that is not a bid)."""

    probabilities: NDArray[np.float32]
    present: NDArray[np.bool_]
    turns: NDArray[np.int64]


def score_batch(texts: Sequence[str], contexts: Sequence[str | None] | None = None, tier: str = "fast") -> BatchScores:
    """Score many messages as arrays: the way to read a whole chat history quickly.

    ``tier="accurate"`` needs the accurate extra and reads under two hundred messages a second (torch uses
    every core by itself, so its batches run one after another)."""
    if tier not in TIERS:
        raise InvalidInput(f"Unknown tier {tier!r}: choose 'fast' or 'accurate'.", field="tier")
    context_list: list[str | None] = list(contexts) if contexts is not None else [None] * len(texts)
    if len(context_list) != len(texts):
        raise InvalidInput("Give one context (or None) for each text.", field="contexts")
    model: FastTier | AccurateTier = fast_tier() if tier == "fast" else accurate_tier()
    thresholds = np.array([model.thresholds[a] for a in ACTS], dtype=np.float64)
    probabilities = np.zeros((len(texts), len(ACTS)), dtype=np.float32)
    turns = np.zeros(len(texts), dtype=np.int64)

    def one_batch(start: int) -> None:
        chunk_contexts = context_list[start : start + BATCH]
        scores = model.score(list(texts[start : start + BATCH]), chunk_contexts)
        stop = start + len(chunk_contexts)
        probabilities[start:stop] = scores.acts
        has_context = np.array([c is not None and c.strip() != "" for c in chunk_contexts], dtype=bool)
        turns[start:stop] = np.where(has_context, scores.turns.argmax(axis=1), 0)

    starts = range(0, len(texts), BATCH)
    if len(starts) > 1 and WORKERS > 1 and tier == "fast":
        # numpy lets go of the GIL for most of a batch, so batches side by side use every core;
        # BLAS is held to one thread meanwhile, or its own threads fight the batches for them.
        # The BLAS limit is process-wide: one big read at a time sets and restores it.
        with _BLAS_LIMIT, threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(WORKERS) as pool:
            list(pool.map(one_batch, starts))
    else:
        for start in starts:
            one_batch(start)
    # Rounded as they are shown, and compared as shown, so a reading never contradicts its own scores.
    shown = np.round(probabilities.astype(np.float64), 4)
    return BatchScores(probabilities=shown.astype(np.float32), present=shown >= thresholds, turns=turns)


def classify(texts: Sequence[str], contexts: Sequence[str | None] | None = None, tier: str = "fast") -> list[Reading]:
    """Read each message (with the partner's message it answers, when given) for the acts of closeness.

    ``turn`` is None when a message has no context, or when its context is not a bid.
    """
    batch = score_batch(texts, contexts, tier)
    rounded = np.round(batch.probabilities.astype(np.float64), 4).tolist()  # float64, or 0.9998 prints as 0.99980002
    return [
        Reading(
            acts=tuple(a for a, on in zip(ACTS, present, strict=True) if on),
            scores=dict(zip(ACTS, row, strict=True)),
            turn=None if turn == 0 else TURN_CLASSES[turn],
        )
        for row, present, turn in zip(rounded, batch.present.tolist(), batch.turns.tolist(), strict=True)
    ]
