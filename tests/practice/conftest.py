"""People of the practice tests: an admin, two therapists, and a client (alice) who shares."""

from __future__ import annotations

import time

import pytest

from tests.factories import PASSWORD


def make_user(username):
    from django.contrib.auth.models import User

    return User.objects.create_user(username=username, password=PASSWORD)


def confirm_recently(client):
    """As if the person had just typed their password again (for re-auth-guarded views)."""
    session = client.session
    session["feltsafe_auth_at"] = int(time.time())
    session.save()


def share(client_user, therapist, scopes=("reflection_scores", "safety_flags")):
    """The client accepts a fresh invitation from `therapist`, sharing `scopes`."""
    from feltsafe.web.practice import services

    issued = services.client_invitation_create(therapist=therapist)
    membership = services.therapist_membership(user=therapist)
    return services.grant_accept(
        client=client_user,
        therapist_ref=membership.public_ref,
        code=issued.code,
        scopes=list(scopes),
    )


@pytest.fixture
def practice_admin(db):
    return make_user("pat-admin")


@pytest.fixture
def practice(practice_admin):
    from feltsafe.web.practice.services import practice_create

    return practice_create(name="Harbour Therapy", admin=practice_admin)


def _join(practice, admin, user):
    from feltsafe.web.practice import services

    code = services.therapist_invite_create(practice=practice, admin=admin)
    return services.therapist_join(user=user, code=code)


@pytest.fixture
def therapist(practice, practice_admin):
    user = make_user("dr-rowan")
    _join(practice, practice_admin, user)
    return user


@pytest.fixture
def other_therapist(practice, practice_admin):
    """A therapist in the same practice whom the client never invited."""
    user = make_user("dr-morgan")
    _join(practice, practice_admin, user)
    return user


@pytest.fixture
def grant(alice, therapist):
    return share(alice, therapist)


def login(client, user):
    client.force_login(user)
    return client
