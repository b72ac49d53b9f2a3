"""The shipped model files keep design.md's limits and carry their base model's licence notice."""

from __future__ import annotations

from nearer.lens.accurate import FOLDER as ACCURATE
from nearer.lens.fast import FOLDER as FAST

MB = 1_000_000


def test_model_files_are_small_and_licensed() -> None:
    files = [p for p in FAST.parent.rglob("*") if p.is_file()]
    assert {"embeddings.npy", "tokenizer.json", "head.npz", "meta.json", "NOTICE.txt"} <= {p.name for p in files}
    assert {"pair_reader.npz", "blend.json", "meta.json", "NOTICE.txt"} <= {p.name for p in ACCURATE.iterdir()}
    assert all(p.stat().st_size <= 25 * MB for p in files)
    assert sum(p.stat().st_size for p in files) <= 40 * MB, "40 MB in all, both tiers together"
    for folder in (FAST, ACCURATE):
        notice = (folder / "NOTICE.txt").read_text()
        assert "all-MiniLM-L6-v2" in notice and "Apache License" in notice
