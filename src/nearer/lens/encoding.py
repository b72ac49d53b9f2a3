"""From text to numbers, with numpy and ``tokenizers`` only: word pieces, their static
embeddings, hashed n-grams, negation scope and emoji. Everything works on whole batches
at once, so the fast tier can read years of chat in seconds.

Typographic apostrophes and quotes are read as the plain ones (``plain_quotes``): phones type
"don’t", the corpus says "don't", and the two must mean the same to the lens.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
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
WORD_CACHE_LIMIT = 200_000
POOL_BLOCK = 32  # texts pooled per matrix product: measured fastest on this machine
MAX_CACHED_WORD = 40  # longer "words" (links, keyboard mashing) are tokenized but not remembered
MAX_WORD = 101 * MAX_PIECES  # a piece uses at most ~101 characters, so no more can matter
# ‘ ’ ‚ ‛, the modifier letter apostrophe ʼ, prime ′, acute accent ´ and the full-width ＇ stand for
# an apostrophe; “ ” „ ‟, double prime ″ and the full-width ＂ for a double quote.
_APOSTROPHES = "\u2018\u2019\u201a\u201b\u02bc\u2032\u00b4\uff07"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\uff02"
_PLAIN_QUOTES = str.maketrans(dict.fromkeys(_APOSTROPHES, "'") | dict.fromkeys(_DOUBLE_QUOTES, '"'))


def plain_quotes(text: str) -> str:
    """``text`` with its typographic apostrophes and quotes made plain: "don’t" gives "don't", “so” gives "so".

    One character for one, so an offset into the result is the same offset into ``text``; only what is
    read changes, never what is shown.
    """
    return text if text.isascii() else text.translate(_PLAIN_QUOTES)


@cache
def pre_token_pattern() -> re.Pattern[str]:
    """Where BERT's pre-tokenizer cuts: at whitespace, and around each punctuation mark. Emoji and
    symbols such as £ stay joined to their neighbours, as they do in BERT. Built on first use, from a
    scan of the code points that can be punctuation (a tenth of a second)."""
    punctuation = _bert_punctuation()
    return re.compile(f"[{punctuation}]|[^\\s{punctuation}]+")


# Unicode puts no punctuation past its first two planes (the rest hold CJK ideographs, tags, variation
# selectors and private use), so looking there only costs time: a tenth of the scan, at every start.
# tests/lens/test_encoding.py checks that the whole range gives the same characters.
PUNCTUATION_PLANES_END = 0x20000


def _bert_punctuation(end: int = PUNCTUATION_PLANES_END) -> str:
    """Every character BERT's pre-tokenizer splits off alone: ASCII punctuation and Unicode's P* categories."""
    found = [
        chr(c)
        for c in range(end)
        if (33 <= c <= 47 or 58 <= c <= 64 or 91 <= c <= 96 or 123 <= c <= 126)
        or unicodedata.category(chr(c)).startswith("P")
    ]
    return "".join(re.escape(ch) for ch in found)


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
        self.table = table
        self.negations = np.array([i for w in NEGATIONS if (i := self.tokenizer.token_to_id(w)) is not None])
        self._words: dict[str, list[int]] = {}
        self.dimensions = table.shape[1]

    def word_pieces(self, word: str) -> list[int]:
        """The word pieces of one whitespace-free token ("you," -> you ,), its quotes made plain,
        remembered: chats reuse a small vocabulary over and over, so most tokens are looked up, not
        tokenized (and made plain only once)."""
        found = self._words.get(word)
        if found is None:
            found = []
            for pre_token in pre_token_pattern().findall(plain_quotes(word[:MAX_WORD])):
                found.extend(self.tokenizer.encode(pre_token, add_special_tokens=False).ids)
            if len(self._words) < WORD_CACHE_LIMIT and len(word) <= MAX_CACHED_WORD:
                self._words[word] = found
        return found

    def pieces(self, texts: list[str]) -> Pieces:
        """The word pieces of each text, exactly as the tokenizer gives them for the whole text once its
        quotes are made plain (it too cuts at whitespace first, and ``plain_quotes`` changes no
        whitespace), with each distinct token tokenized only once."""
        flat: list[int] = []
        lengths: list[int] = []
        words = self._words
        for text in texts:
            before = len(flat)
            for word in text.split():
                found = words.get(word)
                flat.extend(found if found is not None else self.word_pieces(word))
                if len(flat) - before >= MAX_PIECES:
                    break  # only the first MAX_PIECES are read: stop tokenizing there
            if len(flat) - before > MAX_PIECES:
                del flat[before + MAX_PIECES :]
            lengths.append(len(flat) - before)
        starts = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(np.array(lengths, dtype=np.int64), out=starts[1:])
        ids_flat = np.array(flat, dtype=np.int64)
        return Pieces(ids=ids_flat, starts=starts)

    def mean_embeddings(self, pieces: Pieces) -> NDArray[np.float32]:
        """One unit-length vector per text: the mean of its pieces' embeddings (zeros for an empty text)."""
        n = len(pieces.starts) - 1
        if pieces.ids.size == 0:
            return np.zeros((n, self.dimensions), dtype=np.float32)
        # Sums of each text's piece vectors as small block-diagonal matrix products: a text's pieces
        # are contiguous, so a block of texts is a 0/1 matrix times their vectors, which BLAS does
        # several times faster than reduceat or bincount over thousands of short segments.
        sums = np.empty((n, self.dimensions), dtype=np.float32)
        starts = pieces.starts
        for first in range(0, n, POOL_BLOCK):
            last = min(n, first + POOL_BLOCK)
            low, high = starts[first], starts[last]
            segments = np.zeros((last - first, high - low), dtype=np.float32)
            segments[np.repeat(np.arange(last - first), np.diff(starts[first : last + 1])), np.arange(high - low)] = 1.0
            sums[first:last] = segments @ self.table[pieces.ids[low:high]]
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
