"""The accurate tier: what the fast tier reads, plus all-MiniLM-L6-v2's reading of the message and of
the message it answers, into heads trained the same way. Slower (hundreds of messages a second), so it
reads what matters most: a draft in the coach, and the bids and replies of a report.

Needs the ``accurate`` extra. Its heads live in ``models/accurate/`` and are rebuilt by ``make train``.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from nearer.errors import ModelUnavailable
from nearer.lens.encoding import StaticEncoder, plain_quotes
from nearer.lens.fast import fast_tier
from nearer.lens.features import Features, featurize
from nearer.lens.heads import Heads, Scores
from nearer.lens.sentence import SentenceReader

FOLDER = Path(__file__).resolve().parent / "models" / "accurate"


def with_sentence_vectors(
    base: Features, text_vectors: NDArray[np.float32], context_vectors: NDArray[np.float32]
) -> Features:
    """The fast features with the sentence vectors of the message and its context, their product and cosine."""
    product = text_vectors * context_vectors
    dense = np.hstack([base.dense, text_vectors, context_vectors, product, product.sum(axis=1, keepdims=True)])
    return Features(dense=dense.astype(np.float32), sparse=base.sparse)


def accurate_features(
    encoder: StaticEncoder, reader: SentenceReader, texts: list[str], contexts: list[str | None]
) -> tuple[Features, Features]:
    """Features of each (text, context) pair, and of each context read on its own."""
    context_texts = [c or "" for c in contexts]
    vectors = reader.vectors([plain_quotes(t) for t in (*texts, *context_texts)])  # as the fast features read them
    text_vectors, context_vectors = vectors[: len(texts)], vectors[len(texts) :]
    pairs = with_sentence_vectors(featurize(encoder, texts, contexts), text_vectors, context_vectors)
    alone = featurize(encoder, context_texts, [None] * len(texts))
    return pairs, with_sentence_vectors(alone, context_vectors, np.zeros_like(context_vectors))


class AccurateTier:
    """Loads once (a few seconds: torch and the model); scores batches."""

    def __init__(self, folder: Path = FOLDER, reader: SentenceReader | None = None) -> None:
        self.reader = reader or SentenceReader()
        self.heads = Heads(folder, "accurate")
        self.thresholds, self.meta = self.heads.thresholds, self.heads.meta
        self.encoder = fast_tier().encoder

    def score(self, texts: list[str], contexts: list[str | None]) -> Scores:
        pairs, alone = accurate_features(self.encoder, self.reader, texts, contexts)
        return self.heads.score(pairs, alone)


_loaded: AccurateTier | ModelUnavailable | None = None
_loading = threading.Lock()


def accurate_tier() -> AccurateTier:
    """The accurate tier, loaded on first use and kept; ModelUnavailable without the extra (and the
    failure is kept too, so asking again costs nothing)."""
    global _loaded
    with _loading:
        if _loaded is None:
            try:
                _loaded = AccurateTier()
            except ModelUnavailable as exc:
                _loaded = exc
        if isinstance(_loaded, ModelUnavailable):
            raise _loaded
        return _loaded
