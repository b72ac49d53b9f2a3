"""When a pair means to have their weekly conversation, and a calendar file (iCalendar, RFC 5545) that
puts that time in any calendar app.

The time is the pair's own local time: the event is written with a "floating" start (no time zone),
so a calendar shows it at that hour wherever the device is.

>>> clean_time("7:05")
'07:05'
>>> fold("X" * 80).split("\\r\\n")[1]
' XXXXX'
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from nearer.errors import InvalidInput, NotFound
from nearer.parsing import whole_number
from nearer.people.pairs import complete_pair_for_member, pair_for_member
from nearer.practice.days import local_day
from nearer.practice.weekly_agenda import agenda
from nearer.store.models import Person, WeeklyPlan

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
FEWEST_MINUTES, MOST_MINUTES = 10, 180
LINE_OCTETS = 75
NO_PLAN = "You haven't set a weekly time yet. Choose a day and time first."


def clean_weekday(value: int | str) -> int:
    """0 (Monday) to 6 (Sunday), from a number or a day's name."""
    text = str(value).strip()
    names = [day.lower() for day in WEEKDAYS]
    if text.lower() in names:
        return names.index(text.lower())
    number = whole_number(text)
    if number is not None and number < len(WEEKDAYS):
        return number
    raise InvalidInput("Choose a day of the week (0 for Monday up to 6 for Sunday).", field="weekday")


def clean_time(value: str) -> str:
    """A time of day as HH:MM (24-hour)."""
    found = re.fullmatch(r"\s*([0-9]{1,2}):([0-9]{2})(?::[0-9]{2})?\s*", value or "")
    if found is None or int(found[1]) > 23 or int(found[2]) > 59:
        raise InvalidInput("Give the time as hours and minutes, such as 19:30.", field="time")
    return f"{int(found[1]):02d}:{int(found[2]):02d}"


def clean_minutes(value: int | str) -> int:
    number = whole_number(value)
    if number is None or not FEWEST_MINUTES <= number <= MOST_MINUTES:
        raise InvalidInput(
            f"Choose how long, from {FEWEST_MINUTES} to {MOST_MINUTES} minutes. Half an hour is a good start.",
            field="minutes",
        )
    return number


def plan_for(session: Session, pair_id: str, person: Person) -> WeeklyPlan | None:
    """The pair's weekly time, or None when they haven't set one. NotFound for anyone outside the pair."""
    pair = pair_for_member(session, pair_id, person)
    return session.get(WeeklyPlan, pair.id)


def set_plan(
    session: Session, pair_id: str, person: Person, *, weekday: int | str, time: str, minutes: int | str, now: datetime
) -> WeeklyPlan:
    """Set (or change) the pair's weekly time. Either of the two may change it."""
    pair = complete_pair_for_member(session, pair_id, person)
    day, at, length = clean_weekday(weekday), clean_time(time), clean_minutes(minutes)
    plan = session.get(WeeklyPlan, pair.id)
    if plan is None:
        plan = WeeklyPlan(pair_id=pair.id, weekday=day, time=at, minutes=length, updated_at=now)
        session.add(plan)
    else:
        plan.weekday, plan.time, plan.minutes, plan.updated_at = day, at, length, now
    session.flush()
    return plan


def describe(plan: WeeklyPlan) -> str:
    """Tuesdays at 19:30, for 45 minutes."""
    return f"{WEEKDAYS[plan.weekday]}s at {plan.time}, for {plan.minutes} minutes"


def escape(text: str) -> str:
    """A TEXT value of RFC 5545 (3.3.11): backslash, semicolon, comma and line breaks escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line to at most 75 octets a line (RFC 5545 3.1), never inside a UTF-8 character."""
    pieces: list[str] = []
    current, size, limit = "", 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # a continuation line starts with a space
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def first_date(weekday: int, today: date) -> date:
    """The first day on or after ``today`` that falls on ``weekday``."""
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def calendar_file(plan: WeeklyPlan, *, title: str, description: str, now: datetime) -> str:
    """The plan as an iCalendar file: one weekly event, with CRLF line ends and folded lines."""
    start = first_date(plan.weekday, local_day(now))
    hours, minutes = plan.time.split(":")
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//nearer//Our week//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:weekly-{plan.pair_id}@nearer.invalid",
        f"DTSTAMP:{stamp}",
        f"LAST-MODIFIED:{plan.updated_at.strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART:{start:%Y%m%d}T{hours}{minutes}00",
        f"RRULE:FREQ=WEEKLY;BYDAY={BYDAY[plan.weekday]}",
        f"DURATION:PT{plan.minutes}M",
        f"SUMMARY:{escape(title)}",
        f"DESCRIPTION:{escape(description)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)


def plan_calendar(session: Session, pair_id: str, person: Person, *, now: datetime) -> str:
    """The pair's weekly time as an iCalendar file, for either of the two; NotFound when none is set."""
    pair = pair_for_member(session, pair_id, person)
    plan = session.get(WeeklyPlan, pair.id)
    if plan is None:
        raise NotFound(NO_PLAN)
    names = " and ".join(m.person.name for m in pair.memberships)
    topics = "\n".join(f"{t.number}. {t.title}" for t in agenda(pair.kind))
    description = (
        f"Our week: {plan.minutes} calm minutes for {names} to take turns talking and listening.\n{topics}\n"
        "Open nearer on your own machine and choose Our week."
    )
    return calendar_file(plan, title=f"Our week: {names}", description=description, now=now)
