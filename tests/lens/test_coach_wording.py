"""The coach's words read as a person would say them: good news only when it is good, feelings only
when they are felt, the writer's own feeling for a gentle start, the partner's point said back with
the right pronouns, and plain words when there is nothing it can read."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from nearer.errors import InvalidInput
from nearer.lens.coach import coach, words
from nearer.lens.coach.evidence import find_evidence

TIER = "fast"


@pytest.mark.parametrize(
    "text",
    [
        "I got in a car accident on the way home",
        "we got in a huge fight at dinner",
        "no good news from the doctor",
        "it's not good news I'm afraid",
        "any good news from the interview?",
        "I passed out at work today",
        "I made it worse, didn't I",
    ],
)
def test_bad_news_is_not_taken_for_good(text: str) -> None:
    assert not words.good_news(text)


@pytest.mark.parametrize(
    "text",
    [
        "I got in!!",
        "good news: I got the job",
        "we got into the uni we wanted",
        "I passed my driving test",
        "we did it!",
    ],
)
def test_good_news_is_still_heard(text: str) -> None:
    assert words.good_news(text)


def test_an_accident_is_not_celebrated() -> None:
    advice = coach("k", "I got in a car accident on the way home", tier=TIER)
    assert advice.suggestions and not any("news" in s or "celebrate" in s for s in advice.suggestions)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("calm down, it's fine", []),
        ("I lost my keys again", []),
        ("there's a new cafe down the road", []),
        ("running low on milk", []),
        ("leave me alone", []),
        ("I'm down for pizza tonight", []),
        ("I feel so down lately", ["down"]),
        ("I've been feeling low all week", ["low"]),
        ("honestly I'm lost at this new job", ["lost"]),
        ("I feel so alone here", ["lonely"]),
        ("I'm down and tired", ["down", "tired"]),
    ],
)
def test_words_that_are_only_sometimes_feelings(text: str, named: list[str]) -> None:
    assert words.feelings(text) == named


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("my bad, I forgot to text", None),
        ("oh my god the traffic was awful", None),
        ("my goodness what a day", None),
        ("my god, my boss yelled at me", "your boss"),
    ],
)
def test_fixed_phrases_are_not_topics(text: str, about: str | None) -> None:
    assert words.topic(text) == about


@pytest.mark.parametrize(
    ("context", "said_back"),
    [
        ("you never text me back when I text you", "I never text you back when you text me"),
        ("you told me you were coming", "I told you I was coming"),
        ("you said we were fine", "I said we were fine"),
        ("you only call when you need me", "I only call when I need you"),
        ("you forgot and I was waiting for you", "I forgot and you were waiting for me"),
    ],
)
def test_their_point_swaps_subject_and_object_pronouns(context: str, said_back: str) -> None:
    assert words.their_point(context) == said_back


@pytest.mark.parametrize(
    ("draft", "situation", "want"),
    [
        ("you keep ignoring me", "you're ignoring me", None),
        ("you always interrupting me", "you're interrupting me", None),
        ("you keep secrets from me", "you keep secrets from me", None),
        ("you keep on at me about the dishes", "you keep on at me about the dishes", None),
        ("you keep on forgetting my birthday", "you're forgetting my birthday", None),
        ("you always bring up my ex", "you bring up my ex", None),
    ],
)
def test_a_complaint_about_what_keeps_happening_is_grammatical(draft: str, situation: str, want: None) -> None:
    assert words.complaint(draft) == (situation, want)


def test_the_gentle_start_for_you_keep_ignoring_me_is_grammatical() -> None:
    advice = coach("you keep ignoring me, every single time", None, tier=TIER)
    assert advice.suggestions
    assert not any("you ignoring" in s for s in advice.suggestions)
    assert any("you're ignoring me" in s for s in advice.suggestions)


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("I'm so happy for you but you never call", []),
        ("I'm glad you're home but you never call", []),
        ("you're always so angry", []),
        ("you never call and I feel so let down", ["let down"]),
        ("it makes me feel invisible when you never ask", ["invisible"]),
        ("I'm exhausted and you're so stressed", ["exhausted"]),
    ],
)
def test_own_feelings_are_the_writers_and_not_glad_ones(text: str, own: list[str]) -> None:
    assert words.own_feelings(text) == own


def test_a_gentle_start_never_borrows_a_glad_or_the_partners_feeling() -> None:
    for draft, borrowed in (("I'm so happy for you but you never call", "happy"), ("you're always so angry", "angry")):
        advice = coach(draft, None, tier=TIER)
        assert advice.suggestions, draft
        assert not any(f"feel {borrowed}" in s or f"feeling {borrowed}" in s for s in advice.suggestions), draft


@pytest.mark.parametrize("draft", ["???", "👍", "...", "❤️❤️", "!!"])
def test_a_draft_without_words_is_not_praised(draft: str) -> None:
    advice = coach(draft, None, tier=TIER)
    assert advice.affirmation is None
    assert advice.note is not None and "words" in advice.note
    with_context = coach(draft, "I had such a rough day at work", tier=TIER)
    assert with_context.affirmation is None and with_context.note is not None
    assert with_context.suggestions, "it can still offer a turn toward what they said"


@pytest.mark.parametrize(
    "draft",
    ["te quiero mucho, mi amor", "je suis fatigué ce soir", "ich liebe dich so sehr", "привет, как дела?", "我很想你"],
)
def test_a_draft_not_in_english_is_said_to_be_unread_not_praised(draft: str) -> None:
    advice = coach(draft, "how was your day?", tier=TIER)
    assert advice.affirmation is None and advice.flags == () and advice.suggestions == () and advice.acts == ()
    assert advice.note is not None and "English" in advice.note


@pytest.mark.parametrize("draft", ["ok", "lol", "love u", "haha yes!!", "Te amo, I miss you"])
def test_short_english_drafts_are_read_as_english(draft: str) -> None:
    advice = coach(draft, None, tier=TIER)
    assert advice.note is None or "English" not in advice.note


def test_safety_still_comes_first_for_a_draft_without_words() -> None:
    advice = coach("👍", "I don’t want to be here anymore", tier=TIER)
    assert advice.safety and advice.note is None and advice.affirmation is None


def test_a_broken_character_is_refused_plainly() -> None:
    with pytest.raises(InvalidInput, match="UTF-8"):
        coach("caf\udce9 ok", None, tier=TIER)
    with pytest.raises(InvalidInput, match="UTF-8"):
        coach("ok", "\udc80 hi", tier=TIER)


def test_the_command_refuses_undecodable_bytes_in_its_arguments_without_a_traceback() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "nearer", "coach", "--tier", "fast", b"caf\xe9 ok"],
        capture_output=True,
        timeout=120,
        env={**os.environ, "NEARER_HOME": "/nonexistent-not-needed", "PYTHONIOENCODING": "utf-8"},
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1 and "Traceback" not in stderr
    assert stderr.startswith("nearer: ") and "UTF-8" in stderr and len(stderr.strip().splitlines()) == 1


def test_the_command_says_plainly_when_there_are_no_words() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "nearer", "coach", "--tier", "fast", "👍"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NEARER_HOME": "/nonexistent-not-needed"},
    )
    assert done.returncode == 0, done.stderr
    assert "words" in done.stdout and "Send it as it is" not in done.stdout and "Nothing to change" not in done.stdout


def test_evidence_is_found_through_a_curly_apostrophe_and_quoted_as_typed() -> None:
    def never_called(_: object) -> list[float]:
        raise AssertionError("a telltale phrase was there; the lens need not be asked")

    assert find_evidence("criticism", "Thanks for dinner. You’re so selfish though", never_called) == (
        "You’re so selfish though"
    )
    assert find_evidence("dismissal", "Ok. Don’t be so dramatic!", never_called) == "Don’t be so dramatic!"
