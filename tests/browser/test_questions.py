"""In two browsers: a together session on one screen from start to end, and a question of the day that
each answers on their own device and both see once both have answered."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.pairs import paired

pytestmark = pytest.mark.browser


def test_a_together_session_from_start_to_end(browser: Browser, live_server: str) -> None:
    ada, bo, pair_url = paired(browser, live_server)
    ada.goto(pair_url)
    ada.get_by_role("link", name="Questions together").click()
    ada.get_by_role("radio", name="Bo").check()  # Bo reads first
    ada.get_by_role("button", name="Start").click()
    expect(ada.get_by_text("Bo, read this one aloud and answer first.")).to_be_visible()
    first_question = ada.locator("#question").inner_text()
    ada.get_by_role("button", name="Bo has answered").click()
    expect(ada.get_by_text("Now Ada answers the same question.")).to_be_visible()
    assert ada.locator("#question").inner_text() == first_question
    ada.get_by_role("button", name="Ada passes").click()
    expect(ada.get_by_text("Ada, read this one aloud and answer first.")).to_be_visible()
    assert ada.locator("#question").inner_text() != first_question
    ada.get_by_role("button", name="Keep in my favourites").click()
    expect(ada.get_by_role("button", name="In your favourites (remove)")).to_be_visible()
    ada.get_by_role("button", name="Ada has answered").click()
    ada.get_by_role("button", name="Bo has answered").click()
    ada.get_by_role("button", name="End the session").click()
    expect(ada.get_by_role("heading", name="What you covered")).to_be_visible()
    expect(ada.locator("ol.covered > li")).to_have_count(2)
    expect(ada.get_by_text("Bo: answered · Ada: passed")).to_be_visible()

    bo.goto(pair_url)  # the other device sees what the two covered, but not Ada's favourites
    bo.get_by_role("link", name="Questions you've answered").click()
    expect(bo.get_by_role("link", name=first_question)).to_be_visible()
    expect(bo.get_by_text("None yet.")).to_be_visible()
    ada.goto(pair_url + "/questions")
    expect(ada.locator("#favourites-heading + ul li")).to_have_count(1)


def test_a_question_of_the_day_with_mutual_reveal(browser: Browser, live_server: str) -> None:
    ada, bo, pair_url = paired(browser, live_server)
    ada.goto(pair_url)
    ada.get_by_role("link", name="Question of the day").click()
    question = ada.locator("#question").inner_text()
    ada.get_by_label("Your answer").fill("Our Sunday pancakes.")
    ada.get_by_role("button", name="Save my answer").click()
    expect(ada.get_by_text("Bo hasn't answered yet.")).to_be_visible()

    bo.goto(pair_url + "/today")
    assert bo.locator("#question").inner_text() == question
    expect(bo.get_by_text("Ada has answered.")).to_be_visible()
    expect(bo.get_by_text("Our Sunday pancakes.")).to_have_count(0)
    bo.get_by_label("Your answer").fill("Dancing in the kitchen.")
    bo.get_by_role("button", name="Save my answer").click()
    expect(bo.get_by_text("Our Sunday pancakes.")).to_be_visible()
    bo.get_by_role("button", name="Made me smile").click()

    ada.reload()
    expect(ada.get_by_text("Dancing in the kitchen.")).to_be_visible()
    expect(ada.get_by_text("Bo: 😊 Made me smile")).to_be_visible()
    ada.get_by_label("Or write a few words back to Bo").fill("Tonight again?")
    ada.get_by_role("button", name="Reply").click()
    bo.reload()
    expect(bo.get_by_text("Ada: “Tonight again?”")).to_be_visible()


def test_the_question_pages_fit_a_phone(browser: Browser, live_server: str) -> None:
    ada, _, pair_url = paired(browser, live_server)
    ada.set_viewport_size({"width": 360, "height": 740})
    ada.goto(pair_url + "/together")
    ada.get_by_role("button", name="Start").click()
    for url in (ada.url, pair_url + "/today", pair_url + "/questions", pair_url + "/together", pair_url):
        ada.goto(url)
        overflow = ada.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"{url} scrolls sideways on a phone"
        unlabelled = ada.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden]), textarea, select')]
                  .filter(i => !(i.labels && i.labels.length)).map(i => i.name)"""
        )
        assert unlabelled == [], url
