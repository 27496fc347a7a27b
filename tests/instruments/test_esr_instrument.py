"""The Emotional Safety Reflection, version 1.0: its shape and its promises to the person."""

from __future__ import annotations

import re

import pytest

from feltsafe.instruments import load_instrument

DIMENSIONS = [
    "be_myself",
    "feelings_welcome",
    "disagreement_repair",
    "responsiveness",
    "respect",
    "accountability",
    "care_freedom",
    "inner_safety",
]


@pytest.fixture(scope="module")
def esr():
    return load_instrument("esr", "1.0")


def test_it_has_the_eight_dimensions_in_order(esr):
    assert [d.id for d in esr.dimensions] == DIMENSIONS
    for dimension in esr.dimensions:
        assert dimension.title and dimension.description.endswith(".")


def test_every_dimension_has_four_items_and_ids_are_unique(esr):
    assert len(esr.items) == 32
    assert len({item.id for item in esr.items}) == len(esr.items)
    for dimension_id in DIMENSIONS:
        items = esr.items_for(dimension_id)
        assert len(items) == 4
        assert [item.id for item in items] == [f"esr_{dimension_id}_{n}" for n in range(1, 5)]


def test_every_items_dimension_exists(esr):
    known = {d.id for d in esr.dimensions}
    assert all(item.dimension in known for item in esr.items)


def test_several_items_are_reverse_keyed_and_every_dimension_has_one(esr):
    assert 8 <= sum(item.reverse for item in esr.items) <= 12
    for dimension_id in DIMENSIONS:
        assert any(item.reverse for item in esr.items_for(dimension_id))
        assert not all(item.reverse for item in esr.items_for(dimension_id))


def test_it_uses_a_five_point_agreement_scale(esr):
    assert (esr.scale.min, esr.scale.max) == (1, 5)
    assert esr.scale.labels[0] == "Strongly disagree"
    assert esr.scale.labels[-1] == "Strongly agree"
    assert all(item.scale == esr.scale for item in esr.items)


def test_items_are_first_person_and_fit_any_relationship(esr):
    relationship_words = re.compile(
        r"\b(partner|spouse|husband|wife|boyfriend|girlfriend|mother|father|mum|dad|boss)\b", re.I
    )
    for item in esr.items:
        assert "{" not in item.text and "}" not in item.text, item.id
        assert not relationship_words.search(item.text), item.id
        assert re.search(r"\b(I|me|my|we|We|us)\b", item.text), item.id
        assert item.text.endswith("."), item.id


def test_the_content_note_offers_skipping_pausing_honesty_and_support(esr):
    note = esr.content_note.lower()
    assert "skip" in note
    assert "pause" in note
    assert "not a clinical test" in note
    assert "afraid" in note and "support" in note


def test_the_disclaimer_says_it_is_a_reflection_aid_not_a_clinical_test(esr):
    disclaimer = esr.disclaimer.lower()
    assert "reflection aid" in disclaimer
    assert "not been validated" in disclaimer
    assert "does not diagnose" in disclaimer
