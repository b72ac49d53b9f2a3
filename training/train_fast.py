"""Train the fast tier's heads (see training/heads.py for how) over static embeddings and hashed features.

Run: make train (after build_static_embeddings.py), with the train extra installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nearer.lens.encoding import StaticEncoder
from nearer.lens.fast import FOLDER, FastTier
from nearer.lens.features import featurize
from training.corpus import Example, load
from training.folds import save_scores
from training.heads import Split, train_heads

FAST_SCORES = "fast-out-of-fold"
HEAD_FILE = "head.npz"


def split(encoder: StaticEncoder, examples: list[Example]) -> Split:
    pairs = featurize(encoder, [e.text for e in examples], [e.context for e in examples])
    alone = featurize(encoder, [e.context or "" for e in examples], [None] * len(examples))
    return Split(examples, pairs, alone)


def main() -> int:
    encoder = StaticEncoder(FOLDER)
    train, dev = split(encoder, load("train")), split(encoder, load("dev"))

    def score_dev():  # type: ignore[no-untyped-def]
        return FastTier(FOLDER).score([e.text for e in dev.examples], [e.context for e in dev.examples]).acts

    out_of_fold = train_heads(FOLDER, train, dev, score_dev)
    kept = save_scores(FAST_SCORES, train.examples, FOLDER / HEAD_FILE, acts=out_of_fold)
    print(f"kept train's out-of-fold act probabilities in {kept}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
