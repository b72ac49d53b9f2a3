"""The word backstop behind the lens's ``safety``: it reads the way people really type (curly apostrophes,
doubled spaces, capitals), it is the same over a whole chat as message by message, and it leaves idioms alone."""

from __future__ import annotations

import pytest

from nearer.lens import classify
from nearer.lens.encoding import StaticEncoder, plain_quotes
from nearer.lens.fast import FOLDER
from nearer.support import sounds_unsafe, unsafe_among
from training.corpus import load


@pytest.mark.parametrize(
    "text",
    [
        "I don’t want to be here anymore",  # the apostrophe phones type
        "I don‘t want to live like this",
        "honestly I donʼt want to wake up tomorrow",
        "I don′t want to be here",
        "they’d be better off if I wasn’t here anymore",
        "I DON'T WANT TO BE HERE ANYMORE",
        "I don't want  to be here",  # a doubled space
        "I don't want\u00a0to be here",  # the no-break space some keyboards put in
        "I don't want to\nbe here any more",
        "there's no point in going on",
        "I want to die",
        "some days I wish I was dead",
        "I've thought about how I'd take my own life",
    ],
)
def test_words_of_danger_are_heard_however_they_are_typed(text: str) -> None:
    assert sounds_unsafe(text)
    assert unsafe_among(["ok", text, "see you at 6"]) == [1]


@pytest.mark.parametrize(
    "text",
    [
        "he hit me up last night about the gig",
        "I cut myself a huge slice of cake",
        "I cut myself shaving lol",
        "there's no point going on about it now",
        "I could kill for a coffee",
        "this commute is killing me",
    ],
)
def test_everyday_idioms_are_not_alarms(text: str) -> None:
    assert not sounds_unsafe(text)
    assert unsafe_among([text]) == []


def test_plain_quotes_turns_typographic_quotes_plain_one_for_one() -> None:
    typed = "I don’t know, she said “fine” and it‘s… ʼok′"
    plain = plain_quotes(typed)
    assert plain == "I don't know, she said \"fine\" and it's… 'ok'"
    assert len(plain) == len(typed)
    assert plain_quotes("plain ascii") == "plain ascii"


def test_the_whole_chat_at_once_agrees_with_each_message_alone() -> None:
    texts = [e.text for e in load()] + [e.context for e in load() if e.context]
    texts += ["", "\x00", "a\x00I want to die", "caf\udce9 I want to die", "😂 I don’t want to be here 😂", "x" * 3]
    expected = [row for row, text in enumerate(texts) if sounds_unsafe(text)]
    assert expected, "the corpus has safety examples"
    assert unsafe_among(texts) == expected
    assert unsafe_among([]) == []


def test_the_lens_reads_a_curly_apostrophe_as_a_plain_one() -> None:
    encoder = StaticEncoder(FOLDER)
    curly, plain = "I don’t want to be here anymore", "I don't want to be here anymore"
    assert encoder.pieces([curly]).ids.tolist() == encoder.pieces([plain]).ids.tolist()
    read_curly, read_plain = classify([curly, "you’re so “helpful”"]), classify([plain, 'you\'re so "helpful"'])
    assert [r.scores for r in read_curly] == [r.scores for r in read_plain]
