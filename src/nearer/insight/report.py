"""The closeness report's figures, worked out from an ``Analysis``: plain numbers and lists, ready to
be drawn (``charts``) and written (``html``).

A *bid* is a message that reaches for the other person: a disclosure, a curious question, or an
appreciation. A *share* is a disclosure. A share is *met* by the other person's reply (turned
toward, away or against), or *missed* when they answer with a turn away or against, or not at all
within the conversation. Which message answers which, and the moments quoted, were worked out as the
chat was read (``replies``); the rest is summed here from the analysis's columns, a slice at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from numpy.typing import NDArray

from nearer.insight.analysis import STEP, Analysis
from nearer.insight.replies import GAP, MOMENTS, NO_REPLY, SPOKEN_FOR, SYSTEM, Moment
from nearer.lens import ACTS
from nearer.lens.heads import TURN_CLASSES

__all__ = ["BID_ACTS", "HORSEMEN", "MOMENTS", "PARTED", "STAYED_TOGETHER", "Moment", "Report", "build"]

BID_ACTS = ("disclosure", "curiosity", "appreciation")
HORSEMEN = ("criticism", "contempt", "defensiveness", "stonewalling", "dismissal")
# Turn-toward rates in the research the product is built on: couples still together six years on
# turned toward about 86% of bids; those who had parted, about 33%.
STAYED_TOGETHER, PARTED = 0.86, 0.33
BIDS = [ACTS.index(a) for a in BID_ACTS]
DISCLOSURE = ACTS.index("disclosure")
SAFETY = ACTS.index("safety")


@dataclass
class Report:
    people: list[str]
    months: list[str]  # "2024-05", in order, every month from the first to the last
    first: datetime | None
    last: datetime | None
    messages: dict[str, list[int]] = field(default_factory=dict)  # person -> per month
    words: dict[str, list[int]] = field(default_factory=dict)
    acts: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # person -> act -> per month
    bids: dict[str, list[int]] = field(default_factory=dict)
    turns: dict[str, dict[str, int]] = field(default_factory=dict)  # replier -> turn -> count
    toward_rate: dict[str, float | None] = field(default_factory=dict)
    shares_met: dict[str, dict[str, int]] = field(default_factory=dict)  # sharer -> toward/away/against/unanswered
    conversations: int = 0
    started: dict[str, int] = field(default_factory=dict)
    ended: dict[str, int] = field(default_factory=dict)
    reply_minutes: dict[str, float | None] = field(default_factory=dict)  # median minutes to answer a bid
    depth: list[float] = field(default_factory=list)  # per month, share of read messages that disclose
    best: list[Moment] = field(default_factory=list)
    missed: list[Moment] = field(default_factory=list)
    safety_count: int = 0
    one_sided: list[tuple[str, str, str]] = field(default_factory=list)  # (who reached out, first month, last)


def _every_month(first: datetime, last: datetime) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@dataclass
class _Frame:
    """What every sum needs: whose each sender is (a place in the report's people, or -1), and each month's place."""

    analysis: Analysis
    person: NDArray[np.int64]  # for each sender
    first_month: int  # months from 1970 to the first
    width: int  # months

    def month(self, time: NDArray[np.int64]) -> NDArray[np.int64]:
        months = time.astype("datetime64[us]").astype("datetime64[M]").astype(np.int64)
        return months - self.first_month


def build(analysis: Analysis) -> Report:
    people = [p for p in analysis.chat.people if p in analysis.people]
    report = Report(people=people, months=[], first=analysis.first, last=analysis.last)
    if report.first is None or report.last is None:
        return report
    report.months = _every_month(report.first, report.last)
    person = np.full(len(analysis.names), -1, dtype=np.int64)
    for who, name in enumerate(analysis.names):
        if name in people:
            person[who] = people.index(name)
    frame = _Frame(analysis, person, (report.first.year - 1970) * 12 + report.first.month - 1, len(report.months))

    _messages_and_conversations(frame, report)
    _acts_and_shares(frame, report)
    report.turns = {p: dict(analysis.people[p].turns) for p in people}
    for name, turns in report.turns.items():
        total = sum(turns.values())
        report.toward_rate[name] = turns["toward"] / total if total else None
    report.one_sided = _one_sided(report)
    report.best, report.missed = analysis.moments.chosen(people)
    report.safety_count = int(analysis.present[:, SAFETY].sum())
    return report


def _messages_and_conversations(frame: _Frame, report: Report) -> None:
    """Messages and words each month, and conversations: who starts them and who has the last word."""
    analysis, people, width = frame.analysis, len(report.people), frame.width
    messages = np.zeros((people, width), dtype=np.int64)
    words = np.zeros((people, width), dtype=np.float64)  # sums of whole numbers, exact far past any chat
    started = np.zeros(people, dtype=np.int64)
    ended = np.zeros(people, dtype=np.int64)
    conversations = 0
    before: tuple[int, int] | None = None  # the time and person of the last message spoken so far
    for low in range(0, analysis.time.size, STEP):
        who = frame.person[analysis.sender[low : low + STEP]]
        spoken = (who >= 0) & (analysis.kind[low : low + STEP] != SYSTEM)
        who = who[spoken]
        time = analysis.time[low : low + STEP][spoken]
        month = frame.month(time)
        key = who * width + month
        messages += np.bincount(key, minlength=people * width).reshape(people, width)
        words += np.bincount(key, weights=analysis.words[low : low + STEP][spoken], minlength=people * width).reshape(
            people, width
        )
        if not time.size:
            continue
        opens = np.empty(time.size, dtype=bool)
        opens[0] = before is None or int(time[0]) - before[0] > GAP
        opens[1:] = np.diff(time) > GAP
        starts = np.flatnonzero(opens)
        conversations += starts.size
        started += np.bincount(who[starts], minlength=people)
        closers = who[starts[starts > 0] - 1]  # the last to speak before each new conversation
        ended += np.bincount(closers, minlength=people)
        if before is not None and opens[0]:
            ended[before[1]] += 1
        before = (int(time[-1]), int(who[-1]))
    if before is not None:
        ended[before[1]] += 1
    report.conversations = conversations
    report.started = {name: int(started[k]) for k, name in enumerate(report.people)}
    report.ended = {name: int(ended[k]) for k, name in enumerate(report.people)}
    report.messages = {name: messages[k].tolist() for k, name in enumerate(report.people)}
    report.words = {name: words[k].astype(np.int64).tolist() for k, name in enumerate(report.people)}


def _acts_and_shares(frame: _Frame, report: Report) -> None:
    """Acts and bids each month, how deep each month goes, how each share was met and how soon bids were answered."""
    analysis, people, width = frame.analysis, len(report.people), frame.width
    acts = np.zeros((people, width, len(ACTS)), dtype=np.int64)
    bids = np.zeros((people, width), dtype=np.int64)
    read = np.zeros(width, dtype=np.int64)
    disclosures = np.zeros(width, dtype=np.int64)
    met = np.zeros((people, len(TURN_CLASSES)), dtype=np.int64)  # "none" stands for unanswered here
    unanswered = TURN_CLASSES.index("none")
    replier = np.full(len(analysis.names), -1, dtype=np.int64)  # whose wait each sender's reply ends
    for sender, name in enumerate(analysis.names):
        if (name or "") in report.people:
            replier[sender] = report.people.index(name or "")
    waits: list[list[NDArray[np.float64]]] = [[] for _ in report.people]
    for low in range(0, analysis.read, STEP):
        at = analysis.read_at[low : low + STEP]
        present = analysis.present[low : low + STEP]
        who = frame.person[analysis.sender[at]]
        mine = who >= 0
        at, present, who = at[mine], present[mine], who[mine]
        month = frame.month(analysis.time[at])
        key = who * width + month
        for act in range(len(ACTS)):
            acts[:, :, act] += np.bincount(key[present[:, act]], minlength=people * width).reshape(people, width)
        bid = present[:, BIDS].any(axis=1)
        bids += np.bincount(key[bid], minlength=people * width).reshape(people, width)
        read += np.bincount(month, minlength=width)
        disclosures += np.bincount(month[present[:, DISCLOSURE]], minlength=width)

        reply = analysis.replies[at].astype(np.int64)
        answered = bid & (reply >= 0)
        minutes = (analysis.time[reply[answered]] - analysis.time[at[answered]]) / 1e6 / 60
        waiting_for = replier[analysis.sender[reply[answered]]]
        for k in range(people):
            waits[k].append(minutes[waiting_for == k])

        share = present[:, DISCLOSURE] & (reply != SPOKEN_FOR)  # a disclosure is a bid
        met[:, unanswered] += np.bincount(who[share & (reply == NO_REPLY)], minlength=people)
        shared = share & (reply >= 0)
        row = np.searchsorted(analysis.read_at, reply[shared].astype(analysis.read_at.dtype))  # not a copy of read_at
        inside = row < analysis.read
        was_read = np.zeros(row.size, dtype=bool)
        was_read[inside] = analysis.read_at[row[inside]] == reply[shared][inside]
        turn = np.zeros(row.size, dtype=np.int64)
        turn[was_read] = analysis.turns[row[was_read]]
        counted = turn != 0  # answered with a photo, a call, or words the lens did not take as a turn: not counted
        met += np.bincount(
            who[shared][counted] * len(TURN_CLASSES) + turn[counted], minlength=people * len(TURN_CLASSES)
        ).reshape(people, len(TURN_CLASSES))
    report.acts = {
        name: {act: acts[k, :, a].tolist() for a, act in enumerate(ACTS)} for k, name in enumerate(report.people)
    }
    report.bids = {name: bids[k].tolist() for k, name in enumerate(report.people)}
    report.depth = [d / n if n else 0.0 for d, n in zip(disclosures.tolist(), read.tolist(), strict=True)]
    report.shares_met = {
        name: {
            "toward": int(met[k, TURN_CLASSES.index("toward")]),
            "away": int(met[k, TURN_CLASSES.index("away")]),
            "against": int(met[k, TURN_CLASSES.index("against")]),
            "unanswered": int(met[k, unanswered]),
        }
        for k, name in enumerate(report.people)
    }
    for k, name in enumerate(report.people):
        minutes = np.concatenate(waits[k]) if waits[k] else np.zeros(0)
        report.reply_minutes[name] = (
            float(np.partition(minutes, minutes.size // 2)[minutes.size // 2]) if minutes.size else None
        )


ONE_SIDED_MONTHS = 2  # a stretch is at least this many months in a row
ONE_SIDED_BIDS = 5  # in which one person made at least this many bids a month
ONE_SIDED_RATIO = 3  # and at least three times as many as the other


def _one_sided(report: Report) -> list[tuple[str, str, str]]:
    """Stretches of months in which one person kept reaching out and the other mostly did not."""
    if len(report.people) != 2:
        return []
    stretches = []
    for person, other in (report.people, report.people[::-1]):
        run: list[str] = []
        for k, month in enumerate([*report.months, ""]):
            mine = report.bids[person][k] if month else 0
            theirs = report.bids[other][k] if month else 0
            if month and mine >= ONE_SIDED_BIDS and mine >= ONE_SIDED_RATIO * theirs:
                run.append(month)
                continue
            if len(run) >= ONE_SIDED_MONTHS:
                stretches.append((person, run[0], run[-1]))
            run = []
    return sorted(stretches, key=lambda s: s[1])


Answer = tuple[int | None, bool]


def _answers(analysis: Analysis, row_of: dict[int, int] | None = None) -> list[Answer]:
    """For every message: the first message from someone else after the run of messages it belongs to
    (None when nobody answered within the conversation), and whether a later disclosure in the same run
    speaks for it instead (``replies``; worked out as the chat was read). System lines answer nothing."""
    return [(reply, False) if reply >= 0 else (None, reply == SPOKEN_FOR) for reply in analysis.replies.tolist()]
