"""Browser tests: Debian's Chromium driven by Playwright against Django's live server.

Playwright's own browser download cannot work here, so we launch /usr/bin/chromium. Outside CI,
a machine without it skips these tests with a note; in CI (CI=true) a missing browser fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run inside
# one unless told that this (test-only) use is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("FELTSAFE_CHROMIUM", "/usr/bin/chromium"))
NEUTRAL_PAGE = (
    "<!doctype html><html lang='en'><head><title>Weather</title></head>"
    "<body><h1>Weather forecast</h1></body></html>"
)
# This machine has no route to the internet: keep Chromium from trying, and stub the exit site.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing; `make test` installs Debian's chromium as root."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _stub_neutral_site(route):
    route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE)


@pytest.fixture
def page(browser, live_server, settings):
    settings.FELTSAFE_QUICK_EXIT_URL = "https://www.bbc.co.uk/weather"
    context = browser.new_context(base_url=live_server.url)
    context.route("https://www.bbc.co.uk/**", _stub_neutral_site)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
