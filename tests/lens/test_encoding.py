"""The fast tier's shortcuts give exactly what the plain way gives."""

from __future__ import annotations

import sys

import numpy as np
from tokenizers import Tokenizer

from nearer.lens.encoding import MAX_PIECES, StaticEncoder, _bert_punctuation
from nearer.lens.fast import FOLDER, fast_tier
from training.corpus import load

EDGE_CASES = [
    "",
    "   ",
    "a\u00a0b\u202fc",  # the no-break spaces WhatsApp puts in exports
    "tab\there\nand a new line",
    "£94 😂😂 café naïve",
    "don't!!! ...ok?? (maybe)",
    "word " * 300,  # past the truncation limit
    "日本語のテキスト and العربية",
]


def test_cached_word_pieces_are_exactly_the_tokenizers() -> None:
    texts = [e.text for e in load()] + EDGE_CASES
    reference = Tokenizer.from_file(str(FOLDER / "tokenizer.json"))
    reference.no_padding()
    reference.enable_truncation(max_length=MAX_PIECES)
    expected = [e.ids for e in reference.encode_batch(texts, add_special_tokens=False)]
    pieces = StaticEncoder(FOLDER).pieces(texts)
    got = [pieces.ids[pieces.starts[i] : pieces.starts[i + 1]].tolist() for i in range(len(texts))]
    mismatched = [t for t, g, e in zip(texts, got, expected, strict=True) if g != e]
    assert mismatched == []


def test_pooling_by_blocks_is_the_mean_of_the_pieces() -> None:
    encoder = StaticEncoder(FOLDER)
    texts = ["i miss you", "", "ok", "thank you for dinner, it was lovely"]
    pieces = encoder.pieces(texts)
    pooled = encoder.mean_embeddings(pieces)
    for i in range(len(texts)):
        ids = pieces.ids[pieces.starts[i] : pieces.starts[i + 1]]
        if ids.size == 0:
            assert not pooled[i].any()
            continue
        plain = encoder.table[ids].sum(axis=0)
        assert np.allclose(pooled[i], plain / np.linalg.norm(plain), atol=1e-5)


def test_scoring_distinct_strings_once_equals_scoring_every_pair() -> None:
    examples = load("dev")
    texts = [e.text for e in examples] + EDGE_CASES
    contexts = [e.context for e in examples] + [None, "  ", "how was it?", None, "😂", "", "what's wrong?", None]
    model = fast_tier()
    plain, fast = model.score_pairwise(texts, contexts), model.score(texts, contexts)
    assert np.allclose(plain.acts, fast.acts, atol=1e-5)
    has_context = np.array([c is not None and c.strip() != "" for c in contexts])
    assert np.allclose(plain.turns[has_context], fast.turns[has_context], atol=1e-5)


def test_punctuation_is_only_found_in_the_first_two_planes() -> None:
    assert _bert_punctuation() == _bert_punctuation(end=sys.maxunicode + 1)
