"""Check-ins on the signs of closeness: statements each person rates alone, scored per area, over time.

- The statements live in ``checkin_items.toml``, in areas (safe to open up, feeling supported, ...).
  Some describe a sign that closeness is missing ("I feel lonely even when we're together"); they are
  scored the other way round, so that in every area a higher score means more closeness.
- An area's score is the mean of its answers put on 0 to 100 (1 is 0, 3 is 50, 5 is 100). The overall
  score is the mean of the areas, so an area with three statements weighs no more than one with two.
- A check-in is *low* when its overall score is under ``LOW_OVERALL`` (on average less than "somewhat"
  true of the good signs) or any one area is at ``LOW_AREA`` or under (on average "a little" at most).
- A check-in is its taker's alone until they share it. Until then the other person, and anyone else,
  get NotFound on it by every route, and it is left out of everything they see, its existence too.
- The comparison sets each person's latest *shared* check-in side by side, once both have shared one.
- One is due a month (``EVERY``) after the last; it can be taken at any time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from nearer.errors import Conflict, InvalidInput, NotFound
from nearer.parsing import whole_number
from nearer.people import pairs
from nearer.practice.checkin_items import Area, Item, items
from nearer.store.models import CheckIn, CheckInAnswer, Intention, Pair, Person

SCALE = {1: "Not at all", 2: "A little", 3: "Somewhat", 4: "Mostly", 5: "Completely"}
EVERY = timedelta(days=30)
LOW_OVERALL = 50
LOW_AREA = 25
MARGIN = 30  # areas this far apart or more are "seen differently": more than a full step of the scale, on average
FAR_APART = timedelta(days=45)  # two check-ins further apart than this may describe different times
NO_SUCH_CHECK_IN = "We couldn't find that check-in. It may have been deleted, or it isn't yours to see."


@dataclass(frozen=True)
class AreaScore:
    area: Area
    score: int  # 0 to 100


@dataclass(frozen=True)
class Scores:
    areas: tuple[AreaScore, ...]
    overall: int

    @property
    def low(self) -> bool:
        return self.overall < LOW_OVERALL or any(a.score <= LOW_AREA for a in self.areas)

    @property
    def lowest(self) -> AreaScore:
        return min(self.areas, key=lambda a: a.score)

    def of(self, area_id: str) -> int:
        return next(a.score for a in self.areas if a.area.id == area_id)


def item_value(item: Item, answer: int) -> int:
    """An answer as a sign of closeness, 1 to 5: a reverse-scored statement counts the other way round."""
    return 6 - answer if item.reverse else answer


def score(answers: Mapping[str, int]) -> Scores:
    """The scores of a full set of answers (item id to 1..5).

    >>> score({item.id: 3 for item in items().items}).overall
    50
    """
    found = items()
    areas: list[tuple[Area, float]] = []
    for area in found.areas:
        values = [item_value(i, answers[i.id]) for i in found.in_area(area.id) if i.id in answers]
        if values:
            areas.append((area, (sum(values) / len(values) - 1) * 25))
    if not areas:
        raise InvalidInput("This check-in holds no answers.")
    overall = round(sum(s for _, s in areas) / len(areas))
    return Scores(tuple(AreaScore(area, round(s)) for area, s in areas), overall)


def check_answers(answers: Mapping[str, object]) -> dict[str, int]:
    """The answers, if there is one for every statement, each a whole number from 1 to 5."""
    known = items()
    unknown = sorted(set(answers) - {i.id for i in known.items})
    if unknown:
        raise InvalidInput(f"These aren't statements of the check-in: {', '.join(unknown[:5])}.", field="answers")
    clean: dict[str, int] = {}
    for item in known.items:
        value = answers.get(item.id)
        if isinstance(value, str) and whole_number(value) is not None:
            value = whole_number(value)
        if isinstance(value, int) and not isinstance(value, bool) and value in SCALE:
            clean[item.id] = value
        elif value not in (None, ""):
            raise InvalidInput(f"Answers run from 1 (not at all) to 5 (completely), not {value!r}.", field=item.id)
    blank = len(known.items) - len(clean)
    if blank:
        some = "one statement is" if blank == 1 else f"{blank} statements are"
        raise InvalidInput(f"Please answer every statement, from 1 to 5: {some} still unanswered.", field="answers")
    return clean


@dataclass(frozen=True)
class CheckInView:
    """One check-in as one person of the pair may see it. ``answers`` is for its taker only."""

    id: str
    pair_id: str
    person_id: str
    name: str
    mine: bool
    taken_at: datetime
    shared_at: datetime | None
    scores: Scores
    answers: dict[str, int] | None


def take(
    session: Session,
    pair_id: str,
    person: Person,
    answers: Mapping[str, object],
    *,
    now: datetime,
    shared: bool = False,
) -> CheckIn:
    """Save a check-in, private to its taker unless ``shared``."""
    pair = pairs.pair_for_member(session, pair_id, person)
    clean = check_answers(answers)
    if shared:
        _check_someone_to_share_with(pair)
    made = CheckIn(pair_id=pair.id, person_id=person.id, taken_at=now, shared_at=now if shared else None)
    made.answers = [CheckInAnswer(item_id=key, value=value) for key, value in clean.items()]
    session.add(made)
    session.flush()
    return made


def _check_someone_to_share_with(pair: Pair) -> None:
    if not pairs.is_complete(pair):
        word = pairs.OTHER_PERSON_WORD[pair.kind]
        if pairs.is_closed(pair):
            raise Conflict(f"Your {word} has left this pair, so there is nobody to share this check-in with.")
        raise Conflict(f"Nobody else has joined this pair yet. Invite your {word} first; then you can share it.")


def check_in_for(session: Session, check_in_id: str, viewer: Person) -> CheckIn:
    """A check-in the viewer may see: their own, or one the other person of their pair shared."""
    found = session.get(CheckIn, check_in_id)
    if found is None:
        raise NotFound(NO_SUCH_CHECK_IN)
    if found.person_id != viewer.id and found.shared_at is None:
        raise NotFound(NO_SUCH_CHECK_IN)
    try:
        pairs.pair_for_member(session, found.pair_id, viewer)
    except NotFound:
        raise NotFound(NO_SUCH_CHECK_IN) from None
    return found


def own_check_in(session: Session, check_in_id: str, person: Person) -> CheckIn:
    """A check-in only its taker may change; to anyone else it does not exist."""
    found = check_in_for(session, check_in_id, person)
    if found.person_id != person.id:
        raise NotFound(NO_SUCH_CHECK_IN)
    return found


def share(session: Session, check_in_id: str, person: Person, *, now: datetime, shared: bool = True) -> CheckIn:
    """Share one's check-in with the pair, or stop sharing it."""
    found = own_check_in(session, check_in_id, person)
    if shared:
        _check_someone_to_share_with(pairs.pair_for_member(session, found.pair_id, person))
        found.shared_at = found.shared_at or now
    else:
        found.shared_at = None
    session.flush()
    return found


def delete(session: Session, check_in_id: str, person: Person) -> str:
    """Delete one's check-in; answers the pair it was in."""
    found = own_check_in(session, check_in_id, person)
    session.delete(found)
    session.flush()
    return found.pair_id


def view(session: Session, check_in: CheckIn, viewer: Person) -> CheckInView:
    taker = session.get(Person, check_in.person_id)
    answers = {a.item_id: a.value for a in check_in.answers}
    mine = check_in.person_id == viewer.id
    return CheckInView(
        id=check_in.id, pair_id=check_in.pair_id, person_id=check_in.person_id,
        name=taker.name if taker else "someone who left", mine=mine, taken_at=check_in.taken_at,
        shared_at=check_in.shared_at, scores=score(answers), answers=answers if mine else None,
    )  # fmt: skip


def visible(session: Session, pair_id: str, viewer: Person) -> list[CheckInView]:
    """The pair's check-ins the viewer may see, newest first: their own, and those the other person shared."""
    pair = pairs.pair_for_member(session, pair_id, viewer)
    query = (
        select(CheckIn)
        .where(CheckIn.pair_id == pair.id, or_(CheckIn.person_id == viewer.id, CheckIn.shared_at.is_not(None)))
        .order_by(CheckIn.taken_at.desc(), CheckIn.id)
    )
    return [view(session, found, viewer) for found in session.scalars(query)]


def latest_own(session: Session, pair_id: str, person: Person) -> CheckIn | None:
    query = select(CheckIn).where(CheckIn.pair_id == pair_id, CheckIn.person_id == person.id)
    return session.scalars(query.order_by(CheckIn.taken_at.desc()).limit(1)).first()


def is_due(session: Session, pair_id: str, person: Person, now: datetime, *, every: timedelta = EVERY) -> bool:
    """Whether it is time for the person's check-in in this pair: never taken, or the last was ``every`` ago."""
    pair = pairs.pair_for_member(session, pair_id, person)
    last = latest_own(session, pair.id, person)
    return last is None or now - last.taken_at >= every


@dataclass(frozen=True)
class AreaGap:
    area: Area
    mine: int
    theirs: int

    @property
    def gap(self) -> int:
        return abs(self.mine - self.theirs)

    @property
    def differs(self) -> bool:
        return self.gap >= MARGIN


@dataclass(frozen=True)
class Comparison:
    """Each person's latest shared check-in, area by area."""

    mine: CheckInView
    theirs: CheckInView
    gaps: tuple[AreaGap, ...]

    @property
    def differing(self) -> tuple[AreaGap, ...]:
        return tuple(sorted((g for g in self.gaps if g.differs), key=lambda g: -g.gap))

    @property
    def far_apart(self) -> bool:
        return abs(self.mine.taken_at - self.theirs.taken_at) > FAR_APART


def compare(session: Session, pair_id: str, viewer: Person) -> Comparison | None:
    """The two latest shared check-ins side by side; None until both people have shared one."""
    pair = pairs.pair_for_member(session, pair_id, viewer)
    latest: dict[bool, CheckIn] = {}
    query = select(CheckIn).where(CheckIn.pair_id == pair.id, CheckIn.shared_at.is_not(None))
    members = {m.person_id for m in pair.memberships}
    for found in session.scalars(query.order_by(CheckIn.taken_at.desc())):
        if found.person_id in members:
            latest.setdefault(found.person_id == viewer.id, found)
    if len(latest) < 2:
        return None
    mine, theirs = view(session, latest[True], viewer), view(session, latest[False], viewer)
    gaps = tuple(AreaGap(a.area, a.score, theirs.scores.of(a.area.id)) for a in mine.scores.areas)
    return Comparison(mine, theirs, gaps)


def forget_in_pair(session: Session, pair_id: str, person: Person) -> None:
    """On leaving a pair: the person's unshared check-ins and their intention there go (they were never shared)."""
    session.execute(
        sql_delete(CheckIn).where(
            CheckIn.pair_id == pair_id, CheckIn.person_id == person.id, CheckIn.shared_at.is_(None)
        )
    )
    session.execute(sql_delete(Intention).where(Intention.pair_id == pair_id, Intention.person_id == person.id))


def export_for(session: Session, person: Person) -> dict[str, Any]:
    """The person's own check-ins (answers and scores) and intentions, for their data export."""
    taken = []
    for found in session.scalars(select(CheckIn).where(CheckIn.person_id == person.id).order_by(CheckIn.taken_at)):
        answers = {a.item_id: a.value for a in found.answers}
        scores = score(answers)
        taken.append(
            {
                "id": found.id,
                "pair_id": found.pair_id,
                "taken_at": found.taken_at.isoformat(),
                "shared_at": found.shared_at.isoformat() if found.shared_at else None,
                "answers": answers,
                "scores": {a.area.id: a.score for a in scores.areas},
                "overall": scores.overall,
            }
        )
    intentions = session.scalars(select(Intention).where(Intention.person_id == person.id))
    return {
        "check_ins": taken,
        "intentions": [
            {"pair_id": i.pair_id, "text": i.text, "updated_at": i.updated_at.isoformat()} for i in intentions
        ],
    }
