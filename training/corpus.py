"""The hand-written corpus: reading it, checking it against the acts contract, and its split.

The format and how it was written are in ``corpus/README.md``. ``check_corpus.py``
is the command-line front of ``check``; training and evaluation read ``load``.
"""

from __future__ import annotations

import collections
import json
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "corpus"
ACTS = (
    "disclosure", "brush_off", "validation", "curiosity", "appreciation", "dismissal",
    "stonewalling", "defensiveness", "criticism", "contempt", "safety",
)  # fmt: skip
TURNS = ("toward", "away", "against")
RELATIONSHIPS = ("partners", "friends", "family")
SPLITS = ("train", "dev", "test")
KEYS = {"id", "relationship", "scenario", "context", "text", "acts", "turn"}


@dataclass(frozen=True)
class Example:
    """One labelled message, with the batch it was written in and the split that batch belongs to."""

    id: str
    batch: str
    split: str
    relationship: str
    scenario: str
    context: str | None
    text: str
    acts: tuple[str, ...]
    turn: str | None


def problems_in(row: object) -> list[str]:
    """What is wrong with one parsed line, in words; empty when it is well formed."""
    if not isinstance(row, dict):
        return ["not a JSON object"]
    if set(row) != KEYS:
        return [f"keys must be exactly {sorted(KEYS)}, got {sorted(row)}"]
    found = []
    if not isinstance(row["id"], str) or not row["id"]:
        found.append("id must be a non-empty string")
    if row["relationship"] not in RELATIONSHIPS:
        found.append(f"relationship must be one of {RELATIONSHIPS}")
    if not isinstance(row["scenario"], str) or not row["scenario"]:
        found.append("scenario must be a non-empty string")
    if row["context"] is not None and (not isinstance(row["context"], str) or not row["context"].strip()):
        found.append("context must be null or a non-empty string")
    if not isinstance(row["text"], str) or not row["text"].strip():
        found.append("text must be a non-empty string")
    acts = row["acts"]
    if not isinstance(acts, list) or any(a not in ACTS for a in acts) or len(set(acts)) != len(acts):
        found.append(f"acts must be a list of distinct acts from {ACTS}")
    if row["turn"] is not None and row["turn"] not in TURNS:
        found.append(f"turn must be null or one of {TURNS}")
    if row["turn"] is not None and row["context"] is None:
        found.append("a turn needs a context (the bid it answers)")
    return found


def split_of_batches(root: Path = ROOT) -> dict[str, str]:
    """Batch name -> split, from ``splits.toml``; batches it does not name are train."""
    held_out = tomllib.loads((root / "splits.toml").read_text(encoding="utf-8"))
    names = sorted(p.stem for p in (root / "batches").glob("*.jsonl"))
    split = dict.fromkeys(names, "train")
    for name in ("dev", "test"):
        for batch in held_out.get(name, []):
            if batch not in split:
                raise ValueError(f"splits.toml names {batch!r} in {name}, but there is no batches/{batch}.jsonl")
            if split[batch] != "train":
                raise ValueError(f"splits.toml puts {batch!r} in both {split[batch]} and {name}")
            split[batch] = name
    return split


def check(root: Path = ROOT) -> tuple[list[Example], list[str]]:
    """Every example and every problem (``file:line: what``) in the corpus."""
    split = split_of_batches(root)
    examples: list[Example] = []
    problems: list[str] = []
    seen_ids: dict[str, str] = {}
    seen_pairs: dict[tuple[object, object], str] = {}
    for path in sorted((root / "batches").glob("*.jsonl")):
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not raw.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                row = json.loads(raw)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON ({exc.msg})")
                continue
            found = problems_in(row)
            problems.extend(f"{where}: {p}" for p in found)
            if found:
                continue
            if row["id"] in seen_ids:
                problems.append(f"{where}: id {row['id']} already used at {seen_ids[row['id']]}")
            seen_ids[row["id"]] = where
            pair = (row["context"], row["text"])
            if pair in seen_pairs:
                problems.append(f"{where}: same context and text as {seen_pairs[pair]}")
            seen_pairs[pair] = where
            examples.append(
                Example(
                    id=row["id"],
                    batch=path.stem,
                    split=split[path.stem],
                    relationship=row["relationship"],
                    scenario=row["scenario"],
                    context=row["context"],
                    text=row["text"],
                    acts=tuple(row["acts"]),
                    turn=row["turn"],
                )
            )
    return examples, problems


def load(split: str | None = None, root: Path = ROOT) -> list[Example]:
    """The examples of one split (or all), refusing a corpus with any problem."""
    examples, problems = check(root)
    if problems:
        raise ValueError(f"the corpus has {len(problems)} problems, first: {problems[0]}")
    return [e for e in examples if split is None or e.split == split]


@dataclass(frozen=True)
class Coverage:
    messages: int
    batches: int
    with_context: int
    neutral: int
    acts: dict[str, int]
    turns: dict[str, int]
    relationships: dict[str, int]


def coverage(examples: Iterable[Example]) -> Coverage:
    rows = list(examples)
    acts = collections.Counter(a for e in rows for a in e.acts)
    turns = collections.Counter(e.turn for e in rows if e.turn)
    relationships = collections.Counter(e.relationship for e in rows)
    return Coverage(
        messages=len(rows),
        batches=len({e.batch for e in rows}),
        with_context=sum(e.context is not None for e in rows),
        neutral=sum(not e.acts for e in rows),
        acts={a: acts[a] for a in ACTS},
        turns={t: turns[t] for t in TURNS},
        relationships={r: relationships[r] for r in RELATIONSHIPS},
    )
