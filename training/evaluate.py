"""Evaluate the lens on the corpus's held-out test split, through the public ``nearer.lens.classify``.

Run: make eval   (or python training/evaluate.py [--tier fast] [--split test])

Prints, per act: positives, precision, recall and F1 at the shipped thresholds; micro and
macro F1; and for replies with a context, the turn's accuracy, macro F1 and confusion.
The test split holds writing batches the model never saw, so these figures are how it
does on new voices and situations.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nearer.errors import ModelUnavailable
from nearer.lens import ACTS, classify
from training.corpus import load

TURN_NAMES = ("none", "toward", "away", "against")


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tier", default="fast", choices=("fast", "accurate"))
    parser.add_argument("--split", default="test", choices=("dev", "test"))
    args = parser.parse_args()
    examples = load(args.split)
    started = time.perf_counter()
    try:
        readings = classify([e.text for e in examples], [e.context for e in examples], tier=args.tier)
    except ModelUnavailable as exc:
        print(f"evaluate: {exc.message}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started

    batches = sorted({e.batch for e in examples})
    print(f"lens ({args.tier} tier) on the {args.split} split: {len(examples)} messages from {len(batches)} batches")
    print(f"  {', '.join(batches)}")
    print(f"\n  {'act':<14}{'positives':>10}{'precision':>11}{'recall':>8}{'F1':>7}")
    totals = [0, 0, 0]
    f1s = []
    for act in ACTS:
        tp = sum(act in r.acts and act in e.acts for r, e in zip(readings, examples, strict=True))
        fp = sum(act in r.acts and act not in e.acts for r, e in zip(readings, examples, strict=True))
        fn = sum(act not in r.acts and act in e.acts for r, e in zip(readings, examples, strict=True))
        p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
        f1s.append(f1(p, r))
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
        print(f"  {act:<14}{tp + fn:>10}{p:>11.2f}{r:>8.2f}{f1s[-1]:>7.2f}")
    micro = f1(ratio(totals[0], totals[0] + totals[1]), ratio(totals[0], totals[0] + totals[2]))
    print(f"  {'micro F1':<14}{'':>36}{micro:.2f}")
    print(f"  {'macro F1':<14}{'':>36}{sum(f1s) / len(f1s):.2f}")
    exact = sum(set(r.acts) == set(e.acts) for r, e in zip(readings, examples, strict=True))
    print(f"  exact act set: {exact / len(examples):.2f}")

    replies = [(r, e) for r, e in zip(readings, examples, strict=True) if e.context is not None]
    confusion = {(t, p): 0 for t in TURN_NAMES for p in TURN_NAMES}
    for r, e in replies:
        confusion[(e.turn or "none", r.turn or "none")] += 1
    correct = sum(confusion[(t, t)] for t in TURN_NAMES)
    turn_f1s = []
    for name in TURN_NAMES:
        tp = confusion[(name, name)]
        p = ratio(tp, sum(confusion[(t, name)] for t in TURN_NAMES))
        r = ratio(tp, sum(confusion[(name, q)] for q in TURN_NAMES))
        turn_f1s.append(f1(p, r))
    print(f"\n  turn, {len(replies)} replies with a context: accuracy {ratio(correct, len(replies)):.2f}, "
          f"macro F1 {sum(turn_f1s) / len(turn_f1s):.2f}")  # fmt: skip
    print("  " + "true / said".ljust(12) + "".join(f"{n:>9}" for n in TURN_NAMES))
    for t in TURN_NAMES:
        print(f"  {t:<12}" + "".join(f"{confusion[(t, q)]:>9}" for q in TURN_NAMES))
    print(f"\n  read {len(examples)} messages with their contexts in {elapsed:.2f} s (includes loading the model)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
