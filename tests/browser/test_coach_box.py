"""In a real browser: paste their message and a harsh draft, see the coaching inline, copy a kinder
reply, keep the draft (which the partner never sees); a message about safety shows help first."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.pairs import paired

pytestmark = pytest.mark.browser
THEIRS = "I had such a rough day at work, my manager shouted at me in front of everyone"
HARSH = "you always make everything about you, get over it"
# The first reading may wait for the lens's accurate tier to load (a few seconds, once per process).
FIRST_READING_MS = 90_000


def test_coaching_a_harsh_draft_inline_copying_and_keeping_it(browser: Browser, live_server: str) -> None:
    ada, bo, pair_url = paired(browser, live_server)
    ada.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    ada.goto(pair_url)
    ada.get_by_role("link", name="Coach box").click()
    expect(ada.get_by_role("heading", name="Coach box")).to_be_visible()
    box_url = ada.url

    ada.get_by_label("Their message").fill(THEIRS)
    ada.get_by_label("Your draft").fill(HARSH)
    ada.get_by_role("button", name="See how it might land").click()
    expect(ada.get_by_role("heading", name="How it might land")).to_be_visible(timeout=FIRST_READING_MS)
    assert ada.url == box_url, "the coaching came inline, without leaving the page"
    expect(ada.locator(".flag").first).to_be_visible()
    expect(ada.locator(".flag blockquote").first).to_contain_text("always")
    suggestions = ada.locator(".suggestions li")
    assert suggestions.count() >= 2
    expect(ada.get_by_label("Your draft")).to_have_value(HARSH)  # the draft is still there to change

    first = suggestions.first.locator("p").inner_text()
    suggestions.first.get_by_role("button", name="Copy").click()
    expect(suggestions.first.get_by_role("button", name="Copied")).to_be_visible()
    expect(ada.get_by_text("Copied. Paste it wherever you're writing to them")).to_be_visible()
    assert ada.evaluate("navigator.clipboard.readText()") == first

    ada.get_by_role("button", name="Keep this draft").click()
    expect(ada.get_by_text("Draft kept. Only you can see it")).to_be_visible()
    kept = ada.locator("li.kept").first
    expect(kept).to_contain_text(HARSH)
    expect(kept).to_contain_text(THEIRS)

    bo.goto(box_url)
    expect(bo.get_by_role("heading", name="Drafts you kept")).to_be_visible()
    expect(bo.get_by_text("None yet.")).to_be_visible()
    expect(bo.locator("main")).not_to_contain_text("get over it")

    kept.get_by_role("link").click()
    expect(ada.get_by_role("heading", name="A draft you kept on")).to_be_visible()
    expect(ada.get_by_label("Your draft")).to_have_value(HARSH)
    draft_url = ada.url
    answer = bo.goto(draft_url)
    assert answer is not None and answer.status == 404
    expect(bo.locator("body")).not_to_contain_text("get over it")

    ada.once("dialog", lambda dialog: dialog.accept())
    ada.get_by_role("button", name="Delete this draft").click()
    expect(ada.get_by_text("That draft is deleted.")).to_be_visible()
    expect(ada.get_by_text("None yet.")).to_be_visible()


def test_a_message_about_safety_shows_help_first(browser: Browser, live_server: str) -> None:
    ada, _, pair_url = paired(browser, live_server)
    ada.goto(pair_url + "/coach")
    ada.get_by_label("Their message").fill("honestly I don't want to be here anymore")
    ada.get_by_label("Your draft").fill("stop being dramatic")
    ada.get_by_role("button", name="See how it might land").click()
    help_first = ada.get_by_role("heading", name="Before anything else")
    expect(help_first).to_be_visible(timeout=FIRST_READING_MS)
    expect(ada.locator(".resources li").first).to_contain_text("emergency number")
    expect(ada.get_by_role("heading", name="How it might land")).to_have_count(0)
    expect(ada.locator(".suggestions")).to_have_count(0)

    ada.get_by_label("Your draft").fill("  ")
    ada.get_by_role("button", name="See how it might land").click()
    expect(ada.get_by_role("alert")).to_contain_text("Write the reply you're thinking of sending")
    expect(help_first).to_have_count(0)


def test_the_coach_box_works_without_javascript(browser: Browser, live_server: str) -> None:
    ada, _, pair_url = paired(browser, live_server)
    plain = browser.new_context(java_script_enabled=False, storage_state=ada.context.storage_state())
    page = plain.new_page()
    page.goto(pair_url + "/coach")
    page.get_by_label("Your draft").fill(HARSH)
    page.get_by_role("button", name="See how it might land").click()
    expect(page.get_by_role("heading", name="How it might land")).to_be_visible(timeout=FIRST_READING_MS)
    assert page.url.endswith("/coach/check")
    expect(page.get_by_label("Your draft")).to_have_value(HARSH)
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    plain.close()
