"""Two people link, each reflects privately, both share, read the shared report together;
one stops sharing and the other's very next page load no longer shows it. Two browsers."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import _stub_neutral_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "two kettles on a slow morning"


def _person(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.route("https://www.bbc.co.uk/**", _stub_neutral_site)
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    return context, page, problems


def _sign_up(page, username):
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))


def _reflect(page, start_url, relationship=None):
    page.goto(start_url)
    if relationship:
        page.get_by_label("Who would you like to reflect on?").fill(relationship)
    page.get_by_role("button", name="Begin").click()
    while True:
        page.wait_for_url(re.compile(r"/part/\d+/$|/finish/$"))
        if page.url.endswith("/finish/"):
            break
        questions = page.locator("fieldset.question")
        for index in range(questions.count()):
            questions.nth(index).get_by_label("Agree", exact=True).check()
        page.get_by_role("button", name=re.compile("Save and (continue|finish)")).click()
    page.get_by_role("button", name="See my report").click()
    page.wait_for_url(re.compile(r"/report/$"))


def _serious_accessibility_problems(page):
    results = Axe().run(page)
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _share_latest_reflection(page, link_url):
    page.goto(link_url)
    page.get_by_role("button", name="Share these scores").click()
    # HTMX swaps the sharing part of the page in place.
    page.locator("#my-sharing").get_by_text("Shared.").wait_for()
    assert page.locator("#my-sharing").get_by_text("Your reflection scores from").is_visible()


def test_two_people_link_share_read_the_report_and_one_stops_sharing(browser, live_server):
    alice_context, alice, alice_problems = _person(browser, live_server)
    bob_context, bob, bob_problems = _person(browser, live_server)
    try:
        # Alice reflects privately on "my partner", then makes an invitation code.
        _sign_up(alice, "alice")
        _reflect(alice, "/reflections/new/", "my partner")
        alice.get_by_role("link", name="Couples").click()
        alice.get_by_label("Who would you like to invite?").select_option(label="my partner")
        alice.get_by_role("button", name="Make an invitation code").click()
        code = alice.locator("[data-invite-code]").inner_text().strip()
        assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){3}", code)

        # Bob, in his own browser, accepts it under his own name for her.
        _sign_up(bob, "bob")
        bob.get_by_role("link", name="Couples").click()
        bob.get_by_role("link", name="Enter an invitation code").click()
        bob.get_by_label("Invitation code").fill(code)
        bob.get_by_label("Or a new name").fill("Alice")
        bob.get_by_role("button", name="Accept and link").click()
        bob.wait_for_url(re.compile(r"/couples/\d+/$"))
        link_url = re.sub(r"^https?://[^/]+", "", bob.url)
        assert bob.get_by_role("heading", name="You and Alice").is_visible()
        assert bob.get_by_text("Nothing is shared with you here.").is_visible()

        # Bob reflects privately; nothing of it reaches Alice until he shares.
        bob.get_by_role("link", name="Start a reflection").click()
        _reflect(bob, bob.url)
        alice.goto(link_url)
        assert alice.get_by_role("heading", name="You and my partner").is_visible()
        assert alice.get_by_text("Nothing is shared with you here.").is_visible()

        # Both share their scores, and both can read the shared report.
        _share_latest_reflection(alice, link_url)
        _share_latest_reflection(bob, link_url)
        for page in (alice, bob):
            page.goto(link_url + "report/")
            assert page.get_by_role("heading", name="Side by side").is_visible()
            assert page.locator("svg.chart rect.bar-mine").count() == 8
            assert page.locator("svg.chart rect.bar-theirs").count() == 8
            assert page.get_by_role("heading", name="Where you both feel safe").is_visible()

        # Every couples page reads well with assistive technology (axe: no serious problems).
        for path in ("", "report/", "repair/", "perception/", "preview/", "end/"):
            alice.goto(link_url + path)
            assert _serious_accessibility_problems(alice) == [], path

        # Alice stops sharing. Bob's very next page load no longer shows the report or her scores.
        alice.goto(link_url)
        alice.locator("#my-sharing").get_by_role("button", name="Stop sharing", exact=True).click()
        alice.locator("#my-sharing").get_by_text("Stopped sharing").wait_for()
        bob.reload()
        assert bob.locator("[data-report-not-ready]").is_visible()
        assert bob.locator("[data-shared-report]").count() == 0
        bob.goto(link_url)
        assert bob.get_by_text("Nothing is shared with you here.").is_visible()
        assert bob.locator('#from-partner [data-kind="reflection_scores"]').count() == 0

        # The pages ran under the strict CSP without a single blocked script or style.
        for problems in (alice_problems, bob_problems):
            assert not [p for p in problems if "Content Security Policy" in p], problems
    finally:
        alice_context.close()
        bob_context.close()
