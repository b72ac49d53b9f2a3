"""The accurate tier's pair reader: its int8 storage keeps the weights, it loads what ``save`` wrote, it reads
the message with its context, and the tier blends it with the heads as ``pair_blend.json`` says."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from nearer.errors import ModelUnavailable
from nearer.lens.accurate import BLEND_FILE, FOLDER, AccurateTier, Blend, accurate_tier
from nearer.lens.acts import ACTS
from nearer.lens.heads import Scores
from nearer.lens.pair_reader import FILE_NAME, PairReader, quantized, restored, save

pytest.importorskip("torch", reason="the accurate extra is installed by make test; this run lacks it")


def test_int8_rows_keep_every_weight_within_half_a_step() -> None:
    matrix = np.random.default_rng(3).normal(0, 0.05, size=(64, 384)).astype(np.float32)
    matrix[5] = 0.0  # an all-zero row must not divide by zero
    rows, scales = quantized(matrix)
    assert rows.dtype == np.int8 and scales.shape == (64,)
    error = np.abs(restored(rows, scales) - matrix)
    assert (error <= scales[:, None] / 2 + 1e-7).all()
    assert not restored(rows, scales)[5].any()


def test_the_shipped_reader_gives_logits_that_use_the_context() -> None:
    reader = accurate_tier().pair_reader
    acts, turns = reader.logits(["fine", "fine", "fine"], ["what's wrong? you look upset", "pizza tonight?", None])
    assert acts.shape == (3, 11) and turns.shape == (3, 4)
    assert not np.allclose(acts[0], acts[1]) and not np.allclose(acts[1], acts[2])
    reader._remembered.clear()  # read again, not remembered
    again, _ = reader.logits(["fine"], ["pizza tonight?"])
    assert np.allclose(again[0], acts[1], atol=1e-4), "a message reads the same alone or in a batch"


def test_recent_pairs_are_remembered_and_given_back_unchanged() -> None:
    reader = accurate_tier().pair_reader
    first_acts, first_turns = reader.logits(["I miss you", "ok"], ["how was your week?", None])
    assert ("ok", None) in reader._remembered and ("I miss you", "how was your week?") in reader._remembered
    first_acts[:] = 0.0  # what the caller does with its arrays must not reach what is remembered
    second_acts, second_turns = reader.logits(["ok", "I miss you"], ["  ", "how was your week?"])
    assert second_acts.any() and np.array_equal(second_turns[[1, 0]], first_turns)


def test_what_save_writes_the_reader_loads(tmp_path: Path) -> None:
    shipped = np.load(FOLDER / FILE_NAME)
    layers = {
        key.partition(":")[2]: restored(shipped[key], shipped[f"scale:{key.partition(':')[2]}"])
        if key.startswith("q8:")
        else shipped[key]
        for key in shipped.files
        if key.startswith(("q8:", "f32:"))
    }
    heads = {key.partition(":")[2]: shipped[key] for key in shipped.files if key.startswith("head:")}
    heads["acts_bias"] = heads["acts_bias"] + 1.0  # a visible change, to see it is this file that was read
    save(tmp_path / FILE_NAME, layers, heads)
    before, _ = accurate_tier().pair_reader.logits(["I miss you"], [None])
    after, _ = PairReader(tmp_path).logits(["I miss you"], [None])
    assert np.allclose(after, before + 1.0, atol=1e-3)


def test_a_missing_reader_or_blend_says_how_to_rebuild(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match="make train"):
        PairReader(tmp_path)
    for name in ("meta.json", FILE_NAME):
        shutil.copy(FOLDER / name, tmp_path / name)
    with pytest.raises(ModelUnavailable, match=f"{BLEND_FILE} is missing"):
        AccurateTier(tmp_path, pair_reader=accurate_tier().pair_reader)
    stored = json.loads((FOLDER / BLEND_FILE).read_text(encoding="utf-8"))
    del stored["thresholds"]["safety"]
    (tmp_path / BLEND_FILE).write_text(json.dumps(stored), encoding="utf-8")
    with pytest.raises(ModelUnavailable, match="a threshold per act"):
        AccurateTier(tmp_path, pair_reader=accurate_tier().pair_reader)


def test_the_blend_weighs_the_two_readings_as_recorded() -> None:
    heads = Scores(acts=np.full((1, 11), 0.2, dtype=np.float32), turns=np.array([[0.7, 0.1, 0.1, 0.1]], np.float32))
    act_logits, turn_logits = np.zeros((1, 11), np.float32), np.array([[0.0, 0.0, 0.0, 10.0]], np.float32)
    weights = np.full(11, 0.25, dtype=np.float32)
    weights[10] = 1.0
    blend = Blend(
        acts_weight=weights, turn_weight=1.0, platt_a=np.ones(11, np.float32), platt_b=np.zeros(11, np.float32)
    )
    mixed = blend.of(heads, act_logits, turn_logits)
    assert np.allclose(mixed.acts[0, :10], 0.75 * 0.2 + 0.25 * 0.5)
    assert mixed.acts[0, 10] == pytest.approx(0.5), "each act has its own weight"
    assert mixed.turns.argmax() == 3, "all of the turn from the pair reader"
    recorded = json.loads((FOLDER / BLEND_FILE).read_text(encoding="utf-8"))
    tier = accurate_tier()
    assert tier.blend.acts_weight.tolist() == pytest.approx(recorded["acts_weight"])
    assert tier.blend.turn_weight == recorded["turn_weight"] and len(recorded["acts_weight"]) == 11
    assert all(0.0 <= w <= 1.0 for w in [*recorded["acts_weight"], recorded["turn_weight"]])
    assert tier.thresholds == recorded["thresholds"]


def test_the_shipped_tier_scores_dev_as_training_recorded() -> None:
    """Training recorded how the shipped tier scores dev at its thresholds; if a file drifts, this fails."""
    from nearer.lens import score_batch
    from training.corpus import load

    dev = load("dev")
    batch = score_batch([e.text for e in dev], [e.context for e in dev], tier="accurate")
    recorded = accurate_tier().meta["dev"]
    for k, act in enumerate(ACTS):
        truth = np.array([act in e.acts for e in dev])
        predicted = batch.present[:, k]
        f1 = 2 * (truth & predicted).sum() / max(truth.sum() + predicted.sum(), 1)
        assert abs(f1 - recorded[act]["f1_at_threshold"]) < 0.006, act
