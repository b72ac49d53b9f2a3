"""Train the fast tier's heads (nearer.lens.heads) on the corpus's train split; calibrate them and set
thresholds on held-out scores: dev, and train scored out of fold (training/folds.py).

- acts: one logistic regression per act over the dense and hashed features, its regularisation
  chosen by average precision on the held-out scores; then Platt scaling on them; then a threshold
  per act on them (``threshold_for``): for ``safety`` the best F2 (recall counted twice as much as
  precision), for every other act the highest cut within a hair of the best F1. Dev's part of those
  scores comes from the model as shipped (float16 tables, rounded as classify rounds). Each threshold
  sits halfway between the chosen score and the next lower one, so no example sits exactly on it.
- turn: one multinomial regression (none, toward, away, against) over the same features
  plus the act probabilities of the message and of its context. On train, those
  probabilities are the out-of-fold ones, so the turn head learns from scores like the ones
  it will get; its regularisation is chosen on dev.
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

from nearer.lens.acts import ACTS
from nearer.lens.encoding import BUCKETS
from nearer.lens.features import Features
from nearer.lens.heads import TURN_CLASSES, sigmoid
from training.corpus import Example, coverage
from training.folds import FOLDS, batch_folds, to_shipped_scale

SAFETY_BETA = 2.0  # safety: recall weighs twice precision
F1_TOLERANCE = 0.01  # within the noise of F1 measured on some 7,600 held-out messages
THRESHOLD_RULE = (
    "on dev and train out of fold together: safety the best F2; every other act the highest cut within 0.01 "
    "of the best F1; halfway to the next lower score there"
)
C_GRID = (3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)
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


def mean_ap(y: np.ndarray, scores: np.ndarray) -> float:
    """Average precision of each act (a column of ``y`` and ``scores``), averaged over the acts."""
    return float(np.mean([average_precision_score(y[:, k], scores[:, k]) for k in range(y.shape[1])]))


def fit_act(x: sp.csr_matrix, y: np.ndarray, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=2000)
    return model.fit(x, y)


def threshold_for(act: str, y: np.ndarray, p: np.ndarray) -> float:
    """A cut on held-out scores ``p``, moved halfway down to the next lower score. ``safety``: the best F2.
    Every other act: the highest cut whose F1 is within ``F1_TOLERANCE`` of the best, since F1 is flat over
    a wide range of cuts and, among cuts that good, fewer false alarms serve better (the coach flags what
    it reads; telling a caring writer their words carry scorn costs more than a missed flag)."""
    beta = SAFETY_BETA if act == "safety" else 1.0
    precision, recall, cuts = precision_recall_curve(y, p)
    f = (1 + beta**2) * precision[:-1] * recall[:-1] / np.maximum(beta**2 * precision[:-1] + recall[:-1], 1e-9)
    chosen = int(np.argmax(f)) if act == "safety" else int(np.flatnonzero(f >= f.max() - F1_TOLERANCE).max())
    cut = float(cuts[chosen])
    below = p[p < cut]
    return (cut + float(below.max())) / 2 if below.size else cut / 2


@dataclass(frozen=True)
class FoldedFit:
    """One act's regression at one ``c``: fitted on all of train (``model``, as it ships, and its ``dev``
    logits) and on each fold's rest (its logits of the fold's own messages, ``held``, and of their
    contexts alone, ``held_context``, on the shipped model's scale)."""

    c: float
    model: LogisticRegression
    dev: np.ndarray
    held: np.ndarray
    held_context: np.ndarray


def fit_with_folds(
    x: sp.csr_matrix,
    context_x: sp.csr_matrix,
    y: np.ndarray,
    dev_x: sp.csr_matrix,
    folds: list[tuple[np.ndarray, np.ndarray]],
    c: float,
) -> FoldedFit:
    model = fit_act(x, y, c)
    dev = model.decision_function(dev_x)
    held, held_context = np.zeros(x.shape[0]), np.zeros(x.shape[0])
    for fit, rows in folds:
        fold_model = fit_act(x[fit], y[fit], c)
        fold_dev = fold_model.decision_function(dev_x)
        held[rows] = to_shipped_scale(fold_model.decision_function(x[rows]), fold_dev, dev)
        held_context[rows] = to_shipped_scale(fold_model.decision_function(context_x[rows]), fold_dev, dev)
    return FoldedFit(c, model, dev, held, held_context)


def at_threshold(y: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    """F1, precision and recall of one act's decisions, rounded for the reports training writes."""
    return {
        "f1_at_threshold": round(float(f1_score(y, predicted)), 3),
        "precision_at_threshold": round(float(y[predicted].mean()) if predicted.any() else 0.0, 3),
        "recall_at_threshold": round(float(predicted[y == 1].mean()), 3),
    }


def train_heads(folder: Path, train: Split, dev: Split, score_dev: Callable[[], np.ndarray]) -> np.ndarray:
    """Fit, save to ``folder``, then set thresholds on ``score_dev()`` (dev's act probabilities as the
    saved model gives them) together with train scored out of fold. Returns those out-of-fold act
    probabilities of train (rows in order)."""
    print(f"train {coverage(train.examples).messages} messages, dev {coverage(dev.examples).messages}")
    train_x, dev_x = matrix(train.pairs), matrix(dev.pairs)
    train_ctx_x, dev_ctx_x = matrix(train.contexts_alone), matrix(dev.contexts_alone)
    train_y, dev_y = labels(train.examples), labels(dev.examples)
    held_y = np.vstack([train_y, dev_y])
    folds = batch_folds(train.examples)

    dense_size = train.pairs.dense.shape[1]
    act_dense = np.zeros((dense_size, len(ACTS)), dtype=np.float32)
    act_sparse = np.zeros((BUCKETS, len(ACTS)), dtype=np.float32)
    act_bias = np.zeros(len(ACTS), dtype=np.float32)
    platt_a = np.ones(len(ACTS), dtype=np.float32)
    platt_b = np.zeros(len(ACTS), dtype=np.float32)
    chosen_c: dict[str, float] = {}
    dev_report: dict[str, dict[str, float]] = {}
    # Act probabilities for train rows from models that never saw their batch: of each message with its
    # context (for the thresholds and the accurate tier's blend) and of its context alone (for the turn).
    train_text_p = np.zeros(train_y.shape, dtype=np.float32)
    train_context_p = np.zeros(train_y.shape, dtype=np.float32)
    for k, act in enumerate(ACTS):
        fits = [fit_with_folds(train_x, train_ctx_x, train_y[:, k], dev_x, folds, c) for c in C_GRID]
        best = max(fits, key=lambda f: average_precision_score(held_y[:, k], np.concatenate([f.held, f.dev])))
        chosen_c[act], weights = best.c, best.model.coef_[0]
        act_dense[:, k], act_sparse[:, k] = weights[:dense_size], weights[dense_size:]
        act_bias[k] = best.model.intercept_[0]
        platt = LogisticRegression(C=1e4).fit(np.concatenate([best.held, best.dev]).reshape(-1, 1), held_y[:, k])
        platt_a[k], platt_b[k] = platt.coef_[0, 0], platt.intercept_[0]
        train_text_p[:, k] = sigmoid(platt_a[k] * best.held + platt_b[k])
        train_context_p[:, k] = sigmoid(platt_a[k] * best.held_context + platt_b[k])
        dev_report[act] = {
            "C": chosen_c[act],
            "average_precision": round(float(average_precision_score(dev_y[:, k], best.dev)), 3),
        }

    def probabilities(x: sp.csr_matrix) -> np.ndarray:
        return sigmoid(platt_a * (x @ np.vstack([act_dense, act_sparse]) + act_bias) + platt_b)

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
    # Thresholds last: on dev as the shipped model scores it, and on train out of fold.
    dev_scored = np.round(score_dev().astype(np.float64), 4)
    held_scored = np.vstack([np.round(train_text_p.astype(np.float64), 4), dev_scored])
    thresholds = head["thresholds"]
    for k, act in enumerate(ACTS):
        thresholds[k] = threshold_for(act, held_y[:, k], held_scored[:, k])
        dev_report[act].update(threshold=round(float(thresholds[k]), 5))
        dev_report[act].update(at_threshold(dev_y[:, k], dev_scored[:, k] >= thresholds[k]))
        print(f"  {act:<14} C={chosen_c[act]:<4} dev AP {dev_report[act]['average_precision']:.3f}  "
              f"F1 {dev_report[act]['f1_at_threshold']:.3f}  recall {dev_report[act]['recall_at_threshold']:.3f}  "
              f"threshold {thresholds[k]:.4f}")  # fmt: skip
    np.savez_compressed(folder / "head.npz", **head)
    meta = {
        "acts": list(ACTS),
        "turn_classes": list(TURN_CLASSES),
        "trained_on": {"train": coverage(train.examples).messages, "dev": coverage(dev.examples).messages},
        "threshold_rule": THRESHOLD_RULE,
        "thresholds_set_on": {"dev": len(dev.examples), "train_out_of_fold": len(train.examples), "folds": FOLDS},
        "dev": dev_report,
        "turn": {"C": turn_c, "dev_macro_f1": round(float(turn_dev_f1), 3)},
    }
    (folder / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {folder / 'head.npz'} ({(folder / 'head.npz').stat().st_size / 1e6:.1f} MB)")
    return train_text_p
