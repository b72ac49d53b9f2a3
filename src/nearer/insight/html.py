"""The closeness report as one self-contained HTML file: inline styles and SVG, no script, nothing
fetched, so it opens offline on any phone or computer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from nearer import __version__
from nearer.insight import charts
from nearer.insight.report import HORSEMEN, PARTED, STAYED_TOGETHER, Moment, Report
from nearer.lens.coach import coach
from nearer.support import CRISIS_RESOURCES

STYLE_FILE = Path(__file__).resolve().parent / "templates" / "report.css"
_templates = Environment(loader=PackageLoader("nearer.insight", "templates"), autoescape=select_autoescape())
_templates.filters["cap"] = lambda text: text[:1].upper() + text[1:]  # "you" -> "You"; names left as written


def _gentler(moment: Moment) -> list[str]:
    """The coach's alternatives for a missed moment (for silence, as if the reply had been "ok")."""
    advice = coach(moment.reply or "ok", moment.share)
    return [] if advice.safety else list(advice.suggestions)


def render(report: Report, source: str, me: str | None = None, made: datetime | None = None) -> str:
    def name(person: str | None) -> str:
        return "you" if person is not None and person == me else (person or "someone")

    months = report.months
    warm = {
        p: [a + c for a, c in zip(report.acts[p]["appreciation"], report.acts[p]["curiosity"], strict=True)]
        for p in report.people
    }
    charts_shown = {
        "messages": charts.lines("Messages each month", months, report.messages),
        "bids": charts.lines("Bids for connection each month", months, report.bids),
        "warm": charts.lines("Appreciation and curious questions each month", months, warm),
        "horsemen": charts.lines(
            "Criticism, contempt, defensiveness, stonewalling and dismissal each month",
            months,
            {p: [sum(report.acts[p][h][k] for h in HORSEMEN) for k in range(len(months))] for p in report.people},
        ),
        "depth": charts.lines(
            "Share of messages that open up, each month", months, {"both of you": report.depth}, True
        ),
        "toward": charts.rates(
            "How often each person turned toward the other's bids",
            report.toward_rate,
            {"parted (33%)": PARTED, "stayed together (86%)": STAYED_TOGETHER},
        ),
    }
    lopsided = [
        months[k]
        for k in range(len(months))
        if (total := sum(report.words[p][k] for p in report.people)) >= 200
        and max(report.words[p][k] for p in report.people) > 0.75 * total
    ]
    return _templates.get_template("report.html").render(
        report=report,
        source=source,
        me=me,
        name=name,
        everyone=" and ".join(name(p) for p in report.people[:4]) + (" and others" if len(report.people) > 4 else ""),
        charts=charts_shown,
        horsemen=HORSEMEN,
        missed=[(m, _gentler(m)) for m in report.missed],
        lopsided=lopsided,
        resources=CRISIS_RESOURCES,
        made=(made or datetime.now()).strftime("%-d %B %Y"),
        version=__version__,
    )
