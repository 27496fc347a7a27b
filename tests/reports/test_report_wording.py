"""A wording guard: nothing a person reads may judge, diagnose, blame or tell them to leave or stay.

It scans every string in the instrument and report data files, the band labels and summaries,
the support page and rendered reports.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import feltsafe.instruments
import feltsafe.reports
from feltsafe.instruments import BANDS, load_instrument, score_answers
from feltsafe.reports import FINDING_SUPPORT, build_reflection_report, render_report_text

DENY = re.compile(
    r"\b("
    r"disorder\w*|toxic\w*|broken|narcissis\w*|fail\w*|abnormal\w*|pathologi\w*|dysfunction\w*"
    r"|crazy|insane|psycho|psychotic|hysteric\w*|neurotic|damaged|defective|flaw\w*"
    r"|codependen\w*|unhealthy|weak\w*|manipulat\w*|abuser\w*|sick"
    r"|(you|they) should (leave|stay)|leave (them|him|her|the relationship)"
    r"|end the relationship|your fault|their fault|red flags?"
    r")\b",
    re.IGNORECASE,
)

DATA_DIRS = [
    Path(feltsafe.instruments.__file__).parent / "data",
    Path(feltsafe.reports.__file__).parent / "data",
]
DATA_FILES = sorted(path for root in DATA_DIRS for path in root.rglob("*.toml"))


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from strings_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from strings_in(inner)


def test_the_guard_catches_what_it_should():
    for bad in ["Failing at love", "a DYSFUNCTIONAL pattern", "toxic", "you should leave"]:
        assert DENY.search(bad), bad
    for fine in ["guarded", "a protective pattern", "psychological test", "support"]:
        assert not DENY.search(fine), fine


def test_there_are_data_files_to_scan():
    names = {path.name for path in DATA_FILES}
    assert {"1.0.toml", "esr_narratives.toml", "finding_support.toml"} <= names


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_data_files_use_no_judgmental_or_diagnostic_words(path):
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    found = [(m.group(0), text) for text in strings_in(data) for m in DENY.finditer(text)]
    assert found == []


def test_band_labels_and_summaries_use_no_judgmental_words():
    for band in BANDS:
        assert not DENY.search(band.label) and not DENY.search(band.summary), band.id


def test_the_support_page_uses_no_judgmental_words():
    for heading, paragraph in FINDING_SUPPORT:
        assert not DENY.search(heading) and not DENY.search(paragraph), heading


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_rendered_reports_use_no_judgmental_words(value):
    esr = load_instrument("esr")
    answers = {item.id: value for item in esr.items}
    text = render_report_text(build_reflection_report(score_answers(esr, answers), esr, "them"))
    assert not DENY.search(text)
