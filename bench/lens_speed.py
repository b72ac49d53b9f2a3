"""Benchmark: the lens's fast tier, reading messages with their contexts in batch.

Budget (design.md): at least 50,000 messages/s on this 2-core machine. Run with ``make bench``.

The messages are the corpus's own, laid out as one long chat: each message's context is
the message before it, as when a history is imported. Every message is made distinct (a
number is added to repeats), so nothing is read for free; the model is loaded before the
clock starts. It times ``score_batch`` (arrays, what a report reads a history with) against
the budget, and reports ``classify`` (one Reading object per message) beside it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nearer.lens import classify, score_batch
from nearer.lens.fast import fast_tier
from training.corpus import load

BUDGET = 50_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    corpus = [e.text for e in load()]
    texts = [
        text if n < len(corpus) else f"{text} {n // len(corpus)}"
        for n, text in ((n, corpus[n % len(corpus)]) for n in range(args.messages))
    ]
    contexts: list[str | None] = [None, *texts[:-1]]
    fast_tier()  # load once, outside the timing
    score_batch(texts[:2000], contexts[:2000])  # warm up

    def rate(read: object) -> float:
        rates = []
        for _ in range(args.runs):
            started = time.perf_counter()
            read(texts, contexts)  # type: ignore[operator]
            rates.append(len(texts) / (time.perf_counter() - started))
        return sorted(rates)[len(rates) // 2]

    median = rate(score_batch)
    objects = rate(classify)
    print(
        f"lens fast tier: {len(texts):,} distinct messages, each with the one before as its context; "
        f"median of {args.runs} runs"
    )
    print(f"  score_batch (arrays):        {median:>9,.0f} messages/s")
    print(f"  classify (Reading objects):  {objects:>9,.0f} messages/s")
    verdict = "within" if median >= BUDGET else "BELOW"
    print(f"budget: median {median:,.0f} messages/s, {verdict} the {BUDGET:,} messages/s budget")
    return 0 if median >= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
