"""The corpus meets the lens issue's quotas, is split by batch, and its checker catches what it should."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from training.corpus import ACTS, TURNS, check, coverage, load, split_of_batches


def test_the_corpus_is_well_formed_and_meets_its_quotas() -> None:
    examples, problems = check()
    assert problems == []
    whole = coverage(examples)
    assert whole.messages >= 4000
    assert {a: n for a, n in whole.acts.items() if n < 150} == {}, "every act needs 150 positives"
    assert {t: n for t, n in whole.turns.items() if n < 400} == {}, "every turn needs 400 replies"
    assert all(n > 300 for n in whole.relationships.values())


def test_splits_are_by_batch_and_held_out_splits_cover_every_act() -> None:
    examples = load()
    split_by_batch: dict[str, set[str]] = {}
    for example in examples:
        split_by_batch.setdefault(example.batch, set()).add(example.split)
    assert all(len(splits) == 1 for splits in split_by_batch.values()), "a batch is never split"
    for split in ("dev", "test"):
        part = coverage(e for e in examples if e.split == split)
        assert part.batches >= 5 and part.messages >= 400
        assert {a: n for a, n in part.acts.items() if n < 10} == {}, f"{split} lacks positives"
        assert {t: n for t, n in part.turns.items() if n < 20} == {}, f"{split} lacks turns"
    # corpus/README.md: five writers (a to e) wrote the corpus first, each with a batch in test; every later
    # writer's batches are train only.
    first_writers = {"a", "b", "c", "d", "e"}
    assert first_writers <= {e.batch[0] for e in examples if e.split == "test"}, "each first writer has a test batch"
    held_out_writers = {e.batch[0] for e in examples if e.split != "train"}
    assert held_out_writers <= first_writers, "later writers' batches are train only"


def write_corpus(root: Path, lines: list[object], held_out: str = "") -> None:
    (root / "batches").mkdir(parents=True)
    (root / "batches" / "x01-sample.jsonl").write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"
    )
    (root / "splits.toml").write_text(held_out)


GOOD = {
    "id": "x01-0001", "relationship": "partners", "scenario": "s", "context": "how was it?",
    "text": "honestly I felt so small in that meeting", "acts": ["disclosure"], "turn": "toward",
}  # fmt: skip


def test_the_checker_names_each_bad_line(tmp_path: Path) -> None:
    write_corpus(
        tmp_path,
        [
            GOOD,
            "{not json",
            {**GOOD, "id": "x01-0003", "acts": ["kindness"]},
            {**GOOD, "id": "x01-0004", "context": None},
            {**GOOD, "id": "x01-0001", "text": "another"},
            {**GOOD, "id": "x01-0006"},
            {**GOOD, "id": "x01-0007", "relationship": "colleagues"},
        ],
    )
    examples, problems = check(tmp_path)
    assert [p.split(":")[1] for p in problems] == ["2", "3", "4", "5", "6", "7"]
    assert "not JSON" in problems[0] and "acts must be" in problems[1] and "needs a context" in problems[2]
    assert "already used" in problems[3] and "same context and text" in problems[4]
    with pytest.raises(ValueError, match="6 problems"):
        load(root=tmp_path)
    assert [e.id for e in examples] == ["x01-0001", "x01-0001", "x01-0006"]


def test_splits_toml_must_name_real_batches_once(tmp_path: Path) -> None:
    write_corpus(tmp_path, [GOOD], held_out='test = ["x01-sample"]\n')
    assert split_of_batches(tmp_path) == {"x01-sample": "test"}
    (tmp_path / "splits.toml").write_text('dev = ["x01-sample"]\ntest = ["x01-sample"]\n')
    with pytest.raises(ValueError, match="both dev and test"):
        split_of_batches(tmp_path)
    (tmp_path / "splits.toml").write_text('test = ["nope"]\n')
    with pytest.raises(ValueError, match=r"no batches/nope\.jsonl"):
        split_of_batches(tmp_path)


def test_acts_and_turns_match_the_contract() -> None:
    contract = (Path(__file__).resolve().parents[3] / "shared" / "spec" / "acts.md").read_text()
    for name in (*ACTS, *TURNS):
        assert f"`{name}`" in contract
