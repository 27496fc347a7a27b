"""Who sees what: data type x sharing state x viewer x interface, each cell exactly as allowed.

Alice owns the data; bob is her current partner; carol is an ex-partner (her link with alice
has ended); the stranger has an account and nothing else. The sharing states are: never shared,
shared, shared then revoked, and shared on a link that has since ended.

Each interface is where that viewer would see alice's data: for alice, her preview of what bob
sees ("the same rendering as the partner's view"); for everyone else, the link page, its HTMX
fragment and the API. Expected results are "shown", "not shown" (200, and looks exactly as if
never shared) or 404.

The export interface is each viewer's own "download all my data" archive: alice's words are in
hers whatever she shared, and never in anyone else's, partner or not.
"""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feltsafe.web.accounts.reauth import AUTH_AT_SESSION_KEY
from feltsafe.web.couples import services
from feltsafe.web.couples.models import Link
from feltsafe.web.couples.tests.helpers import (
    client_for,
    link,
    normalised,
    person,
    reflect,
    share_reflection,
    side,
)

pytestmark = pytest.mark.django_db

KINDS = ["reflection_scores", "repair_entries", "checkin_trends"]
STATES = ["never", "shared", "revoked", "link_ended"]
VIEWERS = ["owner", "partner", "ex_partner", "stranger"]
INTERFACES = ["page", "fragment", "api", "export"]
REPAIR_WORDS = "We both went quiet after the phone call about the holiday"
REFLECTION_NOTE = "the kitchen table conversation stayed with me"
CHECKIN_NOTE = "felt steadier once the week slowed down"
# Words only alice wrote, one per kind: how her data is recognised inside an export archive.
OWN_WORDS = {
    "reflection_scores": REFLECTION_NOTE,
    "repair_entries": REPAIR_WORDS,
    "checkin_trends": CHECKIN_NOTE,
}


@dataclass
class World:
    alice: object
    bob: object
    carol: object
    stranger: object
    link: Link
    old_link: Link


def _checkin_last_month(alice):
    from feltsafe.web.checkins.services import checkin_create

    last_month = timezone.localdate().replace(day=1) - timedelta(days=3)
    when = timezone.make_aware(timezone.datetime.combine(last_month, timezone.datetime.min.time()))
    checkin_create(
        owner=alice,
        answers={"could_be_myself": 7, "felt_heard": 7},
        note=CHECKIN_NOTE,
        relationship_label="my partner",
        created_at=when + timedelta(hours=12),
    )


def _build(kind: str, state: str) -> World:
    if kind == "checkin_trends" and not services.checkins_available():
        pytest.skip("check-ins are not installed, so check-in trends can't be shared")
    alice, bob, carol, stranger = (person(n) for n in ("alice", "bob", "carol", "stranger"))
    old = link(alice, carol, "my ex", "alice")
    services.link_end(side=side(old, carol))
    current = link(alice, bob)
    alice_side = side(current, alice)
    if kind == "reflection_scores":
        reflection = reflect(alice, be_myself=2, note=REFLECTION_NOTE)
        if state != "never":
            share = share_reflection(current, alice, reflection)
    elif kind == "repair_entries":
        entry = services.couple_repair_create(
            side=alice_side, what_happened=REPAIR_WORDS, ruptured_at=timezone.now()
        )
        if state != "never":
            share = services.share_create(side=alice_side, kind=kind, object_id=entry.pk)
    else:
        _checkin_last_month(alice)
        if state != "never":
            share = services.share_create(side=alice_side, kind=kind)
    if state == "revoked":
        services.share_revoke(side=alice_side, pk=share.pk)
    if state == "link_ended":
        services.link_end(side=side(current, bob))
    return World(alice, bob, carol, stranger, current, old)


def _expected(state: str, viewer: str, interface: str) -> str:
    if interface == "export":
        return "shown" if viewer == "owner" else "not shown"
    if viewer in {"ex_partner", "stranger"} or state == "link_ended":
        return "404"
    return "shown" if state == "shared" else "not shown"


def _shown_in_html(kind: str, html: str) -> bool:
    if kind == "repair_entries":
        return REPAIR_WORDS in html
    return f'data-kind="{kind}"' in html


def _shown_in_json(kind: str, data: dict) -> bool:
    view = data.get("from_partner", data)
    return bool(view[kind]) if kind != "repair_entries" else REPAIR_WORDS in str(view)


def _fetch(world: World, viewer: str, interface: str, link_pk: int):
    user = {
        "owner": world.alice,
        "partner": world.bob,
        "ex_partner": world.carol,
        "stranger": world.stranger,
    }[viewer]
    client = client_for(user)
    if interface == "export":
        session = client.session
        session[AUTH_AT_SESSION_KEY] = int(time.time())  # the export asks for the password again
        session.save()
        return client.post(reverse("privacy:export"))
    if interface == "page":
        url = f"/couples/{link_pk}/preview/" if viewer == "owner" else f"/couples/{link_pk}/"
        return client.get(url)
    if interface == "fragment":
        url = f"/couples/{link_pk}/preview/" if viewer == "owner" else f"/couples/{link_pk}/"
        return client.get(url, headers={"HX-Request": "true"})
    url = f"/api/v1/couples/links/{link_pk}/" + ("preview" if viewer == "owner" else "shared")
    return client.get(url)


def _outcome(kind: str, interface: str, response) -> str:
    if response.status_code == 404:
        return "404"
    assert response.status_code == 200, response.status_code
    if interface == "export":
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            text = "".join(archive.read(name).decode() for name in archive.namelist())
        return "shown" if OWN_WORDS[kind] in text else "not shown"
    if interface == "api":
        return "shown" if _shown_in_json(kind, response.json()) else "not shown"
    return "shown" if _shown_in_html(kind, response.content.decode()) else "not shown"


@pytest.mark.parametrize("interface", INTERFACES)
@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("kind", KINDS)
def test_each_cell_of_the_access_table(kind, state, viewer, interface):
    world = _build(kind, state)
    expected = _expected(state, viewer, interface)
    found = _outcome(kind, interface, _fetch(world, viewer, interface, world.link.pk))
    assert found == expected, (kind, state, viewer, interface)
    if viewer == "ex_partner" and interface != "export":
        # Nor does the ex-partner see anything through the link that ended with them.
        assert _fetch(world, viewer, interface, world.old_link.pk).status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_a_revoked_share_looks_exactly_like_one_never_made(kind):
    world = _build(kind, "never")
    before = _partner_outputs(world)
    alice_side = side(world.link, world.alice)
    if kind == "reflection_scores":
        share = share_reflection(
            world.link, world.alice, alice_side.link.a_relationship.reflections.get()
        )
    elif kind == "repair_entries":
        entry = world.link.repairs.get()
        share = services.share_create(side=alice_side, kind=kind, object_id=entry.pk)
    else:
        share = services.share_create(side=alice_side, kind=kind)
    shown = _partner_outputs(world)
    assert shown != before
    services.share_revoke(side=alice_side, pk=share.pk)
    assert _partner_outputs(world) == before


def _partner_outputs(world: World) -> list[str]:
    client = client_for(world.bob)
    pk = world.link.pk
    urls = [
        f"/couples/{pk}/",
        f"/couples/{pk}/report/",
        f"/couples/{pk}/repair/",
        f"/api/v1/couples/links/{pk}/shared",
        f"/api/v1/couples/links/{pk}/report",
        f"/api/v1/couples/links/{pk}/repairs",
        "/api/v1/couples/links",
    ]
    out = [normalised(client.get(url).content) for url in urls]
    out.append(normalised(client.get(f"/couples/{pk}/", headers={"HX-Request": "true"}).content))
    return out
