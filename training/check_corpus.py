"""Check the hand-written corpus against the acts contract and count its coverage.

Run: python training/check_corpus.py [corpus/batches]

Every line of every ``corpus/batches/*.jsonl`` file is one labelled message:

    {"id": "b07-0012", "relationship": "partners", "scenario": "night-shift-loneliness",
     "context": "the partner's message it answers, or null",
     "text": "the message itself",
     "acts": ["disclosure"], "turn": null}

``turn`` is set only when ``context`` is a bid (spec/acts.md, "Turn"), and is null otherwise.
Exits non-zero with one line per problem, naming the file and line number.
"""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

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
RELATIONSHIPS = ("partners", "friends", "family")
KEYS = {"id", "relationship", "scenario", "context", "text", "acts", "turn"}


def check_line(raw: str) -> tuple[dict[str, object] | None, list[str]]:
    try:
        row = json.loads(raw)
    except json.JSONDecodeError as exc:
        return None, [f"not JSON ({exc.msg})"]
    if not isinstance(row, dict):
        return None, ["not a JSON object"]
    problems = []
    if set(row) != KEYS:
        problems.append(f"keys must be exactly {sorted(KEYS)}, got {sorted(row)}")
        return None, problems
    if not isinstance(row["id"], str) or not row["id"]:
        problems.append("id must be a non-empty string")
    if row["relationship"] not in RELATIONSHIPS:
        problems.append(f"relationship must be one of {RELATIONSHIPS}")
    if not isinstance(row["scenario"], str) or not row["scenario"]:
        problems.append("scenario must be a non-empty string")
    if row["context"] is not None and (not isinstance(row["context"], str) or not row["context"].strip()):
        problems.append("context must be null or a non-empty string")
    if not isinstance(row["text"], str) or not row["text"].strip():
        problems.append("text must be a non-empty string")
    acts = row["acts"]
    if not isinstance(acts, list) or any(a not in ACTS for a in acts) or len(set(acts)) != len(acts):
        problems.append(f"acts must be a list of distinct acts from {ACTS}")
    if row["turn"] is not None and row["turn"] not in TURNS:
        problems.append(f"turn must be null or one of {TURNS}")
    if row["turn"] is not None and row["context"] is None:
        problems.append("a turn needs a context (the bid it answers)")
    return (row if not problems else None), problems


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "corpus" / "batches"
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        print(f"no *.jsonl files in {folder}", file=sys.stderr)
        return 1
    errors = 0
    seen_ids: dict[str, str] = {}
    seen_pairs: dict[tuple[object, object], str] = {}
    acts_count: collections.Counter[str] = collections.Counter()
    turns_count: collections.Counter[str] = collections.Counter()
    rel_count: collections.Counter[str] = collections.Counter()
    total = neutral = with_context = 0
    for path in files:
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not raw.strip():
                continue
            where = f"{path.name}:{number}"
            row, problems = check_line(raw)
            for problem in problems:
                print(f"{where}: {problem}")
                errors += 1
            if row is None:
                continue
            row_id = str(row["id"])
            if row_id in seen_ids:
                print(f"{where}: id {row_id} already used at {seen_ids[row_id]}")
                errors += 1
            seen_ids[row_id] = where
            key = (row["context"], row["text"])
            if key in seen_pairs:
                print(f"{where}: same context and text as {seen_pairs[key]}")
                errors += 1
            seen_pairs[key] = where
            total += 1
            acts = row["acts"]
            assert isinstance(acts, list)
            acts_count.update(acts)
            neutral += not acts
            with_context += row["context"] is not None
            if row["turn"] is not None:
                turns_count[str(row["turn"])] += 1
            rel_count[str(row["relationship"])] += 1
    print(f"{total} messages in {len(files)} batches, {with_context} with context, {neutral} neutral")
    print("acts:  " + ", ".join(f"{a} {acts_count[a]}" for a in ACTS))
    print("turns: " + ", ".join(f"{t} {turns_count[t]}" for t in TURNS))
    print("relationships: " + ", ".join(f"{r} {rel_count[r]}" for r in RELATIONSHIPS))
    if errors:
        print(f"{errors} problems", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
