"""In two browsers: Ada and Bo have their weekly talk, each on their own screen. Turns with a running
timer, the listener's prompts, the balance of speaking time, a note, the next topic, a pause and the
end; each screen follows the other's without a reload. One of them is on a phone-sized screen."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.browser.pairs import paired

pytestmark = pytest.mark.browser
PHONE: ViewportSize = {"width": 390, "height": 844}


def fits_the_screen(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_weekly_talk_with_turns_and_the_timer(browser: Browser, live_server: str) -> None:
    ada, bo, pair_url = paired(browser, live_server)
    bo.set_viewport_size(PHONE)

    ada.goto(pair_url)
    ada.get_by_role("link", name="Our week", exact=True).click()
    expect(ada.get_by_role("heading", name="Our week", exact=True)).to_be_visible()
    ada.get_by_label("Day", exact=True).select_option("Sunday")
    ada.get_by_label("Time", exact=True).fill("19:30")
    ada.get_by_label("Minutes").fill("40")
    ada.get_by_role("button", name="Save the time").click()
    expect(ada.get_by_text("Sundays at 19:30, for 40 minutes.")).to_be_visible()
    with ada.expect_download() as download:
        ada.get_by_role("link", name="Add it to your calendar").click()
    saved = download.value.path().read_bytes().decode("utf-8")
    assert saved.startswith("BEGIN:VCALENDAR\r\n") and "RRULE:FREQ=WEEKLY;BYDAY=SU\r\n" in saved

    ada.get_by_role("button", name="Start our week").click()
    expect(ada.get_by_role("heading", name="Appreciations")).to_be_visible()
    expect(ada.get_by_role("heading", name="Your turn to speak, Ada")).to_be_visible()
    bo.goto(pair_url)
    bo.get_by_role("link", name="Our week").click()
    bo.get_by_role("link", name="Carry on with your talk").click()
    expect(bo.get_by_role("heading", name="Ada's turn to speak")).to_be_visible()
    assert fits_the_screen(bo), "the talk fits a phone's screen"

    ada.get_by_role("button", name="Start speaking").click()
    expect(ada.get_by_role("heading", name="Ada is speaking (you)")).to_be_visible()
    expect(ada.get_by_role("timer")).to_have_text(re.compile(r"^0:0[2-9]$"), timeout=10_000)
    # Bo's screen follows by itself: Ada is speaking, the same timer runs, and Bo is asked to listen.
    expect(bo.get_by_role("heading", name="Ada is speaking")).to_be_visible(timeout=10_000)
    expect(bo.get_by_role("heading", name="Bo (you), you're listening")).to_be_visible()
    expect(bo.get_by_text("What I heard is")).to_be_visible()
    expect(bo.get_by_text("It sounds like you felt")).to_be_visible()
    expect(bo.get_by_role("timer")).to_have_text(re.compile(r"^0:0[3-9]$"), timeout=10_000)
    expect(bo.get_by_text(re.compile(r"Ada has spoken for [1-9]+ seconds?, Bo for 0 seconds"))).to_be_visible()
    meter = bo.get_by_role("progressbar", name="Ada's share of the speaking time, against Bo's")
    expect(meter).to_be_visible()
    assert fits_the_screen(bo)

    ada.get_by_role("button", name="End my turn").click()
    expect(ada.get_by_role("heading", name="Bo's turn to speak")).to_be_visible()
    expect(bo.get_by_role("heading", name="Your turn to speak, Bo")).to_be_visible(timeout=10_000)
    expect(bo.get_by_role("heading", name="Before you reply, Bo")).to_be_visible()
    expect(bo.get_by_text("the feeling you heard in it")).to_be_visible()
    assert int(meter.get_attribute("value") or 0) == int(meter.get_attribute("max") or -1), "all Ada's, so far"

    bo.get_by_role("button", name="Start speaking").click()
    expect(bo.get_by_role("timer")).to_have_text(re.compile(r"^0:0[2-9]$"), timeout=10_000)
    expect(ada.get_by_role("heading", name="Ada (you), you're listening")).to_be_visible(timeout=10_000)
    bo.get_by_role("button", name="End my turn").click()
    expect(bo.get_by_text("You've both had a turn on this topic.")).to_be_visible()
    expect(bo.get_by_text(re.compile(r"Ada has spoken for \d+ seconds?, Bo for [1-9]\d* seconds?\."))).to_be_visible()

    expect(ada.get_by_text("You've both had a turn on this topic.")).to_be_visible(timeout=10_000)
    ada.get_by_label("A note").fill("Bo made soup when I was ill, and it felt like being looked after.")
    ada.get_by_role("button", name="Save note").click()
    expect(bo.get_by_text("Bo made soup when I was ill")).to_be_visible(timeout=10_000)

    bo.get_by_role("button", name="Next topic: What went well").click()
    expect(bo.get_by_role("heading", name="What went well")).to_be_visible()
    expect(ada.get_by_role("heading", name="What went well")).to_be_visible(timeout=10_000)
    expect(ada.get_by_text("Topic 2 of 5")).to_be_visible()

    bo.get_by_text("Pause and choose when to come back").click()
    later = (datetime.now() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")  # the browser's own local time
    bo.get_by_label("When will you come back to it?").fill(later)
    bo.get_by_role("button", name="Pause until then").click()
    expect(bo.get_by_role("heading", name=re.compile("^Paused until"))).to_be_visible()
    expect(ada.get_by_role("heading", name=re.compile("^Paused until"))).to_be_visible(timeout=10_000)
    ada.get_by_role("button", name="Resume our talk").click()
    expect(ada.get_by_role("heading", name="What went well")).to_be_visible()
    expect(bo.get_by_role("heading", name="What went well")).to_be_visible(timeout=10_000)

    ada.once("dialog", lambda dialog: dialog.accept())
    ada.get_by_role("button", name="End the talk now").click()
    expect(ada.get_by_role("heading", name="You've finished this week's talk")).to_be_visible()
    expect(ada.get_by_text(re.compile(r"Ada spoke for .*Bo spoke for"))).to_be_visible()
    expect(bo.get_by_role("heading", name="You've finished this week's talk")).to_be_visible(timeout=10_000)
    bo.get_by_role("link", name="Back to Our week").click()
    bo.get_by_text(re.compile(r"· 1 note$")).click()
    expect(bo.get_by_text("Bo made soup when I was ill")).to_be_visible()
    assert fits_the_screen(bo)
