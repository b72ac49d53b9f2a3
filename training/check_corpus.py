"""Check the hand-written corpus against the acts contract and count its coverage.

Run: python training/check_corpus.py

Exits non-zero with one line per problem, naming the file and line number.
The format is described in corpus/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from training.corpus import SPLITS, check, coverage


def main() -> int:
    try:
        examples, problems = check()
    except ValueError as exc:
        print(f"corpus: {exc}", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem)
    whole = coverage(examples)
    print(
        f"{whole.messages} messages in {whole.batches} batches, "
        f"{whole.with_context} with context, {whole.neutral} neutral"
    )
    print("acts:  " + ", ".join(f"{a} {n}" for a, n in whole.acts.items()))
    print("turns: " + ", ".join(f"{t} {n}" for t, n in whole.turns.items()))
    print("relationships: " + ", ".join(f"{r} {n}" for r, n in whole.relationships.items()))
    for split in SPLITS:
        part = coverage(e for e in examples if e.split == split)
        print(f"{split}: {part.messages} messages in {part.batches} batches; fewest positives: "
              f"{min(part.acts, key=part.acts.__getitem__)} {min(part.acts.values())}")  # fmt: skip
    if problems:
        print(f"{len(problems)} problems", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # piped into head: the reader has all it wanted
        sys.exit(0)
