"""In two browsers: one person writes an appreciation (and is asked for a real because); the other finds it
waiting on their home page, reads it marked new, on a phone-sized screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.pairs import paired

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 740}


def test_writing_and_receiving_an_appreciation(browser: Browser, live_server: str) -> None:
    ada, bo, pair_url = paired(browser, live_server)
    bo.set_viewport_size(PHONE)

    ada.goto(pair_url)
    ada.get_by_role("link", name="Appreciations").click()
    expect(ada.get_by_role("heading", name="Appreciations", exact=True)).to_be_visible()
    expect(ada.get_by_text("Nothing here yet")).to_be_visible()

    ada.get_by_label("What did Bo do?").fill("You cooked dinner for my parents.")
    ada.get_by_label("Because").fill("you cooked dinner for my parents")
    ada.get_by_role("button", name="Send to Bo").click()
    expect(ada.get_by_text("says the same as what they did")).to_be_visible()
    expect(ada.get_by_label("What did Bo do?")).to_have_value("You cooked dinner for my parents.")

    ada.get_by_label("Because").fill("I felt we were a team, and my mum loved it.")
    ada.get_by_role("button", name="Send to Bo").click()
    expect(ada.get_by_text("Your appreciation is saved.")).to_be_visible()
    mine = ada.locator("li.appreciation").first
    expect(mine).to_contain_text("You to Bo")
    expect(mine.locator(".new")).to_have_count(0)

    bo.goto(live_server + "/")
    expect(bo.get_by_text("Ada wrote you an appreciation.")).to_be_visible()
    bo.get_by_role("link", name="Read it").click()
    received = bo.locator("li.appreciation").first
    expect(received).to_contain_text("Ada to you")
    expect(received).to_contain_text("You cooked dinner for my parents.")
    expect(received).to_contain_text("I felt we were a team, and my mum loved it.")
    expect(received.get_by_text("New", exact=True)).to_be_visible()
    expect(received.get_by_role("button", name="Delete")).to_have_count(0)
    expect(bo.get_by_role("img", name="Ada wrote 1 appreciation in the last 12 weeks")).to_be_visible()
    assert bo.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"

    bo.reload()
    expect(bo.locator("li.appreciation").first.get_by_text("New", exact=True)).to_have_count(0)
    bo.goto(live_server + "/")
    expect(bo.get_by_text("Ada wrote you an appreciation.")).to_have_count(0)
    expect(bo.get_by_role("link", name="Write to Ada")).to_be_visible()

    ada.once("dialog", lambda dialog: dialog.accept())
    ada.locator("li.appreciation").first.get_by_role("button", name="Delete").click()
    expect(ada.get_by_text("That appreciation is deleted.")).to_be_visible()
    bo.goto(pair_url.split("?")[0] + "/appreciations")
    expect(bo.get_by_text("Nothing here yet")).to_be_visible()
