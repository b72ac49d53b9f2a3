"""Benchmark: the lens's two tiers, reading messages with their contexts in batch.

Budget (design.md): the fast tier reads at least 50,000 messages/s on this 2-core machine.
The accurate tier has no budget (it reads only bids and replies, and drafts); its rate is
reported so a report's running time can be planned. Run with ``make bench``.

The messages are the corpus's own, laid out as one long chat: each message's context is
the message before it, as when a history is imported. Every message is made distinct (a
number is added to repeats), so nothing is read for free; the model is loaded before the
clock starts. It times ``score_batch`` (arrays, what a report reads a history with) against
the budget, and reports ``classify`` (one Reading object per message) beside it, then the
accurate tier's ``score_batch`` on the first ``--accurate-messages`` of them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nearer.errors import ModelUnavailable
from nearer.lens import classify, score_batch
from nearer.lens.accurate import accurate_tier
from nearer.lens.fast import fast_tier
from training.corpus import load

BUDGET = 50_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--accurate-messages", type=int, default=2_000)
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
        f"lens, fast tier: {len(texts):,} distinct messages, each with the one before as its context; "
        f"median of {args.runs} runs"
    )
    print(f"  score_batch (arrays):        {median:>9,.0f} messages/s")
    print(f"  classify (Reading objects):  {objects:>9,.0f} messages/s")
    try:
        accurate_tier()
        few_texts, few_contexts = texts[: args.accurate_messages], contexts[: args.accurate_messages]
        score_batch(texts[-50:], contexts[-50:], tier="accurate")  # warm up
        started = time.perf_counter()
        score_batch(few_texts, few_contexts, tier="accurate")
        print(f"  accurate tier, score_batch: {len(few_texts) / (time.perf_counter() - started):>9,.0f} messages/s "
              f"({len(few_texts):,} messages, one run)")  # fmt: skip
    except ModelUnavailable as exc:
        print(f"  accurate tier: not measured ({exc.message})")
    verdict = "within" if median >= BUDGET else "BELOW"
    print(f"budget: median {median:,.0f} messages/s, {verdict} the {BUDGET:,} messages/s budget")
    return 0 if median >= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
