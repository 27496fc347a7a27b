"""The practice pages a person meets, through Django's test client."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feltsafe.web.practice import services
from feltsafe.web.practice.models import Assignment, Practice
from feltsafe.web.reflections.services import reflection_submit
from tests.factories import answers_at
from tests.practice.conftest import login

pytestmark = pytest.mark.django_db

CRISIS_TEXT = "I have the pills saved up and I don't want to be here anymore"


def _png(size=(40, 20)):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (47, 111, 106)).save(out, format="PNG")
    return out.getvalue()


def test_a_client_sees_their_therapists_and_can_stop_sharing(grant, alice):
    client = login(Client(), alice)
    page = client.get(reverse("practice:sharing")).content.decode()
    assert "dr-rowan" in page and "Stop sharing with dr-rowan" in page
    home = client.get(reverse("practice:home")).content.decode()
    assert "dr-rowan (Harbour Therapy)" in home


def test_a_therapist_lands_on_their_client_list(grant, therapist):
    client = login(Client(), therapist)
    response = client.get(reverse("practice:home"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "alice" in page and "Invite a client" in page


def test_a_therapist_makes_an_invitation_with_a_link_and_a_one_time_code(therapist):
    client = login(Client(), therapist)
    page = client.post(reverse("practice:invite_client")).content.decode()
    ref = services.therapist_membership(user=therapist).public_ref
    assert reverse("practice:connect", args=[ref]) in page
    assert 'data-testid="invitation-code"' in page


def test_someone_who_is_not_a_therapist_cannot_invite(stranger):
    client = login(Client(), stranger)
    assert client.post(reverse("practice:invite_client")).status_code == 404
    assert client.get(reverse("practice:dashboard")).status_code == 404


def test_flags_show_the_fact_and_the_date_never_the_words(grant, alice, therapist, esr):
    reflection_submit(
        owner=alice, relationship_label="my partner", answers=answers_at(esr, 3), note=CRISIS_TEXT
    )
    client = login(Client(), therapist)
    for url in (reverse("practice:dashboard"), reverse("practice:client", args=[grant.pk])):
        page = client.get(url).content.decode()
        assert "may point to a crisis" in page
        assert "pills" not in page


def test_flags_stay_private_unless_the_client_shares_them(alice, therapist, esr):
    from tests.practice.conftest import share

    grant = share(alice, therapist, scopes=["reflection_scores"])
    reflection_submit(
        owner=alice, relationship_label="my partner", answers=answers_at(esr, 3), note=CRISIS_TEXT
    )
    page = login(Client(), therapist).get(reverse("practice:client", args=[grant.pk]))
    assert "may point to a crisis" not in page.content.decode()


def test_a_positive_harm_screen_is_flagged_when_shared(grant, alice, therapist, esr):
    pytest.importorskip("feltsafe.web.safety.models")
    from feltsafe.web.reflections.services import relationship_get_or_create
    from feltsafe.web.safety.models import HarmScreen

    relationship = relationship_get_or_create(owner=alice, label="my partner")
    HarmScreen.objects.create(
        owner=alice,
        relationship=relationship,
        screen_version="1",
        answers={"afraid": 1},
        positive=True,
        concerns=["afraid"],
    )
    page = login(Client(), therapist).get(reverse("practice:dashboard")).content.decode()
    assert "A private safety screen pointed to possible harm" in page
    assert "afraid" not in page


def test_the_client_page_shows_change_over_time_with_an_honest_note(grant, alice, therapist, esr):
    reflection_submit(owner=alice, relationship_label="my partner", answers=answers_at(esr, 2))
    reflection_submit(owner=alice, relationship_label="my partner", answers=answers_at(esr, 4))
    page = login(Client(), therapist).get(reverse("practice:client", args=[grant.pk]))
    text = page.content.decode()
    assert "Reflections over time" in text
    assert "has no norms yet" in text
    assert "<svg" in text and "<table" in text


def test_a_therapist_suggests_a_check_in_or_reflection_and_the_client_sees_it_due(
    grant, alice, therapist
):
    client = login(Client(), therapist)
    response = client.post(
        reverse("practice:assignment_new", args=[grant.pk]),
        {"kind": "reflection", "cadence": "fortnightly", "start_date": timezone.localdate()},
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(grant=grant)
    assert assignment.cadence == "fortnightly"
    home = login(Client(), alice).get(reverse("dashboard")).content.decode()
    assert "Suggested by your therapist" in home
    assert "every two weeks" in home
    assert "as much or as little as you like" in home
    client.post(reverse("practice:assignment_end", args=[grant.pk, assignment.pk]))
    home = login(Client(), alice).get(reverse("dashboard")).content.decode()
    assert "Suggested by your therapist" not in home


def test_an_overdue_suggestion_is_a_quiet_note_for_the_therapist(grant, therapist):
    services.assignment_create(
        grant=grant,
        kind="reflection",
        cadence="weekly",
        start_date=timezone.localdate() - timedelta(days=5),
    )
    page = login(Client(), therapist).get(reverse("practice:dashboard")).content.decode()
    assert "not yet answered" in page


def test_a_suggestion_needs_what_it_follows_to_be_shared(alice, therapist):
    from tests.practice.conftest import share

    grant = share(alice, therapist, scopes=["safety_flags"])
    with pytest.raises(services.PracticeInputError):
        services.assignment_create(
            grant=grant, kind="reflection", cadence="weekly", start_date=timezone.localdate()
        )


def test_the_admin_sets_the_front_door_and_it_shows_on_finding_support(practice, practice_admin):
    client = login(Client(), practice_admin)
    response = client.post(
        reverse("practice:manage", args=[practice.pk]),
        {
            "name": "Harbour Therapy",
            "approach": "Trauma-informed individual therapy and couples therapy.",
            "contact_url": "https://harbour.example/book",
            "listed": "on",
            "logo": io.BytesIO(_png()),
        },
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.logo_file.endswith(".png")
    support = Client().get(reverse("finding_support")).content.decode()
    assert "Trauma-informed individual therapy and couples therapy." in support
    assert "https://harbour.example/book" in support
    logo = Client().get(reverse("practice:logo", args=[practice.pk]))
    assert logo.status_code == 200 and logo.content.startswith(b"\x89PNG")


def test_a_logo_must_be_an_image_by_its_bytes(practice, practice_admin):
    client = login(Client(), practice_admin)
    fake = io.BytesIO(b"<svg onload=alert(1)></svg>")
    fake.name = "logo.png"
    response = client.post(
        reverse("practice:manage", args=[practice.pk]),
        {"name": "Harbour Therapy", "logo": fake},
    )
    assert response.status_code == 200
    assert "PNG or JPEG" in response.content.decode()
    assert Practice.objects.get(pk=practice.pk).logo_file == ""


def test_a_logo_is_stored_outside_the_web_root(practice):
    from django.conf import settings

    from feltsafe.web.practice import logos

    logos.practice_logo_set(practice=practice, data=_png())
    path = logos.logo_dir() / practice.logo_file
    assert path.is_file()
    assert not str(path).startswith(str(settings.STATIC_ROOT))


def test_crisis_words_in_the_practice_description_lead_to_support(practice, practice_admin):
    client = login(Client(), practice_admin)
    response = client.post(
        reverse("practice:manage", args=[practice.pk]),
        {"name": "Harbour Therapy", "approach": CRISIS_TEXT},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("safety:crisis"))
    practice.refresh_from_db()
    assert practice.approach == CRISIS_TEXT  # saved first, then support


def test_an_unlisted_practice_stays_off_the_support_page(practice):
    Practice.objects.filter(pk=practice.pk).update(listed=False, approach="Quiet place")
    assert "Quiet place" not in Client().get(reverse("finding_support")).content.decode()
