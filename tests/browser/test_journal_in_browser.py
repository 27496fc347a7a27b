"""A person checks in and writes a journal entry in a real browser; the pages pass axe-core."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "quiet mornings by the sea"


def _sign_up(page, username):
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))


def _serious(page):
    results = Axe().run(page)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_a_check_in_from_the_dashboard_with_a_skipped_question(page):
    _sign_up(page, "rowan")
    page.get_by_role("link", name="Check in", exact=True).click()
    page.wait_for_url(re.compile(r"/checkins/new/$"))
    page.get_by_role("group", name="Today I could be myself.").get_by_label("8", exact=True).check()
    page.get_by_role("group", name="I felt heard.").get_by_label("6", exact=True).check()
    # "Hard moments were handled with care." is left on Skip.
    page.get_by_role("group", name="My body felt calm rather than on guard.").get_by_label(
        "0 (On guard)"
    ).check()
    page.get_by_role("group", name="There is something we need to repair.").get_by_label(
        "10 (Something big)"
    ).check()
    page.get_by_label("Or someone not listed (optional)").fill("my partner")
    page.get_by_label("Anything you would like to note down (optional)").fill("A tender evening.")
    page.get_by_role("button", name="Save check-in").click()
    page.wait_for_url(re.compile(r"/checkins/\d+/$"))
    # (8 + 6 + 0 + (10 - 10)) / 4 = 3.5
    assert page.locator(".big-figure").inner_text().startswith("3.5")
    assert page.get_by_text("about my partner").is_visible()
    assert page.get_by_role("cell", name="skipped").is_visible()

    page.get_by_role("link", name="Your check-ins over time").click()
    page.wait_for_url(re.compile(r"/checkins/$"))
    expect(page.get_by_role("heading", name="my partner")).to_be_visible()
    assert page.locator("svg.chart polyline.trend-dots").count() == 1


def test_a_journal_entry_then_the_insights(page):
    _sign_up(page, "alder")
    page.get_by_role("link", name="Write a journal entry").click()
    page.wait_for_url(re.compile(r"/journal/new/$"))
    page.get_by_label("When did it happen?").fill("2026-03-02")
    page.get_by_label("What happened?").fill("Raised voices about money")
    page.get_by_label("Tags (optional)").fill("money, tone of voice")
    page.get_by_label("Where did you feel it in your body? (optional)").fill("tight chest")
    page.get_by_label("How intense was it at first? (optional)").select_option("8")
    page.get_by_role("group", name="Which protective pattern showed up? (optional)").get_by_label(
        "Withdrawing"
    ).check()
    page.get_by_role("group", name="What helped? (optional)").get_by_label("Breathing").check()
    page.get_by_label("How intense was it afterwards? (optional)").select_option("5")
    page.get_by_role("button", name="Save entry").click()
    page.wait_for_url(re.compile(r"/journal/\d+/$"))
    assert page.get_by_role("heading", name="Journal entry, 2 March 2026").is_visible()
    assert page.get_by_text("down 3").is_visible()

    page.get_by_role("link", name="Back to the journal").click()
    page.get_by_role("link", name="Insights").click()
    page.wait_for_url(re.compile(r"/journal/insights/$"))
    tools = page.get_by_role("table", name="What helped, highest average drop first")
    assert tools.get_by_role("row", name=re.compile(r"Breathing 3\.00 1")).is_visible()
    assert page.get_by_text("small sample: a first hint, not a conclusion").is_visible()


def test_the_check_in_and_journal_pages_have_no_serious_accessibility_violations(
    page, django_user_model
):
    from django.utils import timezone

    from feltsafe.web.checkins.services import checkin_create
    from feltsafe.web.journal.services import activation_create, repair_create

    person = django_user_model.objects.create_user(username="birch", password=PASSWORD)
    now = timezone.now()
    checkin = checkin_create(
        owner=person, answers={"felt_heard": 6}, relationship_label="my partner", created_at=now
    )
    for days in range(1, 20):
        checkin_create(
            owner=person,
            answers={"felt_heard": days % 11},
            relationship_label="my partner",
            created_at=now - timedelta(days=days),
        )
    entry = activation_create(
        owner=person,
        occurred_on=now.date(),
        what_happened="A door slammed",
        intensity_before=7,
        tool="grounding",
        intensity_after=3,
    )
    repair = repair_create(
        owner=person,
        what_happened="Cold silence",
        ruptured_at=now - timedelta(hours=5),
        reconnected_at=now,
        category="sorry",
    )
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("birch")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    urls = [
        "/dashboard/",
        "/checkins/",
        "/checkins/new/",
        f"/checkins/{checkin.pk}/",
        "/checkins/reminders/",
        "/journal/",
        "/journal/new/",
        f"/journal/{entry.pk}/",
        f"/journal/{entry.pk}/edit/",
        "/journal/repairs/",
        "/journal/repairs/new/",
        f"/journal/repairs/{repair.pk}/edit/",
        "/journal/insights/",
        "/journal/import/",
    ]
    found = {}
    for url in urls:
        page.goto(url)
        assert page.url.endswith(url), url
        found[url] = _serious(page)
    assert {url: v for url, v in found.items() if v} == {}
