"""The trained part both tiers share: linear heads over features, calibrated per act, with a threshold
per act and a turn head that also reads the act probabilities of the reply and of its context.

A folder of heads holds ``head.npz`` (weights, Platt scaling, thresholds) and ``meta.json``
(what it was trained on, its dev scores); ``make train`` writes both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from nearer.errors import ModelUnavailable
from nearer.lens.acts import ACTS
from nearer.lens.features import Features, sparse_dot

TURN_CLASSES = ("none", "toward", "away", "against")


def sigmoid(x: NDArray[np.float32]) -> NDArray[np.float32]:
    return (1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))).astype(np.float32)


def softmax(x: NDArray[np.float32]) -> NDArray[np.float32]:
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
class Scores:
    acts: NDArray[np.float32]  # calibrated probability per act, [n, len(ACTS)]
    turns: NDArray[np.float32]  # probability per turn class, [n, len(TURN_CLASSES)]


class Heads:
    """The act head, its calibration and thresholds, and the turn head, as trained for one tier."""

    def __init__(self, folder: Path, tier: str) -> None:
        head_file = folder / "head.npz"
        if not head_file.exists():
            raise ModelUnavailable(f"The {tier} lens model is missing ({head_file}). Rebuild it with 'make train'.")
        stored = np.load(head_file)
        self.acts = Head(stored["act_dense"], stored["act_sparse"], stored["act_bias"])
        self.turns = Head(stored["turn_dense"], stored["turn_sparse"], stored["turn_bias"])
        self.platt_a = stored["platt_a"]
        self.platt_b = stored["platt_b"]
        self.thresholds = dict(zip(ACTS, (float(t) for t in stored["thresholds"]), strict=True))
        self.meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))

    def act_probabilities(self, features: Features) -> NDArray[np.float32]:
        return sigmoid(self.platt_a * self.acts.logits(features) + self.platt_b)

    def score(self, pairs: Features, contexts_alone: Features) -> Scores:
        """Scores from the features of each (text, context) pair and of each context read on its own."""
        acts = self.act_probabilities(pairs)
        context_acts = self.act_probabilities(contexts_alone)
        turns = softmax(self.turns.logits(pairs, np.hstack([acts, context_acts])))
        return Scores(acts=acts, turns=turns)
