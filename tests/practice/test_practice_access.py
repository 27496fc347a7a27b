"""Who may see a client: only the therapist the client let in, only while the grant lives."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feltsafe.web.practice import services
from feltsafe.web.practice.models import ClientInvitation, Grant
from feltsafe.web.reflections.services import reflection_submit
from tests.factories import answers_at
from tests.practice.conftest import confirm_recently, login, make_user, share

pytestmark = pytest.mark.django_db

CLIENT_URLS = [
    ("get", "practice:client", ()),
    ("get", "practice:export_csv", ()),
    ("get", "practice:export_pdf", ()),
    ("get", "practice:export_fhir", ()),
    ("post", "practice:assignment_new", ()),
    ("post", "practice:assignment_end", (1,)),
]


def _status(client, method, name, grant, extra):
    url = reverse(name, args=[grant.pk, *extra])
    return getattr(client, method)(url).status_code


def test_the_invited_therapist_sees_the_client(grant, therapist, client):
    login(client, therapist)
    response = client.get(reverse("practice:client", args=[grant.pk]))
    assert response.status_code == 200
    assert "alice" in response.content.decode()


@pytest.mark.parametrize("who", ["other_therapist", "practice_admin", "alice", "stranger"])
def test_it_answers_404_on_every_client_url_to_anyone_but_the_invited_therapist(
    request, grant, who
):
    person = request.getfixturevalue(who)
    client = login(Client(), person)
    for method, name, extra in CLIENT_URLS:
        assert _status(client, method, name, grant, extra) == 404, (who, name)


def test_it_sends_someone_logged_out_to_log_in(grant, client):
    for method, name, extra in CLIENT_URLS:
        assert _status(client, method, name, grant, extra) == 302


def test_revoking_is_effective_on_the_therapists_very_next_request(grant, therapist, alice):
    therapist_client = login(Client(), therapist)
    url = reverse("practice:client", args=[grant.pk])
    assert therapist_client.get(url).status_code == 200
    alice_client = login(Client(), alice)
    response = alice_client.post(reverse("practice:sharing_revoke", args=[grant.pk]))
    assert response.status_code == 302
    for method, name, extra in CLIENT_URLS:
        assert _status(therapist_client, method, name, grant, extra) == 404, name
    dashboard = therapist_client.get(reverse("practice:dashboard")).content.decode()
    assert "alice" not in dashboard


def test_the_practice_admin_sees_no_client_data(grant, practice, practice_admin, alice, esr):
    reflection_submit(owner=alice, relationship_label="my partner", answers=answers_at(esr, 4))
    client = login(Client(), practice_admin)
    page = client.get(reverse("practice:manage", args=[practice.pk])).content.decode()
    assert "dr-rowan" in page
    assert "alice" not in page
    assert client.get(reverse("practice:dashboard")).status_code == 404
    assert client.get(reverse("practice:client", args=[grant.pk])).status_code == 404


def test_someone_else_cannot_manage_the_practice(practice, therapist, stranger):
    for person in (therapist, stranger):
        client = login(Client(), person)
        assert client.get(reverse("practice:manage", args=[practice.pk])).status_code == 404
        assert (
            client.post(reverse("practice:therapist_code", args=[practice.pk])).status_code == 404
        )


def test_removing_a_therapist_ends_their_access_at_once(grant, practice, practice_admin, therapist):
    membership = services.therapist_membership(user=therapist)
    admin_client = login(Client(), practice_admin)
    url = reverse("practice:therapist_remove", args=[practice.pk, membership.pk])
    assert admin_client.post(url).status_code == 302
    therapist_client = login(Client(), therapist)
    assert therapist_client.get(reverse("practice:client", args=[grant.pk])).status_code == 404
    assert Grant.objects.get(pk=grant.pk).revoked_at is not None


def test_a_client_cannot_see_or_stop_someone_elses_grant(grant, stranger):
    client = login(Client(), stranger)
    confirm_recently(client)
    assert client.post(reverse("practice:sharing_revoke", args=[grant.pk])).status_code == 404
    assert client.post(reverse("practice:sharing_change", args=[grant.pk])).status_code == 404
    assert Grant.objects.get(pk=grant.pk).revoked_at is None


# --- invitations -------------------------------------------------------------------------------


def _accept(client, therapist, code, scopes=("reflection_scores",)):
    ref = services.therapist_membership(user=therapist).public_ref
    return client.post(
        reverse("practice:connect", args=[ref]), {"code": code, "scopes": list(scopes)}
    )


def test_a_client_accepts_an_invitation_and_chooses_what_to_share(alice, therapist):
    issued = services.client_invitation_create(therapist=therapist)
    client = login(Client(), alice)
    confirm_recently(client)
    page = client.get(
        reverse("practice:connect", args=[services.therapist_membership(user=therapist).public_ref])
    ).content.decode()
    assert "dr-rowan" in page and "Harbour Therapy" in page
    response = _accept(client, therapist, issued.code.lower(), ["reflection_scores"])
    assert response.status_code == 302
    grant = Grant.objects.get(client=alice, therapist=therapist)
    assert grant.scopes == ["reflection_scores"]


def test_only_a_hash_of_the_code_is_stored(therapist):
    issued = services.client_invitation_create(therapist=therapist)
    stored = ClientInvitation.objects.get(pk=issued.invitation.pk)
    assert issued.code.replace("-", "") not in stored.code_hash
    assert stored.code_hash == services.code_hash(issued.code)


def test_a_used_code_is_refused(alice, stranger, therapist):
    issued = services.client_invitation_create(therapist=therapist)
    share_client = login(Client(), alice)
    confirm_recently(share_client)
    assert _accept(share_client, therapist, issued.code).status_code == 302
    again = login(Client(), stranger)
    confirm_recently(again)
    response = _accept(again, therapist, issued.code)
    assert response.status_code == 200
    assert "didn’t work" in response.content.decode()
    assert not Grant.objects.filter(client=stranger).exists()


def test_an_expired_code_is_refused(alice, therapist):
    issued = services.client_invitation_create(therapist=therapist)
    ClientInvitation.objects.filter(pk=issued.invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    client = login(Client(), alice)
    confirm_recently(client)
    assert "didn’t work" in _accept(client, therapist, issued.code).content.decode()
    assert not Grant.objects.filter(client=alice).exists()


def test_a_code_from_another_therapist_is_refused(alice, therapist, other_therapist):
    issued = services.client_invitation_create(therapist=other_therapist)
    client = login(Client(), alice)
    confirm_recently(client)
    assert "didn’t work" in _accept(client, therapist, issued.code).content.decode()
    assert not Grant.objects.filter(client=alice).exists()
    # ... and the code still works with the therapist who made it.
    assert _accept(client, other_therapist, issued.code).status_code == 302


def test_a_made_up_code_and_a_self_invitation_are_refused(therapist):
    issued = services.client_invitation_create(therapist=therapist)
    ref = services.therapist_membership(user=therapist).public_ref
    with pytest.raises(services.InvitationRefused):
        services.grant_accept(
            client=make_user("x"), therapist_ref=ref, code="AAAA-BBBB-CCCC", scopes=[]
        )
    with pytest.raises(services.InvitationRefused):
        services.grant_accept(client=therapist, therapist_ref=ref, code=issued.code, scopes=[])


def test_raw_words_are_never_shared_by_default(alice, therapist):
    client = login(Client(), alice)
    confirm_recently(client)
    page = client.get(
        reverse("practice:connect", args=[services.therapist_membership(user=therapist).public_ref])
    ).content.decode()
    assert 'value="reflection_scores"' in page
    for raw in ("journal_text", "conversations", "safety_flags"):
        assert f'value="{raw}" checked' not in page


def test_a_therapist_joins_a_practice_with_a_single_use_code(practice, practice_admin, stranger):
    code = services.therapist_invite_create(practice=practice, admin=practice_admin)
    client = login(Client(), stranger)
    assert client.post(reverse("practice:join"), {"code": code}).status_code == 302
    assert services.therapist_membership(user=stranger).practice == practice
    other = login(Client(), make_user("someone"))
    response = other.post(reverse("practice:join"), {"code": code})
    assert "didn’t work" in response.content.decode()


def test_the_client_can_change_what_they_share(grant, alice):
    client = login(Client(), alice)
    confirm_recently(client)
    url = reverse("practice:sharing_change", args=[grant.pk])
    assert client.post(url, {f"g{grant.pk}-scopes": ["safety_flags"]}).status_code == 302
    grant.refresh_from_db()
    assert grant.scopes == ["safety_flags"]


def test_sharing_again_with_the_same_therapist_updates_the_one_grant(grant, alice, therapist):
    share(alice, therapist, scopes=["safety_flags"])
    grants = Grant.objects.filter(client=alice, therapist=therapist, revoked_at__isnull=True)
    assert [g.scopes for g in grants] == [["safety_flags"]]


def test_letting_a_therapist_in_asks_for_the_password_again_first(therapist, alice):
    pytest.importorskip("feltsafe.web.accounts.reauth")
    client = login(Client(), alice)
    session = client.session
    session.pop("feltsafe_auth_at", None)  # logging in counts as recent: make it long ago
    session.save()
    ref = services.therapist_membership(user=therapist).public_ref
    response = client.get(reverse("practice:connect", args=[ref]))
    assert response.status_code == 302
    assert "reauth" in response["Location"] or "confirm" in response["Location"]


def test_an_emergency_reset_stops_sharing_with_every_therapist_at_once(
    alice, therapist, other_therapist
):
    first = share(alice, therapist)
    second = share(alice, other_therapist)
    assert services.practice_stop_everything(person=alice) == 2
    for grant, person in ((first, therapist), (second, other_therapist)):
        url = reverse("practice:client", args=[grant.pk])
        assert login(Client(), person).get(url).status_code == 404
