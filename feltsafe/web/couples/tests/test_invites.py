"""Linking only by an invitation the logged-in invitee accepts: single use, expiring, and the
same answer for every code that can't be used (SECURITY.md items 4 and 20)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.html import escape

from feltsafe.web.accounts.reauth import AUTH_AT_SESSION_KEY
from feltsafe.web.couples import services
from feltsafe.web.couples.models import Invite, Link
from feltsafe.web.couples.tests.helpers import client_for, link, normalised, person
from feltsafe.web.reflections.models import Relationship
from feltsafe.web.reflections.services import relationship_get_or_create

pytestmark = pytest.mark.django_db

API = "/api/v1/couples"
UNUSABLE_HTML = escape(services.INVITE_UNUSABLE)


def _invite(owner, label="my partner"):
    relationship = relationship_get_or_create(owner=owner, label=label)
    return services.invite_create(owner=owner, relationship=relationship)


def _join(client, code, label="my partner"):
    return client.post("/couples/join/", {"code": code, "relationship": "", "new_label": label})


def _accept_api(client, code, label="my partner"):
    return client.post(
        f"{API}/invites/accept",
        data=json.dumps({"code": code, "relationship": label}),
        content_type="application/json",
    )


def test_it_links_two_people_when_the_invitee_accepts_and_each_keeps_their_own_name(alice, bob):
    new = _invite(alice, "Sam")
    response = _join(client_for(bob), new.code, "my husband")
    found = Link.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/couples/{found.pk}/"
    assert (found.a, found.b) == (alice, bob)
    assert found.a_relationship.label == "Sam" and found.b_relationship.label == "my husband"
    assert services.link_get(person=bob, pk=found.pk).label == "my husband"
    assert services.link_get(person=alice, pk=found.pk).label == "Sam"


def test_it_accepts_the_code_however_it_is_typed(alice, bob):
    new = _invite(alice)
    messy = " " + new.code.lower().replace("-", " ") + " "
    assert _join(client_for(bob), messy).status_code == 302


def test_the_invitee_can_attach_the_link_to_one_of_their_own_relationships(alice, bob):
    mine = relationship_get_or_create(owner=bob, label="A")
    new = _invite(alice)
    response = client_for(bob).post(
        "/couples/join/", {"code": new.code, "relationship": str(mine.pk), "new_label": ""}
    )
    assert response.status_code == 302
    assert Link.objects.get().b_relationship == mine


def test_it_keeps_only_a_hash_of_the_code(alice):
    new = _invite(alice)
    stored = Invite.objects.values().get()
    raw = services.normalise_code(new.code)
    assert len(raw) == services.CODE_LENGTH
    assert all(raw not in str(value) and new.code not in str(value) for value in stored.values())


def test_codes_are_random(alice):
    codes = {_invite(alice, f"person {i}").code for i in range(30)}
    assert len(codes) == 30


def test_a_code_works_only_once(alice, bob, stranger):
    new = _invite(alice)
    assert _join(client_for(bob), new.code).status_code == 302
    again = _join(client_for(stranger), new.code)
    assert again.status_code == 400
    assert UNUSABLE_HTML in again.content.decode()
    assert Link.objects.count() == 1


def test_a_code_expires_after_seven_days(alice, bob):
    new = _invite(alice)
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        response = _join(client_for(bob), new.code)
    assert response.status_code == 400
    assert not Link.objects.exists()


def test_a_code_still_works_just_before_it_expires(alice, bob):
    new = _invite(alice)
    with time_machine.travel(timezone.now() + timedelta(days=6, hours=23)):
        assert _join(client_for(bob), new.code).status_code == 302


def test_nobody_can_accept_their_own_invitation(alice):
    new = _invite(alice)
    response = _join(client_for(alice), new.code, "me")
    assert response.status_code == 400
    assert not Link.objects.exists()


def test_a_new_code_for_the_same_relationship_replaces_the_old_one(alice, bob):
    old = _invite(alice)
    _invite(alice)
    assert _join(client_for(bob), old.code).status_code == 400


def test_a_cancelled_code_cannot_be_used(alice, bob):
    new = _invite(alice)
    response = client_for(alice).post(f"/couples/invite/{new.invite.pk}/cancel/")
    assert response.status_code == 302
    assert _join(client_for(bob), new.code).status_code == 400


def test_only_its_maker_can_cancel_an_invitation(alice, stranger):
    new = _invite(alice)
    assert client_for(stranger).post(f"/couples/invite/{new.invite.pk}/cancel/").status_code == 404
    assert client_for(stranger).delete(f"{API}/invites/{new.invite.pk}").status_code == 404
    assert services.invite_pending(owner=alice).count() == 1


def _bad_codes(alice, bob, carol):
    """One code of each kind that can't be used, all tried by bob."""
    used = _invite(alice, "used")
    services.invite_accept(person=carol, code=used.code, relationship_label="x")
    expired = _invite(alice, "expired")
    Invite.objects.filter(pk=expired.invite.pk).update(expires_at=timezone.now())
    cancelled = _invite(alice, "cancelled")
    services.invite_cancel(owner=alice, pk=cancelled.invite.pk)
    own = _invite(bob, "own")
    already = _invite(carol, "again")
    link(carol, bob, "before", "carol")  # bob and carol are already linked
    return {
        "unknown": "ZZZZ-ZZZZ-ZZZZ-ZZZZ",
        "garbage": "<script>'; DROP TABLE",
        "empty-ish": "-",
        "used": used.code,
        "expired": expired.code,
        "cancelled": cancelled.code,
        "own": own.code,
        "already linked": already.code,
    }


def test_every_unusable_code_gets_the_very_same_page(alice, bob, carol):
    codes = _bad_codes(alice, bob, carol)
    bob_client = client_for(bob)
    pages = {name: _join(bob_client, code, "someone new") for name, code in codes.items()}
    statuses = {name: r.status_code for name, r in pages.items()}
    assert set(statuses.values()) == {400}, statuses
    bodies = {name: normalised(r.content) for name, r in pages.items()}
    reference = bodies["unknown"]
    assert UNUSABLE_HTML in reference
    for name, body in bodies.items():
        assert body == reference, name
        assert codes[name] not in body or name in {"empty-ish", "garbage"}
    assert not Relationship.objects.filter(owner=bob, label="someone new").exists()


def test_every_unusable_code_gets_the_very_same_api_answer(alice, bob, carol):
    codes = _bad_codes(alice, bob, carol)
    bob_client = client_for(bob)
    answers = {name: _accept_api(bob_client, code) for name, code in codes.items()}
    assert {r.status_code for r in answers.values()} == {400}
    assert {r.content for r in answers.values()} == {
        json.dumps({"detail": services.INVITE_UNUSABLE}).encode()
    }


def test_a_problem_with_the_invitees_own_choice_is_reported_before_the_code_is_looked_at(
    alice, bob
):
    new = _invite(alice)
    response = _join(client_for(bob), new.code, label="")
    assert response.status_code == 400
    assert UNUSABLE_HTML not in response.content.decode()
    unknown = _join(client_for(bob), "ZZZZ-ZZZZ-ZZZZ-ZZZZ", label="")
    assert normalised(unknown.content) == normalised(response.content)
    # The code is still good.
    assert _join(client_for(bob), new.code).status_code == 302


def test_accepting_needs_a_logged_in_person(client, alice):
    new = _invite(alice)
    page = client.post("/couples/join/", {"code": new.code, "new_label": "x"})
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]
    assert _accept_api(client, new.code).status_code == 401
    assert not Link.objects.exists()


def test_accepting_needs_the_password_typed_recently(alice, bob):
    new = _invite(alice)
    bob_client = client_for(bob)
    session = bob_client.session
    session[AUTH_AT_SESSION_KEY] = 0
    session.save()
    page = _join(bob_client, new.code)
    assert page.status_code == 302 and "/accounts/confirm-password/" in page["Location"]
    assert _accept_api(bob_client, new.code).status_code == 403
    assert not Link.objects.exists()


def test_there_is_no_way_to_find_someone_by_name_or_email(client):
    schema = client.get("/api/v1/openapi.json").json()
    for name in ("InviteIn", "AcceptIn"):
        fields = set(schema["components"]["schemas"][name]["properties"])
        assert not fields & {"email", "username", "user", "user_id", "person"}
    assert "email" not in client_for(person("someone")).get("/couples/").content.decode().lower()


def test_the_api_makes_lists_and_cancels_invitations(alice, bob):
    alice_client = client_for(alice)
    made = alice_client.post(
        f"{API}/invites", data=json.dumps({"relationship": "Sam"}), content_type="application/json"
    )
    assert made.status_code == 201
    code = made.json()["code"]
    listed = alice_client.get(f"{API}/invites").json()
    assert [i["id"] for i in listed] == [made.json()["id"]]
    assert "code" not in listed[0]
    accepted = _accept_api(client_for(bob), code, "my partner")
    assert accepted.status_code == 201
    assert accepted.json()["relationship"] == "my partner"
    assert alice_client.get(f"{API}/invites").json() == []


def test_one_relationship_links_with_one_person_at_a_time(alice, bob, carol):
    found = link(alice, bob)
    with pytest.raises(services.CouplesInputError):
        services.invite_create(owner=alice, relationship=found.a_relationship)
    other = _invite(carol)
    with pytest.raises(services.CouplesInputError):
        services.invite_accept(person=bob, code=other.code, relationship_id=found.b_relationship.pk)


def test_a_person_can_have_several_links_each_its_own_pair(alice, bob, carol):
    first = link(alice, bob, "Bob", "Alice")
    second = link(alice, carol, "Carol", "Alice")
    assert {s.pk for s in services.link_list(person=alice)} == {first.pk, second.pk}
    assert [s.pk for s in services.link_list(person=bob)] == [first.pk]
    assert client_for(bob).get(f"/couples/{second.pk}/").status_code == 404
