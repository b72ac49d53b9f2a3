"""Times on the pages, in the local time people use, and times typed into a datetime-local field.

nearer runs on the pair's own machine, so the machine's time zone is theirs: times are shown in it,
and a time typed without a zone is read in it, unless the page's script (``local_time.js``,
``weekly.js``) sent the browser's own offset with the form, which wins.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from nearer.errors import InvalidInput

MOST_OFFSET_MINUTES = 14 * 60


def local_text(moment: datetime) -> str:
    """Tuesday 5 May at 19:30, in this machine's time zone."""
    here = moment.astimezone()
    return f"{here:%A} {here.day} {here:%B} at {here:%H:%M}"


def local_input(moment: datetime) -> str:
    """The value of a datetime-local field: 2026-05-05T19:30, in this machine's time zone."""
    return moment.astimezone().strftime("%Y-%m-%dT%H:%M")


def parse_local(text: str, offset_minutes: str = "", *, field: str, problem: str) -> datetime:
    """A datetime-local field's value as an aware time. ``offset_minutes`` (east of UTC) is the browser's
    offset for that moment, sent by the page's script; without it, this machine's time zone is used.
    Anything that isn't a time a calendar can hold is InvalidInput naming ``field``, saying ``problem``.

    >>> parse_local("2026-05-04T19:30", "60", field="when", problem="")
    datetime.datetime(2026, 5, 4, 18, 30, tzinfo=datetime.timezone.utc)
    """
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
        raise InvalidInput(problem, field=field) from None
