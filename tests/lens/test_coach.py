"""The coach keeps its contract: it names the draft's acts, quotes the words behind each disconnecting
one, offers alternatives made from the two messages, affirms a caring draft, and puts safety first."""

from __future__ import annotations

import pytest

from nearer.errors import InvalidInput, ModelUnavailable
from nearer.lens.acts import DISCONNECTING
from nearer.lens.coach import coach
from nearer.lens.coach.library import Library, library
from nearer.support import CRISIS_RESOURCES

TIER = "fast"  # the coach's own logic; tests/lens/test_accurate.py runs it on the accurate tier


def test_a_criticism_is_flagged_with_its_own_words_and_turned_into_a_gentle_start() -> None:
    draft = "why do you always leave your dishes in the sink"
    advice = coach(draft, None, tier=TIER)
    assert "criticism" in advice.acts and not advice.safety
    flag = next(f for f in advice.flags if f.act == "criticism")
    assert flag.evidence and flag.evidence in draft
    assert f'"{flag.evidence}"' in flag.explanation
    assert 2 <= len(advice.suggestions) <= 3
    assert any("leave your dishes in the sink" in s and s.startswith(("I feel", "When")) for s in advice.suggestions)
    assert draft not in advice.suggestions


def test_every_disconnecting_act_gets_a_flag_and_nothing_else_does() -> None:
    pairs = [
        ("you're overreacting, it's not a big deal", "I feel so lonely since you started the night shifts"),
        ("I'm done talking about this", "can we please talk about the money thing"),
        ("well you forgot my birthday so don't lecture me", "you said you'd call and you didn't"),
        ("fine", "what's wrong? you've been quiet all evening"),
    ]
    for draft, context in pairs:
        advice = coach(draft, context, tier=TIER)
        assert [f.act for f in advice.flags] == [a for a in advice.acts if a in DISCONNECTING], draft
        assert advice.flags, f"{draft!r} should be flagged"
        assert all(f.evidence in draft for f in advice.flags)


def test_alternatives_use_the_partners_own_words_and_feelings() -> None:
    lonely = coach("you're overreacting, it's not a big deal", "I feel so lonely since the night shifts", tier=TIER)
    assert any("lonely" in s for s in lonely.suggestions)
    boss = coach("you never listen to me", "I had such a rough day, my boss yelled at me", tier=TIER)
    assert any("your boss" in s for s in boss.suggestions)
    sorry = coach("well you forgot my birthday so don't lecture me", "you said you'd call and you didn't", tier=TIER)
    assert any("I said I'd call and I didn't" in s for s in sorry.suggestions)


def test_different_messages_get_different_suggestions() -> None:
    pairs = [
        ("you never listen to me", "my boss yelled at me today"),
        ("you're overreacting", "I'm so worried about my mum's surgery"),
        ("whatever", "I feel invisible at these parties"),
        ("k", "I got the job!!!"),
        ("fine", "what's wrong?"),
        ("stop being so dramatic 🙄", "I cried at the film again"),
        ("it's not my fault you didn't plan", "you forgot to book the table again"),
        ("not now", "can we talk about us?"),
        ("you always do this", "I'm exhausted from the night shifts"),
        ("calm down", "I'm really anxious about the exam"),
    ]
    seen = [coach(draft, context, tier=TIER).suggestions for draft, context in pairs]
    assert all(seen), "every one of these drafts needs another way"
    assert len(set(seen)) == len(seen)
    assert len({s for suggestions in seen for s in suggestions}) >= 2 * len(seen)


def test_good_news_is_celebrated_and_a_question_is_answered_with_a_small_share() -> None:
    news = coach("k", "I got the job!!!", tier=TIER)
    assert news.suggestions and not any("hard" in s for s in news.suggestions)
    asked = coach("fine", "what's wrong? you've been quiet all evening", tier=TIER)
    assert len(asked.suggestions) >= 2
    assert not any("what's wrong" in s for s in asked.suggestions), "don't quote their question back at them"


@pytest.mark.parametrize(
    ("draft", "context"),
    [
        ("thank you for cooking tonight, it made my week", None),
        ("that sounds so hard, what happened?", "I've been really stressed about the interview tomorrow"),
    ],
)
def test_a_caring_draft_is_affirmed_not_rewritten(draft: str, context: str | None) -> None:
    advice = coach(draft, context)  # as the app coaches: the accurate tier (the fast one misreads plain sympathy)
    assert advice.flags == () and advice.suggestions == ()
    assert advice.affirmation is not None
    assert "Send it as it is" in advice.affirmation or "Nothing to change" in advice.affirmation


@pytest.mark.parametrize(
    ("draft", "context"),
    [
        ("I don't want to be here anymore", "how are you doing?"),
        ("ok", "I'm scared of him, he said he'd hurt me if I leave"),
        ("sorry", "honestly everyone would be better off without me"),
    ],
)
def test_safety_in_either_message_gives_resources_instead_of_coaching(draft: str, context: str) -> None:
    advice = coach(draft, context, tier=TIER)
    assert advice.safety
    assert advice.resources == CRISIS_RESOURCES and any("988" in r for r in advice.resources)
    assert advice.flags == () and advice.suggestions == ()


def test_the_json_has_exactly_the_contracts_keys() -> None:
    shown = coach("you never help", None, tier=TIER).as_json()
    assert set(shown) == {"acts", "flags", "suggestions", "safety", "resources"}
    assert all(set(flag) == {"act", "explanation", "evidence"} for flag in shown["flags"])
    assert shown["safety"] is False and shown["resources"] == []


@pytest.mark.parametrize(("draft", "context"), [("", "hi"), ("   ", None), ("x" * 6000, None), ("hi", "y" * 6000)])
def test_bad_input_is_refused_plainly(draft: str, context: str | None) -> None:
    with pytest.raises(InvalidInput):
        coach(draft, context, tier=TIER)


def test_the_phrase_library_is_checked_when_it_loads() -> None:
    assert library().say("curious", "with_topic", {"topic": "the move"}, "seed")
    with pytest.raises(ModelUnavailable, match="unknown placeholder"):
        Library({**_library_data(), "repair": {"ask": ["What about {nonsense}?"]}})
    with pytest.raises(ModelUnavailable, match=r"\[affirm\] caring"):
        Library({**_library_data(), "affirm": {"neutral": ["fine"]}})


def test_a_phrase_is_only_used_when_every_blank_can_be_filled() -> None:
    phrases = library()
    assert phrases.say("feelings_named", "reflect", {"feeling": None}, "s") is None
    said = phrases.say("gentle_start", "with_situation", {"situation": "you leave early", "own_feeling": "sad"}, "s")
    assert said is not None and "you leave early" in said and "{" not in said


def _library_data() -> dict[str, object]:
    import tomllib

    from nearer.lens.coach.library import FILE

    with FILE.open("rb") as handle:
        return tomllib.load(handle)
