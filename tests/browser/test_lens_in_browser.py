"""A person reads a WhatsApp export with the lens and uses the live message coach in a browser."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from feltsafe.web.lens.tests.chats import WHATSAPP_TXT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "quiet mornings by the sea"


@pytest.fixture(autouse=True)
def private_tmp(settings, tmp_path):
    folder = tmp_path / "lens-tmp"
    settings.FELTSAFE_LENS_TMP_DIR = str(folder)
    return folder


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


def _csp_errors(page):
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return errors


def test_upload_an_export_and_read_the_report(page, tmp_path, private_tmp):
    csp_errors = _csp_errors(page)
    _sign_up(page, "rowan")
    page.get_by_role("link", name="Conversation lens").click()
    page.wait_for_url(re.compile(r"/lens/$"))
    page.get_by_role("link", name="Read a conversation").click()
    assert _serious(page) == []
    export = tmp_path / "WhatsApp Chat with Sam.txt"
    export.write_text(WHATSAPP_TXT, encoding="utf-8")
    page.get_by_label("A chat export file (optional)").set_input_files(str(export))
    assert not page.get_by_label("Keep the conversation text").is_checked()
    page.get_by_role("button", name="Read it").click()
    page.wait_for_url(re.compile(r"/lens/\d+/$"))
    page.get_by_role("heading", name="What the lens noticed").wait_for()
    balance = page.get_by_role("table", name="How often each marker appeared, per person")
    assert "Sam" in balance.inner_text() and "Alex" in balance.inner_text()
    assert page.locator("svg.chart").count() == 1
    messages = page.locator("ol.lens-messages > li")
    assert messages.count() == 5
    assert "text not kept" in messages.first.inner_text()
    assert "criticism" in messages.first.inner_text()
    assert _serious(page) == []
    assert list(private_tmp.iterdir()) == []  # the raw upload is gone
    assert csp_errors == []


def test_the_coach_updates_live_without_a_page_reload(page):
    csp_errors = _csp_errors(page)
    _sign_up(page, "sage")
    page.goto("/lens/coach/")
    page.evaluate("window.__sameDocument = true")
    box = page.get_by_label("Your draft message")
    box.press_sequentially("You never listen to me, you always ignore my texts", delay=10)
    result = page.locator("#coach-result")
    result.get_by_role("heading", name="A gentler way to say it").wait_for()
    assert "I feel [hurt / lonely / worn out] when you don't listen to me" in result.inner_text()
    assert "criticism" in result.inner_text()
    assert page.evaluate("window.__sameDocument === true")  # no navigation happened
    assert page.url.endswith("/lens/coach/")
    assert _serious(page) == []
    assert csp_errors == []


def test_a_large_export_is_read_in_the_background_and_the_report_opens_by_itself(
    page, tmp_path, private_tmp, settings
):
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.FELTSAFE_LENS_BACKGROUND_MESSAGES = 3  # the 5-message export counts as large
    csp_errors = _csp_errors(page)
    _sign_up(page, "ash")
    page.goto("/lens/new/")
    export = tmp_path / "WhatsApp Chat with Sam.txt"
    export.write_text(WHATSAPP_TXT, encoding="utf-8")
    page.get_by_label("A chat export file (optional)").set_input_files(str(export))
    page.get_by_role("button", name="Read it").click()
    page.wait_for_url(re.compile(r"/lens/\d+/$"))
    page.get_by_role("heading", name="Reading your conversation…").wait_for()
    assert "waiting its turn" in page.locator("#reading-progress").inner_text()
    assert list(private_tmp.iterdir()) == []  # the upload waits in the database, encrypted
    assert _serious(page) == []
    page.evaluate("window.__sameDocument = true")

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    # The next poll (every 2 s) finds it read and opens the report.
    page.get_by_role("heading", name="What the lens noticed").wait_for(timeout=15_000)
    assert page.locator("ol.lens-messages > li").count() == 5
    assert csp_errors == []
