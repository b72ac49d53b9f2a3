"""The closeness report: figures on a small chat known by hand, and one self-contained HTML file."""

from __future__ import annotations

import re
from pathlib import Path

from nearer.chats import load_chat
from nearer.insight import analyze
from nearer.insight.html import render
from nearer.insight.report import build

EXPORTS = Path(__file__).parent.parent / "chats" / "exports"
KNOWN = EXPORTS / "whatsapp-known-answers.txt"


def test_the_report_counts_what_a_person_counts_by_hand() -> None:
    report = build(analyze(load_chat(KNOWN)))
    assert report.people == ["Ren", "Ash"] and report.months == ["2024-06"]
    assert report.messages == {"Ren": [4], "Ash": [3]}
    # Ren shared once (met with care by Ash); Ash's question was a bid, not a share.
    assert report.shares_met["Ren"] == {"toward": 1, "away": 0, "against": 0, "unanswered": 0}
    assert report.shares_met["Ash"] == {"toward": 0, "away": 0, "against": 0, "unanswered": 0}
    assert report.toward_rate == {"Ren": 0.5, "Ash": 1.0}
    assert [(m.sharer, m.replier) for m in report.best] == [("Ren", "Ash")]
    assert report.conversations == 3, "evening, morning, and the evening after: gaps of more than four hours"
    assert report.started == {"Ren": 2, "Ash": 1}
    assert report.reply_minutes == {"Ren": 1.0, "Ash": 2.0}
    assert report.depth == [1 / 6], "one disclosure among six messages read"
    assert report.safety_count == 0


def test_a_share_nobody_answers_is_a_missed_moment_with_gentler_replies(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    export.write_text(
        "14/05/2024, 21:00 - Ana: I've been feeling really anxious about my mum's results all week\n"
        "14/05/2024, 21:01 - Ana: I don't know who else to tell\n"
        "15/05/2024, 09:00 - Bo: morning! did you see the game last night\n",
        encoding="utf-8",
    )
    analysis = analyze(load_chat(export))
    report = build(analysis)
    assert report.shares_met["Ana"]["unanswered"] >= 1
    assert report.missed and report.missed[0].reply is None and "anxious" in report.missed[0].share
    page = render(report, "chat.txt", me="Bo")
    assert "Moments that might have been missed" in page and "No reply in that conversation" in page
    assert "anxious" in page and "A reply could also have been" in page


def test_the_html_is_one_self_contained_file_written_to_the_people() -> None:
    page = render(build(analyze(load_chat(KNOWN))), "whatsapp-known-answers.txt", me="Ren")
    assert "<script" not in page, "nothing runs"
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "nothing is fetched"
    assert "@import" not in page and "url(" not in page
    assert page.count("<svg") >= 5 and 'role="img"' in page, "charts, each with a text alternative"
    assert "How you and Ash talk to each other" in page and 'name="viewport"' in page
    assert "86%" in page and "33%" in page, "the research figures beside their own"
    assert "First, something more important" not in page, "no safety section without a safety concern"


def test_safety_comes_first_and_is_not_scored(tmp_path: Path) -> None:
    export = tmp_path / "chat.txt"
    export.write_text(
        "01/05/2024, 22:00 - Kai: how was your day?\n"
        "01/05/2024, 22:01 - Sol: some nights I think everyone would be better off if I wasn't here at all\n"
        "01/05/2024, 22:03 - Kai: thank you for telling me. I'm here, can I call you?\n",
        encoding="utf-8",
    )
    page = render(build(analyze(load_chat(export))), "chat.txt")
    safety_at, bids_at = page.find("First, something more important"), page.find("Reaching for each other")
    assert 0 < safety_at < bids_at, "the support resources come before anything else"
    assert "988" in page and "116 123" in page
    assert "better off if I wasn" not in page, "the message itself is neither quoted nor scored"


def test_a_stretch_where_one_reaches_out_and_the_other_does_not(tmp_path: Path) -> None:
    lines = []
    for month in (1, 2, 3):
        for day in range(1, 7):
            lines.append(f"{day:02d}/{month:02d}/2024, 20:00 - Ana: I've been feeling lonely lately, can we talk?")
            lines.append(f"{day:02d}/{month:02d}/2024, 20:05 - Bo: ok")
    lines.append("13/04/2024, 20:00 - Bo: how was your day? I missed you")
    export = tmp_path / "chat.txt"
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = build(analyze(load_chat(export)))
    assert report.bids["Ana"][:3] == [6, 6, 6] and report.bids["Bo"][:3] == [0, 0, 0]
    assert report.one_sided == [("Ana", "2024-01", "2024-03")]
    assert "From 2024-01 to 2024-03, Ana kept reaching out" in render(report, "chat.txt")
