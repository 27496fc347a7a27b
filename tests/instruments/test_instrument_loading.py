"""Instruments load from versioned data files; a saved response keeps its own version."""

from __future__ import annotations

import textwrap

import pytest

from feltsafe.instruments import (
    Dimension,
    Instrument,
    InstrumentFormatError,
    InstrumentLibrary,
    InstrumentNotFound,
    Item,
    Scale,
    available_instruments,
    available_versions,
    load_instrument,
)


def write_version(
    root, version, *, statement="I feel at ease.", instrument_id="demo", file_version=None
):
    folder = root / instrument_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{file_version or version}.toml").write_text(
        textwrap.dedent(
            f"""
            id = "{instrument_id}"
            version = "{version}"
            title = "Demo"
            description = "A demo."
            content_note = "Skip anything."
            disclaimer = "Not a clinical test."

            [scale]
            min = 1
            max = 3
            labels = ["No", "Somewhat", "Yes"]

            [[dimensions]]
            id = "ease"
            title = "Ease"
            description = "Being at ease."

            [[items]]
            id = "demo_ease_1"
            dimension = "ease"
            text = "{statement}"

            [[items]]
            id = "demo_ease_2"
            dimension = "ease"
            reverse = true
            text = "I brace myself."
            """
        ),
        encoding="utf-8",
    )


def test_the_emotional_safety_reflection_is_available():
    assert "esr" in available_instruments()
    assert "1.0" in available_versions("esr")


def test_loading_without_a_version_gives_the_newest():
    newest = available_versions("esr")[-1]
    assert load_instrument("esr").version == newest


def test_loading_by_version_gives_exactly_that_version():
    instrument = load_instrument("esr", "1.0")
    assert (instrument.id, instrument.version) == ("esr", "1.0")


def test_loaded_instruments_are_cached():
    assert load_instrument("esr", "1.0") is load_instrument("esr", "1.0")


def test_an_unknown_instrument_is_not_found_with_a_clear_message():
    with pytest.raises(InstrumentNotFound, match="no instrument called 'nope'.*esr"):
        load_instrument("nope")


def test_an_unknown_version_is_not_found_and_lists_the_known_ones():
    with pytest.raises(InstrumentNotFound, match=r"no version '0\.9'.*1\.0"):
        load_instrument("esr", "0.9")


@pytest.mark.parametrize("sneaky", ["../instruments", "esr/../esr", "", "ESR", "esr.toml"])
def test_ids_that_are_not_plain_names_are_never_looked_up(sneaky):
    with pytest.raises(InstrumentNotFound):
        load_instrument(sneaky)


@pytest.mark.parametrize("sneaky", ["../1.0", "1.0/../1.0", "latest", ""])
def test_versions_that_are_not_numbers_are_never_looked_up(sneaky):
    with pytest.raises(InstrumentNotFound):
        load_instrument("esr", sneaky)


def test_versions_compare_as_numbers_and_each_keeps_its_own_wording(tmp_path):
    for version in ["1.0", "1.9", "1.10", "0.5"]:
        write_version(tmp_path, version, statement=f"Wording of {version}.")
    library = InstrumentLibrary(tmp_path)
    assert library.available() == ["demo"]
    assert library.versions("demo") == ["0.5", "1.0", "1.9", "1.10"]
    assert library.load("demo").version == "1.10"
    for version in ["0.5", "1.0", "1.9", "1.10"]:
        loaded = library.load("demo", version)
        assert loaded.version == version
        assert loaded.item("demo_ease_1").text == f"Wording of {version}."


def test_a_file_must_agree_with_its_name(tmp_path):
    write_version(tmp_path, "2.0", file_version="1.0")
    with pytest.raises(InstrumentFormatError, match="file name"):
        InstrumentLibrary(tmp_path).load("demo", "1.0")


def test_a_malformed_file_says_what_is_wrong(tmp_path):
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "1.0.toml").write_text('id = "demo"\nversion = ', encoding="utf-8")
    with pytest.raises(InstrumentFormatError, match="not valid TOML"):
        InstrumentLibrary(tmp_path).load("demo")
    (folder / "1.0.toml").write_text('id = "demo"\nversion = "1.0"\n', encoding="utf-8")
    with pytest.raises(InstrumentFormatError, match=r"\[scale\]"):
        InstrumentLibrary(tmp_path).load("demo")


def test_an_empty_library_has_nothing(tmp_path):
    library = InstrumentLibrary(tmp_path / "missing")
    assert library.available() == []
    with pytest.raises(InstrumentNotFound):
        library.load("esr")


# ---- the model checks itself -----------------------------------------------------------

SCALE = Scale(1, 3, ("No", "Somewhat", "Yes"))


def build(dimensions, items):
    return Instrument("x", "1.0", "X", "d", "n", "disc", SCALE, tuple(dimensions), tuple(items))


def test_an_instrument_refuses_duplicate_or_orphan_ids_and_empty_dimensions():
    a = Dimension("a", "A", "About a.")
    b = Dimension("b", "B", "About b.")
    item = Item("a_1", "I feel at ease.", "a", False, SCALE)
    with pytest.raises(InstrumentFormatError, match="appears twice"):
        build([a, a], [item])
    with pytest.raises(InstrumentFormatError, match="appears twice"):
        build([a], [item, item])
    with pytest.raises(InstrumentFormatError, match="unknown dimension"):
        build([a], [item, Item("c_1", "t", "c", False, SCALE)])
    with pytest.raises(InstrumentFormatError, match="no items"):
        build([a, b], [item])


def test_a_scale_needs_one_label_per_value():
    with pytest.raises(InstrumentFormatError, match="needs 3 labels"):
        Scale(1, 3, ("No", "Yes"))
    with pytest.raises(InstrumentFormatError):
        Scale(3, 3, ("Only",))
    assert SCALE.label(2) == "Somewhat"
    assert 3 in SCALE and 4 not in SCALE and True not in SCALE


def test_lookups_by_id():
    instrument = load_instrument("esr")
    item = instrument.items[0]
    assert instrument.item(item.id) is item
    assert instrument.dimension(item.dimension).id == item.dimension
    assert item in instrument.items_for(item.dimension)
    with pytest.raises(KeyError):
        instrument.item("nope")
    with pytest.raises(KeyError):
        instrument.dimension("nope")
    with pytest.raises(KeyError):
        instrument.items_for("nope")


def test_instruments_are_immutable():
    instrument = load_instrument("esr")
    with pytest.raises(AttributeError):
        instrument.title = "Changed"  # type: ignore[misc]


def test_to_dict_has_exactly_the_documented_shape():
    instrument = load_instrument("esr")
    data = instrument.to_dict()
    assert set(data) == {"id", "version", "title", "dimensions", "items"}
    assert (data["id"], data["version"], data["title"]) == ("esr", "1.0", instrument.title)
    assert data["dimensions"] == [{"id": d.id, "title": d.title} for d in instrument.dimensions]
    assert len(data["items"]) == len(instrument.items)
    for entry, item in zip(data["items"], instrument.items, strict=True):
        assert entry == {
            "id": item.id,
            "text": item.text,
            "dimension": item.dimension,
            "reverse": item.reverse,
            "scale": {"min": 1, "max": 5},
        }
