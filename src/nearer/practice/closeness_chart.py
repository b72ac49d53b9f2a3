"""The two closeness curves as inline SVG, with a sentence that says the same for those who can't see it."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING

from nearer.insight.charts import COLOURS

if TYPE_CHECKING:
    from nearer.practice.closeness import Series

# The chart: two panels (need, feel) with one line per person, drawn small and scaled up on the page.
# Presentation attributes rather than CSS, so the chart looks the same wherever it is placed.
W, LEFT, RIGHT, PLOT, HEAD = 360, 24, 10, 80, 44
DASH = ("", ' stroke-dasharray="7 4"')  # the other person's line is dashed: not told apart by colour alone
TEXT = 'font-size="13" fill="#5f534d"'


def summarise(series: Series) -> str:
    said = []
    for r in series.raters:
        who, rated = ("You" if r.me else r.name), r.rated
        if rated:
            said.append(f"{who} last rated need {rated[-1].need} and closeness {rated[-1].feel} on {rated[-1].day}.")
        else:
            said.append(f"{who} didn't rate in these days.")
    return f"Closeness over the last {len(series.days)} days. " + " ".join(said)


def _line(points: list[str], n: int) -> str:
    return (
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{COLOURS[n % 2]}" stroke-width="2.5" '
        f'stroke-linejoin="round"{DASH[n % 2]}/>'
    )


def draw(series: Series) -> str:
    """The two curves as inline SVG: need on top, how close each feels below, a gap where a day wasn't rated."""
    steps = max(len(series.days) - 1, 1)
    height = 2 * (HEAD + PLOT) + 26
    summary = escape(summarise(series))

    def x(k: int) -> float:
        return LEFT + (W - LEFT - RIGHT) * k / steps

    parts = [
        f'<svg viewBox="0 0 {W} {height}" class="closeness-chart" role="img" aria-label="{summary}">',
        f"<title>{summary}</title>",
    ]
    for n, r in enumerate(series.raters):
        left = LEFT + 150 * n
        parts.append(f'<g class="key">{_line([f"{left},12", f"{left + 24},12"], n)}')
        parts.append(f'<text x="{left + 30}" y="16" {TEXT}>{escape("You" if r.me else r.name[:24])}</text></g>')
    for panel, (field, heading) in enumerate(
        (("need", "How much closeness each needs"), ("feel", "How close each feels"))
    ):
        top = HEAD + panel * (HEAD + PLOT)

        def y(value: int, top: int = top) -> float:
            return top + PLOT - PLOT * (value - 1) / 4

        parts.append(
            f'<text x="{LEFT}" y="{top - 12}" font-size="14" font-weight="600" fill="#2b2320">{heading}</text>'
        )
        for value in (1, 3, 5):
            parts.append(f'<line x1="{LEFT}" y1="{y(value)}" x2="{W - RIGHT}" y2="{y(value)}" stroke="#e6dcd3"/>')
            parts.append(f'<text x="{LEFT - 8}" y="{y(value) + 4}" text-anchor="end" {TEXT}>{value}</text>')
        for n, r in enumerate(series.raters):
            who = "me" if r.me else "other"
            parts.append(f'<g class="person {who} {field}" fill="{COLOURS[n % 2]}">')
            run: list[str] = []
            for k, point in enumerate((*r.points, None)):
                if point is None:
                    parts.append(_line(run, n) if len(run) > 1 else "")
                    run = []
                    continue
                spot = f"{x(k):.1f},{y(point.need if field == 'need' else point.feel):.1f}"
                run.append(spot)
                cx, cy = spot.split(",")
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="3"/>')
            parts.append("</g>")
    first = date.fromisoformat(series.days[0])
    parts.append(f'<text x="{LEFT}" y="{height - 6}" {TEXT}>{first.day} {first:%b}</text>')
    parts.append(f'<text x="{W - RIGHT}" y="{height - 6}" text-anchor="end" {TEXT}>today</text></svg>')
    return "".join(parts)
