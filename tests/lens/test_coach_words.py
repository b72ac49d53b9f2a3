"""What the coach takes from the messages' own words, and where it finds the evidence."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from nearer.lens.coach import words
from nearer.lens.coach.evidence import find_evidence
from nearer.support import sounds_unsafe


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("I feel so lonely lately", ["lonely"]),
        ("I'm not worried about it, just tired", ["tired"]),
        ("stressed out and overwhelmed", ["stressed", "overwhelmed"]),
        ("did you get milk?", []),
    ],
)
def test_feelings_named_without_the_negated_ones(text: str, named: list[str]) -> None:
    assert words.feelings(text) == named


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("my boss yelled at me", "your boss"),
        ("my mum's surgery is on friday", "your mum's surgery"),
        ("I'm nervous about the interview", "the interview"),
        ("work has been a lot", "work"),
        ("lol ok", None),
    ],
)
def test_topic_said_to_the_writer(text: str, about: str | None) -> None:
    assert words.topic(text) == about


def test_their_point_is_said_back_from_the_writers_side() -> None:
    assert words.their_point("you said you'd call and you didn't") == "I said I'd call and I didn't"
    assert words.their_point("the weather is nice") is None


@pytest.mark.parametrize(
    ("draft", "situation", "want"),
    [
        ("you never listen to me", "you don't listen to me", "you'd listen to me"),
        ("you always leave the lights on", "you leave the lights on", None),
        ("why can't you just text me back for once", None, "you'd text me back"),
        ("you're so selfish", None, None),
    ],
)
def test_complaint_and_wish_from_a_critical_draft(draft: str, situation: str | None, want: str | None) -> None:
    assert words.complaint(draft) == (situation, want)


def test_good_news_and_words_of_danger() -> None:
    assert words.good_news("I got the job!!!") and words.good_news("so happy today")
    assert not words.good_news("I got fired") and not words.good_news("happy but so anxious")
    assert sounds_unsafe("sometimes I want to hurt myself")
    assert sounds_unsafe("Honestly they'd all be better off without me")
    assert not sounds_unsafe("I could kill for a coffee") and not sounds_unsafe("this commute is killing me")


def test_quote_drops_chatter_and_keeps_their_words() -> None:
    assert words.quote("I cried at the film again lol 😭") == "I cried at the film again"


def never_called(_: Sequence[str]) -> list[float]:
    raise AssertionError("a telltale phrase was there; the lens need not be asked")


def test_evidence_prefers_a_telltale_phrase_and_quotes_it_exactly() -> None:
    draft = "Thanks for dinner. But you ALWAYS forget to text me when you're late!"
    evidence = find_evidence("criticism", draft, never_called)
    assert evidence in draft and "ALWAYS" in evidence and "dinner" not in evidence


def test_without_a_telltale_phrase_the_lens_points_at_the_clause() -> None:
    draft = "the film was good. honestly that haircut makes you look twelve"

    def scorer(variants: Sequence[str]) -> list[float]:
        return [0.9 if "haircut" in v else 0.1 for v in variants]

    assert find_evidence("contempt", draft, scorer) == "honestly that haircut makes you look twelve"
