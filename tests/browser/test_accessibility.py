"""axe-core finds no serious or critical accessibility violations on any page.

Rather than a fixed list, the test walks every link it can reach from the public pages and from a
logged-in person's home page, so pages added later are checked too.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import safest_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "quiet mornings by the sea"
# Links that leave, end the session or download files rather than show a page.
SKIP_PREFIXES = ("/exit/", "/static/", "/api/", "/accounts/logout/")
MAX_PAGES = 90


@pytest.fixture
def seeded(django_user_model):
    from feltsafe.instruments import load_instrument
    from feltsafe.web.reflections.services import reflection_start, reflection_submit

    user = django_user_model.objects.create_user(username="aspen", password=PASSWORD)
    esr = load_instrument("esr")
    done = reflection_submit(
        owner=user, relationship_label="my partner", answers=safest_answers(esr)
    )
    reflection_submit(owner=user, relationship_label="Dad", answers={})
    paused = reflection_start(owner=user, relationship_label="my friend")
    return {"done": done, "paused": paused}


def _serious(page):
    results = Axe().run(page)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _crawl(page, start_paths, origin):
    """Visit pages breadth-first from `start_paths`; return {path: serious violations}."""
    found = {}
    queue = list(start_paths)
    seen = set(queue)
    while queue and len(found) < MAX_PAGES:
        path = queue.pop(0)
        response = page.goto(path)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        if urlsplit(page.url).netloc != urlsplit(origin).netloc:
            continue
        found[path] = _serious(page)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            url, _ = urldefrag(href)
            parts = urlsplit(url)
            if parts.netloc != urlsplit(origin).netloc:
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in seen or parts.path.startswith(SKIP_PREFIXES):
                continue
            if any(word in parts.path for word in ("export", "download", ".csv", ".zip", ".pdf")):
                continue
            seen.add(target)
            queue.append(target)
    return found


def test_no_serious_violations_on_any_page(page, seeded, live_server):
    public = _crawl(
        page, ["/", "/accounts/login/", "/accounts/signup/", "/missing-page/"], live_server.url
    )
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("aspen")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard/")
    done, paused = seeded["done"], seeded["paused"]
    private = _crawl(
        page,
        [
            "/dashboard/",
            f"/reflections/{paused.pk}/part/1/",
            f"/reflections/{paused.pk}/finish/",
            f"/reflections/{done.pk}/report/",
        ],
        live_server.url,
    )
    assert len(public) >= 4
    assert len(private) >= 10, sorted(private)
    problems = {url: v for url, v in {**public, **private}.items() if v}
    assert problems == {}
