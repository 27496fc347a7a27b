"""The safety gate: when a person's own private harm screen is positive for their partner,
joint features stop being offered to them and support is shown instead, while the partner's
view stays exactly as it was, byte for byte."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone

from feltsafe.web.couples import services
from feltsafe.web.couples.tests.helpers import (
    client_for,
    link,
    normalised,
    reflect,
    share_reflection,
    side,
)
from feltsafe.web.couples.tests.helpers import (
    person as person_named,
)
from feltsafe.web.safety.models import HarmScreen

pytestmark = pytest.mark.django_db


def _lens_reading(owner, relationship, concern=True):
    from feltsafe.web.lens.models import LensAnalysis

    summary = {"abuse_concern": {"speaker": "Sam", "count": 4, "episodes": 2} if concern else None}
    LensAnalysis.objects.create(
        owner=owner, relationship=relationship, format="transcript", summary={"summary": summary}
    )


def _screen(owner, relationship, positive=True):
    HarmScreen.objects.create(
        owner=owner,
        relationship=relationship,
        screen_version="test",
        answers={},
        positive=positive,
        concerns=["fear"] if positive else [],
    )


def _partner_outputs(client, pk):
    """Everything bob can see of the link, page by page and endpoint by endpoint."""
    pages = [
        f"/couples/{pk}/",
        f"/couples/{pk}/report/",
        f"/couples/{pk}/repair/",
        f"/couples/{pk}/perception/",
        f"/couples/{pk}/preview/",
        "/couples/",
        f"/api/v1/couples/links/{pk}",
        "/api/v1/couples/links",
        f"/api/v1/couples/links/{pk}/shared",
        f"/api/v1/couples/links/{pk}/report",
        f"/api/v1/couples/links/{pk}/repairs",
        f"/api/v1/couples/links/{pk}/shares",
        f"/api/v1/couples/links/{pk}/preview",
    ]
    out = {url: (r.status_code, normalised(r.content)) for url in pages if (r := client.get(url))}
    fragment = client.get(f"/couples/{pk}/", headers={"HX-Request": "true"})
    out["fragment"] = (fragment.status_code, normalised(fragment.content))
    return out


@pytest.mark.parametrize("signal", [_screen, _lens_reading], ids=["harm-screen", "lens"])
@pytest.mark.parametrize("alice_had_shared", [False, True], ids=["nothing-shared", "shared"])
def test_the_partner_sees_no_change_at_all_when_my_screen_is_positive(
    alice, bob, alice_had_shared, signal
):
    found = link(alice, bob)
    # Bob is an ordinary, engaged partner: he shares his own reflection and a repair entry.
    share_reflection(found, bob, reflect(bob, label="my partner", respect=5))
    services.couple_repair_create(
        side=side(found, bob),
        what_happened="Raised voices about money",
        ruptured_at=timezone.now(),
        share=True,
    )
    if alice_had_shared:
        share_reflection(found, alice, reflect(alice, be_myself=2))
    bob_client = client_for(bob)
    before = _partner_outputs(bob_client, found.pk)
    assert all(status == 200 for status, _ in before.values())

    signal(alice, found.a_relationship)
    assert not services.joint_features_offered(side=side(found, alice))

    after = _partner_outputs(bob_client, found.pk)
    for url in before:
        assert after[url] == before[url], url


def test_the_partners_view_of_me_matches_never_shared_after_my_screen(alice, bob):
    found = link(alice, bob)
    bob_client = client_for(bob)
    never = _partner_outputs(bob_client, found.pk)
    _screen(alice, found.a_relationship)
    reflect(alice, be_myself=1)  # a new private reflection, never shared
    assert _partner_outputs(bob_client, found.pk) == never


def test_joint_features_stop_being_offered_to_me_and_support_is_shown(alice, bob):
    found = link(alice, bob)
    reflection = reflect(alice)
    share_reflection(found, bob, reflect(bob))
    _screen(alice, found.a_relationship)
    alice_client = client_for(alice)
    support = f"/safety/support/{found.a_relationship.pk}/"

    page = alice_client.get(f"/couples/{found.pk}/").content.decode()
    assert support in page
    for offer in (
        "Shared report",
        "Repairing together",
        "Choose something to share",
        "Share these",
    ):
        assert offer not in page
    assert "End the link" in page
    for joint in ("report", "repair", "perception"):
        response = alice_client.get(f"/couples/{found.pk}/{joint}/")
        assert response.status_code == 200
        assert support in response.content.decode()
        assert "data-shared-report" not in response.content.decode()
    # Nor is the partner's data put in front of me.
    assert 'data-kind="reflection_scores"' not in page

    api = "/api/v1/couples/links"
    assert alice_client.get(f"{api}/{found.pk}").json()["joint_features_offered"] is False
    for endpoint in ("shared", "report", "repairs"):
        body = alice_client.get(f"{api}/{found.pk}/{endpoint}").json()
        assert body["joint_features_offered"] is False
        assert body["support_url"] == support
    shared = alice_client.get(f"{api}/{found.pk}/shared").json()
    assert shared["from_partner"] is None
    attempt = alice_client.post(
        f"{api}/{found.pk}/shares",
        data=json.dumps({"kind": "reflection_scores", "object_id": reflection.pk}),
        content_type="application/json",
    )
    assert attempt.status_code == 409
    repair = alice_client.post(
        f"{api}/{found.pk}/repairs",
        data=json.dumps({"what_happened": "x", "ruptured_at": timezone.now().isoformat()}),
        content_type="application/json",
    )
    assert repair.status_code == 409
    assert not services.share_list(side=side(found, alice)).exists()


def test_i_can_still_stop_sharing_and_end_the_link_when_at_risk(alice, bob):
    found = link(alice, bob)
    share = share_reflection(found, alice, reflect(alice))
    _screen(alice, found.a_relationship)
    alice_client = client_for(alice)
    assert alice_client.post(f"/couples/{found.pk}/share/{share.pk}/stop/").status_code == 302
    assert services.shared_view(link=found, sharer=alice)["reflection_scores"] is None
    assert alice_client.post(f"/couples/{found.pk}/end/").status_code == 302
    assert client_for(bob).get(f"/couples/{found.pk}/").status_code == 404


def test_no_new_invitation_is_offered_for_a_relationship_at_risk(alice):
    from feltsafe.web.reflections.services import relationship_get_or_create

    relationship = relationship_get_or_create(owner=alice, label="Sam")
    _screen(alice, relationship)
    alice_client = client_for(alice)
    page = alice_client.get("/couples/").content.decode()
    assert f'value="{relationship.pk}"' not in page
    response = alice_client.post("/couples/invite/", {"relationship": "", "new_label": "Sam"})
    assert f"/safety/support/{relationship.pk}/" in response.content.decode()
    assert "data-invite-code" not in response.content.decode()
    with pytest.raises(services.JointFeaturesPaused):
        services.invite_create(owner=alice, relationship=relationship)


def test_a_later_screen_that_is_not_positive_offers_joint_features_again(alice, bob):
    found = link(alice, bob)
    _screen(alice, found.a_relationship)
    _screen(alice, found.a_relationship, positive=False)
    assert services.joint_features_offered(side=side(found, alice))


def test_my_screen_never_changes_what_my_partner_is_offered(alice, bob):
    found = link(alice, bob)
    _screen(alice, found.a_relationship)
    assert services.joint_features_offered(side=side(found, bob))
    assert not services.joint_features_offered(side=side(found, alice))


def test_a_later_lens_reading_without_concern_offers_joint_features_again(alice, bob):
    found = link(alice, bob)
    _lens_reading(alice, found.a_relationship)
    assert not services.joint_features_offered(side=side(found, alice))
    _lens_reading(alice, found.a_relationship, concern=False)
    assert services.joint_features_offered(side=side(found, alice))
    # The partner's own lens readings about someone else never pause alice's link.
    other = link(bob, person_named("carol"), "Carol", "Bob")
    _lens_reading(bob, other.a_relationship)
    assert services.joint_features_offered(side=side(found, alice))
    assert services.joint_features_offered(side=side(found, bob))
