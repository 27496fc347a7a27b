"""Building blocks for the couples tests: people, links, reflections, outputs to compare."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from feltsafe.instruments import load_instrument
from feltsafe.web.couples import services
from feltsafe.web.couples.models import Link
from feltsafe.web.reflections.models import Reflection
from feltsafe.web.reflections.services import reflection_submit, relationship_get_or_create
from tests.factories import PASSWORD

CRISIS_TEXT = "I have the pills saved up and I don't want to be here anymore"
DENIED_KEYS = {
    "last_seen",
    "online",
    "updated_at",
    "read",
    "read_at",
    "streak",
    "note",
    "answers",
    "harm",
    "screen",
    "harm_screen",
    "created_at",
    "completed_at",
    "started_at",
    "username",
    "email",
    "concerns",
    "positive",
    "at_risk",
}


def person(username: str) -> User:
    return User.objects.create_user(username=username, password=PASSWORD)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def link(
    inviter: User,
    invitee: User,
    inviter_label: str = "my partner",
    invitee_label: str = "my partner",
) -> Link:
    relationship = relationship_get_or_create(owner=inviter, label=inviter_label)
    new = services.invite_create(owner=inviter, relationship=relationship)
    return services.invite_accept(
        person=invitee, code=new.code, relationship_label=invitee_label
    ).link


def side(link_: Link, user: User) -> services.LinkSide:
    return services.link_get(person=user, pk=link_.pk)


def answers_for(scores_by_dimension: dict[str, int]) -> dict[str, int]:
    """Every item of a dimension answered so that it points `level` (1-5) towards feeling safe."""
    esr = load_instrument("esr")
    answers = {}
    for item in esr.items:
        level = scores_by_dimension.get(item.dimension, 4)
        answers[item.id] = (6 - level) if item.reverse else level
    return answers


def reflect(user: User, label: str = "my partner", note: str = "", **levels: int) -> Reflection:
    return reflection_submit(
        owner=user, relationship_label=label, answers=answers_for(levels), note=note
    )


def share_reflection(link_: Link, user: User, reflection: Reflection) -> Any:
    return services.share_create(
        side=side(link_, user), kind="reflection_scores", object_id=reflection.pk
    )


_VOLATILE = [
    (
        re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'),
        'name="csrfmiddlewaretoken" value=""',
    ),
    (re.compile(r'nonce="[^"]+"'), 'nonce=""'),
]


def normalised(body: bytes | str) -> str:
    """A page with its CSRF tokens and CSP nonces blanked, for byte-for-byte comparison."""
    text = body.decode() if isinstance(body, bytes) else body
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def keys_in(value: Any) -> set[str]:
    """Every key anywhere in a JSON value."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            found.add(key)
            found |= keys_in(inner)
    elif isinstance(value, list):
        for inner in value:
            found |= keys_in(inner)
    return found
