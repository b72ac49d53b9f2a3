"""The fast tier: static embeddings and hashed n-grams into linear heads, calibrated, with a
threshold per act chosen on the dev split. Needs numpy and ``tokenizers`` only.

Its artifacts live in ``models/fast/`` and are rebuilt by ``make train``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from nearer.errors import ModelUnavailable
from nearer.lens.acts import ACTS
from nearer.lens.encoding import StaticEncoder
from nearer.lens.features import Features, featurize, sparse_dot

FOLDER = Path(__file__).resolve().parent / "models" / "fast"
TURN_CLASSES = ("none", "toward", "away", "against")


def _sigmoid(x: NDArray[np.float32]) -> NDArray[np.float32]:
    return (1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))).astype(np.float32)


def _softmax(x: NDArray[np.float32]) -> NDArray[np.float32]:
    shifted = np.exp(x - x.max(axis=1, keepdims=True))
    result: NDArray[np.float32] = (shifted / shifted.sum(axis=1, keepdims=True)).astype(np.float32)
    return result


@dataclass(frozen=True)
class Head:
    """Linear weights over the dense and the hashed features."""

    dense: NDArray[np.float32]
    sparse: NDArray[np.float16]
    bias: NDArray[np.float32]

    def logits(self, features: Features, extra: NDArray[np.float32] | None = None) -> NDArray[np.float32]:
        dense = features.dense if extra is None else np.hstack([features.dense, extra])
        linear: NDArray[np.float32] = np.asarray(dense @ self.dense, dtype=np.float32)
        return linear + sparse_dot(features.sparse, self.sparse, features.count) + self.bias


@dataclass(frozen=True)
class FastScores:
    acts: NDArray[np.float32]  # calibrated probability per act, [n, len(ACTS)]
    turns: NDArray[np.float32]  # probability per turn class, [n, len(TURN_CLASSES)]


class FastTier:
    """Loads once; scores batches."""

    def __init__(self, folder: Path = FOLDER) -> None:
        head_file = folder / "head.npz"
        if not head_file.exists():
            raise ModelUnavailable(f"The fast lens model is missing ({head_file}). Rebuild it with 'make train'.")
        self.encoder = StaticEncoder(folder)
        stored = np.load(head_file)
        self.acts = Head(stored["act_dense"], stored["act_sparse"], stored["act_bias"])
        self.turns = Head(stored["turn_dense"], stored["turn_sparse"], stored["turn_bias"])
        self.platt_a = stored["platt_a"]
        self.platt_b = stored["platt_b"]
        self.thresholds = dict(zip(ACTS, (float(t) for t in stored["thresholds"]), strict=True))
        self.meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))

    def act_probabilities(self, features: Features) -> NDArray[np.float32]:
        return _sigmoid(self.platt_a * self.acts.logits(features) + self.platt_b)

    def score(self, texts: list[str], contexts: list[str | None]) -> FastScores:
        features = featurize(self.encoder, texts, contexts)
        acts = self.act_probabilities(features)
        context_acts = self.act_probabilities(featurize(self.encoder, [c or "" for c in contexts], [None] * len(texts)))
        turns = _softmax(self.turns.logits(features, np.hstack([acts, context_acts])))
        return FastScores(acts=acts, turns=turns)


@cache
def fast_tier() -> FastTier:
    """The fast tier, loaded on first use and kept."""
    return FastTier()
