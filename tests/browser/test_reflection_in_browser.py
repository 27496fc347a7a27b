"""A person signs up, reflects, reads their report, and leaves quickly, in a real browser."""

from __future__ import annotations

import re
import time

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "quiet mornings by the sea"


def _sign_up(page, username):
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))


def _complete_reflection(page, relationship):
    page.get_by_role("link", name="Start a reflection").click()
    page.get_by_label("Who would you like to reflect on?").fill(relationship)
    page.get_by_role("button", name="Begin").click()
    while True:
        page.wait_for_url(re.compile(r"/part/\d+/$|/finish/$"))
        if page.url.endswith("/finish/"):
            break
        questions = page.locator("fieldset.question")
        for index in range(questions.count()):
            if index == 0:
                continue  # leave the first question of each part on "Skip"
            questions.nth(index).get_by_label("Agree", exact=True).check()
        page.get_by_role("button", name=re.compile("Save and (continue|finish)")).click()
    page.get_by_role("button", name="See my report").click()
    page.wait_for_url(re.compile(r"/report/$"))


def test_sign_up_reflect_read_the_report_and_quick_exit_both_ways(page):
    _sign_up(page, "juniper")
    _complete_reflection(page, "my partner")
    assert page.get_by_role("heading", name="Your reflection on my partner").is_visible()
    assert page.locator("svg.chart rect.bar").count() >= 1
    assert page.get_by_text("not a clinical test", exact=False).first.is_visible()

    # 1. The button: the page is replaced by the neutral site, and Back shows nothing private.
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url("https://www.bbc.co.uk/weather")
    assert page.title() == "Weather"
    page.go_back()
    page.wait_for_load_state()
    assert "Your reflection on" not in page.content()
    assert "my partner" not in page.content()

    # The session was ended on the server too.
    _assert_signed_out(page)

    # 2. Shift pressed three times within five seconds does the same.
    page.get_by_label("Username").fill("juniper")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("https://www.bbc.co.uk/weather")
    _assert_signed_out(page)


def _assert_signed_out(page, seconds: float = 5.0) -> None:
    """The private pages ask for a log-in again. The log-out is a beacon the leaving page sends
    without waiting, so it may still be on its way when the next page is asked for: retry for a
    few seconds (a session that was never ended fails every time)."""
    deadline = time.monotonic() + seconds
    while True:
        page.goto("/dashboard/")
        if "/accounts/login/" in page.url or time.monotonic() > deadline:
            break
        page.wait_for_timeout(200)
    assert "/accounts/login/" in page.url


def test_two_shift_presses_do_not_exit(page):
    _sign_up(page, "willow")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_timeout(300)
    assert page.url.endswith("/dashboard/")


def test_a_reflection_can_be_left_and_resumed(page):
    _sign_up(page, "hazel")
    page.get_by_role("link", name="Start a reflection").click()
    page.get_by_label("Who would you like to reflect on?").fill("Mum")
    page.get_by_role("button", name="Begin").click()
    page.locator("fieldset.question").first.get_by_label("Disagree", exact=True).check()
    page.get_by_role("button", name="Save and leave for now").click()
    page.wait_for_url(re.compile(r"/reflections/$"))
    page.get_by_role("link", name="Continue your reflection on Mum").click()
    assert page.locator("fieldset.question").first.get_by_label("Disagree", exact=True).is_checked()
