"""The labels of the contract (spec/acts.md) and the value the lens gives for one message."""

from __future__ import annotations

from dataclasses import dataclass

ACTS = (
    "disclosure",
    "brush_off",
    "validation",
    "curiosity",
    "appreciation",
    "dismissal",
    "stonewalling",
    "defensiveness",
    "criticism",
    "contempt",
    "safety",
)
TURNS = ("toward", "away", "against")
DISCONNECTING = ("brush_off", "dismissal", "stonewalling", "defensiveness", "criticism", "contempt")


@dataclass(frozen=True)
class Reading:
    """What the lens sees in one message: the acts above their thresholds, every act's probability,
    and the turn of the reply (None without a context, or when the context is not a bid)."""

    acts: tuple[str, ...]
    scores: dict[str, float]
    turn: str | None
