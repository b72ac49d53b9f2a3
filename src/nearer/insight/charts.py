"""Small inline SVG charts for the report: no script, no CDN, readable on a phone, and each with a
text alternative for screen readers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

COLOURS = ("#b4476a", "#3f7f8c", "#8a6d1f", "#5b5b9a")
WIDTH, HEIGHT, PAD = 480, 220, 40  # drawn small and scaled up, so the text stays legible on a phone


def _count(value: float) -> str:
    return f"{value:,.0f}"


def _percent(value: float) -> str:
    return f"{value:.0%}"


def lines(title: str, months: Sequence[str], series: Mapping[str, Sequence[float]], percent: bool = False) -> str:
    """One line per person over the months."""
    top = max((max(values, default=0) for values in series.values()), default=0) or 1
    steps = max(len(months) - 1, 1)

    def x(k: int) -> float:
        return PAD + (WIDTH - 2 * PAD) * k / steps

    def y(value: float) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * value / top

    shown = _percent if percent else _count
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" class="axis"/>',
        f'<text x="{PAD - 4}" y="{PAD}" class="tick" text-anchor="end">{shown(top)}</text>',
        f'<text x="{PAD - 4}" y="{HEIGHT - PAD}" class="tick" text-anchor="end">0</text>',
    ]
    if months:
        parts.append(f'<text x="{PAD}" y="{HEIGHT - 8}" class="tick">{escape(months[0])}</text>')
        parts.append(
            f'<text x="{WIDTH - PAD}" y="{HEIGHT - 8}" class="tick" text-anchor="end">{escape(months[-1])}</text>'
        )
    for n, (name, values) in enumerate(series.items()):
        colour = COLOURS[n % len(COLOURS)]
        points = " ".join(f"{x(k):.1f},{y(v):.1f}" for k, v in enumerate(values))
        if len(values) == 1:
            parts.append(f'<circle cx="{x(0):.1f}" cy="{y(values[0]):.1f}" r="4" fill="{colour}"/>')
        else:
            parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        key = f'x="{WIDTH - PAD}" y="{PAD + 16 * n}" class="key" fill="{colour}" text-anchor="end"'
        parts.append(f"<text {key}>{escape(name)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def rates(title: str, values: Mapping[str, float | None], marks: Mapping[str, float]) -> str:
    """Horizontal bars from 0 to 100%, one per person, with reference marks (the research figures)."""
    row = 40
    height = PAD + row * max(len(values), 1) + 44
    label = 110
    span = WIDTH - PAD - 30 - label

    def x(value: float) -> float:
        return 10 + label + span * value

    parts = [
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    for n, (name, value) in enumerate(values.items()):
        top = PAD + row * n
        parts.append(f'<text x="{label + 4}" y="{top + 20}" class="key" text-anchor="end">{escape(name[:14])}</text>')
        if value is None:
            parts.append(f'<text x="{x(0) + 6}" y="{top + 18}" class="tick">no replies to bids yet</text>')
            continue
        parts.append(
            f'<rect x="{x(0):.1f}" y="{top + 4}" width="{span * value:.1f}" height="24" rx="4" '
            f'fill="{COLOURS[n % len(COLOURS)]}"/>'
        )
        parts.append(f'<text x="{x(value) + 6:.1f}" y="{top + 21}" class="tick">{value:.0%}</text>')
    bottom = PAD + row * max(len(values), 1)
    for n, (said, value) in enumerate(marks.items()):
        parts.append(
            f'<line x1="{x(value):.1f}" y1="{PAD - 6}" x2="{x(value):.1f}" y2="{bottom + 18 * n}" class="mark"/>'
        )
        where = f'x="{x(value):.1f}" y="{bottom + 14 + 18 * n}" class="tick" text-anchor="middle"'
        parts.append(f"<text {where}>{escape(said)}</text>")
    parts.append("</svg>")
    return "".join(parts)
