"""Private by default, shared by choice: previews, the shared report, the perception round,
repairing together, immediate revocation and allowlisted partner payloads."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feltsafe.web.couples import services
from feltsafe.web.couples.models import Share
from feltsafe.web.couples.tests.helpers import (
    CRISIS_TEXT,
    DENIED_KEYS,
    client_for,
    keys_in,
    link,
    person,
    reflect,
    share_reflection,
    side,
)
from feltsafe.web.reflections.services import latest_by_relationship

pytestmark = pytest.mark.django_db

API = "/api/v1/couples/links"


@pytest.fixture
def linked(alice, bob):
    return link(alice, bob)


def _json(client, url, payload):
    return client.post(url, data=json.dumps(payload), content_type="application/json")


def test_nothing_is_shared_until_someone_chooses(alice, bob, linked):
    reflect(alice, note="private words")
    services.couple_repair_create(
        side=side(linked, alice), what_happened="unshared words", ruptured_at=timezone.now()
    )
    view = client_for(bob).get(f"{API}/{linked.pk}/shared").json()["from_partner"]
    assert view == {"reflection_scores": None, "checkin_trends": None, "repair_entries": []}
    page = client_for(bob).get(f"/couples/{linked.pk}/").content.decode()
    assert "Nothing is shared with you here." in page
    assert "private words" not in page and "unshared words" not in page


def test_the_preview_is_exactly_what_the_partner_sees(alice, bob, linked):
    reflection = reflect(alice, be_myself=2, care_freedom=5, note="my own note")
    share_reflection(linked, alice, reflection)
    entry = services.couple_repair_create(
        side=side(linked, alice),
        what_happened="We found our way back",
        ruptured_at=timezone.now() - timedelta(hours=5),
        reconnected_at=timezone.now(),
        category="sorry",
        share=True,
    )
    preview = client_for(alice).get(f"{API}/{linked.pk}/preview").json()
    seen = client_for(bob).get(f"{API}/{linked.pk}/shared").json()["from_partner"]
    assert preview == seen
    assert seen["repair_entries"][0]["hours_to_repair"] == 5.0
    scores = {d["id"]: d["score"] for d in seen["reflection_scores"]["dimensions"]}
    assert scores["be_myself"] == 25.0 and scores["care_freedom"] == 100.0

    def section(html, marker):
        start = html.index(marker)
        return html[start : html.index("</section>", html.rindex('data-kind="repair_entries"'))]

    preview_page = client_for(alice).get(f"/couples/{linked.pk}/preview/").content.decode()
    partner_page = client_for(bob).get(f"/couples/{linked.pk}/").content.decode()
    marker = '<div class="shared-view" data-shared-view>'
    assert section(preview_page, marker) == section(partner_page, marker)
    assert entry.what_happened in partner_page
    assert "my own note" not in partner_page


def test_sharing_a_newer_reflection_replaces_the_older_one(alice, bob, linked):
    first = reflect(alice, be_myself=1)
    second = reflect(alice, be_myself=5)
    share_reflection(linked, alice, first)
    share_reflection(linked, alice, second)
    assert services.share_list(side=side(linked, alice)).count() == 1
    view = services.shared_view(link=linked, sharer=alice)
    assert view["reflection_scores"]["dimensions"][0]["score"] == 100.0


def test_only_my_own_reflections_on_this_person_can_be_shared(alice, bob, carol, linked):
    about_mum = reflect(alice, label="Mum")
    bobs = reflect(bob, label="my partner")
    alice_client = client_for(alice)
    for reflection in (about_mum, bobs):
        response = _json(
            alice_client,
            f"{API}/{linked.pk}/shares",
            {"kind": "reflection_scores", "object_id": reflection.pk},
        )
        assert response.status_code == 404
    unknown = _json(alice_client, f"{API}/{linked.pk}/shares", {"kind": "answers"})
    assert unknown.status_code == 400
    assert not Share.objects.exists()


def test_revoking_takes_effect_on_the_partners_very_next_request(alice, bob, linked):
    share = share_reflection(linked, alice, reflect(alice))
    bob_client = client_for(bob)
    alice_client = client_for(alice)
    page = f"/couples/{linked.pk}/"
    assert 'data-kind="reflection_scores"' in bob_client.get(page).content.decode()
    assert bob_client.get(f"{API}/{linked.pk}/shared").json()["from_partner"]["reflection_scores"]
    assert alice_client.delete(f"{API}/{linked.pk}/shares/{share.pk}").status_code == 204
    assert 'data-kind="reflection_scores"' not in bob_client.get(page).content.decode()
    shared = bob_client.get(f"{API}/{linked.pk}/shared").json()
    assert shared["from_partner"]["reflection_scores"] is None
    # The partner cannot undo it, nor revoke alice's shares themselves.
    again = share_reflection(linked, alice, reflect(alice))
    assert bob_client.delete(f"{API}/{linked.pk}/shares/{again.pk}").status_code == 404
    assert bob_client.post(f"/couples/{linked.pk}/share/{again.pk}/stop/").status_code == 404


def test_ending_the_link_takes_effect_on_the_partners_very_next_request(alice, bob, linked):
    share_reflection(linked, alice, reflect(alice))
    bob_client = client_for(bob)
    assert bob_client.get(f"/couples/{linked.pk}/").status_code == 200
    assert client_for(alice).delete(f"{API}/{linked.pk}").status_code == 204
    for url in (f"/couples/{linked.pk}/", f"{API}/{linked.pk}/shared", f"{API}/{linked.pk}"):
        assert bob_client.get(url).status_code == 404
    assert bob_client.get(API).json() == []
    assert not Share.objects.filter(revoked_at__isnull=True).exists()


def test_withdrawal_is_silent(alice, bob, linked, mailoutbox):
    share = share_reflection(linked, alice, reflect(alice))
    bob_client = client_for(bob)
    bob_client.get(f"/couples/{linked.pk}/")
    client_for(alice).post(f"/couples/{linked.pk}/share/{share.pk}/stop/")
    page = bob_client.get(f"/couples/{linked.pk}/").content.decode()
    assert "Nothing is shared with you here." in page
    for hint in ("stopped", "revoked", "withdrew", "ended", "no longer", "removed"):
        assert hint not in page.lower().replace("stop sharing", ""), hint
    client_for(alice).post(f"/couples/{linked.pk}/end/")
    assert mailoutbox == []


def test_the_partners_payloads_carry_only_allowlisted_fields(alice, bob, linked):
    from feltsafe.web.safety.models import HarmScreen

    share_reflection(linked, alice, reflect(alice, note="alice's note", be_myself=1))
    share_reflection(linked, bob, reflect(bob, be_myself=5))
    services.couple_repair_create(
        side=side(linked, alice),
        what_happened="the repair",
        ruptured_at=timezone.now() - timedelta(days=40, hours=1),
        reconnected_at=timezone.now() - timedelta(days=40),
        share=True,
    )
    if services.checkins_available():
        services.share_create(side=side(linked, alice), kind="checkin_trends")
    HarmScreen.objects.create(
        owner=alice, relationship=linked.a_relationship, screen_version="t", positive=False
    )
    bob_client = client_for(bob)
    allowed = (
        set(services.PARTNER_VIEW_FIELDS)
        | set(services.PARTNER_REFLECTION_FIELDS)
        | set(services.PARTNER_DIMENSION_FIELDS)
        | set(services.PARTNER_REPAIR_FIELDS)
        | set(services.PARTNER_MONTH_FIELDS)
        | {"months"}
    )
    shared = bob_client.get(f"{API}/{linked.pk}/shared").json()["from_partner"]
    assert keys_in(shared) <= allowed
    payloads = [shared] + [
        bob_client.get(f"{API}/{linked.pk}/{endpoint}").json() for endpoint in ("report", "repairs")
    ]
    payloads.append(bob_client.get(API).json())
    for payload in payloads:
        found = keys_in(payload)
        assert not found & DENIED_KEYS, found & DENIED_KEYS
        text = json.dumps(payload)
        assert "alice's note" not in text and "alice" not in text.lower()
    page = bob_client.get(f"/couples/{linked.pk}/").content.decode().lower()
    for signal in ("last seen", "online", "streak", "updated", "read receipt", "alice's note"):
        assert signal not in page
    from_alice = page[page.index('id="from-partner"') : page.index("check again")]
    assert 'data-kind="reflection_scores"' in from_alice
    completed = alice.reflections.get().completed_at
    assert completed.strftime("%-d %B %Y").lower() not in from_alice


def test_my_own_list_describes_what_i_share_but_the_partner_never_sees_it(alice, bob, linked):
    share_reflection(linked, alice, reflect(alice))
    mine = client_for(alice).get(f"/couples/{linked.pk}/").content.decode()
    assert "Your reflection scores from" in mine
    theirs = client_for(bob).get(f"/couples/{linked.pk}/").content.decode()
    assert "Your reflection scores from" not in theirs


def test_the_shared_report_needs_both_to_share(alice, bob, linked):
    share_reflection(linked, alice, reflect(alice))
    for user in (alice, bob):
        client = client_for(user)
        page = client.get(f"/couples/{linked.pk}/report/").content.decode()
        assert "data-report-not-ready" in page
        assert client.get(f"{API}/{linked.pk}/report").json()["ready"] is False


def test_the_shared_report_shows_both_side_by_side_with_what_is_safe_and_what_differs(
    alice, bob, linked
):
    share_reflection(linked, alice, reflect(alice, be_myself=1, respect=5, accountability=5))
    share_reflection(linked, bob, reflect(bob, be_myself=5, respect=5, accountability=5))
    report = client_for(alice).get(f"{API}/{linked.pk}/report").json()
    assert report["ready"] is True
    rows = {r["id"]: r for r in report["dimensions"]}
    assert (rows["be_myself"]["mine"], rows["be_myself"]["theirs"]) == (0.0, 100.0)
    assert "Curiosity and respect" in report["both_safe"]
    assert [d["id"] for d in report["differences"]] == ["be_myself"]
    assert report["differences"][0]["starters"]
    bobs = client_for(bob).get(f"{API}/{linked.pk}/report").json()
    assert {r["id"]: (r["mine"], r["theirs"]) for r in bobs["dimensions"]}["be_myself"] == (
        100.0,
        0.0,
    )
    page = client_for(alice).get(f"/couples/{linked.pk}/report/").content.decode()
    assert "data-shared-report" in page
    assert page.count('class="bar-mine"') == 8 and page.count('class="bar-theirs"') == 8
    assert 'data-difference="be_myself"' in page
    assert "Where you both feel safe" in page and "<table" in page


def test_the_how_i_think_you_feel_round_shows_perception_gaps(alice, bob, linked, esr):
    share_reflection(linked, alice, reflect(alice))
    share_reflection(linked, bob, reflect(bob, be_myself=5))
    alice_client = client_for(alice)
    form = {f"item_{item.id}": "" for item in esr.items}
    for item in esr.items:
        if item.dimension == "be_myself":
            form[f"item_{item.id}"] = str(5 if item.reverse else 1)  # "I imagine Bob feels guarded"
    response = alice_client.post(f"/couples/{linked.pk}/perception/", form)
    assert response.status_code == 302
    assert response["Location"] == f"/couples/{linked.pk}/report/"
    report = alice_client.get(f"{API}/{linked.pk}/report").json()
    gap = {g["id"]: g for g in report["perception"]}["be_myself"]
    assert (gap["imagined"], gap["actual"], gap["gap"]) == (0.0, 100.0, 100.0)
    assert "freer here than you imagined" in gap["words"]
    # The guess stays private: bob's report has no perception, and alice's own reflections on
    # Bob are untouched by it.
    assert client_for(bob).get(f"{API}/{linked.pk}/report").json()["perception"] is None
    labels = [s.reflection.relationship.label for s in latest_by_relationship(owner=alice)]
    assert "my partner" in labels and "my partner (as I imagine they feel)" in labels
    assert "(as I imagine" not in json.dumps(services.shared_view(link=linked, sharer=alice))


def test_a_perception_round_with_a_tampered_item_saves_nothing(alice, bob, linked):
    response = client_for(alice).post(f"/couples/{linked.pk}/perception/", {"item_nope": "3"})
    assert response.status_code == 400
    assert not alice.perception_rounds.exists()


def test_repairing_together_each_chooses_which_entries_to_show(alice, bob, linked):
    now = timezone.now()
    services.couple_repair_create(
        side=side(linked, alice),
        what_happened="shown to bob",
        ruptured_at=now - timedelta(hours=10),
        reconnected_at=now - timedelta(hours=6),
        category="i_feel",
        share=True,
    )
    services.couple_repair_create(
        side=side(linked, alice), what_happened="only alice", ruptured_at=now - timedelta(hours=3)
    )
    services.couple_repair_create(
        side=side(linked, bob),
        what_happened="bob's own",
        ruptured_at=now - timedelta(hours=20),
        reconnected_at=now - timedelta(hours=18),
        share=True,
    )
    bob_log = client_for(bob).get(f"{API}/{linked.pk}/repairs").json()
    texts = {e["what_happened"]: e for e in bob_log["entries"]}
    assert set(texts) == {"shown to bob", "bob's own"}
    assert texts["shown to bob"]["mine"] is False and texts["shown to bob"]["id"] is None
    assert bob_log["insights"]["count"] == 2
    assert bob_log["insights"]["median_hours"] == 3.0
    alice_log = client_for(alice).get(f"{API}/{linked.pk}/repairs").json()
    assert {e["what_happened"] for e in alice_log["entries"]} == {
        "shown to bob",
        "only alice",
        "bob's own",
    }
    assert alice_log["insights"]["repaired"] == 2
    page = client_for(bob).get(f"/couples/{linked.pk}/repair/").content.decode()
    assert "only alice" not in page and "shown to bob" in page
    assert "<svg" in page and "Middle time to repair by month" in page


def test_a_repair_entry_can_be_shown_later_and_hidden_again(alice, bob, linked):
    entry = services.couple_repair_create(
        side=side(linked, alice), what_happened="the walk home", ruptured_at=timezone.now()
    )
    alice_client = client_for(alice)
    response = alice_client.post(
        f"/couples/{linked.pk}/share/",
        {"kind": "repair_entries", "object_id": entry.pk, "next": "repair"},
    )
    assert response["Location"] == f"/couples/{linked.pk}/repair/"
    assert "the walk home" in client_for(bob).get(f"/couples/{linked.pk}/repair/").content.decode()
    share = services.share_list(side=side(linked, alice)).get()
    alice_client.post(f"/couples/{linked.pk}/share/{share.pk}/stop/", {"next": "repair"})
    assert (
        "the walk home" not in client_for(bob).get(f"/couples/{linked.pk}/repair/").content.decode()
    )


def test_a_partner_cannot_share_someone_elses_repair_entry(alice, bob, linked):
    entry = services.couple_repair_create(
        side=side(linked, alice), what_happened="mine", ruptured_at=timezone.now()
    )
    response = _json(
        client_for(bob),
        f"{API}/{linked.pk}/shares",
        {"kind": "repair_entries", "object_id": entry.pk},
    )
    assert response.status_code == 404


def test_crisis_words_in_the_repair_log_lead_to_support_first(alice, bob, linked):
    alice_client = client_for(alice)
    response = alice_client.post(
        f"/couples/{linked.pk}/repair/",
        {"what_happened": CRISIS_TEXT, "ruptured_at": "2026-01-05T20:00", "category": ""},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("safety:crisis"))
    assert linked.repairs.get().what_happened == CRISIS_TEXT  # saved first
    api = _json(
        alice_client,
        f"{API}/{linked.pk}/repairs",
        {"what_happened": CRISIS_TEXT, "ruptured_at": timezone.now().isoformat()},
    )
    assert api.status_code == 201
    assert api.json()["crisis"]["resources"]
    calm = _json(
        alice_client,
        f"{API}/{linked.pk}/repairs",
        {"what_happened": "We talked it through", "ruptured_at": timezone.now().isoformat()},
    )
    assert calm.json()["crisis"] is None
    ordinary = alice_client.post(
        f"/couples/{linked.pk}/repair/",
        {"what_happened": "A quiet evening apart", "ruptured_at": "2026-01-05T20:00"},
    )
    assert ordinary["Location"] == f"/couples/{linked.pk}/repair/"


@pytest.mark.parametrize(
    "payload, words",
    [
        ({"what_happened": "   "}, "few words"),
        ({"category": "blame"}, "kinds of repair"),
        ({"reconnected_at": "2020-01-01T00:00:00+00:00"}, "before the rupture"),
    ],
)
def test_a_repair_entry_that_cannot_be_right_is_refused(alice, bob, linked, payload, words):
    body = {"what_happened": "x", "ruptured_at": timezone.now().isoformat()} | payload
    response = _json(client_for(alice), f"{API}/{linked.pk}/repairs", body)
    assert response.status_code == 400
    assert words in response.json()["detail"]
    assert not linked.repairs.exists()


def test_htmx_shares_and_stops_sharing_in_place(alice, bob, linked):
    reflection = reflect(alice)
    alice_client = client_for(alice)
    shared = alice_client.post(
        f"/couples/{linked.pk}/share/",
        {"kind": "reflection_scores", "object_id": reflection.pk},
        headers={"HX-Request": "true"},
    )
    html = shared.content.decode()
    assert shared.status_code == 200 and html.lstrip().startswith('<div id="my-sharing">')
    assert "Shared." in html and "<html" not in html
    share = services.share_list(side=side(linked, alice)).get()
    stopped = alice_client.post(
        f"/couples/{linked.pk}/share/{share.pk}/stop/", headers={"HX-Request": "true"}
    )
    assert "Stopped sharing" in stopped.content.decode()
    fragment = client_for(bob).get(f"/couples/{linked.pk}/", headers={"HX-Request": "true"})
    assert fragment.content.decode().lstrip().startswith('<div id="from-partner">')


def test_pages_load_htmx_from_our_own_server_with_a_nonce(alice, bob, linked):
    page = client_for(alice).get(f"/couples/{linked.pk}/").content.decode()
    assert re.search(
        r'<script src="/static/vendor/htmx/htmx-2\.0\.11\.min\.js" nonce="[^"]+"', page
    )
    assert "<script>" not in page and "style=" not in page


def test_stopping_everything_ends_every_link_at_once(alice, bob, linked):
    carol = person("carol")
    second = link(carol, alice, "Alice", "Carol")
    share_reflection(second, alice, reflect(alice, label="Carol"))
    response = client_for(alice).post("/couples/stop-everything/")
    assert response.status_code == 302
    assert services.link_list(person=alice) == []
    assert client_for(carol).get(f"/couples/{second.pk}/").status_code == 404
    assert not Share.objects.filter(revoked_at__isnull=True).exists()


def test_my_repair_entries_stay_mine_if_the_other_account_is_deleted(alice, bob, linked):
    services.couple_repair_create(
        side=side(linked, alice), what_happened="my own words", ruptured_at=timezone.now()
    )
    bob.delete()
    entry = alice.couple_repairs.get()
    assert entry.what_happened == "my own words" and entry.link is None


def test_consent_changes_are_audited_under_the_actors_name_only(alice, bob, linked, stranger):
    from feltsafe.web.audit.services import audit_events_for, audit_verify

    share = share_reflection(linked, alice, reflect(alice))
    services.share_revoke(side=side(linked, alice), pk=share.pk)
    with pytest.raises(services.InviteUnusable):
        services.invite_accept(person=stranger, code="ZZZZ", relationship_label="x")
    services.link_end(side=side(linked, alice))
    alice_actions = [e.action for e in audit_events_for(user=alice)]
    for action in ("couples.share.create", "couples.share.revoke", "couples.link.end"):
        assert action in alice_actions
    bob_actions = [e.action for e in audit_events_for(user=bob)]
    assert not {"couples.share.create", "couples.share.revoke", "couples.link.end"} & set(
        bob_actions
    )
    denied = audit_events_for(user=stranger).get(action="couples.invite.accept")
    assert denied.outcome == "denied"
    assert audit_verify().ok
