"""The check-in charts as numbers for inline SVG: bars per area, and each area's scores over time.

Every chart is drawn on the 0 to 100 scale with the midpoint marked, so two charts compare honestly; the
pages put the same numbers in a table beside each chart for anyone who can't see it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from nearer.practice.checkin_items import items
from nearer.practice.checkins import CheckInView, Scores

WIDTH = 300
BAR_ROOM = 255  # the length of a bar at 100, leaving room for the number after it
LABEL_HEIGHT, BAR_HEIGHT, ROW_GAP = 18, 12, 12
TREND_HEIGHT, TREND_TOP, TREND_BOTTOM, TREND_SIDE = 64, 6, 58, 8
# Time runs across at least this long, so check-ins a day apart don't look months apart.
SHORTEST_SPAN = timedelta(days=90)


def area_chart(series: Sequence[tuple[str, str, Scores]]) -> dict[str, object]:
    """Bars for each area: one per person in ``series`` (who, css class, scores)."""
    rows = []
    y = 0
    for area in items().areas:
        label_y = y + 13
        y += LABEL_HEIGHT
        bars = []
        for who, css, scores in series:
            score = scores.of(area.id)
            width = round(BAR_ROOM * score / 100, 1)
            bars.append({"who": who, "css": css, "score": score, "y": y, "w": max(width, 2), "text_x": width + 6})
            y += BAR_HEIGHT + 3
        rows.append({"name": area.name, "label_y": label_y, "bars": bars})
        y += ROW_GAP
    title = "; ".join(
        f"{who}: " + ", ".join(f"{a.area.name} {a.score}" for a in scores.areas) for who, _, scores in series
    )
    return {
        "width": WIDTH, "height": y, "rows": rows, "mid_x": BAR_ROOM / 2, "title": title + " (out of 100)",
        "series": [(who, css) for who, css, _ in series],
    }  # fmt: skip


def _x(moment: datetime, start: datetime, end: datetime) -> float:
    return round(TREND_SIDE + (WIDTH - 2 * TREND_SIDE) * (moment - start) / (end - start), 1)


def _y(score: int) -> float:
    return round(TREND_BOTTOM - (TREND_BOTTOM - TREND_TOP) * score / 100, 1)


def trend_charts(views: Sequence[CheckInView], other_name: str) -> list[dict[str, object]]:
    """One small chart per area (and one overall): the viewer's scores over time, and the other person's
    shared ones beside them."""
    if not views:
        return []
    ordered = sorted(views, key=lambda v: v.taken_at)
    end = ordered[-1].taken_at
    start = min(ordered[0].taken_at, end - SHORTEST_SPAN)
    people = [("You", "me", [v for v in ordered if v.mine]), (other_name, "them", [v for v in ordered if not v.mine])]
    charts = []
    for key, name in [("overall", "Overall"), *((a.id, a.name) for a in items().areas)]:
        lines, said = [], []
        for who, css, mine in people:
            if not mine:
                continue
            scores = [v.scores.overall if key == "overall" else v.scores.of(key) for v in mine]
            dots = [
                {"x": _x(v.taken_at, start, end), "y": _y(s), "score": s} for v, s in zip(mine, scores, strict=True)
            ]
            lines.append({"css": css, "who": who, "dots": dots, "points": " ".join(f"{d['x']},{d['y']}" for d in dots)})
            said.append(f"{who}: {', '.join(str(s) for s in scores)}")
        charts.append(
            {
                "name": name, "lines": lines, "title": f"{name}, oldest first: " + "; ".join(said) + " (out of 100)",
                "width": WIDTH, "height": TREND_HEIGHT, "mid_y": _y(50), "base": TREND_BOTTOM,
                "start": start, "end": end,
            }
        )  # fmt: skip
    return charts
