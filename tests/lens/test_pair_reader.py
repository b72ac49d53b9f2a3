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


def test_the_blend_reads_both_readings_of_every_act_as_recorded() -> None:
    fast = Scores(acts=np.full((1, 11), 0.2, dtype=np.float32), turns=np.array([[0.7, 0.1, 0.1, 0.1]], np.float32))
    fast.acts[0, 3] = 0.8
    act_logits = np.full((1, 11), -1.0, dtype=np.float32)
    act_logits[0, 5] = 2.0
    turn_logits = np.array([[0.0, 0.0, 0.0, 10.0]], np.float32)
    weights, bias = np.zeros((11, 33), np.float32), np.zeros(11, np.float32)
    weights[0, 0] = 1.0  # act 0: its own fast reading alone
    weights[1, 11 + 5] = 1.0  # act 1: the pair reader's reading of act 5
    weights[2, 22 + 3], bias[2] = 0.5, 0.25  # act 2: the product of act 3's two readings, and a bias
    blend = Blend(acts_weights=weights, acts_bias=bias, turn_weight=1.0)
    mixed = blend.of(fast, act_logits, turn_logits)
    assert mixed.acts[0, 0] == pytest.approx(0.2, abs=1e-5), "the fast reading's logit, back through the sigmoid"
    assert mixed.acts[0, 1] == pytest.approx(1 / (1 + np.exp(-2.0)), abs=1e-5), "one act can read another's"
    assert mixed.acts[0, 2] == pytest.approx(1 / (1 + np.exp(-(0.5 * np.log(0.8 / 0.2) * -1.0 + 0.25))), abs=1e-5)
    assert np.allclose(mixed.acts[0, 3:], 0.5), "no weight, no bias: even odds"
    assert mixed.turns.argmax() == 3, "all of the turn from the pair reader"
    certain = blend.acts_of(np.ones((1, 11), np.float32), np.zeros((1, 11), np.float32))
    assert np.isfinite(certain).all() and certain[0, 0] > 0.99, "a fast probability of 1 is read, not infinite"
    recorded = json.loads((FOLDER / BLEND_FILE).read_text(encoding="utf-8"))
    tier = accurate_tier()
    assert tier.blend.acts_weights.shape == (11, 33) and tier.blend.acts_bias.shape == (11,)
    assert np.allclose(tier.blend.acts_weights, recorded["acts_weights"], atol=1e-6)
    assert np.allclose(tier.blend.acts_bias, recorded["acts_bias"], atol=1e-6)
    assert 0.0 <= recorded["turn_weight"] <= 1.0 and tier.blend.turn_weight == recorded["turn_weight"]
    assert tier.thresholds == recorded["thresholds"]


def test_a_blend_of_another_format_says_how_to_rebuild(tmp_path: Path) -> None:
    for name in ("meta.json", FILE_NAME):
        shutil.copy(FOLDER / name, tmp_path / name)
    stored = json.loads((FOLDER / BLEND_FILE).read_text(encoding="utf-8"))
    cut_short = {**stored, "acts_weights": stored["acts_weights"][:5]}
    # The blend as the version before wrote it: a weight per act and Platt scaling of the pair reader.
    earlier = {"acts_weight": [0.5] * 11, "turn_weight": 0.4, "platt_a": [1.0] * 11, "platt_b": [0.0] * 11}
    for blend in (cut_short, {**earlier, "thresholds": stored["thresholds"]}, {"acts_weights": "x"}):
        (tmp_path / BLEND_FILE).write_text(json.dumps(blend), encoding="utf-8")
        with pytest.raises(ModelUnavailable, match=r"not the blend this version reads.*make train"):
            AccurateTier(tmp_path, pair_reader=accurate_tier().pair_reader)


def test_the_shipped_tier_scores_dev_as_training_recorded() -> None:
    """Training recorded how the shipped tier scores dev at its thresholds; if a file drifts, this fails."""
    from nearer.lens import score_batch
    from training.corpus import load

    dev = load("dev")
    batch = score_batch([e.text for e in dev], [e.context for e in dev], tier="accurate")
    recorded = accurate_tier().meta["dev_as_shipped"]
    for k, act in enumerate(ACTS):
        truth = np.array([act in e.acts for e in dev])
        predicted = batch.present[:, k]
        f1 = 2 * (truth & predicted).sum() / max(truth.sum() + predicted.sum(), 1)
        assert abs(f1 - recorded[act]["f1_at_threshold"]) < 0.006, act
