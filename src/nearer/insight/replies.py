"""Which message answers which, worked out as the chat is read, batch by batch, with the report's moments
kept, words and all, as they are found (no other message's words need be kept).

A message is answered by the first message from someone else after the run of messages it belongs to: the
run goes on over the same person's next message (not a system line) as long as that comes within
``CONVERSATION_GAP`` of the one before, no system line between them comes later than that, and it is not
a disclosure; a disclosure later in the run speaks for the messages before it instead (``SPOKEN_FOR``).
When the run is ended by a gap, or by the end of the chat, nobody answered (``NO_REPLY``).

A run still going on at the end of a batch is carried over to the next (``OPEN``), with the few of its
shares that could be quoted: every share in a run has the same answer, so of those only the first few
(for the best moments, ranked by their reply and then the order they came in) and the earliest few (for
the missed ones, in time order) can ever be shown.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any

import numpy as np
from numpy.typing import NDArray

from nearer.chats import Kind
from nearer.insight.columns import Column
from nearer.lens import ACTS
from nearer.lens.heads import TURN_CLASSES

CONVERSATION_GAP = timedelta(hours=4)
GAP = CONVERSATION_GAP // timedelta(microseconds=1)  # times are kept in microseconds
KINDS = tuple(Kind)  # a message's kind is kept as its index here
SYSTEM = KINDS.index(Kind.system)
NO_REPLY, SPOKEN_FOR, OPEN = -1, -2, -3  # beside the index of the reply, in the column of replies
MOMENTS = 5  # of each kind shown in the report
DISCLOSURE, VALIDATION, CURIOSITY = (ACTS.index(a) for a in ("disclosure", "validation", "curiosity"))
TOWARD = TURN_CLASSES.index("toward")
EPOCH = datetime(1970, 1, 1)
_NO_TIME = np.iinfo(np.int64).min


@dataclass(frozen=True)
class Moment:
    when: datetime
    sharer: str
    share: str
    replier: str | None
    reply: str | None
    turn: str | None  # None when there was no reply


@dataclass
class Batch:
    """Messages as they were read: numbers for each, and the words of those the lens read."""

    start: int  # the index of its first message in the chat
    time: NDArray[np.int64]  # microseconds from 1970, as the export shows the time
    sender: NDArray[np.int32]  # an index into the chat's names
    kind: NDArray[np.int8]  # an index into KINDS
    read: NDArray[np.int64]  # where, in the batch, the messages the lens read are
    present: NDArray[np.bool_]  # for each message read: its acts
    turns: NDArray[np.int8]  # and its turn (an index into TURN_CLASSES)
    texts: list[str]  # and its words


@dataclass(frozen=True)
class _Waiting:
    """A share in the run still going on, kept with its words until the run's answer is known."""

    sender: int
    time: int
    at: int
    text: str


@dataclass
class Replies:
    """The column of replies (for each message: the index of the message that answers it, or NO_REPLY or
    SPOKEN_FOR; system lines answer nothing) and, for each sharer, the moments the report may quote:
    ``best`` keyed (-score, index), ``missed`` keyed (unanswered, time, index), as the report ranks them."""

    names: list[str | None]  # the chat's senders, as they are met (shared with the reading, which adds to it)
    column: Column = field(default_factory=lambda: Column(np.int32))
    best: dict[int, list[tuple[tuple[int, ...], Moment]]] = field(default_factory=dict)
    missed: dict[int, list[tuple[tuple[int, ...], Moment]]] = field(default_factory=dict)
    _last: int = -1  # the last message read that is not a system line: index, time, sender
    _last_time: int = 0
    _last_sender: int = -1
    _system_until: int = _NO_TIME  # the latest system line after it
    _open: int = 0  # the index of the first message of the run still going on
    _waiting: list[_Waiting] = field(default_factory=list)

    def feed(self, batch: Batch) -> None:
        """Work out the replies of the messages up to the end of ``batch`` that can be known by now."""
        time, size = batch.time, batch.time.size
        replies = np.full(size, NO_REPLY, dtype=np.int32)
        spoken = np.flatnonzero(batch.kind != SYSTEM)
        system = np.flatnonzero(batch.kind == SYSTEM)
        if spoken.size == 0:
            if system.size:
                self._system_until = max(self._system_until, int(time[system].max()))
            self.column.extend(replies)
            return
        # The latest system line before each message that is not one (after the message before it).
        before = np.full(spoken.size + 1, _NO_TIME, dtype=np.int64)
        np.maximum.at(before, np.searchsorted(spoken, system), time[system])
        before[0] = max(int(before[0]), self._system_until)
        said, who = time[spoken], batch.sender[spoken]
        said_before = np.concatenate(([self._last_time], said[:-1]))
        who_before = np.concatenate(([self._last_sender], who[:-1]))
        disclosed = np.zeros(size, dtype=bool)
        disclosed[batch.read] = batch.present[:, DISCLOSURE]
        system_late = np.where(before[:-1] != _NO_TIME, before[:-1], said_before) - said_before > GAP
        # What the message before each one is answered by, where that ends its run (OPEN where the run goes on).
        ended = np.where(
            system_late | (said - said_before > GAP),
            NO_REPLY,
            np.where(who != who_before, batch.start + spoken, np.where(disclosed[spoken], SPOKEN_FOR, OPEN)),
        )
        if self._last < 0:
            ended[0] = NO_REPLY  # the chat's first message: no run before it
        ends = np.flatnonzero(ended != OPEN)
        following = np.searchsorted(ends, np.arange(spoken.size), side="right")  # the end of each one's run
        known = following < ends.size
        replies[spoken[known]] = ended[ends[following[known]]]
        replies[spoken[~known]] = OPEN
        carried = int(ended[ends[0]]) if ends.size and self._last >= 0 else None
        if carried is not None:  # the run carried from the batches before has ended
            earlier = self.column.array[self._open : self.column.size]
            earlier[earlier == OPEN] = carried
            del earlier
        self.column.extend(replies)
        if ends.size:
            self._open = batch.start + int(spoken[ends[-1]])
        self._last, self._last_time, self._last_sender = batch.start + int(spoken[-1]), int(said[-1]), int(who[-1])
        self._system_until = int(before[-1])
        self._moments(batch, replies, carried)

    def finish(self) -> None:
        """The chat has ended: the run still going on is unanswered."""
        earlier = self.column.array[self._open : self.column.size]
        earlier[earlier == OPEN] = NO_REPLY
        del earlier
        for share in self._waiting:
            self._keep(self.missed, share.sender, (1, share.time, share.at), self._moment(share))
        self._waiting = []

    def _moments(self, batch: Batch, replies: NDArray[np.int32], carried: int | None) -> None:
        """Keep the shares whose answer is now known that could be quoted, and those still waiting for one."""
        rows = np.flatnonzero(batch.present[:, DISCLOSURE])
        waiting = self._waiting if carried is not None else []  # the run they wait in ended in this batch
        if carried is not None:
            self._waiting = []
        at_batch = batch.read[rows]
        sender = np.array([w.sender for w in waiting] + batch.sender[at_batch].tolist(), dtype=np.int64)
        time = np.array([w.time for w in waiting] + batch.time[at_batch].tolist(), dtype=np.int64)
        at = np.array([w.at for w in waiting] + (batch.start + at_batch).tolist(), dtype=np.int64)
        answer = np.array([carried] * len(waiting) + replies[at_batch].tolist(), dtype=np.int64)

        def share(k: int) -> _Waiting:
            if k < len(waiting):
                return waiting[k]
            return _Waiting(int(sender[k]), int(time[k]), int(at[k]), batch.texts[int(rows[k - len(waiting)])])

        row_of = np.full(batch.time.size, -1, dtype=np.int64)
        row_of[batch.read] = np.arange(batch.read.size)
        reply_row = np.full(answer.size, -1, dtype=np.int64)
        answered = answer >= 0  # by a message in this batch
        reply_row[answered] = row_of[answer[answered] - batch.start]
        turn = np.zeros(answer.size, dtype=np.int64)
        turn[reply_row >= 0] = batch.turns[reply_row[reply_row >= 0]]

        toward = np.flatnonzero(turn == TOWARD)
        toward_rows = reply_row[toward]
        caring = batch.present[toward_rows, VALIDATION].astype(np.int64) + batch.present[toward_rows, CURIOSITY]
        length = np.array([min(len(batch.texts[r]), 999) for r in toward_rows.tolist()], dtype=np.int64)
        score = caring * 1000 + length
        for k in _first_few(sender[toward], -score, at[toward]):
            one = int(toward[k])
            moment = self._moment(share(one), batch, int(reply_row[one]))
            self._keep(self.best, int(sender[one]), (-int(score[k]), int(at[one])), moment)

        unanswered = answer == NO_REPLY
        missed = np.flatnonzero(unanswered | ((turn != 0) & (turn != TOWARD)))
        for k in _first_few(sender[missed], unanswered[missed].astype(np.int64), time[missed], at[missed]):
            one = int(missed[k])
            gone = bool(unanswered[one])
            moment = self._moment(share(one)) if gone else self._moment(share(one), batch, int(reply_row[one]))
            self._keep(self.missed, int(sender[one]), (int(gone), int(time[one]), int(at[one])), moment)

        still = np.flatnonzero(answer[len(waiting) :] == OPEN) + len(waiting)
        kept = self._waiting + [share(k) for k in still.tolist()]
        first = heapq.nsmallest(MOMENTS, kept, key=lambda w: w.at)
        earliest = heapq.nsmallest(MOMENTS, kept, key=lambda w: (w.time, w.at))
        self._waiting = sorted({w.at: w for w in first + earliest}.values(), key=lambda w: w.at)

    def _moment(self, share: _Waiting, batch: Batch | None = None, reply_row: int = -1) -> Moment:
        when = EPOCH + timedelta(microseconds=share.time)
        sharer = self.names[share.sender] or ""
        if batch is None:
            return Moment(when, sharer, share.text, None, None, None)
        replier = self.names[int(batch.sender[batch.read[reply_row]])]
        turn = TURN_CLASSES[int(batch.turns[reply_row])]
        return Moment(when, sharer, share.text, replier, batch.texts[reply_row], turn)

    @staticmethod
    def _keep(kept: dict[int, list[tuple[tuple[int, ...], Moment]]], sender: int, key: tuple[int, ...],
              moment: Moment) -> None:  # fmt: skip
        kept[sender] = heapq.nsmallest(MOMENTS, [*kept.get(sender, []), (key, moment)], key=itemgetter(0))

    def chosen(self, people: list[str]) -> tuple[list[Moment], list[Moment]]:
        """The best moments and the missed ones of these people's shares, as many as the report shows."""
        ids = [k for k, name in enumerate(self.names) if name in people]
        best = heapq.nsmallest(MOMENTS, [kept for k in ids for kept in self.best.get(k, [])], key=itemgetter(0))
        missed = heapq.nsmallest(MOMENTS, [kept for k in ids for kept in self.missed.get(k, [])], key=itemgetter(0))
        return [moment for _, moment in best], [moment for _, moment in missed]


def _first_few(sender: NDArray[Any], *keys: NDArray[Any]) -> list[int]:
    """For each sender, the positions of the MOMENTS smallest by ``keys`` (the first most significant)."""
    if sender.size == 0:
        return []
    order = np.lexsort((*reversed(keys), sender))
    grouped = sender[order]
    starts = np.flatnonzero(np.concatenate(([True], grouped[1:] != grouped[:-1])))
    rank = np.arange(grouped.size) - np.repeat(starts, np.diff(np.append(starts, grouped.size)))
    chosen: list[int] = order[rank < MOMENTS].tolist()
    return chosen
