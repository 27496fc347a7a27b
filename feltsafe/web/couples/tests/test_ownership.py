"""Every couples route that names an object answers 404 to anyone outside the current link:
a stranger, and an ex-partner whose link has ended (SECURITY.md item 16)."""

from __future__ import annotations

import json

import pytest
from django.urls import URLPattern, get_resolver
from django.utils import timezone

from feltsafe.web.couples import services
from feltsafe.web.couples.tests.helpers import client_for, link, reflect, share_reflection, side

pytestmark = pytest.mark.django_db

POST_ONLY = {"invite_cancel", "share", "share_revoke", "share_revoke_all", "stop_everything"}


@pytest.fixture
def objects(alice, bob, carol):
    old = link(alice, carol, "my ex", "alice")
    services.link_end(side=side(old, alice))
    current = link(alice, bob)
    share = share_reflection(current, alice, reflect(alice))
    entry = services.couple_repair_create(
        side=side(current, alice), what_happened="x", ruptured_at=timezone.now(), share=True
    )
    from feltsafe.web.reflections.services import relationship_get_or_create

    invite = services.invite_create(
        owner=alice, relationship=relationship_get_or_create(owner=alice, label="Mum")
    ).invite
    return {"link": current, "old": old, "share": share, "entry": entry, "invite": invite}


def _couples_routes():
    resolver = get_resolver()
    couples = next(p for p in resolver.url_patterns if getattr(p, "namespace", None) == "couples")
    return [p for p in couples.url_patterns if isinstance(p, URLPattern) and p.pattern.converters]


def _url(pattern, objects, link_key):
    kwargs = {}
    for name in pattern.pattern.converters:
        kwargs[name] = {
            "pk": objects["invite"].pk if pattern.name == "invite_cancel" else objects[link_key].pk,
            "share_pk": objects["share"].pk,
        }[name]
    from django.urls import reverse

    return reverse(f"couples:{pattern.name}", kwargs=kwargs)


def test_the_table_covers_every_route_with_an_id():
    names = {p.name for p in _couples_routes()}
    assert names >= {"link", "preview", "report", "repair", "perception", "end", "share"}


@pytest.mark.parametrize("who", ["stranger", "carol"])
def test_every_page_with_an_id_is_404_for_anyone_outside_the_link(objects, who, request):
    client = client_for(request.getfixturevalue(who))
    for link_key in ("link", "old"):
        for pattern in _couples_routes():
            url = _url(pattern, objects, link_key)
            if pattern.name not in POST_ONLY:
                assert client.get(url).status_code == 404, url
                assert client.get(url, headers={"HX-Request": "true"}).status_code == 404, url
            assert client.post(url, {"kind": "reflection_scores"}).status_code == 404, url
    # Nothing changed for alice and bob.
    assert services.share_list(side=side(objects["link"], request.getfixturevalue("alice")))


def _api_calls(schema):
    for path, methods in schema["paths"].items():
        if "/couples/" in path and "{" in path:
            for method in methods:
                yield path, method


@pytest.mark.parametrize("who", ["stranger", "carol"])
def test_every_api_endpoint_with_an_id_is_404_for_anyone_outside_the_link(
    client, objects, who, request
):
    schema = client.get("/api/v1/openapi.json").json()
    outsider = client_for(request.getfixturevalue(who))
    calls = list(_api_calls(schema))
    assert len(calls) >= 10
    for link_key in ("link", "old"):
        for path, method in calls:
            url = (
                path.replace("{link_id}", str(objects[link_key].pk))
                .replace("{share_id}", str(objects["share"].pk))
                .replace("{invite_id}", str(objects["invite"].pk))
            )
            body = json.dumps(
                {
                    "kind": "reflection_scores",
                    "what_happened": "x",
                    "ruptured_at": "2026-01-01T00:00:00Z",
                }
            )
            if method == "get":
                response = outsider.get(url)
            else:
                response = getattr(outsider, method)(
                    url, data=body, content_type="application/json"
                )
            assert response.status_code == 404, (method, url, response.status_code)


def test_an_anonymous_visitor_is_sent_to_log_in(client, objects):
    for pattern in _couples_routes():
        url = _url(pattern, objects, "link")
        response = client.post(url) if pattern.name in POST_ONLY else client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert client.get(f"/api/v1/couples/links/{objects['link'].pk}/shared").status_code == 401
