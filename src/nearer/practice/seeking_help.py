"""When to suggest professional help, and what to say about it.

``advise`` is the rule, a pure function over what one person may see. It suggests help when:

- **safety** has been seen anywhere (a report read a message as self-harm, threats, coercion or fear of
  the other person): crisis resources then come first, before anything about counselling;
- check-ins **stay low**: the last ``LOW_RUN`` are all low (see ``checkins``) and span at least
  ``SEVERAL_MONTHS``;
- check-ins **fall**: the last two are both at least ``FALL_POINTS`` below the best one taken between
  ``SEVERAL_MONTHS`` and ``HALF_A_YEAR`` before the latest;
- a report shows **contempt or stonewalling dominating**: together at least ``FEWEST_HARSH`` messages, and
  at least as many as the warm ones (validation, appreciation, curiosity, disclosure).

Check-ins count for the person's own history and for the other person's *shared* ones; reports for the
person's own and those shared with them (``visible_reports``). Nothing private of the other is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from nearer.insight.saved import report_summary, visible_reports
from nearer.people import pairs
from nearer.practice import checkins
from nearer.store.models import Person
from nearer.support import CRISIS_RESOURCES

LOW_RUN = 3
SEVERAL_MONTHS = timedelta(days=55)  # three monthly check-ins span about this
HALF_A_YEAR = timedelta(days=183)
FALL_POINTS = 20
FEWEST_HARSH = 5
HARSH_ACTS = ("contempt", "stonewalling")
WARM_ACTS = ("validation", "appreciation", "curiosity", "disclosure")


@dataclass(frozen=True)
class HelpWords:
    """What to say about getting help, for one kind of pair."""

    who: str  # the kind of professional, as in "a couples counsellor or therapist could help"
    lead: str
    what_it_is_like: tuple[str, ...]
    how_to_find: tuple[str, ...]
    not_safe: str = (
        "If you are afraid of the other person, or they threaten or control you, sessions together are not the "
        "safe place to start. Talk first to one of the free, confidential lines on this page, or to a counsellor "
        "on your own."
    )


_SESSIONS = (
    "Sessions usually last about an hour, every week or two. Some people come for a handful of sessions, others "
    "for a few months, and many counsellors also meet people online."
)
_TRY = "It's fine to meet someone once to see whether you feel at ease with them, and to try someone else if not."
_FINDING = (
    "Ask your GP or family doctor. They know the services near you, including free or low-cost ones.",
    "Look in the directory of a professional body for counsellors and therapists where you live, such as the BACP "
    "in the UK, the AAMFT in the US or PACFA in Australia. The people listed are trained and keep to a code of ethics.",
    "If you work, ask whether your employer has an employee assistance programme. Many offer a few free, "
    "confidential sessions, and some cover relationships.",
    "Charities and community centres sometimes offer counselling at a price that depends on what you earn.",
    "If you have health insurance, check whether it covers counselling.",
)
_ASK = (
    "When you first get in touch, you can ask about their training, whether they often work with {whom}, what a "
    "session costs and how long people usually come."
)
HELP_WORDS = {
    "partners": HelpWords(
        who="a couples counsellor or therapist",
        lead="Every relationship has hard stretches, and getting help with one is nothing to be ashamed of. "
        "A couples counsellor or therapist could help the two of you with this.",
        what_it_is_like=(
            "A couples counsellor is trained to listen to both of you without taking sides. They help each of you "
            "say what's hard and really hear the other, and they notice the patterns that keep the same argument "
            "going round.",
            _SESSIONS,
            "You can go together, or one of you can start alone if the other isn't ready.",
            "Going doesn't mean things are over. Many couples go to get unstuck, and it tends to be easier the "
            "earlier you go.",
            _TRY,
        ),
        how_to_find=(*_FINDING, _ASK.format(whom="couples")),
    ),
    "friends": HelpWords(
        who="a counsellor",
        lead="Friendships have hard stretches too, and getting help is nothing to be ashamed of. Talking with a "
        "counsellor could help you make sense of what is happening between you and what you need.",
        what_it_is_like=(
            "A counsellor is trained to listen without judging or taking sides. With them you can sort through "
            "what you feel about the friendship, what you need from it, and how you might say so.",
            _SESSIONS,
            "Most people go on their own. If you'd both like to talk it through with someone, some counsellors "
            "also see two friends together.",
            _TRY,
        ),
        how_to_find=(*_FINDING, _ASK.format(whom="relationships")),
    ),
    "family": HelpWords(
        who="a family therapist or counsellor",
        lead="Every family has hard stretches, and getting help with one is nothing to be ashamed of. A family "
        "therapist or counsellor could help the two of you with this.",
        what_it_is_like=(
            "A family therapist is trained to listen to each of you without taking sides. They help you say "
            "what's hard, hear each other, and notice the old patterns that keep the same hurt coming back.",
            "Family therapists work with parents and grown-up children, brothers and sisters and other relatives, "
            "not only with young families.",
            _SESSIONS,
            "You can go together, or one of you can start alone if the other isn't ready.",
            _TRY,
        ),
        how_to_find=(*_FINDING, _ASK.format(whom="families")),
    ),
}


@dataclass(frozen=True)
class ScorePoint:
    """One check-in's overall score (0 to 100), and whether it was low."""

    taken_at: datetime
    overall: int
    low: bool


@dataclass(frozen=True)
class Reason:
    key: str  # safety, stays-low, falling, harsh (with -theirs for the other person's shared check-ins)
    words: str


@dataclass(frozen=True)
class Advice:
    """Why help is suggested; where ``crisis_first``, crisis resources come before anything else."""

    reasons: tuple[Reason, ...]
    crisis_first: bool
    words: HelpWords = field(default_factory=lambda: HELP_WORDS["partners"])

    @property
    def crisis_resources(self) -> tuple[str, ...]:
        return CRISIS_RESOURCES if self.crisis_first else ()


def stays_low(points: Sequence[ScorePoint]) -> bool:
    run = sorted(points, key=lambda p: p.taken_at)[-LOW_RUN:]
    return len(run) == LOW_RUN and all(p.low for p in run) and run[-1].taken_at - run[0].taken_at >= SEVERAL_MONTHS


def fall(points: Sequence[ScorePoint]) -> tuple[int, int] | None:
    """The best score from a few months back and the latest, where the last two are well below it."""
    ordered = sorted(points, key=lambda p: p.taken_at)
    if len(ordered) < 3:
        return None
    latest = ordered[-1]
    earlier = [p.overall for p in ordered[:-2] if SEVERAL_MONTHS <= latest.taken_at - p.taken_at <= HALF_A_YEAR]
    if not earlier:
        return None
    best = max(earlier)
    if all(best - p.overall >= FALL_POINTS for p in ordered[-2:]):
        return best, latest.overall
    return None


def act_count(summary: Mapping[str, Any], acts: Iterable[str]) -> int:
    """How many messages, of everyone in a report's summary, the lens read as any of ``acts``."""
    wanted = set(acts)
    total = 0
    people = summary.get("acts")
    for counts in people.values() if isinstance(people, Mapping) else ():
        if isinstance(counts, Mapping):
            total += sum(int(n) for act, n in counts.items() if act in wanted and isinstance(n, int))
    return total


def harsh_dominates(summary: Mapping[str, Any]) -> bool:
    harsh = act_count(summary, HARSH_ACTS)
    return harsh >= FEWEST_HARSH and harsh >= act_count(summary, WARM_ACTS)


def advise(
    own: Sequence[ScorePoint],
    summaries: Sequence[Mapping[str, Any]] = (),
    *,
    theirs: Sequence[ScorePoint] = (),
    safety_seen: bool = False,
    other_name: str = "the other person",
    kind: str = "partners",
) -> Advice | None:
    """The help rule: None when nothing calls for it, otherwise why, and whether crisis resources go first.

    >>> advise([], [{"acts": {"Sam": {"safety": 1}}}]).crisis_first
    True
    """
    reasons: list[Reason] = []
    safety = safety_seen or any(act_count(s, ("safety",)) for s in summaries)
    if safety:
        reasons.append(Reason("safety", "Something in your chat sounded like someone may not be safe."))
    for points, who, suffix in ((own, "Your", ""), (theirs, f"{other_name}'s shared", "-theirs")):
        if stays_low(points):
            reasons.append(Reason("stays-low" + suffix, f"{who} check-ins have stayed low for a few months."))
        dropped = fall(points)
        if dropped:
            best, now = dropped
            reasons.append(
                Reason("falling" + suffix, f"{who} check-ins have fallen over a few months, from {best} to {now}.")
            )
    if any(harsh_dominates(s) for s in summaries):
        reasons.append(
            Reason("harsh", "A chat report found contempt and stonewalling coming up as often as warmth, or more.")
        )
    if not reasons:
        return None
    return Advice(tuple(reasons), crisis_first=safety, words=HELP_WORDS.get(kind, HELP_WORDS["partners"]))


def points_of(views: Iterable[checkins.CheckInView]) -> list[ScorePoint]:
    return [ScorePoint(v.taken_at, v.scores.overall, v.scores.low) for v in views]


def advice_for(session: Session, pair_id: str, person: Person, *, safety_elsewhere: bool = False) -> Advice | None:
    """The help rule for one person in one pair, from what they may see: their own check-ins, the other
    person's shared ones, their own reports and those shared with them. ``safety_elsewhere`` is for a
    safety concern seen outside these (the coach box, say)."""
    pair = pairs.pair_for_member(session, pair_id, person)
    seen = checkins.visible(session, pair.id, person)
    others = pairs.other_members(pair, person)
    return advise(
        points_of(v for v in seen if v.mine),
        [report_summary(r) for r in visible_reports(session, pair.id, person)],
        theirs=points_of(v for v in seen if not v.mine),
        safety_seen=safety_elsewhere,
        other_name=others[0].name if others else "the other person",
        kind=pair.kind,
    )
