"""Shared fixtures: named people, including one with no access to anyone else's data."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD  # noqa: E402


@pytest.fixture
def alice(db):
    from django.contrib.auth.models import User

    return User.objects.create_user(username="alice", password=PASSWORD)


@pytest.fixture
def stranger(db):
    """Someone with an account and no relationship to anyone else's data."""
    from django.contrib.auth.models import User

    return User.objects.create_user(username="stranger", password=PASSWORD)


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def stranger_client(client, stranger):
    client.force_login(stranger)
    return client


@pytest.fixture
def esr():
    from feltsafe.instruments import load_instrument

    return load_instrument("esr")


@pytest.fixture
def schema(client):
    """The API's OpenAPI document, fetched the way any client reads it."""
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()
