"""The accurate tier: two readings of each message, blended.

- heads trained as the fast tier's are, over what the fast tier reads plus all-MiniLM-L6-v2's sentence
  vectors of the message and of the message it answers, read apart;
- the pair reader (``pair_reader.py``): MiniLM fine-tuned by the project to read the message and its
  context as one input, with its own act and turn heads.

Their probabilities are blended with the weights ``pair_blend.json`` records (chosen on dev, with the pair
reader's act scores calibrated there first), and the thresholds are set on the blend. Slower than the
fast tier (about a hundred messages a second), so it reads what matters most: a draft in the coach, and the
bids and replies of a report.

Needs the ``accurate`` extra. Everything lives in ``models/accurate/`` and is rebuilt by ``make train``.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from nearer.errors import ModelUnavailable
from nearer.lens.encoding import StaticEncoder, plain_quotes
from nearer.lens.fast import fast_tier
from nearer.lens.features import Features, featurize
from nearer.lens.heads import Heads, Scores, sigmoid, softmax
from nearer.lens.pair_reader import PairReader
from nearer.lens.sentence import SentenceReader

FOLDER = Path(__file__).resolve().parent / "models" / "accurate"
BLEND_FILE = "pair_blend.json"


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

    def __init__(
        self, folder: Path = FOLDER, reader: SentenceReader | None = None, pair_reader: PairReader | None = None
    ) -> None:
        self.reader = reader or SentenceReader()
        self.pair_reader = pair_reader or PairReader(folder)
        self.heads = Heads(folder, "accurate")
        self.thresholds, self.meta = self.heads.thresholds, self.heads.meta
        self.encoder = fast_tier().encoder
        blend_file = folder / BLEND_FILE
        if not blend_file.exists():
            raise ModelUnavailable(f"The accurate lens's blend is missing ({blend_file}); rebuild with 'make train'.")
        blend = json.loads(blend_file.read_text(encoding="utf-8"))
        self.blend = Blend(
            acts_weight=float(blend["acts_weight"]),
            turn_weight=float(blend["turn_weight"]),
            platt_a=np.array(blend["platt_a"], dtype=np.float32),
            platt_b=np.array(blend["platt_b"], dtype=np.float32),
        )

    def score(self, texts: list[str], contexts: list[str | None]) -> Scores:
        pairs, alone = accurate_features(self.encoder, self.reader, texts, contexts)
        return self.blend.of(self.heads.score(pairs, alone), *self.pair_reader.logits(texts, contexts))


@dataclass(frozen=True)
class Blend:
    """How much of the pair reader goes into each probability; its act logits calibrated first (Platt)."""

    acts_weight: float
    turn_weight: float
    platt_a: NDArray[np.float32]
    platt_b: NDArray[np.float32]

    def of(self, heads: Scores, act_logits: NDArray[np.float32], turn_logits: NDArray[np.float32]) -> Scores:
        pair_acts = sigmoid(self.platt_a * act_logits + self.platt_b)
        acts = (1 - self.acts_weight) * heads.acts + self.acts_weight * pair_acts
        turns = (1 - self.turn_weight) * heads.turns + self.turn_weight * softmax(turn_logits)
        return Scores(acts=acts.astype(np.float32), turns=turns.astype(np.float32))


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
