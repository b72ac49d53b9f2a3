"""Two people in two browsers: sign up, start a pair, invite, join, and the quick exit."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser


def sign_up(page: Page, name: str, email: str, password: str = "correct horse") -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Create account").click()


def test_two_people_pair_up_through_an_invite_link(browser: Browser, live_server: str) -> None:
    ada_context, bo_context = browser.new_context(), browser.new_context()
    ada, bo = ada_context.new_page(), bo_context.new_page()

    ada.goto(live_server + "/")
    expect(ada).to_have_url(re.compile(r"/signin\?next=/$"))
    ada.get_by_role("link", name="Create an account").click()
    sign_up(ada, "Ada", "ada@example.test")
    expect(ada.get_by_role("heading", name="Hello, Ada")).to_be_visible()

    ada.get_by_label("My partner").check()
    ada.get_by_role("button", name="Start").click()
    expect(ada.get_by_role("heading", name="Your new pair")).to_be_visible()
    ada.get_by_role("button", name="Make an invite").click()  # answered by htmx, in place
    link = ada.get_by_label("Or share this link").input_value()
    code = ada.get_by_label("Invite code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", code)
    assert link.endswith("/join/" + code.replace("-", ""))

    bo.goto(link)
    expect(bo.get_by_role("heading", name="Ada invited you")).to_be_visible()
    bo.get_by_role("link", name="Create an account").click()
    sign_up(bo, "Bo", "bo@example.test")
    expect(bo.get_by_role("heading", name="Ada invited you")).to_be_visible()  # came straight back
    bo.get_by_role("button", name="Join Ada").click()
    expect(bo.get_by_role("heading", name="You and Ada")).to_be_visible()
    expect(bo.get_by_role("status")).to_have_text("You've joined. Welcome!")

    ada.goto(live_server + "/")
    expect(ada.get_by_role("link", name="You and Bo")).to_be_visible()
    ada.get_by_role("link", name="You and Bo").click()
    expect(ada.get_by_role("heading", name="You and Bo")).to_be_visible()
    expect(ada.get_by_role("heading", name="Waiting for you")).to_be_visible()

    ada_context.close()
    bo_context.close()


def test_an_outsider_cannot_open_the_pair(browser: Browser, live_server: str) -> None:
    ada_context, eve_context = browser.new_context(), browser.new_context()
    ada, eve = ada_context.new_page(), eve_context.new_page()
    ada.goto(live_server + "/signup")
    sign_up(ada, "Ada", "ada@example.test")
    ada.get_by_label("A friend").check()
    ada.get_by_role("button", name="Start").click()
    pair_url = ada.url

    eve.goto(pair_url)
    expect(eve).to_have_url(re.compile(r"/signin\?next="))
    eve.get_by_role("link", name="Create an account").click()
    sign_up(eve, "Eve", "eve@example.test")
    expect(eve.get_by_role("heading", name="We couldn't find that")).to_be_visible()
    expect(eve.locator("body")).not_to_contain_text("Ada")
    ada_context.close()
    eve_context.close()


def signed_up_on_the_account_page(browser: Browser, live_server: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server + "/signup")
    sign_up(page, "Ada", "ada@example.test")
    page.get_by_role("link", name="Account").click()
    expect(page.get_by_role("heading", name="Your account", exact=True)).to_be_visible()
    return context, page


def test_quick_exit_signs_out_and_replaces_the_page_and_its_history_entry(browser: Browser, live_server: str) -> None:
    context, page = signed_up_on_the_account_page(browser, live_server)

    page.get_by_role("link", name="Quick exit").click()
    expect(page).to_have_url(live_server + "/away")
    expect(page).to_have_title("Weeknight recipes")
    expect(page.locator("body")).not_to_contain_text("nearer")

    page.go_back()  # the account page is gone from history, and home now asks to sign in
    expect(page).to_have_url(re.compile(r"/signin\?next=/$"))
    expect(page.locator("body")).not_to_contain_text("Ada")
    page.goto(live_server + "/account")
    expect(page).to_have_url(re.compile(r"/signin\?next=/account$"))
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page).to_have_url(live_server + "/away")
    context.close()


def test_every_input_has_a_label_and_the_page_fits_a_phone(browser: Browser, live_server: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ("/signup", "/signin"):
        page.goto(live_server + path)
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden])')]
                  .filter(i => !(i.labels && i.labels.length)).map(i => i.name)"""
        )
        assert unlabelled == [], path
        overflow = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"{path} scrolls sideways on a phone"
    context.close()


def test_deleting_an_account_from_the_account_page(browser: Browser, live_server: str) -> None:
    context, page = signed_up_on_the_account_page(browser, live_server)
    page.get_by_label("Your password, to confirm").fill("not my password")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_text("That password isn't right, so nothing was deleted.")).to_be_visible()

    page.get_by_label("Your password, to confirm").fill("correct horse")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("status")).to_have_text("Your account and everything in it have been deleted. Take care.")
    page.get_by_label("Email").fill("ada@example.test")
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("That email and password don't match an account.")).to_be_visible()
    context.close()
