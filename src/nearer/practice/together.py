"""Together sessions: two people on one screen, taking turns with questions that go a little deeper.

The rules, in the spirit of the fast-friends procedure:

- the two take turns reading each question and answering it first; the other answers next;
- both answer every question, and either may pass without saying why;
- after ``SET_SIZE`` questions at a level the session goes one level deeper (light, personal,
  vulnerable) and stays at the deepest;
- no question comes up that the pair has had before, in a session or as a question of the day,
  until every question that fits has come up (see ``picking``);
- the session can end at any moment, and then shows what the two covered.

The screen is shared, so a turn is taken for whoever's turn it is, whichever of the two is signed in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nearer.errors import Conflict, InvalidInput, NotFound
from nearer.people.pairs import complete_pair_for_member, pair_for_member
from nearer.practice.decks import LEVELS, THEMES, Question
from nearer.practice.picking import CHANCE, pick_question, question_by_id
from nearer.store.models import AskedQuestion, Pair, Person, QuestionSession, SessionTurn

SET_SIZE = 3  # questions at a level before going one deeper
OUTCOMES = ("answered", "passed")
NO_SUCH_SESSION = "We couldn't find that session."


class MovedOn(Conflict):
    """A turn for a question the session has already moved past (a second tap, or the other screen was quicker)."""


@dataclass(frozen=True)
class Turn:
    person_id: str
    name: str
    outcome: str | None  # None: not yet


@dataclass(frozen=True)
class AskedView:
    position: int
    question: Question
    text: str  # the wording for this pair's kind
    level: str
    turns: tuple[Turn, Turn]  # in the order they answer

    @property
    def done(self) -> bool:
        return all(turn.outcome is not None for turn in self.turns)


@dataclass(frozen=True)
class SessionView:
    """A session as the two see it: the question in front of them, whose turn it is, and what came before."""

    id: str
    pair_id: str
    kind: str
    theme: str | None
    started_at: datetime
    ended_at: datetime | None
    asked: tuple[AskedView, ...]

    @property
    def current(self) -> AskedView | None:
        if self.ended_at is not None or not self.asked or self.asked[-1].done:
            return None
        return self.asked[-1]

    @property
    def whose_turn(self) -> Turn | None:
        current = self.current
        if current is None:
            return None
        return next(turn for turn in current.turns if turn.outcome is None)

    @property
    def level(self) -> str:
        return self.asked[-1].level if self.asked else LEVELS[0]

    @property
    def covered(self) -> tuple[AskedView, ...]:
        """The questions at least one of the two took a turn on."""
        return tuple(a for a in self.asked if any(turn.outcome for turn in a.turns))

    def count(self, person_id: str, outcome: str) -> int:
        return sum(1 for a in self.asked for t in a.turns if t.person_id == person_id and t.outcome == outcome)


def _members(pair: Pair) -> tuple[Person, Person]:
    first, second = (m.person for m in pair.memberships[:2])
    return first, second


def _other(pair: Pair, person_id: str | None) -> Person:
    first, second = _members(pair)
    return second if person_id == first.id else first


def next_level(session_row: QuestionSession) -> str:
    """One level deeper after each set of SET_SIZE questions, staying at the deepest."""
    start = LEVELS.index(session_row.asked[0].level) if session_row.asked else 0
    return LEVELS[min(start + len(session_row.asked) // SET_SIZE, len(LEVELS) - 1)]


def _ask_next(session: Session, row: QuestionSession, pair: Pair, now: datetime, chance: random.Random) -> bool:
    """Put the next question in front of the two; False when there is none left to ask."""
    level = next_level(row)
    asked_ids = {a.question_id for a in row.asked}
    question = None
    for try_level in LEVELS[LEVELS.index(level) :: -1]:  # at the deepest, if that level has run out, go back up
        question = pick_question(session, pair.id, level=try_level, theme=row.theme, avoid=asked_ids, chance=chance)
        if question is not None:
            break
    if question is None:
        return False
    previous = row.asked[-1] if row.asked else None
    # Turns alternate: whoever answered second last time reads and answers first now.
    first_id = _other(pair, previous.first_id).id if previous is not None else row.started_by_id
    row.asked.append(
        AskedQuestion(
            position=len(row.asked) + 1, question_id=question.id, level=question.level, first_id=first_id, asked_at=now
        )
    )
    session.flush()
    return True


def open_session(session: Session, pair_id: str, viewer: Person) -> QuestionSession | None:
    pair = pair_for_member(session, pair_id, viewer)
    query = select(QuestionSession).where(QuestionSession.pair_id == pair.id, QuestionSession.ended_at.is_(None))
    return session.scalars(query.order_by(QuestionSession.started_at.desc())).first()


def start_session(
    session: Session,
    pair_id: str,
    viewer: Person,
    *,
    now: datetime,
    theme: str | None = None,
    first_reader: str = "me",
    chance: random.Random = CHANCE,
) -> QuestionSession:
    """Start a session, or give back the one the pair already has open (a double tap starts one, not two).

    ``first_reader`` is "me" (the person starting) or "other"."""
    pair = complete_pair_for_member(session, pair_id, viewer)
    if theme is not None and theme not in THEMES:
        raise InvalidInput(f"Unknown theme {theme!r}: choose {', '.join(THEMES)}.", field="theme")
    if first_reader not in ("me", "other"):
        raise InvalidInput("Choose who reads first: you or the other person.", field="first")
    already = open_session(session, pair.id, viewer)
    if already is not None:
        return already
    first = viewer if first_reader == "me" else _other(pair, viewer.id)
    row = QuestionSession(pair_id=pair.id, started_by_id=first.id, theme=theme, started_at=now)
    try:
        with session.begin_nested():  # the other person may tap Start at the same moment
            session.add(row)
    except IntegrityError:
        started = open_session(session, pair.id, viewer)
        if started is None:
            raise
        return started
    if not _ask_next(session, row, pair, now, chance):
        raise Conflict("There are no questions for that theme.")
    return row


def session_for(session: Session, session_id: str, viewer: Person) -> QuestionSession:
    """The session, for either of its pair; anyone else gets NotFound."""
    row = session.get(QuestionSession, session_id)
    if row is None:
        raise NotFound(NO_SUCH_SESSION)
    try:
        pair_for_member(session, row.pair_id, viewer)
    except NotFound:
        raise NotFound(NO_SUCH_SESSION) from None
    return row


def take_turn(
    session: Session,
    session_id: str,
    viewer: Person,
    outcome: str,
    *,
    now: datetime,
    position: int | None = None,
    whose: str | None = None,
    chance: random.Random = CHANCE,
) -> QuestionSession:
    """Record how the person whose turn it is met the question (answered or passed), and move on.

    ``position`` and ``whose`` are the question and the person the screen showed: a second tap, once
    the turn has passed to the other person or the question has moved on, is refused rather than
    counted as theirs."""
    if outcome not in OUTCOMES:
        raise InvalidInput("A turn is either answered or passed.", field="outcome")
    row = session_for(session, session_id, viewer)
    pair = complete_pair_for_member(session, row.pair_id, viewer)
    if row.ended_at is not None:
        raise Conflict("This session has ended.")
    current = row.asked[-1]
    if position is not None and position != current.position:
        raise MovedOn("That question has moved on already; here is where you are now.")
    done = {turn.person_id for turn in current.turns}
    first = current.first_id or _members(pair)[0].id
    now_turn = first if first not in done else _other(pair, first).id
    if whose is not None and whose != now_turn:
        raise MovedOn("That turn has been taken already; here is where you are now.")
    current.turns.append(SessionTurn(person_id=now_turn, outcome=outcome, at=now))
    session.flush()
    if len(current.turns) >= 2 and not _ask_next(session, row, pair, now, chance):
        row.ended_at = now  # every question that fits has been asked in this session
    return row


def end_session(session: Session, session_id: str, viewer: Person, *, now: datetime) -> QuestionSession:
    row = session_for(session, session_id, viewer)
    if row.ended_at is None:
        row.ended_at = now
        if row.asked and not row.asked[-1].turns:
            row.asked.pop()  # nobody had started on it: it wasn't covered, and may come up another time
            session.flush()
    return row


def view(session: Session, row: QuestionSession) -> SessionView:
    """The session with names and the wording for the pair's kind, ready to show."""
    pair = session.get(Pair, row.pair_id)
    if pair is None:
        raise NotFound(NO_SUCH_SESSION)
    names = {m.person_id: m.person.name for m in pair.memberships}
    members = [m.person_id for m in pair.memberships]
    asked = []
    for a in row.asked:
        first = a.first_id if a.first_id in names else members[0]
        second = next((p for p in members if p != first), first)
        outcomes = {t.person_id: t.outcome for t in a.turns}
        question = question_by_id(a.question_id)
        asked.append(
            AskedView(
                position=a.position,
                question=question,
                text=question.wording(pair.kind),
                level=a.level,
                turns=(
                    Turn(first, names.get(first, "someone who left"), outcomes.get(first)),
                    Turn(second, names.get(second, "someone who left"), outcomes.get(second)),
                ),
            )
        )
    return SessionView(row.id, row.pair_id, pair.kind, row.theme, row.started_at, row.ended_at, tuple(asked))
