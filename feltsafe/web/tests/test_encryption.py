"""Free text is encrypted at rest, with the key outside the database (SECURITY.md 26)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from feltsafe.web import encryption
from feltsafe.web.reflections.models import Reflection
from feltsafe.web.reflections.services import reflection_start, reflection_submit
from feltsafe.web.safety.models import HarmScreen
from feltsafe.web.safety.services import harm_screen_record

MARKER = "zebra-lantern-7731 my private words"


@pytest.fixture
def keys(monkeypatch):
    """Use explicit keys for the test, and forget cached keys before and after."""

    def use(*keys: bytes) -> None:
        monkeypatch.setenv("FELTSAFE_FIELD_KEYS", ",".join(k.decode() for k in keys))
        encryption.keyring.cache_clear()

    yield use
    encryption.keyring.cache_clear()


def _raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_note_is_stored_encrypted_and_read_back_plain(alice, keys):
    keys(encryption.new_key().encode())
    reflection = reflection_submit(owner=alice, relationship_label="Mum", answers={}, note=MARKER)
    raw = _raw("reflections_reflection", "note", reflection.pk)
    assert MARKER not in raw and raw.startswith(encryption.PREFIX)
    assert Reflection.objects.get(pk=reflection.pk).note == MARKER


@pytest.mark.django_db(transaction=True)
def test_the_database_file_never_contains_the_text(alice, keys):
    if connection.vendor != "sqlite":
        pytest.skip("file scan is for SQLite; PostgreSQL is covered by the raw-row test")
    keys(encryption.new_key().encode())
    reflection_submit(owner=alice, relationship_label="Mum", answers={}, note=MARKER)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(FULL)")
    database = Path(connection.settings_dict["NAME"])
    files = [p for p in database.parent.glob(database.name + "*") if p.is_file()]
    assert files
    for path in files:
        assert MARKER.encode() not in path.read_bytes(), path


@pytest.mark.django_db
def test_a_wrong_key_raises_instead_of_showing_ciphertext(alice, keys):
    keys(encryption.new_key().encode())
    reflection = reflection_submit(owner=alice, relationship_label="Mum", answers={}, note=MARKER)
    keys(encryption.new_key().encode())
    with pytest.raises(encryption.DecryptionError):
        Reflection.objects.get(pk=reflection.pk)


@pytest.mark.django_db
def test_rotation_keeps_old_rows_readable_and_moves_them_to_the_new_key(alice, keys):
    old, new = encryption.new_key().encode(), encryption.new_key().encode()
    keys(old)
    reflection = reflection_submit(owner=alice, relationship_label="Mum", answers={}, note=MARKER)
    keys(new, old)
    assert Reflection.objects.get(pk=reflection.pk).note == MARKER
    counts = encryption.rotate_all()
    assert counts["reflections.Reflection.note"] == 1
    keys(new)
    assert Reflection.objects.get(pk=reflection.pk).note == MARKER


@pytest.mark.django_db
def test_empty_notes_stay_empty(alice, keys):
    keys(encryption.new_key().encode())
    reflection = reflection_start(owner=alice, relationship_label="Mum")
    assert _raw("reflections_reflection", "note", reflection.pk) == ""


@pytest.mark.django_db
def test_harm_screen_answers_are_encrypted(alice, keys):
    from feltsafe.safety import load_harm_screen

    keys(encryption.new_key().encode())
    relationship = reflection_start(owner=alice, relationship_label="my partner").relationship
    first = load_harm_screen().questions[0]
    screen, _ = harm_screen_record(owner=alice, relationship=relationship, answers={first.id: 1})
    raw = _raw("safety_harmscreen", "answers", screen.pk)
    assert first.id not in raw
    assert HarmScreen.objects.get(pk=screen.pk).answers == {first.id: 1}


def test_every_free_text_model_field_is_encrypted():
    """A guard for new code: long free-text fields in our apps must use the encrypted types."""
    from django.apps import apps
    from django.db import models

    allowed_plain = {
        # Set by the practice for the public "finding support" page, not personal data.
        ("practice", "Practice", "approach"),
    }
    plain = [
        (model._meta.app_label, model.__name__, field.name)
        for model in apps.get_models()
        if model.__module__.startswith("feltsafe.web")
        for field in model._meta.get_fields()
        if type(field) is models.TextField
    ]
    assert [p for p in plain if p not in allowed_plain] == []


def test_workers_starting_together_share_one_generated_key(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    path = tmp_path / "field_keys"
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: encryption._create_key_file_once(path), range(32)))
    keys = path.read_text().split()
    assert len(keys) == 1
    assert len(__import__("base64").urlsafe_b64decode(keys[0])) == 32
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in tmp_path.iterdir()] == ["field_keys"]
