"""The crisis and abuse resource directory: every country a person may pick can reach help."""

from __future__ import annotations

import json
import tomllib

import pytest

from feltsafe.safety import (
    Channel,
    Resource,
    ResourceDirectory,
    available_countries,
    load_directory,
    resource_from_dict,
)
from feltsafe.safety.resources import CHANNEL_KINDS, RESOURCES_DIR

COUNTRIES = ["US", "GB", "CA", "AU", "IE", "INT"]


def test_every_country_file_is_listed_with_the_international_list_last():
    codes = [code for code, _ in available_countries()]
    assert set(codes) == set(COUNTRIES)
    assert codes[-1] == "INT"
    assert all(name for _, name in available_countries())


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_country_has_an_emergency_number_a_crisis_line_and_an_abuse_line(country):
    directory = load_directory(country)
    assert directory.country == country
    assert directory.emergency.strip()
    assert len(directory.crisis) >= 1
    assert len(directory.abuse) >= 1
    assert all(r.kind == "crisis" for r in directory.crisis)
    assert all(r.kind == "abuse" for r in directory.abuse)
    assert directory.last_reviewed == "2026-11"
    assert "anonymous" in directory.confidentiality_note


@pytest.mark.parametrize("country", COUNTRIES)
def test_every_line_says_how_to_reach_it(country):
    directory = load_directory(country)
    for resource in directory.crisis + directory.abuse:
        assert resource.name and resource.description and resource.hours
        assert resource.channels
        for channel in resource.channels:
            assert channel.kind in CHANNEL_KINDS
            assert channel.value.strip()
            if channel.kind == "web":
                assert channel.value.startswith("https://"), channel


@pytest.mark.parametrize("country", ["US", "GB", "CA", "AU", "IE"])
def test_a_country_has_a_free_crisis_line_to_call_or_text(country):
    directory = load_directory(country)
    assert any(
        r.free and any(c.kind in ("call", "text") for c in r.channels) for r in directory.crisis
    )


def test_well_known_numbers_are_where_people_expect_them():
    us = load_directory("US")
    assert any(c.value == "988" for r in us.crisis for c in r.channels)
    assert any(c.value == "1-800-799-7233" for r in us.abuse for c in r.channels)
    gb = load_directory("GB")
    assert any(c.value == "116 123" for r in gb.crisis for c in r.channels)
    assert any("85258" in c.value for r in gb.crisis for c in r.channels)
    assert any(c.value == "0808 2000 247" for r in gb.abuse for c in r.channels)
    au = load_directory("AU")
    assert any(c.value == "13 11 14" for r in au.crisis for c in r.channels)
    assert any(c.value == "1800 737 732" for r in au.abuse for c in r.channels)
    assert load_directory("IE").emergency.startswith("112")
    assert load_directory("CA").emergency == "911"


@pytest.mark.parametrize("country", [None, "", "FR", "zz", "../GB", "shared", "  "])
def test_an_unknown_or_missing_country_falls_back_to_the_international_list(country):
    directory = load_directory(country)
    assert directory.country == "INT"
    assert directory.crisis and directory.abuse


@pytest.mark.parametrize(("typed", "code"), [("gb", "GB"), (" us ", "US"), ("UK", "GB")])
def test_country_codes_are_forgiving(typed, code):
    assert load_directory(typed).country == code


def test_a_practices_local_resources_are_appended_as_local():
    refuge = resource_from_dict(
        {
            "name": "Harbour Refuge",
            "description": "Our local refuge and outreach team.",
            "channels": [{"kind": "call", "value": "01632 960000"}],
            "hours": "Weekdays 9 to 5",
            "free": True,
        }
    )
    crisis_team = Resource(
        name="Night Crisis Team",
        description="Walk-in crisis support.",
        kind="crisis",
        channels=(Channel("web", "https://example.org/crisis"),),
        hours="Every night",
        free=True,
    )
    directory = load_directory("GB", extra=[refuge, crisis_team])
    assert [r.name for r in directory.local] == ["Harbour Refuge", "Night Crisis Team"]
    assert all(r.kind == "local" for r in directory.local)
    assert directory.crisis == load_directory("GB").crisis  # the national lists are untouched
    assert load_directory("GB").local == ()  # and the cached directory is not changed


def test_to_dict_is_plain_json():
    data = load_directory("US").to_dict()
    again = json.loads(json.dumps(data))
    assert again == data
    assert set(data) == {
        "country",
        "country_name",
        "emergency",
        "crisis",
        "abuse",
        "local",
        "confidentiality_note",
        "last_reviewed",
    }
    assert data["crisis"][0]["channels"][0] == {
        "kind": "call",
        "value": "988",
        "note": data["crisis"][0]["channels"][0]["note"],
    }


def test_directories_are_immutable_values():
    directory = load_directory("AU")
    assert isinstance(directory, ResourceDirectory)
    with pytest.raises(AttributeError):
        directory.emergency = "nothing"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"description": "x", "channels": [{"kind": "call", "value": "1"}]}, "name"),
        ({"name": "A", "channels": [{"kind": "call", "value": "1"}]}, "description"),
        ({"name": "A", "description": "x", "channels": []}, "channels"),
        ({"name": "A", "description": "x", "channels": "call 1"}, "channels"),
        ({"name": "A", "description": "x", "channels": [{"kind": "fax", "value": "1"}]}, "fax"),
        ({"name": "A", "description": "x", "channels": [{"kind": "call", "value": " "}]}, "value"),
        ({"name": "A", "description": "x", "channels": [{"kind": "call"}]}, "value"),
        ({"name": "A", "description": "x", "channels": ["call 1"]}, "channel"),
        (
            {
                "name": "A",
                "description": "x",
                "channels": [{"kind": "call", "value": "1"}],
                "free": "yes",
            },
            "free",
        ),
        (
            {
                "name": "A",
                "description": "x",
                "channels": [{"kind": "call", "value": "1"}],
                "kind": "hotline",
            },
            "kind",
        ),
        (
            {
                "name": "A",
                "description": "x",
                "channels": [{"kind": "call", "value": "1"}],
                "phone": "1",
            },
            "phone",
        ),
    ],
)
def test_resource_from_dict_says_what_is_wrong(data, message):
    with pytest.raises(ValueError, match=message):
        resource_from_dict(data)


def test_resource_from_dict_defaults_are_cautious():
    resource = resource_from_dict(
        {"name": "A", "description": "x", "channels": [{"kind": "text", "value": "Text A to 1"}]}
    )
    assert resource.kind == "local"
    assert resource.free is False  # never claim a line is free unless the data says so
    assert resource.hours == ""
    assert resource.channels == (Channel("text", "Text A to 1"),)


def test_every_resource_file_is_valid_toml_with_only_known_keys():
    for path in RESOURCES_DIR.glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert data.get("last_reviewed") == "2026-11", path.name
