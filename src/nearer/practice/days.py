"""Days as the two people live them: the local day of the machine nearer runs on (or of a given zone),
so a rating or an answer made in the evening west of Greenwich stays on that evening's day."""

from __future__ import annotations

from datetime import date, datetime, tzinfo


def local_day(moment: datetime, zone: tzinfo | None = None) -> date:
    """The day ``moment`` falls on where the pair lives (this machine's zone unless ``zone`` is given)."""
    return moment.astimezone(zone).date()
