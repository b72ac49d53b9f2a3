"""The threshold rule: safety takes the best F2; other acts the highest cut within 0.01 of the best F1."""

from __future__ import annotations

import numpy as np
import pytest

from training.heads import threshold_for

SCORES = np.linspace(0.95, 0.05, 30).round(4)  # one message per score, best first


def halfway_below(k: int) -> float:
    """The threshold that keeps the first ``k`` messages: halfway to the next lower score."""
    return float((SCORES[k - 1] + SCORES[k]) / 2)


def test_a_cut_nearly_as_good_and_higher_is_preferred_and_safety_keeps_its_recall() -> None:
    y = np.array([1] * 9 + [0, 1] + [0] * 19)
    # Keeping 11 gives the best F1 (20/21 = 0.952); keeping 9 gives 18/19 = 0.947, within 0.01, and flags
    # no one wrongly. Safety weighs recall: keeping 11 catches every positive and has the best F2.
    assert threshold_for("contempt", y, SCORES) == pytest.approx(halfway_below(9))
    assert threshold_for("safety", y, SCORES) == pytest.approx(halfway_below(11))


def test_a_higher_cut_more_than_a_hair_worse_is_not_taken() -> None:
    y = np.array([1] * 8 + [0, 1, 1, 0, 1, 0, 0, 1, 0, 0] + [0] * 12)
    # The best F1 keeps 13 (0.880); keeping 11 is 0.870, just over 0.01 worse, so 13 stands.
    assert threshold_for("criticism", y, SCORES) == pytest.approx(halfway_below(13))
