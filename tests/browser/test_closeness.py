"""In two browsers: each person rates how much closeness they need and how close they feel; the chart shows
both of them, the note stays with its writer, and the page fits a phone without sideways scrolling."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.browser.pairs import paired

pytestmark = pytest.mark.browser
PHONE: ViewportSize = {"width": 360, "height": 740}
SECRET = "Quietly missing our Sunday mornings"


def open_closeness(page: Page, pair_url: str) -> None:
    page.goto(pair_url)
    page.get_by_role("link", name="How close do you feel?").click()
    expect(page.get_by_role("heading", name="How close do you feel?", exact=True)).to_be_visible()


def choose(page: Page, question: str, word: str) -> None:
    page.get_by_role("group", name=question).get_by_text(word, exact=True).click()


def test_both_rate_and_the_chart_shows_both_while_the_note_stays_private(browser: Browser, live_server: str) -> None:
    ada, bo, pair_url = paired(browser, live_server)
    bo.set_viewport_size(PHONE)

    open_closeness(ada, pair_url)
    choose(ada, "How much closeness do you need right now?", "A lot")
    choose(ada, "How close do you feel to Bo?", "A bit distant")
    ada.get_by_label("A note for yourself").fill(SECRET)
    ada.get_by_role("button", name="Save today's numbers").click()
    expect(ada.get_by_text("Saved. Bo sees your two numbers on the chart")).to_be_visible()
    expect(ada.locator("#notes")).to_contain_text(SECRET)
    expect(ada.get_by_role("radio", name="4 A lot")).to_be_checked()

    open_closeness(bo, pair_url)
    choose(bo, "How much closeness do you need right now?", "Some")
    choose(bo, "How close do you feel to Ada?", "Close")
    bo.get_by_role("button", name="Save today's numbers").click()
    expect(bo.get_by_text("Saved. Ada sees your two numbers")).to_be_visible()

    chart = bo.get_by_role("img", name=re.compile(r"^Closeness over the last 30 days"))
    expect(chart).to_be_visible()
    expect(chart).to_have_accessible_name(re.compile(r"You last rated need 3 and closeness 4.*Ada last rated need 4"))
    expect(chart.locator("text", has_text="Ada")).to_have_count(1)
    expect(chart.locator("text", has_text="You")).to_have_count(1)
    expect(chart.locator("g.person.me circle")).to_have_count(2)  # today's need and feel
    expect(chart.locator("g.person.other circle")).to_have_count(2)
    bo.get_by_text("Day by day").click()
    expect(bo.get_by_role("row").filter(has_text="need 3, close 4")).to_contain_text("need 4, close 2")
    assert SECRET not in bo.content(), "the note is Ada's alone"
    expect(bo.locator("#notes")).to_contain_text("No notes yet")
    assert bo.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"

    ada.reload()
    expect(ada.get_by_role("img", name=re.compile("Bo last rated need 3 and closeness 4"))).to_be_visible()
    choose(ada, "How close do you feel to Bo?", "Very close")
    ada.get_by_role("button", name="Change today's numbers").click()
    expect(ada.get_by_role("img", name=re.compile("You last rated need 4 and closeness 5"))).to_be_visible()
    expect(ada.locator("#notes")).to_contain_text(SECRET)
