"""The features both tiers' heads read: what the message says, what it answers, and how the two relate.

Dense (one row per message):
  the message's mean embedding, its context's, their element-wise product, their cosine,
  whether there is a context, length, question and exclamation marks.
Sparse (hashed into ``BUCKETS`` columns):
  the message's unigrams, bigrams, negated pieces and emoji; the context's, salted apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nearer.lens.encoding import Pieces, Sparse, StaticEncoder


@dataclass(frozen=True)
class Features:
    dense: NDArray[np.float32]
    sparse: Sparse

    @property
    def count(self) -> int:
        return int(self.dense.shape[0])


def marks(encoder: StaticEncoder, pieces: Pieces, mark: str) -> NDArray[np.float32]:
    piece = encoder.tokenizer.token_to_id(mark)
    n = len(pieces.starts) - 1
    if piece is None or pieces.ids.size == 0:
        return np.zeros(n, dtype=np.float32)
    return np.bincount(pieces.owner()[pieces.ids == piece], minlength=n).astype(np.float32)


def joined(*parts: Sparse) -> Sparse:
    return Sparse(
        rows=np.concatenate([p.rows for p in parts]),
        buckets=np.concatenate([p.buckets for p in parts]),
        values=np.concatenate([p.values for p in parts]),
    )


def featurize(encoder: StaticEncoder, texts: list[str], contexts: list[str | None]) -> Features:
    """Features for each (text, context) pair; a missing context reads as an empty one."""
    if len(texts) != len(contexts):
        raise ValueError("texts and contexts must have the same length")
    text_pieces = encoder.pieces(texts)
    context_pieces = encoder.pieces([c or "" for c in contexts])
    text_vec = encoder.mean_embeddings(text_pieces)
    context_vec = encoder.mean_embeddings(context_pieces)
    has_context = np.array([c is not None and c.strip() != "" for c in contexts], dtype=np.float32)
    lengths = text_pieces.lengths.astype(np.float32)
    questions = marks(encoder, text_pieces, "?")
    dense = np.hstack(
        [
            text_vec,
            context_vec,
            text_vec * context_vec,
            np.column_stack(
                [
                    np.sum(text_vec * context_vec, axis=1),
                    has_context,
                    np.log1p(lengths) / 5.0,
                    np.minimum(questions, 3.0) / 3.0,
                    np.minimum(marks(encoder, text_pieces, "!"), 3.0) / 3.0,
                    np.minimum(marks(encoder, context_pieces, "?"), 3.0) / 3.0,
                ]
            ),
        ]
    ).astype(np.float32)
    sparse = joined(
        encoder.hashed(text_pieces),
        encoder.emoji(texts),
        encoder.hashed(context_pieces, salt=1),
    )
    return Features(dense=dense, sparse=sparse)


def sparse_dot(sparse: Sparse, weights: NDArray[np.floating[Any]], rows: int) -> NDArray[np.float32]:
    """The hashed features times a weight table [buckets, outputs], summed per row.

    Entries are sorted by row so each row's sum is one contiguous segment (reduceat),
    which measured faster than a bincount per output.
    """
    out = np.zeros((rows, weights.shape[1]), dtype=np.float32)
    if sparse.rows.size == 0:
        return out
    order = np.argsort(sparse.rows, kind="stable")
    sorted_rows = sparse.rows[order]
    picked = weights[sparse.buckets[order]].astype(np.float32, copy=False) * sparse.values[order][:, None]
    starts = np.searchsorted(sorted_rows, np.arange(rows + 1))
    present = np.diff(starts) > 0
    out[present] = np.add.reduceat(picked, starts[:-1][present], axis=0)
    return out
