"""The lens: reads each message for the acts of closeness in spec/acts.md, and the turn of a reply to a bid.

>>> from nearer.lens import classify
>>> [reading.acts for reading in classify(["thank you for cooking tonight, it made my week"])]
[('appreciation',)]
"""

from nearer.lens.acts import ACTS, TURNS, Reading
from nearer.lens.classify import BatchScores, classify, score_batch

__all__ = ["ACTS", "TURNS", "BatchScores", "Reading", "classify", "score_batch"]
