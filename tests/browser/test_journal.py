"""In two browsers: Ada writes in her private journal; Bo, her partner, can't find it on any page he
can open, and its own address answers him as if it didn't exist."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.pairs import paired

pytestmark = pytest.mark.browser
SECRET = "I still flinch when someone goes quiet on me, like the summer of the broken kite."


def test_a_journal_entry_the_partner_cannot_find(browser: Browser, live_server: str) -> None:
    ada, bo, pair_url = paired(browser, live_server)
    ada.goto(pair_url)
    ada.get_by_role("link", name="Your private journal").click()
    expect(ada.get_by_role("heading", name="Your journal")).to_be_visible()
    expect(ada.get_by_text("Only you can read your journal.")).to_be_visible()
    expect(ada.get_by_role("heading", name="Today's prompt")).to_be_visible()
    first_prompt = ada.locator("#prompt").inner_text()
    ada.get_by_role("link", name="Show me another prompt").click()
    expect(ada.locator("#prompt")).not_to_have_text(first_prompt)
    prompt = ada.locator("#prompt").inner_text()

    ada.get_by_role("button", name="Keep in my journal").click()  # nothing written: the browser asks first
    expect(ada.get_by_role("heading", name="What you've written")).to_be_visible()
    ada.get_by_label("What comes up for you").fill("   ")
    ada.get_by_role("button", name="Keep in my journal").click()
    expect(ada.get_by_text("Write a few words first.")).to_be_visible()
    expect(ada.locator("#prompt")).to_have_text(prompt)  # the same prompt stays

    ada.get_by_label("What comes up for you").fill(SECRET)
    ada.get_by_role("button", name="Keep in my journal").click()
    expect(ada.get_by_text("Kept in your journal. Only you can read it.")).to_be_visible()
    entry = ada.locator("li.entry").first
    expect(entry).to_contain_text(SECRET)
    expect(entry).to_contain_text(prompt)
    entry.get_by_role("link").click()
    expect(ada.get_by_role("heading", name="Your entry of")).to_be_visible()
    entry_url = ada.url
    ada.get_by_label("Your entry").fill(SECRET + " Writing it down helps.")
    ada.get_by_role("button", name="Save changes").click()
    expect(ada.get_by_text("Your changes are saved.")).to_be_visible()

    for page in ("/", "/journal", "/coach", "/account", pair_url, pair_url + "/coach", pair_url + "/today"):
        bo.goto(live_server + page if page.startswith("/") else page)
        expect(bo.locator("main")).not_to_contain_text("broken kite")
    bo.goto(live_server + "/journal")
    expect(bo.get_by_text("Nothing here yet.")).to_be_visible()
    answer = bo.goto(entry_url)
    assert answer is not None and answer.status == 404
    expect(bo.get_by_role("heading", name="We couldn't find that")).to_be_visible()
    expect(bo.locator("body")).not_to_contain_text("broken kite")
    download = bo.request.get(live_server + "/api/v1/me/export")
    assert "broken kite" not in download.text()

    ada.goto(entry_url)
    ada.once("dialog", lambda dialog: dialog.accept())
    ada.get_by_role("button", name="Delete entry").click()
    expect(ada.get_by_text("That entry is deleted.")).to_be_visible()
    expect(ada.get_by_text("Nothing here yet.")).to_be_visible()


def test_the_journal_fits_a_phone(browser: Browser, live_server: str) -> None:
    ada, _, _ = paired(browser, live_server)
    ada.set_viewport_size({"width": 360, "height": 740})
    ada.goto(live_server + "/journal")
    ada.get_by_label("What comes up for you").fill("a long line " * 40)
    ada.get_by_role("button", name="Keep in my journal").click()
    ada.locator("li.entry").first.get_by_role("link").click()
    for url in (live_server + "/journal", ada.url):
        ada.goto(url)
        assert ada.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{url} scrolls sideways"
