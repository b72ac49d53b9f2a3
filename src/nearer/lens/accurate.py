"""The accurate tier: the fast tier's reading blended with the pair reader's (``pair_reader.py``: MiniLM
fine-tuned by the project to read a message and the message it answers as one input).

``blend.json`` records how the two make each probability (a small regression per act, fitted on held-out
scores: the dev split, and train scored out of fold) and the threshold of each act, set on the blend;
``meta.json`` keeps what training measured on dev. Slower than the fast tier (under two hundred messages a
second), so it reads what matters most: a draft in the coach, and the bids and replies of a report.

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
from nearer.lens.acts import ACTS
from nearer.lens.fast import FastTier, fast_tier
from nearer.lens.heads import Scores, sigmoid, softmax
from nearer.lens.pair_reader import PairReader

FOLDER = Path(__file__).resolve().parent / "models" / "accurate"
BLEND_FILE = "blend.json"


LOGIT_FLOOR = 1e-6  # the fast tier's probabilities are read as logits, kept this far from 0 and 1


@dataclass(frozen=True)
class Blend:
    """How the two readings make one. Each act's probability is a logistic regression (``acts_weights``, one
    row per act, and ``acts_bias``) over both readings of every act: the fast tier's probabilities as logits,
    the pair reader's act logits, and their products (so how much one reading counts can depend on the
    other). Every act's regression reads all eleven acts, since acts come together or rule each other out,
    and a reading of one says something about another. The turn's probabilities are a weighted mean of the
    two readings' (``turn_weight`` of the pair reader's)."""

    acts_weights: NDArray[np.float32]  # [acts, 3 * acts]
    acts_bias: NDArray[np.float32]  # [acts]
    turn_weight: float

    @staticmethod
    def inputs(fast_acts: NDArray[np.floating], act_logits: NDArray[np.floating]) -> NDArray[np.float32]:
        """What the act regressions read: [fast logits | pair reader logits | their products], 3 x 11 columns."""
        kept = np.clip(fast_acts.astype(np.float32), LOGIT_FLOOR, 1 - LOGIT_FLOOR)
        fast_logits = np.log(kept / (1 - kept))
        pair_logits = act_logits.astype(np.float32)
        return np.hstack([fast_logits, pair_logits, fast_logits * pair_logits]).astype(np.float32)

    def acts_of(self, fast_acts: NDArray[np.floating], act_logits: NDArray[np.floating]) -> NDArray[np.float32]:
        return sigmoid(self.inputs(fast_acts, act_logits) @ self.acts_weights.T + self.acts_bias)

    def of(self, fast: Scores, act_logits: NDArray[np.float32], turn_logits: NDArray[np.float32]) -> Scores:
        turns = (1 - self.turn_weight) * fast.turns + self.turn_weight * softmax(turn_logits)
        return Scores(acts=self.acts_of(fast.acts, act_logits), turns=turns.astype(np.float32))


def read_json(path: Path) -> dict[str, object]:
    if not path.exists():
        raise ModelUnavailable(f"The accurate lens's {path.name} is missing ({path}); rebuild with 'make train'.")
    found: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return found


class AccurateTier:
    """Loads once (a few seconds: torch and the model); scores batches."""

    def __init__(self, folder: Path = FOLDER, pair_reader: PairReader | None = None, fast: FastTier | None = None):
        self.pair_reader = pair_reader or PairReader(folder)
        self.fast = fast or fast_tier()
        stored = read_json(folder / BLEND_FILE)
        try:
            self.blend = Blend(
                acts_weights=np.array(stored["acts_weights"], dtype=np.float32).reshape(len(ACTS), 3 * len(ACTS)),
                acts_bias=np.array(stored["acts_bias"], dtype=np.float32).reshape(len(ACTS)),
                turn_weight=float(stored["turn_weight"]),  # type: ignore[arg-type]
            )
            thresholds = stored["thresholds"]
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelUnavailable(
                f"The accurate lens's {BLEND_FILE} is not the blend this version reads ({exc}); run 'make train'."
            ) from exc
        if not isinstance(thresholds, dict) or set(thresholds) != set(ACTS):
            raise ModelUnavailable(f"The accurate lens's {BLEND_FILE} lacks a threshold per act; run 'make train'.")
        self.thresholds = {act: float(thresholds[act]) for act in ACTS}
        self.meta = read_json(folder / "meta.json")

    def score(self, texts: list[str], contexts: list[str | None]) -> Scores:
        return self.blend.of(self.fast.score(texts, contexts), *self.pair_reader.logits(texts, contexts))


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
