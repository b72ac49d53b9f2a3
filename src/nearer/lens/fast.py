"""The fast tier: static embeddings and hashed n-grams into linear heads, calibrated, with a
threshold per act chosen on held-out scores (the dev split, and train scored out of fold). Needs numpy
and ``tokenizers`` only.

Its artifacts live in ``models/fast/`` and are rebuilt by ``make train``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from nearer.lens.acts import ACTS
from nearer.lens.encoding import StaticEncoder
from nearer.lens.features import featurize, joined, marks, sparse_dot
from nearer.lens.heads import TURN_CLASSES, Heads, Scores, sigmoid, softmax

__all__ = ["FOLDER", "TURN_CLASSES", "FastTier", "fast_tier"]

FOLDER = Path(__file__).resolve().parent / "models" / "fast"


class FastTier:
    """Loads once; scores batches."""

    def __init__(self, folder: Path = FOLDER) -> None:
        self.heads = Heads(folder, "fast")
        self.encoder = StaticEncoder(folder)
        self.acts, self.turns = self.heads.acts, self.heads.turns
        self.platt_a, self.platt_b = self.heads.platt_a, self.heads.platt_b
        self.thresholds, self.meta = self.heads.thresholds, self.heads.meta
        self._both_sparse = np.hstack([self.acts.sparse, self.turns.sparse]).astype(np.float32)
        d = self.encoder.dimensions

        def both_heads(rows: slice) -> NDArray[np.float32]:
            return np.hstack([self.acts.dense[rows], self.turns.dense[rows]]).astype(np.float32)

        self._text_weights = both_heads(slice(0, d))
        self._context_weights = both_heads(slice(d, 2 * d))
        self._product_weights = both_heads(slice(2 * d, 3 * d))
        self._scalar_weights = both_heads(slice(3 * d, 3 * d + 6))

    def score_pairwise(self, texts: list[str], contexts: list[str | None]) -> Scores:
        """The plain way, featurizing every (text, context) pair as training does. ``score`` must agree."""
        pairs = featurize(self.encoder, texts, contexts)
        alone = featurize(self.encoder, [c or "" for c in contexts], [None] * len(texts))
        return self.heads.score(pairs, alone)

    def score(self, texts: list[str], contexts: list[str | None]) -> Scores:
        """Scores for each (text, context) pair, reading each distinct string once.

        In a chat every message is also the context of the next, and short replies repeat,
        so the costly steps (word pieces, pooling, hashed features) run per distinct string;
        only the few pair features (the two vectors' product and cosine) are made per pair.
        """
        slots: dict[str, int] = {}
        text_at = np.array([slots.setdefault(t, len(slots)) for t in texts], dtype=np.int64)
        context_at = np.array(
            [slots.setdefault(c, len(slots)) if c is not None and c.strip() else -1 for c in contexts], dtype=np.int64
        )
        strings = list(slots)
        k, d = len(ACTS), self.encoder.dimensions
        unique = self._per_string(strings)
        has_context = context_at >= 0
        safe_context = np.where(has_context, context_at, len(strings))  # the zero row after the last string
        # Each head's weights over [text vector | context vector | product | 6 scalars]; the parts that
        # are linear in one string were worked out per string (unique.as_text, unique.as_context).
        product = unique.vectors[text_at] * unique.vectors[safe_context]
        pair_scalars = np.column_stack(
            [
                product.sum(axis=1),
                has_context.astype(np.float32),
                unique.scalars[text_at],
                unique.question_marks[safe_context],
            ]
        )
        both = (
            unique.as_text[text_at]
            + unique.as_context[safe_context]
            + product @ self._product_weights
            + pair_scalars @ self._scalar_weights
            + unique.text_sparse[text_at]
            + unique.context_sparse[safe_context]
        )
        acts = sigmoid(self.platt_a * (both[:, :k] + self.acts.bias) + self.platt_b)
        context_acts = unique.standalone_acts[safe_context]
        turn_extra = self.turns.dense[3 * d + 6 :]
        turn_logits = both[:, k:] + acts @ turn_extra[:k] + context_acts @ turn_extra[k:] + self.turns.bias
        return Scores(acts=acts, turns=softmax(turn_logits.astype(np.float32)))

    def _per_string(self, strings: list[str]) -> _PerString:
        encoder, n = self.encoder, len(strings)
        pieces = encoder.pieces(strings)
        vectors = np.vstack([encoder.mean_embeddings(pieces), np.zeros((1, encoder.dimensions), np.float32)])
        questions = np.minimum(marks(encoder, pieces, "?"), 3.0) / 3.0
        scalars = np.column_stack(
            [
                np.log1p(pieces.lengths.astype(np.float32)) / 5.0,
                questions,
                np.minimum(marks(encoder, pieces, "!"), 3.0) / 3.0,
            ]
        ).astype(np.float32)
        text_sparse = sparse_dot(joined(encoder.hashed(pieces), encoder.emoji(strings)), self._both_sparse, n)
        context_sparse = sparse_dot(encoder.hashed(pieces, salt=1), self._both_sparse, n)
        zero_row = np.zeros((1, text_sparse.shape[1]), np.float32)
        # Each string read alone, as a context is for the turn head: no context of its own.
        d = encoder.dimensions
        alone = vectors[:n] @ self.acts.dense[:d] + scalars @ self.acts.dense[-4:-1]
        alone += text_sparse[:, : len(ACTS)] + self.acts.bias
        standalone = sigmoid(self.platt_a * alone + self.platt_b)
        return _PerString(
            vectors=vectors,
            as_text=np.vstack(
                [vectors[:n] @ self._text_weights, np.zeros((1, self._text_weights.shape[1]), np.float32)]
            ),
            as_context=vectors @ self._context_weights,
            scalars=scalars,
            question_marks=np.append(questions, 0.0).astype(np.float32),
            text_sparse=text_sparse,
            context_sparse=np.vstack([context_sparse, zero_row]),
            standalone_acts=np.vstack([standalone, np.zeros((1, len(ACTS)), np.float32)]),
        )


@dataclass(frozen=True)
class _PerString:
    """What ``score`` works out once per distinct string; every array but ``text_sparse`` and ``scalars``
    has one extra zero row at the end, standing for a missing context."""

    vectors: NDArray[np.float32]
    as_text: NDArray[np.float32]  # each string's vector times both heads' text weights
    as_context: NDArray[np.float32]  # ... times their context weights
    scalars: NDArray[np.float32]
    question_marks: NDArray[np.float32]
    text_sparse: NDArray[np.float32]
    context_sparse: NDArray[np.float32]
    standalone_acts: NDArray[np.float32]


@cache
def fast_tier() -> FastTier:
    """The fast tier, loaded on first use and kept."""
    return FastTier()
