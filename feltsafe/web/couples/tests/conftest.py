from __future__ import annotations

import pytest

from feltsafe.web.couples.tests.helpers import client_for, person


@pytest.fixture
def bob(db):
    return person("bob")


@pytest.fixture
def carol(db):
    """Someone whose link with alice has ended: an ex-partner."""
    return person("carol")


@pytest.fixture
def bob_client(bob):
    return client_for(bob)
