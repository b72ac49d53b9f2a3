"""Durations on the weekly conversation's pages, as a timer shows them and in words.

>>> duration(65), duration(3725)
('1:05', '1:02:05')
>>> duration_words(65)
'1 minute 5 seconds'
"""

from __future__ import annotations


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
