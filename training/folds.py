"""Out-of-fold scores: the train split read by models that never saw the batch a message comes from.

Dev holds five batches, so an act like contempt has only a few dozen positives there: too few to set a
threshold that holds on new voices. Each tier therefore also scores every train message with a model
fitted, the same way as the shipped one, on the other folds of train (folds are whole batches, as the
splits are). The fast tier's calibration, the accurate tier's blend of its two readings and every act's
threshold are chosen on dev together with these scores: train is over fifteen times dev's size, and none of
its messages was seen by the model that scored it. (The turn's settings are still chosen on dev alone.) The
test split is never read.

A fold's model learnt from three quarters of train, so its scores are a little less spread out than the
shipped model's. Before they are pooled with dev's, each fold's scores are put on the shipped model's
scale (``to_shipped_scale``): on dev, which neither model saw, they are given the shipped model's mean
and spread.

Scores are kept under ``training/.out/`` (not committed): the pair reader's per fold, named by a
fingerprint of the corpus and the recipe, so a long run that stops goes on where it stopped; and each
tier's out-of-fold scores for train_accurate.py, which refuses them for another corpus or model file.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from training.corpus import Example

FOLDS = 4
OUT = Path(__file__).resolve().parent / ".out"


def batch_folds(examples: Sequence[Example], folds: int = FOLDS) -> list[tuple[NDArray[np.intp], NDArray[np.intp]]]:
    """(fit rows, held rows) for each fold; a batch is always wholly on one side."""
    sizes = collections.Counter(e.batch for e in examples)
    if len(sizes) < folds:
        raise ValueError(f"{folds} folds need at least {folds} batches; these examples come from {len(sizes)}")
    # The biggest batches first, each to the fold that holds the fewest messages so far (as GroupKFold does).
    fold_of: dict[str, int] = {}
    filled = [0] * folds
    for batch, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        fold_of[batch] = filled.index(min(filled))
        filled[fold_of[batch]] += size
    assigned = np.array([fold_of[e.batch] for e in examples])
    return [(np.flatnonzero(assigned != n), np.flatnonzero(assigned == n)) for n in range(folds)]


def to_shipped_scale(
    scores: NDArray[np.floating], fold_dev: NDArray[np.floating], shipped_dev: NDArray[np.floating]
) -> NDArray[np.floating]:
    """A fold model's ``scores`` (logits, one column per act) moved by the affine map that gives its dev
    scores ``fold_dev`` the mean and spread of the shipped model's dev scores ``shipped_dev``."""
    spread = shipped_dev.std(axis=0) / np.maximum(fold_dev.std(axis=0), 1e-9)
    return (scores - fold_dev.mean(axis=0)) * spread + shipped_dev.mean(axis=0)


def fingerprint(examples: Sequence[Example], **settings: object) -> str:
    """A short digest of the examples (words and labels) and the settings a score depends on."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode())
    for e in examples:
        digest.update(json.dumps([e.id, e.batch, e.context, e.text, e.acts, e.turn]).encode())
    return digest.hexdigest()[:16]


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def save_arrays(path: Path, **arrays: NDArray[np.generic]) -> None:
    """np.savez, but all or nothing: a run killed while writing leaves no half file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as handle:
        np.savez(handle, **arrays)  # type: ignore[arg-type]
    os.replace(partial, path)


def save_scores(name: str, examples: Sequence[Example], model: Path, **arrays: NDArray[np.float32]) -> Path:
    """Keep one tier's out-of-fold scores of ``examples`` (rows in their order), tied to the corpus and to
    the shipped ``model`` file they were made beside, for train_accurate.py."""
    path = OUT / f"{name}.npz"
    save_arrays(path, corpus=np.array(fingerprint(examples)), model=np.array(file_digest(model)), **arrays)
    return path


def load_scores(name: str, examples: Sequence[Example], model: Path) -> dict[str, NDArray[np.float32]]:
    """The scores ``save_scores`` kept, checked to be of these very examples and this very model file."""
    path = OUT / f"{name}.npz"
    if not path.exists():
        raise SystemExit(f"{path} is missing: run the training script that writes it first (make train).")
    stored = np.load(path)
    if str(stored["corpus"]) != fingerprint(examples):
        raise SystemExit(f"{path} scores other messages or labels than the corpus holds now: run make train again.")
    if str(stored["model"]) != file_digest(model):
        raise SystemExit(f"{path} was made beside another {model.name} than the one there now: run make train again.")
    return {key: stored[key] for key in stored.files if key not in ("corpus", "model")}
