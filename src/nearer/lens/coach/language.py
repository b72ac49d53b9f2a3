"""Whether the coach can read a draft at all: the lens and the phrase library know English only, and
a draft of marks or emoji alone ("???", "👍") has no words to read.

>>> unreadable("👍"), unreadable("te quiero mucho"), unreadable("love u x")
('no_words', 'not_english', None)

"Clearly not English" is said cautiously: most letters in another script, or more words that are
common in Spanish, French, German, Italian or Portuguese than common English ones. A draft that
mixes in a word or two ("te amo, I miss you") is English.
"""

from __future__ import annotations

import re
from typing import Literal

from nearer.lens.encoding import plain_quotes

Unreadable = Literal["no_words", "not_english"]

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_ENGLISH = frozenset({"a", "about", "after", "again", "all", "also", "always", "am", "an", "and", "any", "are", "as",
                      "at", "back", "bad", "be", "because", "been", "but", "by", "can", "can't", "come", "could",
                      "day", "did", "didn't", "do", "don't", "done", "feel", "for", "from", "get", "go", "going",
                      "good", "got", "had", "has", "have", "he", "her", "here", "him", "his", "home", "how", "i",
                      "i'd", "i'll", "i'm", "i've", "if", "in", "is", "it", "it's", "just", "know", "last", "let",
                      "like", "lol", "love", "me", "miss", "more", "much", "my", "need", "never", "no", "not", "now",
                      "of", "off", "oh", "ok", "okay", "on", "one", "or", "our", "out", "please", "really", "right",
                      "said", "see", "she", "so", "some", "sorry", "still", "sure", "thank", "thanks", "that",
                      "that's", "the", "then", "there", "they", "think", "this", "time", "to", "today", "tonight",
                      "too", "u", "up", "ur", "us", "want", "was", "we", "well", "were", "what", "when", "where",
                      "who", "why", "will", "with", "work", "would", "x", "xx", "yeah", "yes", "yet", "you", "you're",
                      "your", "hi", "hey", "hello", "haha", "hahaha", "omg", "night", "morning", "babe", "baby",
                      "tired", "great", "fine", "cool", "nice", "yep", "nope", "thx", "ty", "idk", "tbh"})  # fmt: skip
# Common words of other languages, leaving out those English chats borrow ("ciao", "merci", "nada").
_OTHER_WORDS = frozenset({"de", "los", "las", "que", "en", "por", "para", "una", "mi", "tu", "te", "yo", "es", "está",
                          "estoy", "muy", "pero", "como", "más", "también", "quiero", "amor", "mucho", "bueno",
                          "bien", "siempre", "nunca", "ahora", "hoy", "noche", "contigo", "je", "il", "elle", "nous",
                          "vous", "est", "suis", "et", "les", "des", "avec", "pour", "mais", "très", "moi", "toi",
                          "ce", "soir", "aime", "fatigué", "fatiguée", "oui", "rien", "beaucoup", "ça", "c'est",
                          "j'ai", "t'aime", "ich", "du", "sie", "wir", "ist", "nicht", "und", "der", "das", "mit",
                          "für", "aber", "sehr", "mich", "dich", "liebe", "bitte", "heute", "morgen", "nacht",
                          "schatz", "auch", "noch", "immer", "nie", "schon", "che", "sono", "ti", "voglio", "bene",
                          "anche", "sempre", "oggi", "stasera", "molto", "eu", "você", "não", "com", "uma", "muito",
                          "tudo", "bem", "também", "hoje", "amanhã", "saudade"})  # fmt: skip
_OTHER = _OTHER_WORDS - _ENGLISH


def _latin(letter: str) -> bool:
    code = ord(letter)
    return code < 0x250 or 0x1E00 <= code <= 0x1EFF


def unreadable(text: str) -> Unreadable | None:
    """Why the coach cannot read ``text`` ("no_words" or "not_english"), or None when it can."""
    if not any(ch.isalnum() for ch in text):
        return "no_words"  # a number is an answer ("10" to "how long?"); marks and emoji alone are not
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    if sum(map(_latin, letters)) * 2 < len(letters):
        return "not_english"
    found = _WORD.findall(plain_quotes(text).lower())
    english = sum(word in _ENGLISH for word in found)
    other = sum(word in _OTHER for word in found)
    return "not_english" if other > english else None
