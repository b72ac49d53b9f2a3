"""Benchmark: the lens's fast tier, reading messages with their contexts in batch.

Budget (design.md): at least 50,000 messages/s on this 2-core machine. Run with ``make bench``.

The messages are the corpus's own (every split), each with the message it answers,
repeated to ``--messages``; the model is loaded before the clock starts.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nearer.lens import classify
from nearer.lens.fast import fast_tier
from training.corpus import load

BUDGET = 50_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    examples = load()
    repeat = args.messages // len(examples) + 1
    texts = [e.text for e in examples] * repeat
    contexts = [e.context for e in examples] * repeat
    texts, contexts = texts[: args.messages], contexts[: args.messages]
    fast_tier()  # load once, outside the timing
    classify(texts[:1000], contexts[:1000])  # warm up
    rates = []
    for _ in range(args.runs):
        started = time.perf_counter()
        readings = classify(texts, contexts)
        elapsed = time.perf_counter() - started
        rates.append(len(readings) / elapsed)
    with_context = sum(c is not None for c in contexts)
    best, median = max(rates), sorted(rates)[len(rates) // 2]
    print(f"lens fast tier: {len(texts):,} messages ({with_context:,} with a context), {args.runs} runs")
    print(f"  median {median:,.0f} messages/s, best {best:,.0f} messages/s")
    verdict = "within" if median >= BUDGET else "BELOW"
    print(f"budget: median {median:,.0f} messages/s, {verdict} the {BUDGET:,} messages/s budget")
    return 0 if median >= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
