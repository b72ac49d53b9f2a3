"""The accurate tier: the fast tier's reading blended with the pair reader's (``pair_reader.py``: MiniLM
fine-tuned by the project to read a message and the message it answers as one input).

``blend.json`` records how much of each goes into every probability (chosen on held-out scores: the dev
split, and train scored out of fold; the pair reader's act scores calibrated there first) and the threshold
of each act, set on the blend; ``meta.json`` keeps what training measured on dev. Slower than the fast
tier (under two hundred messages a second), so it reads what matters most: a draft in the coach, and the
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
from nearer.lens.acts import ACTS
from nearer.lens.fast import FastTier, fast_tier
from nearer.lens.heads import Scores, sigmoid, softmax
from nearer.lens.pair_reader import PairReader

FOLDER = Path(__file__).resolve().parent / "models" / "accurate"
BLEND_FILE = "blend.json"


@dataclass(frozen=True)
class Blend:
    """How much of the pair reader goes into each act's probability (``acts_weight``, one per act) and into
    the turn's; its act logits are calibrated first (Platt)."""

    acts_weight: NDArray[np.float32]
    turn_weight: float
    platt_a: NDArray[np.float32]
    platt_b: NDArray[np.float32]

    def acts_of(self, fast_acts: NDArray[np.float32], act_logits: NDArray[np.float32]) -> NDArray[np.float32]:
        pair_acts = sigmoid(self.platt_a * act_logits + self.platt_b)
        blended = (1 - self.acts_weight) * fast_acts + self.acts_weight * pair_acts
        acts: NDArray[np.float32] = blended.astype(np.float32)
        return acts

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
        self.blend = Blend(
            acts_weight=np.array(stored["acts_weight"], dtype=np.float32),
            turn_weight=float(stored["turn_weight"]),  # type: ignore[arg-type]
            platt_a=np.array(stored["platt_a"], dtype=np.float32),
            platt_b=np.array(stored["platt_b"], dtype=np.float32),
        )
        thresholds = stored["thresholds"]
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
