"""Times and durations on the weekly conversation's pages, in the words and the local time people use.

nearer runs on the pair's own machine, so the machine's time zone is theirs: times are shown in it,
and a time typed without a zone is read in it (the page's script sends the browser's offset, which wins).

>>> duration(65), duration(3725)
('1:05', '1:02:05')
>>> duration_words(65)
'1 minute 5 seconds'
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from nearer.errors import InvalidInput

MOST_OFFSET_MINUTES = 14 * 60


def duration(seconds: int) -> str:
    """A timer's reading: 3:05, or 1:02:05 past an hour."""
    hours, rest = divmod(max(0, int(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def duration_words(seconds: int) -> str:
    minutes, secs = divmod(max(0, int(seconds)), 60)
    parts = [f"{minutes} minute{'s' if minutes != 1 else ''}"] if minutes else []
    if secs or not parts:
        parts.append(f"{secs} second{'s' if secs != 1 else ''}")
    return " ".join(parts)


def local_text(moment: datetime) -> str:
    """Tuesday 5 May at 19:30, in this machine's time zone."""
    here = moment.astimezone()
    return f"{here:%A} {here.day} {here:%B} at {here:%H:%M}"


def local_input(moment: datetime) -> str:
    """The value of a datetime-local field: 2026-05-05T19:30, in this machine's time zone."""
    return moment.astimezone().strftime("%Y-%m-%dT%H:%M")


def parse_local(text: str, offset_minutes: str = "") -> datetime:
    """A datetime-local field's value as an aware time. ``offset_minutes`` (east of UTC) is the browser's
    offset for that moment, sent by the page's script; without it, this machine's time zone is used."""
    offset = re.fullmatch(r"\s*([+-]?)([0-9]{1,4})\s*", offset_minutes)
    try:
        typed = datetime.fromisoformat(text.strip())
        if typed.tzinfo is not None:
            return typed.astimezone(UTC)
        if offset is not None and int(offset[2]) <= MOST_OFFSET_MINUTES:
            minutes = -int(offset[2]) if offset[1] == "-" else int(offset[2])
            return typed.replace(tzinfo=timezone(timedelta(minutes=minutes))).astimezone(UTC)
        return typed.astimezone().astimezone(UTC)
    except (ValueError, OverflowError, OSError):  # not a time, or one no calendar can hold
        raise InvalidInput("Choose a day and a time to come back.", field="resume_at") from None
