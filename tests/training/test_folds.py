"""Out-of-fold scoring keeps batches whole, and kept scores are never read for another corpus."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import training.folds as folds
from training.corpus import ACTS, Example, load
from training.folds import batch_folds, fingerprint, load_scores, save_scores, to_shipped_scale


def examples_in(batches: dict[str, int]) -> list[Example]:
    return [
        Example(f"{batch}-{n:04d}", batch, "train", "friends", "s", None, f"{batch} message {n}", (), None)
        for batch, size in batches.items()
        for n in range(size)
    ]


def test_each_message_is_held_out_once_and_no_batch_is_split() -> None:
    rows = examples_in({"a01": 90, "a02": 40, "b01": 70, "b02": 65, "c01": 30, "c02": 55})
    seen = np.zeros(len(rows), dtype=int)
    for fit, held in batch_folds(rows, folds=3):
        seen[held] += 1
        assert set(fit).isdisjoint(held)
        assert {rows[i].batch for i in fit}.isdisjoint({rows[i].batch for i in held})
        assert len(fit) + len(held) == len(rows)
    assert (seen == 1).all()


def test_folds_of_the_real_corpus_are_near_in_size_and_each_holds_every_act() -> None:
    train = load("train")
    for _, held in batch_folds(train):
        assert 0.2 <= len(held) / len(train) <= 0.3
        assert {act for i in held for act in train[i].acts} == set(ACTS), "each fold has positives of every act"


def test_too_few_batches_for_the_folds_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 4 batches"):
        batch_folds(examples_in({"a01": 10, "a02": 10, "a03": 10}))


def test_the_fingerprint_follows_words_labels_and_settings() -> None:
    rows = examples_in({"a01": 5, "a02": 5})
    relabelled = [replace(rows[0], acts=("contempt",)), *rows[1:]]
    assert fingerprint(rows, epochs=3) == fingerprint(list(rows), epochs=3)
    assert fingerprint(rows, epochs=3) != fingerprint(relabelled, epochs=3)
    assert fingerprint(rows, epochs=3) != fingerprint(rows, epochs=4)


def test_kept_scores_come_back_only_for_the_same_examples_and_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(folds, "OUT", tmp_path / "out")
    model = tmp_path / "head.npz"
    model.write_bytes(b"weights, first version")
    rows = examples_in({"a01": 3, "a02": 2})
    with pytest.raises(SystemExit, match="is missing"):
        load_scores("fast-out-of-fold", rows, model)
    scores = np.arange(10, dtype=np.float32).reshape(5, 2)
    save_scores("fast-out-of-fold", rows, model, acts=scores)
    assert np.array_equal(load_scores("fast-out-of-fold", rows, model)["acts"], scores)
    assert not list((tmp_path / "out").glob("*.partial")), "the file is written whole, then moved into place"
    with pytest.raises(SystemExit, match="other messages or labels"):
        load_scores("fast-out-of-fold", [replace(rows[0], turn="toward"), *rows[1:]], model)
    model.write_bytes(b"weights, retrained")
    with pytest.raises(SystemExit, match=r"another head\.npz"):
        load_scores("fast-out-of-fold", rows, model)


def test_a_fold_model_s_scores_take_the_shipped_model_s_scale_on_dev() -> None:
    rng = np.random.default_rng(0)
    shipped_dev = rng.normal(1.0, 3.0, size=(200, 2))
    fold_dev = (shipped_dev - 1.0) / 2.0 + rng.normal(0, 0.01, size=(200, 2))  # flatter and shifted
    moved = to_shipped_scale(fold_dev, fold_dev, shipped_dev)
    assert np.allclose(moved.mean(axis=0), shipped_dev.mean(axis=0))
    assert np.allclose(moved.std(axis=0), shipped_dev.std(axis=0))
    held = np.array([[0.0, 0.0], [1.0, -1.0]])
    order = np.argsort(held[:, 0])
    assert np.array_equal(np.argsort(to_shipped_scale(held, fold_dev, shipped_dev)[:, 0]), order), "order is kept"
