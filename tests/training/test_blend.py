"""The accurate tier's blend is scored, for its thresholds, only by regressions that never saw the batch."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score

from nearer.lens.heads import sigmoid
from training.corpus import ACTS, Example
from training.train_accurate import BLEND_FOLDS, blend_regressions, cross_fitted


def test_each_batch_is_blended_by_regressions_fitted_without_it() -> None:
    rows = [
        Example(f"b{n}-{i:03d}", f"b{n}", "train", "friends", "s", None, f"message {i}", (), None)
        for n in range(BLEND_FOLDS)
        for i in range(60)
    ]
    rng = np.random.default_rng(7)
    x = rng.normal(size=(len(rows), 3 * len(ACTS))).astype(np.float32)
    # One batch is all positives and alone has a mark (column 2): only a regression that saw it can learn that.
    odd = np.array([e.batch == "b4" for e in rows])
    x[:, 2] = 3.0 * odd
    y = np.repeat((odd | (x[:, 0] > 0))[:, None].astype(int), len(ACTS), axis=1)
    crossed = cross_fitted(x, y, rows, c=1.0)
    assert crossed.shape == y.shape and ((crossed >= 0) & (crossed <= 1)).all()
    assert average_precision_score(y[~odd, 0], crossed[~odd, 0]) > 0.9, "what holds across batches is learnt"
    weights, bias = blend_regressions(x, y, c=1.0)
    assert sigmoid(x[odd] @ weights[0] + bias[0]).mean() > 0.9, "fitted with the batch: its mark is read"
    assert crossed[odd, 0].mean() < 0.7, "fitted without it: the mark means nothing"


def test_the_blend_regressions_weigh_inputs_alike_whatever_their_scale() -> None:
    """Logits and their products differ in scale by tens; fitted on standardised inputs, the regressions
    read the same whether an input comes in units or thousands, and the weights returned apply to the
    inputs as they come."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=(400, 3 * len(ACTS)))
    y = np.repeat(((x[:, 0] + x[:, 5] + rng.normal(size=400)) > 0)[:, None].astype(int), len(ACTS), axis=1)
    stretched = x.copy()
    stretched[:, 5] *= 1000.0
    weights, bias = blend_regressions(x, y, c=0.01)
    stretched_weights, stretched_bias = blend_regressions(stretched, y, c=0.01)
    assert np.allclose(x @ weights.T + bias, stretched @ stretched_weights.T + stretched_bias, atol=1e-3)
    assert weights[0, 5] > 0.1, "the penalty is strong, but the input that matters still counts"
