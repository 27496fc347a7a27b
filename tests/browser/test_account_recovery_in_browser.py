"""The emergency reset in a real browser: a partner linked, one button behind a plain
confirmation page, and the partner's open page finds nothing on its next load."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_couples_in_browser import _person, _sign_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_emergency_reset_ends_the_link_and_the_partner_sees_nothing(browser, live_server):
    from django.contrib.auth.models import User

    from feltsafe.web.couples.tests.helpers import link

    alice_context, alice, alice_problems = _person(browser, live_server)
    bob_context, bob, _ = _person(browser, live_server)
    _sign_up(alice, "wren")
    _sign_up(bob, "ash")
    current = link(User.objects.get(username="wren"), User.objects.get(username="ash"))
    partner_url = f"/couples/{current.pk}/"
    assert bob.goto(partner_url).status == 200

    alice.goto("/accounts/")
    alice.get_by_role("link", name="Emergency reset").click()
    alice.wait_for_url(re.compile(r"/accounts/emergency-reset/$"))
    assert alice.get_by_text("Nobody is told.").is_visible()
    alice.get_by_role("button", name="Reset now").click()
    alice.wait_for_url(re.compile(r"/accounts/emergency-reset/done/$"))
    assert alice.get_by_role("heading", name="It's done").is_visible()

    assert bob.reload().status == 404
    assert alice_problems == []
    alice_context.close()
    bob_context.close()
