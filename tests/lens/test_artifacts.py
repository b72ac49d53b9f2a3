"""The shipped model files keep design.md's limits and carry their base model's licence notice."""

from __future__ import annotations

from nearer.lens.fast import FOLDER

MB = 1_000_000


def test_model_files_are_small_and_licensed() -> None:
    files = [p for p in FOLDER.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"embeddings.npy", "tokenizer.json", "head.npz", "meta.json", "NOTICE.txt"} <= names
    assert all(p.stat().st_size <= 25 * MB for p in files)
    assert sum(p.stat().st_size for p in files) <= 40 * MB
    notice = (FOLDER / "NOTICE.txt").read_text()
    assert "all-MiniLM-L6-v2" in notice and "Apache License" in notice
