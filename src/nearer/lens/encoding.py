"""From text to numbers, with numpy and ``tokenizers`` only: word pieces, their static
embeddings, hashed n-grams, negation scope and emoji. Everything works on whole batches
at once, so the fast tier can read years of chat in seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from tokenizers import Tokenizer

BUCKETS = 1 << 17  # hashed n-gram table rows
MAX_PIECES = 128  # longer messages are read from their first 128 pieces
NEGATIONS = ("not", "no", "never", "nothing", "don", "didn", "doesn", "isn", "wasn", "won", "can", "cannot", "nobody")
# Emoji and pictographs: the word-piece vocabulary has none of them, and they carry a lot (🙄, ❤️, 😭).
EMOJI = re.compile("[\u2600-\u27bf\U0001f000-\U0001faff]")
_BIGRAM, _NEGATED, _CONTEXT, _EMOJI = 1_000_003, 7_919, 104_729, 15_485_863


@dataclass(frozen=True)
class Pieces:
    """The word pieces of a batch of texts, flat: text i is ``ids[starts[i]:starts[i + 1]]``."""

    ids: NDArray[np.int64]
    starts: NDArray[np.int64]

    @property
    def lengths(self) -> NDArray[np.int64]:
        return np.diff(self.starts)

    def owner(self) -> NDArray[np.int64]:
        """For each piece, the index of the text it belongs to."""
        return np.repeat(np.arange(len(self.starts) - 1), self.lengths)


@dataclass(frozen=True)
class Sparse:
    """Hashed features as (row, bucket, value) triples: what a sparse matrix is made of."""

    rows: NDArray[np.int64]
    buckets: NDArray[np.int64]
    values: NDArray[np.float32]


class StaticEncoder:
    """Word pieces and their static embeddings (distilled from MiniLM by training/build_static_embeddings.py)."""

    def __init__(self, folder: Path) -> None:
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=MAX_PIECES)
        table = np.load(folder / "embeddings.npy").astype(np.float32)
        # One zero row at the end: empty texts point at it, so every start is a valid index.
        self.table = np.vstack([table, np.zeros((1, table.shape[1]), dtype=np.float32)])
        self.negations = np.array([i for w in NEGATIONS if (i := self.tokenizer.token_to_id(w)) is not None])
        self.dimensions = table.shape[1]

    def pieces(self, texts: list[str]) -> Pieces:
        encodings = self.tokenizer.encode_batch(texts, add_special_tokens=False)
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        starts = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(lengths, out=starts[1:])
        ids = np.fromiter((i for e in encodings for i in e.ids), dtype=np.int64, count=int(starts[-1]))
        return Pieces(ids=ids, starts=starts)

    def mean_embeddings(self, pieces: Pieces) -> NDArray[np.float32]:
        """One unit-length vector per text: the mean of its pieces' embeddings (zeros for an empty text)."""
        n = len(pieces.starts) - 1
        if pieces.ids.size == 0:
            return np.zeros((n, self.dimensions), dtype=np.float32)
        vectors = self.table[np.append(pieces.ids, len(self.table) - 1)]
        sums = np.add.reduceat(vectors, np.minimum(pieces.starts[:-1], pieces.ids.size), axis=0)
        lengths = pieces.lengths
        sums[lengths == 0] = 0.0
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        unit: NDArray[np.float32] = (sums / np.maximum(norms, 1e-6)).astype(np.float32)
        return unit

    def hashed(self, pieces: Pieces, *, salt: int = 0) -> Sparse:
        """Unigrams, bigrams, and pieces in the scope of a negation (up to three after it), hashed.

        Each text's values are scaled by 1/sqrt(its length), so long and short texts weigh alike.
        """
        ids, owner = pieces.ids, pieces.owner()
        same_as_previous = np.zeros(ids.size, dtype=bool)
        same_as_previous[1:] = owner[1:] == owner[:-1]
        negation = np.isin(ids, self.negations)
        negated = np.zeros(ids.size, dtype=bool)
        for back in (1, 2, 3):
            ok = np.zeros(ids.size, dtype=bool)
            ok[back:] = (owner[back:] == owner[:-back]) & negation[:-back]
            negated |= ok
        bigram_at = np.flatnonzero(same_as_previous)
        buckets = np.concatenate(
            [
                ids,
                ids[bigram_at - 1] * _BIGRAM + ids[bigram_at],
                ids[negated] * _NEGATED + 1,
            ]
        )
        rows = np.concatenate([owner, owner[bigram_at], owner[negated]])
        scale = 1.0 / np.sqrt(np.maximum(pieces.lengths, 1)).astype(np.float32)
        return Sparse(rows=rows, buckets=(buckets + salt * _CONTEXT) % BUCKETS, values=scale[rows])

    def emoji(self, texts: list[str]) -> Sparse:
        rows: list[int] = []
        buckets: list[int] = []
        for row, text in enumerate(texts):
            for found in EMOJI.findall(text):
                rows.append(row)
                buckets.append((ord(found) * _EMOJI) % BUCKETS)
        return Sparse(
            rows=np.array(rows, dtype=np.int64),
            buckets=np.array(buckets, dtype=np.int64),
            values=np.ones(len(rows), dtype=np.float32),
        )
