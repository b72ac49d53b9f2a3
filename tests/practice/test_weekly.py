"""The rules of the weekly conversation ("our week"), on a real database: the agenda, turns and their
timing, one topic at a time, notes, pausing, last week's requests, the calendar file, and who may see it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.orm import Session

from nearer.errors import Conflict, InvalidInput, NotFound
from nearer.people import accounts, pairs
from nearer.practice import weekly, weekly_plan
from nearer.practice.weekly_agenda import TOPICS, agenda, listener_prompts, topic
from nearer.store.database import Database
from nearer.store.models import Person, WeeklyPlan
from tests.conftest import QUICK_PASSWORDS

NOW = datetime(2026, 5, 3, 19, 0, tzinfo=UTC)  # a Sunday evening


@dataclass
class Pair:
    database: Database
    ada: str
    bo: str
    cy: str  # in no pair with them
    id: str

    @contextmanager
    def as_(self, who: str) -> Iterator[tuple[Session, Person]]:
        with self.database.session() as session:
            yield session, accounts.get_person(session, who)

    def do(self, who: str, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with self.as_(who) as (session, person):
            return action(session, *args[:1], person, *args[1:], **kwargs)


def person(database: Database, name: str) -> str:
    with database.session() as s:
        made = accounts.sign_up(
            s, name=name, email=f"{name.lower()}@example.test", password="long enough", passwords=QUICK_PASSWORDS,
            now=NOW,
        )  # fmt: skip
        return made.id


@pytest.fixture
def pair(database: Database) -> Pair:
    ada, bo, cy = person(database, "Ada"), person(database, "Bo"), person(database, "Cy")
    with database.session() as s:
        made = pairs.create_pair(s, accounts.get_person(s, ada), kind="partners", now=NOW)
        code = pairs.create_invite(s, made.id, accounts.get_person(s, ada), now=NOW, lifetime=timedelta(days=7)).code
        pairs.accept_invite(s, code, accounts.get_person(s, bo), now=NOW + timedelta(minutes=1))
        return Pair(database, ada, bo, cy, made.id)


def start(pair: Pair, who: str | None = None, at: datetime = NOW) -> str:
    talk, _ = pair.do(who or pair.ada, weekly.start_talk, pair.id, now=at)
    return str(talk.id)


def view(pair: Pair, talk_id: str, at: datetime = NOW, who: str | None = None) -> weekly.TalkView:
    result: weekly.TalkView = pair.do(who or pair.ada, weekly.view_talk, talk_id, now=at)
    return result


def test_the_agenda_runs_in_order_in_words_that_fit_the_pair() -> None:
    assert [t.key for t in agenda("partners")] == list(TOPICS)
    assert TOPICS == ("appreciations", "went_well", "satisfied", "hard", "support")
    assert "your relationship" in topic("satisfied", "partners").prompt
    assert "your friendship" in topic("satisfied", "friends").prompt
    assert "as family" in topic("satisfied", "family").prompt
    assert "Bo" in topic("appreciations", "friends", "Bo").prompt and "why" in topic("appreciations", "family").prompt
    assert topic("support", "partners").title == "How can I support you this week?"
    prompts = " ".join(listener_prompts("Ada"))
    assert "What I heard" in prompts and "feeling" in prompts and "Did I get that right?" in prompts
    with pytest.raises(InvalidInput, match="There's no topic 'gossip'"):
        topic("gossip", "partners")


def test_one_open_talk_per_pair_and_it_takes_both(pair: Pair, database: Database) -> None:
    first = start(pair)
    assert start(pair, pair.bo, NOW + timedelta(minutes=5)) == first, "starting again gives the open talk"
    with pair.as_(pair.bo) as (session, bo):
        assert weekly.open_talk(session, pair.id, bo) is not None
    with database.session() as s:
        alone = pairs.create_pair(s, accounts.get_person(s, pair.cy), kind="friends", now=NOW).id
    with pytest.raises(Conflict, match="takes both of you"):
        pair.do(pair.cy, weekly.start_talk, alone, now=NOW)


def test_speakers_take_turns_and_the_server_keeps_the_time(pair: Pair) -> None:
    talk_id = start(pair)
    opening = view(pair, talk_id)
    assert opening.topic is not None and opening.topic.key == "appreciations"
    assert opening.speaker and opening.speaker.name == "Ada" and opening.listener and opening.listener.name == "Bo"
    assert "Tell Bo" in opening.topic.prompt, "the prompt speaks to the listener by name"

    pair.do(pair.bo, weekly.start_turn, talk_id, now=NOW)  # on one screen, either may press it
    again = pair.do(pair.ada, weekly.start_turn, talk_id, now=NOW + timedelta(seconds=5))
    assert again.person_id == pair.ada, "pressing start twice changes nothing"
    running = view(pair, talk_id, NOW + timedelta(seconds=95))
    assert running.speaking and running.speaking_since == NOW
    assert [(m.name, m.seconds) for m in running.members] == [("Ada", 95), ("Bo", 0)], "the running turn counts"
    with pytest.raises(Conflict, match="Ada is still speaking"):
        pair.do(pair.bo, weekly.start_turn, talk_id, now=NOW + timedelta(seconds=96), speaker_id=pair.bo)

    ended = pair.do(pair.bo, weekly.end_turn, talk_id, now=NOW + timedelta(seconds=100))
    assert ended.seconds == 100 and ended.ended_at == NOW + timedelta(seconds=100)
    assert pair.do(pair.bo, weekly.end_turn, talk_id, now=NOW + timedelta(seconds=101)) is None, "a double click"
    after = view(pair, talk_id, NOW + timedelta(minutes=5))
    assert after.speaker and after.speaker.name == "Bo", "the listener speaks next"
    assert not after.speaking and after.spoken == (pair.ada,) and not after.both_spoken

    pair.do(pair.ada, weekly.start_turn, talk_id, now=NOW + timedelta(minutes=2))
    forgotten = pair.do(pair.ada, weekly.end_turn, talk_id, now=NOW + timedelta(hours=3))
    assert forgotten.seconds == 30 * 60, "a forgotten turn counts at most 30 minutes"
    pair.do(pair.ada, weekly.start_turn, talk_id, now=NOW + timedelta(hours=4), speaker_id=pair.ada)
    quick = pair.do(pair.ada, weekly.end_turn, talk_id, now=NOW + timedelta(hours=4))
    assert quick.seconds == 1, "a turn lasts at least a second"
    done = view(pair, talk_id, NOW + timedelta(hours=5))
    assert done.both_spoken and {m.name: m.seconds for m in done.members} == {"Ada": 101, "Bo": 1800}

    with pytest.raises(InvalidInput, match="Only the two of you"):
        pair.do(pair.ada, weekly.start_turn, talk_id, now=NOW, speaker_id=pair.cy)


def test_one_topic_at_a_time_and_who_opens_alternates(pair: Pair) -> None:
    talk_id = start(pair)
    pair.do(pair.ada, weekly.start_turn, talk_id, now=NOW)
    assert pair.do(pair.ada, weekly.next_topic, talk_id, now=NOW + timedelta(minutes=1), from_step=0) == 1
    assert not view(pair, talk_id).speaking, "moving on ends the running turn"
    assert view(pair, talk_id).members[0].seconds == 60
    assert pair.do(pair.bo, weekly.next_topic, talk_id, now=NOW, from_step=0) == 1, "both pressed Next: no skip"
    second = view(pair, talk_id)
    assert second.topic and second.topic.key == "went_well" and second.speaker and second.speaker.name == "Bo"
    for step in range(1, len(TOPICS)):
        pair.do(pair.ada, weekly.next_topic, talk_id, now=NOW, from_step=step)
    wrap_up = view(pair, talk_id)
    assert wrap_up.step == len(TOPICS) and wrap_up.topic is None and wrap_up.speaker is None
    with pytest.raises(Conflict, match="last topic"):
        pair.do(pair.ada, weekly.next_topic, talk_id, now=NOW)
    with pytest.raises(Conflict, match="every topic"):
        pair.do(pair.ada, weekly.start_turn, talk_id, now=NOW)

    pair.do(pair.ada, weekly.end_talk, talk_id, now=NOW + timedelta(hours=1))
    next_week = start(pair, at=NOW + timedelta(days=7))
    opened = view(pair, next_week, NOW + timedelta(days=7))
    assert opened.speaker and opened.speaker.name == "Bo", "next week the other one opens"


def test_notes_are_checked_and_say_whose_words_they_are(pair: Pair) -> None:
    talk_id = start(pair)
    note = pair.do(pair.ada, weekly.add_note, talk_id, topic_key="appreciations", text="  you cooked  ", now=NOW)
    assert note.text == "you cooked" and note.person_id == pair.ada
    later = NOW + timedelta(seconds=1)
    pair.do(pair.ada, weekly.add_note, talk_id, topic_key="appreciations", text="the walk", now=later, words_of=pair.bo)
    assert [(n.person_name, n.text) for n in view(pair, talk_id, who=pair.bo).notes_on("appreciations")] == [
        ("Ada", "you cooked"),
        ("Bo", "the walk"),
    ]
    for kwargs, message in [
        ({"topic_key": "gossip", "text": "x"}, "There's no topic 'gossip'"),
        ({"topic_key": "hard", "text": "x"}, "haven't reached that topic"),
        ({"topic_key": "appreciations", "text": "   "}, "Write a few words"),
        ({"topic_key": "appreciations", "text": "x" * 5001}, "at most 5,000 characters; this one has 5,001"),
        ({"topic_key": "appreciations", "text": "x", "words_of": pair.cy}, "one of you two"),
    ]:
        with pytest.raises(InvalidInput, match=re.escape(message)):
            pair.do(pair.ada, weekly.add_note, talk_id, now=NOW, **kwargs)
    pair.do(pair.ada, weekly.add_note, talk_id, topic_key="appreciations", text="x" * 5000, now=NOW)

    pair.do(pair.bo, weekly.end_talk, talk_id, now=NOW)
    with pytest.raises(Conflict, match="has ended"):
        pair.do(pair.ada, weekly.add_note, talk_id, topic_key="appreciations", text="late", now=NOW)


def test_pausing_asks_for_a_time_still_to_come(pair: Pair) -> None:
    talk_id = start(pair)
    pair.do(pair.ada, weekly.start_turn, talk_id, now=NOW)
    for when, message in [
        (NOW - timedelta(minutes=1), "still to come"),
        (NOW, "still to come"),
        (NOW + timedelta(days=90), "within the next two months"),
        (datetime(2026, 5, 4, 19, 0), "time zone"),
    ]:
        with pytest.raises(InvalidInput, match=message):
            pair.do(pair.ada, weekly.pause_talk, talk_id, resume_at=when, now=NOW)
    back = NOW + timedelta(hours=20)
    pair.do(pair.bo, weekly.pause_talk, talk_id, resume_at=back, now=NOW + timedelta(seconds=30))
    paused = view(pair, talk_id)
    assert paused.paused and paused.resume_at == back and not paused.speaking
    assert paused.members[0].seconds == 30, "pausing ends the running turn"
    with pytest.raises(Conflict, match="paused"):
        pair.do(pair.ada, weekly.start_turn, talk_id, now=NOW)
    with pytest.raises(Conflict, match="paused"):
        pair.do(pair.ada, weekly.next_topic, talk_id, now=NOW)
    pair.do(pair.ada, weekly.add_note, talk_id, topic_key="appreciations", text="a thought", now=NOW)
    pair.do(pair.ada, weekly.resume_talk, talk_id, now=back)
    resumed = view(pair, talk_id, back)
    assert not resumed.paused and resumed.resume_at is None and resumed.step == 0
    pair.do(pair.ada, weekly.start_turn, talk_id, now=back)


def test_next_weeks_talk_opens_with_last_weeks_requests(pair: Pair) -> None:
    first = start(pair)
    for _ in TOPICS[:-1]:
        pair.do(pair.ada, weekly.next_topic, first, now=NOW)
    for n, (who, key, text) in enumerate(
        [(pair.ada, "support", "a quiet Sunday morning"), (pair.bo, "support", "ask me about the exam"),
         (pair.bo, "appreciations", "not a request")]
    ):  # fmt: skip
        pair.do(who, weekly.add_note, first, topic_key=key, text=text, now=NOW + timedelta(seconds=n))
    assert view(pair, first).last_support == ()
    pair.do(pair.bo, weekly.end_talk, first, now=NOW + timedelta(minutes=40))
    assert pair.do(pair.bo, weekly.end_talk, first, now=NOW + timedelta(hours=2)).ended_at == NOW + timedelta(
        minutes=40
    ), "ending again changes nothing"

    second = start(pair, at=NOW + timedelta(days=7))
    assert second != first
    shown = view(pair, second, who=pair.bo).last_support
    assert [(n.person_name, n.text) for n in shown] == [
        ("Ada", "a quiet Sunday morning"),
        ("Bo", "ask me about the exam"),
    ]
    with pair.as_(pair.ada) as (session, ada):
        assert [n.text for n in weekly.last_support(session, pair.id, ada)] == [n.text for n in shown]
        history = weekly.past_talks(session, pair.id, ada, now=NOW)
    assert [t.id for t in history] == [first]
    assert [n.text for n in history[0].notes] == ["a quiet Sunday morning", "ask me about the exam", "not a request"]


def test_a_stranger_finds_nothing(pair: Pair) -> None:
    talk_id = start(pair)
    later = NOW + timedelta(hours=1)
    attempts: list[tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]] = [
        (weekly.view_talk, (talk_id,), {"now": NOW}),
        (weekly.start_turn, (talk_id,), {"now": NOW}),
        (weekly.end_turn, (talk_id,), {"now": NOW}),
        (weekly.next_topic, (talk_id,), {"now": NOW}),
        (weekly.add_note, (talk_id,), {"topic_key": "gossip", "text": "", "now": NOW}),
        (weekly.pause_talk, (talk_id,), {"resume_at": NOW - timedelta(days=1), "now": NOW}),
        (weekly.resume_talk, (talk_id,), {"now": NOW}),
        (weekly.end_talk, (talk_id,), {"now": NOW}),
        (weekly.start_talk, (pair.id,), {"now": NOW}),
        (weekly.open_talk, (pair.id,), {}),
        (weekly.last_support, (pair.id,), {}),
        (weekly.past_talks, (pair.id,), {"now": NOW}),
        (weekly_plan.plan_for, (pair.id,), {}),
        (weekly_plan.plan_calendar, (pair.id,), {"now": NOW}),
        (weekly_plan.set_plan, (pair.id,), {"weekday": 9, "time": "x", "minutes": 0, "now": NOW}),
    ]
    for action, args, kwargs in attempts:
        with pytest.raises(NotFound):
            pair.do(pair.cy, action, *args, **kwargs)
    assert view(pair, talk_id, later).ended_at is None, "untouched"


def test_the_export_holds_only_your_own_words(pair: Pair) -> None:
    talk_id = start(pair)
    pair.do(pair.ada, weekly.add_note, talk_id, topic_key="appreciations", text="mine", now=NOW)
    pair.do(pair.ada, weekly.add_note, talk_id, topic_key="appreciations", text="Bo's", now=NOW, words_of=pair.bo)
    with pair.as_(pair.ada) as (session, ada):
        exported = weekly.export_for(session, ada)
    assert [(n["text"], n["topic"], n["pair_id"], n["talk_id"]) for n in exported] == [
        ("mine", "appreciations", pair.id, talk_id)
    ]
    assert exported[0]["created_at"] == NOW.isoformat()
    with pair.as_(pair.cy) as (session, cy):
        assert weekly.export_for(session, cy) == []


def test_the_weekly_time_is_checked(pair: Pair) -> None:
    with pair.as_(pair.ada) as (session, ada):
        assert weekly_plan.plan_for(session, pair.id, ada) is None
        with pytest.raises(NotFound, match="haven't set a weekly time"):
            weekly_plan.plan_calendar(session, pair.id, ada, now=NOW)
    for values, field in [
        ({"weekday": 7, "time": "19:30", "minutes": 45}, "weekday"),
        ({"weekday": "Someday", "time": "19:30", "minutes": 45}, "weekday"),
        ({"weekday": 1, "time": "24:00", "minutes": 45}, "time"),
        ({"weekday": 1, "time": "7pm", "minutes": 45}, "time"),
        ({"weekday": 1, "time": "19:30", "minutes": 5}, "minutes"),
        ({"weekday": 1, "time": "19:30", "minutes": "lots"}, "minutes"),
    ]:
        with pytest.raises(InvalidInput) as refused:
            pair.do(pair.ada, weekly_plan.set_plan, pair.id, now=NOW, **values)
        assert refused.value.field == field
    plan = pair.do(pair.bo, weekly_plan.set_plan, pair.id, weekday="sunday", time="7:05", minutes="30", now=NOW)
    assert (plan.weekday, plan.time, plan.minutes) == (6, "07:05", 30)
    changed = pair.do(pair.ada, weekly_plan.set_plan, pair.id, weekday=1, time="19:30", minutes=45, now=NOW)
    assert (changed.weekday, changed.time) == (1, "19:30") and weekly_plan.describe(changed).startswith("Tuesdays")


def unfold(text: str) -> list[str]:
    """Content lines of an iCalendar file, unfolded (RFC 5545 3.1)."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    return text.replace("\r\n ", "").removesuffix("\r\n").split("\r\n")


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def test_the_calendar_file_is_valid_icalendar() -> None:
    plan = WeeklyPlan(pair_id="p1", weekday=1, time="19:30", minutes=45, updated_at=NOW)
    title = 'Our week: Zoë; Bo, and \\ "us"'
    description = "Line one\nLine two, with ü and 🌱 " + "long words " * 20
    text = weekly_plan.calendar_file(plan, title=title, description=description, now=NOW)
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75, line
    text.encode("utf-8").decode("utf-8")  # folding never splits a character
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    fields = dict(line.split(":", 1) for line in lines)
    assert fields["VERSION"] == "2.0" and fields["PRODID"]
    assert fields["UID"] == "weekly-p1@nearer.invalid"
    assert fields["DTSTAMP"] == "20260503T190000Z"
    assert fields["DTSTART"] == "20260505T193000", "the first Tuesday after Sunday 3 May, a floating local time"
    assert fields["RRULE"] == "FREQ=WEEKLY;BYDAY=TU" and fields["DURATION"] == "PT45M"
    assert unescape(fields["SUMMARY"]) == title
    assert unescape(fields["DESCRIPTION"]) == description
    assert "\\;" in fields["SUMMARY"] and "\\," in fields["SUMMARY"] and "\\\\" in fields["SUMMARY"]
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
    assert weekly_plan.first_date(6, NOW.date()) == NOW.date(), "on the day itself, today"
