"""Train one tier's heads (nearer.lens.heads) on the corpus's train split; calibrate and set
thresholds on dev. Both tiers train this way; only their features differ.

- acts: one logistic regression per act over the dense and hashed features, its
  regularisation chosen on dev by average precision; then Platt scaling on dev; then a
  threshold per act on dev: the best F1, except ``safety``, which takes the best F2 (recall
  counted twice as much as precision). Thresholds are set last, on dev scores from the model
  as shipped (float16 tables, rounded as classify rounds), halfway between the chosen score
  and the next lower one, so no example sits exactly on its threshold.
- turn: one multinomial regression (none, toward, away, against) over the same features
  plus the act probabilities of the message and of its context. On train, those
  probabilities come from models that never saw the batch (cross-validation by batch), so
  the turn head learns from scores like the ones it will get.
The test split is never read here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, precision_recall_curve
from sklearn.model_selection import GroupKFold

from nearer.lens.acts import ACTS
from nearer.lens.encoding import BUCKETS
from nearer.lens.features import Features
from nearer.lens.heads import TURN_CLASSES
from training.corpus import Example, coverage

SAFETY_BETA = 2.0  # safety: recall weighs twice precision
C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
TURN_C_GRID = (0.1, 0.3, 1.0)


@dataclass(frozen=True)
class Split:
    """A split's examples with the features of each (text, context) pair and of each context alone."""

    examples: list[Example]
    pairs: Features
    contexts_alone: Features


def matrix(features: Features, extra: np.ndarray | None = None) -> sp.csr_matrix:
    hashed = sp.csr_matrix(
        (features.sparse.values, (features.sparse.rows, features.sparse.buckets)), shape=(features.count, BUCKETS)
    )
    dense = features.dense if extra is None else np.hstack([features.dense, extra])
    return sp.hstack([sp.csr_matrix(dense), hashed]).tocsr()


def labels(examples: list[Example]) -> np.ndarray:
    return np.array([[act in e.acts for act in ACTS] for e in examples], dtype=np.int8)


def fit_act(x: sp.csr_matrix, y: np.ndarray, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=2000)
    return model.fit(x, y)


def threshold_for(act: str, y: np.ndarray, p: np.ndarray) -> float:
    """The best F1 (F2 for safety) cut on dev, moved halfway down to the next lower score."""
    beta = SAFETY_BETA if act == "safety" else 1.0
    precision, recall, cuts = precision_recall_curve(y, p)
    f = (1 + beta**2) * precision[:-1] * recall[:-1] / np.maximum(beta**2 * precision[:-1] + recall[:-1], 1e-9)
    cut = float(cuts[int(np.argmax(f))])
    below = p[p < cut]
    return (cut + float(below.max())) / 2 if below.size else cut / 2


def train_heads(folder: Path, train: Split, dev: Split, score_dev: Callable[[], np.ndarray]) -> None:
    """Fit, save to ``folder``, then set thresholds on ``score_dev()``: dev's act probabilities as the
    saved model gives them."""
    print(f"train {coverage(train.examples).messages} messages, dev {coverage(dev.examples).messages}")
    train_x, dev_x = matrix(train.pairs), matrix(dev.pairs)
    train_ctx_x, dev_ctx_x = matrix(train.contexts_alone), matrix(dev.contexts_alone)
    train_y, dev_y = labels(train.examples), labels(dev.examples)

    dense_size = train.pairs.dense.shape[1]
    act_dense = np.zeros((dense_size, len(ACTS)), dtype=np.float32)
    act_sparse = np.zeros((BUCKETS, len(ACTS)), dtype=np.float32)
    act_bias = np.zeros(len(ACTS), dtype=np.float32)
    platt_a = np.ones(len(ACTS), dtype=np.float32)
    platt_b = np.zeros(len(ACTS), dtype=np.float32)
    chosen_c: dict[str, float] = {}
    dev_report: dict[str, dict[str, float]] = {}
    for k, act in enumerate(ACTS):
        best = max(
            ((c, fit_act(train_x, train_y[:, k], c)) for c in C_GRID),
            key=lambda pair: average_precision_score(dev_y[:, k], pair[1].decision_function(dev_x)),
        )
        chosen_c[act], model = best
        weights = model.coef_[0]
        act_dense[:, k], act_sparse[:, k], act_bias[k] = weights[:dense_size], weights[dense_size:], model.intercept_[0]
        logits = model.decision_function(dev_x)
        platt = LogisticRegression(C=1e4).fit(logits.reshape(-1, 1), dev_y[:, k])
        platt_a[k], platt_b[k] = platt.coef_[0, 0], platt.intercept_[0]
        calibrated = 1 / (1 + np.exp(-(platt_a[k] * logits + platt_b[k])))
        dev_report[act] = {
            "C": chosen_c[act],
            "average_precision": round(float(average_precision_score(dev_y[:, k], calibrated)), 3),
        }

    def probabilities(x: sp.csr_matrix) -> np.ndarray:
        return 1 / (1 + np.exp(-(platt_a * (x @ np.vstack([act_dense, act_sparse]) + act_bias) + platt_b)))

    # Act probabilities for train rows from models that never saw their batch.
    groups = np.array([e.batch for e in train.examples])
    train_text_p = np.zeros(train_y.shape, dtype=np.float32)
    train_context_p = np.zeros(train_y.shape, dtype=np.float32)
    for fit_rows, held_rows in GroupKFold(n_splits=5).split(train_x, groups=groups):
        for k, act in enumerate(ACTS):
            model = fit_act(train_x[fit_rows], train_y[fit_rows, k], chosen_c[act])
            for target, x in ((train_text_p, train_x), (train_context_p, train_ctx_x)):
                logit = x[held_rows] @ model.coef_[0] + model.intercept_[0]
                target[held_rows, k] = 1 / (1 + np.exp(-(platt_a[k] * logit + platt_b[k])))

    def turn_rows(rows: list[Example]) -> tuple[np.ndarray, np.ndarray]:
        keep = np.array([e.context is not None for e in rows])
        y = np.array([TURN_CLASSES.index(e.turn or "none") for e in rows])
        return keep, y

    train_keep, train_turn = turn_rows(train.examples)
    dev_keep, dev_turn = turn_rows(dev.examples)
    turn_train_x = matrix(train.pairs, np.hstack([train_text_p, train_context_p]))[train_keep]
    turn_dev_x = matrix(dev.pairs, np.hstack([probabilities(dev_x), probabilities(dev_ctx_x)]))[dev_keep]
    turn_fits = [
        (c, LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(turn_train_x, train_turn[train_keep]))
        for c in TURN_C_GRID
    ]
    turn_c, turn_model = max(
        turn_fits, key=lambda pair: f1_score(dev_turn[dev_keep], pair[1].predict(turn_dev_x), average="macro")
    )
    turn_dev_f1 = f1_score(dev_turn[dev_keep], turn_model.predict(turn_dev_x), average="macro")
    print(f"  turn           C={turn_c:<4} dev macro F1 {turn_dev_f1:.3f} over {int(dev_keep.sum())} replies")
    turn_size = dense_size + 2 * len(ACTS)
    turn_w = turn_model.coef_.T  # [features, classes], classes in TURN_CLASSES order (0..3)
    assert list(turn_model.classes_) == list(range(len(TURN_CLASSES)))

    head = {
        "act_dense": act_dense,
        "act_sparse": act_sparse.astype(np.float16),
        "act_bias": act_bias,
        "platt_a": platt_a,
        "platt_b": platt_b,
        "thresholds": np.zeros(len(ACTS), dtype=np.float64),
        "turn_dense": turn_w[:turn_size].astype(np.float32),
        "turn_sparse": turn_w[turn_size:].astype(np.float16),
        "turn_bias": turn_model.intercept_.astype(np.float32),
    }
    folder.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(folder / "head.npz", **head)
    (folder / "meta.json").write_text("{}\n", encoding="utf-8")
    # Thresholds last, on dev as the shipped model scores it.
    dev_scored = np.round(score_dev().astype(np.float64), 4)
    thresholds = head["thresholds"]
    for k, act in enumerate(ACTS):
        thresholds[k] = threshold_for(act, dev_y[:, k], dev_scored[:, k])
        predicted = dev_scored[:, k] >= thresholds[k]
        dev_report[act].update(
            threshold=round(float(thresholds[k]), 5),
            f1_at_threshold=round(float(f1_score(dev_y[:, k], predicted)), 3),
            precision_at_threshold=round(float(dev_y[predicted, k].mean()) if predicted.any() else 0.0, 3),
            recall_at_threshold=round(float(predicted[dev_y[:, k] == 1].mean()), 3),
        )
        print(f"  {act:<14} C={chosen_c[act]:<4} dev AP {dev_report[act]['average_precision']:.3f}  "
              f"F1 {dev_report[act]['f1_at_threshold']:.3f}  recall {dev_report[act]['recall_at_threshold']:.3f}  "
              f"threshold {thresholds[k]:.4f}")  # fmt: skip
    np.savez_compressed(folder / "head.npz", **head)
    meta = {
        "acts": list(ACTS),
        "turn_classes": list(TURN_CLASSES),
        "trained_on": {"train": coverage(train.examples).messages, "dev": coverage(dev.examples).messages},
        "threshold_rule": "best F1 on dev (safety: best F2), halfway to the next lower dev score",
        "dev": dev_report,
        "turn": {"C": turn_c, "dev_macro_f1": round(float(turn_dev_f1), 3)},
    }
    (folder / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {folder / 'head.npz'} ({(folder / 'head.npz').stat().st_size / 1e6:.1f} MB)")
