"""axe-core finds no serious or critical accessibility violations on any page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import safest_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "quiet mornings by the sea"


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


def test_no_serious_violations_on_any_page(page, seeded):
    anonymous = ["/", "/accounts/login/", "/accounts/signup/", "/support/", "/missing-page/"]
    found = {}
    for url in anonymous:
        page.goto(url)
        found[url] = _serious(page)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("aspen")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    done, paused = seeded["done"], seeded["paused"]
    private = [
        "/dashboard/",
        "/reflections/",
        "/reflections/new/",
        f"/reflections/{paused.pk}/part/1/",
        f"/reflections/{paused.pk}/finish/",
        f"/reflections/{done.pk}/report/",
        f"/reflections/relationships/{done.relationship.pk}/history/",
    ]
    for url in private:
        page.goto(url)
        assert page.url.endswith(url), url
        found[url] = _serious(page)
    assert {url: v for url, v in found.items() if v} == {}
