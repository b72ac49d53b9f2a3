"""Two people, each in their own browser context, who have made a pair together."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.browser.test_pairing import sign_up


def paired(browser: Browser, live_server: str, kind_label: str = "My partner") -> tuple[Page, Page, str]:
    """Ada starts a pair and invites Bo; both are signed in. Answers both pages and the pair's URL."""
    ada, bo = browser.new_context().new_page(), browser.new_context().new_page()
    ada.goto(live_server + "/signup")
    sign_up(ada, "Ada", "ada@example.test")
    ada.get_by_label(kind_label).check()
    ada.get_by_role("button", name="Start").click()
    ada.get_by_role("button", name="Make an invite").click()
    link = ada.get_by_label("Or share this link").input_value()
    bo.goto(link)
    bo.get_by_role("link", name="Create an account").click()
    sign_up(bo, "Bo", "bo@example.test")
    bo.get_by_role("button", name="Join Ada").click()
    expect(bo.get_by_role("heading", name="You and Ada")).to_be_visible()
    return ada, bo, bo.url.split("?")[0]
