"""In two browsers: each person takes a check-in on their own; one shares from the results page, the other
while taking it; then both see the comparison with the area they see differently. On a phone-sized screen
nothing scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from nearer.practice.checkin_items import items
from nearer.practice.checkins import SCALE
from tests.browser.pairs import paired

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


def answer_all(page: Page, other: str, value: int, **areas: int) -> None:
    """Answer every statement ``value`` as a sign of closeness (reverse-scored ones the other way round)."""
    for item in items().items:
        closeness = areas.get(item.area, value)
        answer = 6 - closeness if item.reverse else closeness
        group = page.get_by_role("group", name=item.wording("partners", other), exact=True)
        group.get_by_label(SCALE[answer], exact=True).check()


def test_both_take_a_check_in_share_it_and_compare(browser: Browser, live_server: str) -> None:
    ada, bo, pair_url = paired(browser, live_server)
    bo.set_viewport_size(PHONE)

    ada.goto(pair_url)
    ada.get_by_role("link", name="Check-in", exact=True).click()
    expect(ada.get_by_role("heading", name="Time for a check-in")).to_be_visible()
    ada.get_by_role("link", name="Take a check-in").click()
    answer_all(ada, "Bo", 4, speak=1)
    ada.get_by_role("button", name="Save my check-in").click()
    expect(ada.get_by_text("Your check-in is saved.")).to_be_visible()
    expect(ada.get_by_role("heading", name="Only you can see this")).to_be_visible()
    expect(ada.get_by_role("img", name="You: Safe to open up 75")).to_be_visible()
    expect(ada.get_by_role("row", name="Raising what bothers you", exact=False)).to_contain_text("0")
    expect(ada.get_by_role("heading", name="That was a hard check-in")).to_be_visible()

    bo.goto(pair_url + "/check-ins")  # Ada's is still hers alone
    expect(bo.get_by_text("Nothing here yet.")).to_be_visible()
    expect(bo.get_by_text("When you've each shared a check-in")).to_be_visible()

    ada.get_by_role("button", name="Share with Bo").click()
    expect(ada.get_by_text("You've shared this check-in with Bo.")).to_be_visible()

    bo.reload()
    expect(bo.get_by_role("link", name=ada.locator("h1").inner_text().split(", ", 1)[1])).to_be_visible()
    bo.get_by_role("link", name="Take a check-in").click()
    answer_all(bo, "Ada", 4)
    bo.get_by_label("Share it with Ada now").check()
    bo.get_by_role("button", name="Save my check-in").click()
    expect(bo.get_by_role("heading", name="Shared with Ada")).to_be_visible()
    assert bo.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"

    bo.goto(pair_url + "/check-ins#compare")
    compare = bo.locator("#compare")
    expect(compare.get_by_role("heading", name="Where you see things differently")).to_be_visible()
    expect(compare.locator("ul.differing li")).to_have_count(1)
    expect(compare.locator("ul.differing li")).to_have_text("Raising what bothers you: you 75, Ada 0")
    expect(compare.get_by_role("img")).to_have_count(1)

    ada.goto(pair_url + "/check-ins")
    expect(ada.locator("ul.differing li")).to_have_text("Raising what bothers you: you 0, Bo 75")


def test_the_check_in_pages_fit_a_phone(browser: Browser, live_server: str) -> None:
    ada, _, pair_url = paired(browser, live_server)
    ada.set_viewport_size(PHONE)
    ada.goto(pair_url + "/intention")
    ada.get_by_label("My intention").fill("To ask Bo how they really are, and to listen to the answer.")
    ada.get_by_role("button", name="Save my intention").click()
    expect(ada.get_by_text("Your intention is saved.")).to_be_visible()
    ada.goto(pair_url + "/check-ins/new")
    answer_all(ada, "Bo", 2)
    ada.get_by_role("button", name="Save my check-in").click()
    expect(ada.get_by_text("To ask Bo how they really are")).to_be_visible()
    result = ada.url
    for url in (pair_url + "/check-ins/new", result, pair_url + "/check-ins", pair_url + "/intention",
                pair_url + "/help", live_server + "/help"):  # fmt: skip
        ada.goto(url)
        overflow = ada.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"{url} scrolls sideways on a phone"
