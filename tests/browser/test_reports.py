"""In two browsers: one person reads a chat export into a report, watches it being read, sees it, and
shares it; until then the other person cannot open it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.pairs import paired
from tests.browser.test_pairing import sign_up

pytestmark = pytest.mark.browser
EXPORT = Path(__file__).parent.parent / "chats" / "exports" / "whatsapp-known-answers.txt"


def test_upload_read_share(browser: Browser, live_server: str) -> None:
    ada, bo, pair_url = paired(browser, live_server)
    ada.goto(pair_url)
    ada.get_by_label("Chat export").set_input_files(str(EXPORT))
    ada.get_by_label("Your name as it appears in the chat").fill("Ren")
    ada.get_by_role("button", name="Read the chat").click()
    expect(ada.get_by_role("heading", name="How Ren and Ash talk to each other")).to_be_visible(timeout=30_000)
    expect(ada.get_by_text("Only you can see this report.")).to_be_visible()
    expect(ada.locator("svg.chart").first).to_be_visible()
    report_url = ada.url
    assert re.search(r"/reports/[0-9a-f]{24}$", report_url)

    answer = bo.goto(report_url)
    assert answer is not None and answer.status == 404
    expect(bo.get_by_text("How Ren and Ash talk")).to_have_count(0)
    bo.goto(pair_url)
    expect(bo.get_by_role("link", name="whatsapp-known-answers.txt")).to_have_count(0)

    ada.get_by_role("button", name="Share with Bo").click()
    expect(ada.get_by_text("You've shared this report with Bo.")).to_be_visible()
    bo.goto(pair_url)
    bo.get_by_role("link", name="whatsapp-known-answers.txt").click()
    expect(bo.get_by_role("heading", name="How Ren and Ash talk to each other")).to_be_visible()
    expect(bo.get_by_role("button", name="Delete")).to_have_count(0)


def test_the_reading_page_shows_progress(browser: Browser, live_server: str, tmp_path: Path) -> None:
    ada, _, pair_url = paired(browser, live_server)
    big = tmp_path / "WhatsApp Chat with Ash.txt"
    lines = [f"{1 + n // 3000:02d}/01/2024, {n // 60 % 24:02d}:{n % 60:02d} - {'Ash' if n % 2 else 'Ada'}: "
             f"honestly today was a lot, thanks for asking {n}" for n in range(60_000)]  # fmt: skip
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ada.goto(pair_url)
    ada.get_by_label("Chat export").set_input_files(str(big))
    ada.get_by_role("button", name="Read the chat").click()
    expect(ada.get_by_role("heading", name="Reading your chat")).to_be_visible()
    expect(ada.get_by_role("progressbar")).to_be_visible()
    expect(ada.get_by_role("heading", name="How Ada and Ash talk to each other")).to_be_visible(timeout=60_000)


def test_alone_in_a_pair_with_dates_told_and_notes_shown(browser: Browser, live_server: str) -> None:
    ada = browser.new_context().new_page()
    ada.goto(live_server + "/signup")
    sign_up(ada, "Ada", "ada@example.test")
    ada.get_by_label("My partner").check()
    ada.get_by_role("button", name="Start").click()
    pair_url = ada.url
    ambiguous = EXPORT.parent / "whatsapp-ambiguous.txt"

    ada.get_by_label("Chat export").set_input_files(str(ambiguous))
    ada.get_by_role("button", name="Read the chat").click()
    expect(ada.get_by_role("heading", name="What nearer noticed while reading the file")).to_be_visible(timeout=30_000)
    expect(ada.get_by_text("choose how dates are written")).to_be_visible()
    expect(ada.get_by_text("Nobody else has joined this pair yet")).to_be_visible()
    expect(ada.get_by_role("button", name=re.compile("^Share"))).to_have_count(0)

    ada.goto(pair_url)
    ada.get_by_label("Chat export").set_input_files(str(ambiguous))
    ada.get_by_label("Dates are written").select_option(label="Month first (12/31/2024)")
    ada.get_by_role("button", name="Read the chat").click()
    expect(ada.get_by_role("link", name="Back to your pair")).to_be_visible(timeout=30_000)
    expect(ada.get_by_role("heading", name="What nearer noticed while reading the file")).to_have_count(0)
