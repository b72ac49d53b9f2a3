"""Benchmark: how long the coach takes over one draft, as a person waits for it.

Budget (design.md): p95 at most 30 ms on this 2-core machine. Run with ``make bench``.

1,000 drafts from the corpus, each coached with the partner's message it answers (or none),
one after another as a person would send them; the models are loaded before the clock starts.
The default tier is the one the app uses (accurate when installed); ``--tier fast`` times the
coach on the fast tier alone.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nearer.lens.coach import coach
from training.corpus import load

BUDGET_MS = 30.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=1000)
    parser.add_argument("--tier", default="auto", choices=("auto", "fast", "accurate"))
    args = parser.parse_args()
    pairs = list(dict.fromkeys((e.text, e.context) for e in load()))[: args.drafts]
    used = coach("warming up", "hello there", tier=args.tier).tier  # loads the models
    coach(pairs[-1][0], pairs[-1][1], tier=args.tier)
    times, flagged, safety = [], 0, 0
    for draft, context in pairs:
        started = time.perf_counter()
        advice = coach(draft, context, tier=args.tier)
        times.append((time.perf_counter() - started) * 1000)
        flagged += bool(advice.flags)
        safety += advice.safety
    cuts = statistics.quantiles(times, n=100)
    p50, p95 = statistics.median(times), cuts[94]
    print(f"coach ({used} tier): {len(pairs)} corpus drafts, one at a time; {flagged} flagged, {safety} safety")
    print(f"  p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   max {max(times):6.1f} ms")
    verdict = "within" if p95 <= BUDGET_MS else "OVER"
    print(f"budget: p95 {p95:.1f} ms, {verdict} the {BUDGET_MS:.0f} ms budget")
    return 0 if p95 <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
