"""The closeness report's figures, worked out from an ``Analysis``: plain numbers and lists, ready to
be drawn (``charts``) and written (``html``).

A *bid* is a message that reaches for the other person: a disclosure, a curious question, or an
appreciation. A *share* is a disclosure. A share is *met* by the other person's reply (turned
toward, away or against), or *missed* when they answer with a turn away or against, or not at all
within the conversation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from nearer.insight.analysis import CONVERSATION_GAP, Analysis
from nearer.lens import ACTS
from nearer.lens.heads import TURN_CLASSES

BID_ACTS = ("disclosure", "curiosity", "appreciation")
HORSEMEN = ("criticism", "contempt", "defensiveness", "stonewalling", "dismissal")
# Turn-toward rates in the research the product is built on: couples still together six years on
# turned toward about 86% of bids; those who had parted, about 33%.
STAYED_TOGETHER, PARTED = 0.86, 0.33
MOMENTS = 5


@dataclass(frozen=True)
class Moment:
    when: datetime
    sharer: str
    share: str
    replier: str | None
    reply: str | None
    turn: str | None  # None when there was no reply


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


def _month(when: datetime) -> str:
    return f"{when.year:04d}-{when.month:02d}"


def _every_month(first: datetime, last: datetime) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def build(analysis: Analysis) -> Report:
    chat = analysis.chat
    people = [p for p in chat.people if p in analysis.people]
    times = [m.time for m in chat.messages]
    report = Report(people=people, months=[], first=min(times, default=None), last=max(times, default=None))
    if report.first is None or report.last is None:
        return report
    report.months = _every_month(report.first, report.last)
    slot = {month: k for k, month in enumerate(report.months)}
    width = len(report.months)
    for person in people:
        report.messages[person] = [0] * width
        report.words[person] = [0] * width
        report.acts[person] = {act: [0] * width for act in ACTS}
        report.bids[person] = [0] * width
    for message in chat.messages:
        if message.sender in report.messages and message.kind.value != "system":
            k = slot[_month(message.time)]
            report.messages[message.sender][k] += 1
            report.words[message.sender][k] += len(message.text.split()) if message.kind.value == "text" else 0

    row_of = {int(at): row for row, at in enumerate(analysis.read_at.tolist())}
    disclosures_per_month = [0] * width
    read_per_month = [0] * width
    for row, at in enumerate(analysis.read_at.tolist()):
        message = chat.messages[at]
        if message.sender not in report.acts:
            continue
        k = slot[_month(message.time)]
        read_per_month[k] += 1
        for a in np.flatnonzero(analysis.present[row]).tolist():
            report.acts[message.sender][ACTS[a]][k] += 1
        if any(analysis.present[row, ACTS.index(a)] for a in BID_ACTS):
            report.bids[message.sender][k] += 1
        disclosures_per_month[k] += bool(analysis.present[row, ACTS.index("disclosure")])
    report.depth = [d / n if n else 0.0 for d, n in zip(disclosures_per_month, read_per_month, strict=True)]

    report.turns = {p: dict(analysis.people[p].turns) for p in people}
    for person, turns in report.turns.items():
        total = sum(turns.values())
        report.toward_rate[person] = turns["toward"] / total if total else None

    report.one_sided = _one_sided(report)
    _shares_and_moments(analysis, report, row_of)
    _conversations(analysis, report)
    report.safety_count = len(analysis.safety_lines)
    return report


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


def _answers(analysis: Analysis, row_of: dict[int, int]) -> list[Answer]:
    """For every message: the first message from someone else after the run of messages it belongs to
    (None when nobody answered within the conversation), and whether a later disclosure in the same run
    speaks for it instead.

    One pass from the end, so that a long run by one person costs no more than a short one: what follows
    a message is decided by the next message that is not a system line (and the system lines before it),
    or, when that is the same person's again and not a disclosure, it is that message's own answer,
    already worked out."""
    messages = analysis.chat.messages
    disclosure = ACTS.index("disclosure")
    answers: list[Answer] = [(None, False)] * len(messages)
    following: int | None = None  # the next message that is not a system line
    system_until: datetime | None = None  # the latest system line between here and there
    for at in range(len(messages) - 1, -1, -1):
        message = messages[at]
        if following is None or (system_until is not None and system_until - message.time > CONVERSATION_GAP):
            answers[at] = (None, False)  # the chat ends, or a system line comes after the conversation has
        elif messages[following].time - message.time > CONVERSATION_GAP:
            answers[at] = (None, False)
        elif messages[following].sender != message.sender:
            answers[at] = (following, False)
        elif (row := row_of.get(following)) is not None and analysis.present[row, disclosure]:
            answers[at] = (None, True)
        else:
            answers[at] = answers[following]  # the same person again: the run goes on from there
        if message.kind.value == "system":
            system_until = message.time if system_until is None else max(system_until, message.time)
        else:
            following, system_until = at, None
    return answers


def _shares_and_moments(analysis: Analysis, report: Report, row_of: dict[int, int]) -> None:
    chat = analysis.chat
    waits: dict[str, list[float]] = defaultdict(list)
    best: list[tuple[int, Moment]] = []
    missed: list[Moment] = []
    report.shares_met = {p: {"toward": 0, "away": 0, "against": 0, "unanswered": 0} for p in report.people}
    answers = _answers(analysis, row_of)
    for at, row in row_of.items():
        share = chat.messages[at]
        if share.sender not in report.shares_met or not any(analysis.present[row, ACTS.index(a)] for a in BID_ACTS):
            continue
        reply_at, spoken_for = answers[at]
        if reply_at is not None:
            replier = chat.messages[reply_at].sender or ""
            waits[replier].append((chat.messages[reply_at].time - share.time).total_seconds() / 60)
        if not analysis.present[row, ACTS.index("disclosure")] or spoken_for:
            continue
        if reply_at is None:
            report.shares_met[share.sender]["unanswered"] += 1
            missed.append(Moment(share.time, share.sender, share.text, None, None, None))
            continue
        reply_row = row_of.get(reply_at)
        turn = TURN_CLASSES[int(analysis.turns[reply_row])] if reply_row is not None else "none"
        if turn == "none":  # answered with a photo, a call, or words the lens did not take as a turn
            continue
        report.shares_met[share.sender][turn] += 1
        reply = chat.messages[reply_at]
        moment = Moment(share.time, share.sender, share.text, reply.sender, reply.text, turn)
        if turn == "toward" and reply_row is not None:
            caring = sum(bool(analysis.present[reply_row, ACTS.index(a)]) for a in ("validation", "curiosity"))
            best.append((caring * 1000 + min(len(reply.text), 999), moment))
        else:
            missed.append(moment)
    report.best = [m for _, m in sorted(best, key=lambda pair: -pair[0])[:MOMENTS]]
    report.missed = sorted(missed, key=lambda m: (m.reply is None, m.when), reverse=False)[:MOMENTS]
    for person in report.people:
        minutes = sorted(waits.get(person, []))
        report.reply_minutes[person] = minutes[len(minutes) // 2] if minutes else None


def _conversations(analysis: Analysis, report: Report) -> None:
    spoken = [m for m in analysis.chat.messages if m.sender in report.messages and m.kind.value != "system"]
    report.started = dict.fromkeys(report.people, 0)
    report.ended = dict.fromkeys(report.people, 0)
    for k, message in enumerate(spoken):
        if k == 0 or message.time - spoken[k - 1].time > CONVERSATION_GAP:
            report.conversations += 1
            report.started[message.sender or ""] += 1
            if k > 0:
                report.ended[spoken[k - 1].sender or ""] += 1
    if spoken:
        report.ended[spoken[-1].sender or ""] += 1
