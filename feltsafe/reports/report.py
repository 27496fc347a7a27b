"""Turn a score result into a compassionate, descriptive reflection report."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from feltsafe.instruments import Instrument, ScoreResult
from feltsafe.reports.narratives import load_narratives

FREE_AT_LEAST = 60.0
"""A dimension scoring at least this is listed among the areas where you may feel free."""
GUARDED_BELOW = 50.0
"""A dimension scoring below this is listed among the areas where you may feel guarded."""

DEFAULT_RELATIONSHIP = "this person"
WIDTH = 78


@dataclass(frozen=True)
class DimensionNarrative:
    dimension_id: str
    title: str
    score: float | None
    band_label: str | None
    may_reflect: str
    does_not_mean: str


@dataclass(frozen=True)
class ReflectionReport:
    relationship: str
    instrument_id: str
    version: str
    intro: str
    dimensions: tuple[DimensionNarrative, ...]
    free_areas: tuple[str, ...]
    """Titles of the dimensions scoring at least 60, highest first."""
    guarded_areas: tuple[str, ...]
    """Titles of the dimensions scoring below 50, lowest first."""
    prompts: tuple[str, ...]
    disclaimer: str
    support_note: str


def build_reflection_report(
    result: ScoreResult, instrument: Instrument, relationship: str, *, at_risk: bool = False
) -> ReflectionReport:
    """Describe each dimension of `result` in words, with prompts and a pointer to support.

    `instrument` must be the exact version the answers were scored on. Dimensions without
    enough answers get a kind note instead of a number. `at_risk` (the person's private harm
    screen was positive for this relationship) replaces any suggestion of couples work or joint
    repair with individual and specialist support.
    """
    if (result.instrument_id, result.version) != (instrument.id, instrument.version):
        raise ValueError(
            f"These scores come from {result.instrument_id!r} version {result.version!r}, "
            f"not {instrument.id!r} version {instrument.version!r}."
        )
    narratives = load_narratives(instrument.id)
    name = " ".join(relationship.split()) or DEFAULT_RELATIONSHIP
    dimensions = []
    for dimension_score in result.dimensions:
        dimension = dimension_score.dimension
        text = narratives.for_dimension(dimension.id)
        band = dimension_score.band
        dimensions.append(
            DimensionNarrative(
                dimension_id=dimension.id,
                title=dimension.title,
                score=dimension_score.score,
                band_label=band.label if band is not None else None,
                may_reflect=(
                    text.may_reflect[band.id] if band is not None else narratives.not_enough
                ),
                does_not_mean=text.does_not_mean,
            )
        )
    scored = [(d.dimension.title, d.score) for d in result.dimensions if d.score is not None]
    # sorted() is stable, so equal scores keep the instrument's order.
    free = sorted((e for e in scored if e[1] >= FREE_AT_LEAST), key=lambda e: -e[1])
    guarded = sorted((e for e in scored if e[1] < GUARDED_BELOW), key=lambda e: e[1])
    return ReflectionReport(
        relationship=name,
        instrument_id=instrument.id,
        version=instrument.version,
        intro=narratives.intro.replace("{relationship}", name),
        dimensions=tuple(dimensions),
        free_areas=tuple(title for title, _ in free),
        guarded_areas=tuple(title for title, _ in guarded),
        prompts=narratives.prompts,
        disclaimer=instrument.disclaimer,
        support_note=narratives.at_risk_support_note if at_risk else narratives.support_note,
    )


def _format_score(score: float) -> str:
    return f"{score:g} out of 100"


def _paragraph(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(
        " ".join(text.split()),
        width=WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )


def render_report_text(report: ReflectionReport) -> str:
    """The report as plain text for a terminal, wrapped to 78 columns."""
    heading = f"Your reflection on {report.relationship}"
    parts = [heading, "=" * min(len(heading), WIDTH), "", _paragraph(report.intro), ""]
    for dimension in report.dimensions:
        if dimension.score is None:
            parts.append(f"{dimension.title}: not enough answers for a number")
        else:
            parts.append(
                f"{dimension.title}: {_format_score(dimension.score)} ({dimension.band_label})"
            )
        parts.append(_paragraph(dimension.may_reflect, "  "))
        parts.append(_paragraph(f"What this does not mean: {dimension.does_not_mean}", "  "))
        parts.append("")
    if report.free_areas:
        parts.append(_paragraph("Where you may feel most free: " + ", ".join(report.free_areas)))
    if report.guarded_areas:
        parts.append(
            _paragraph("Where you may feel more guarded: " + ", ".join(report.guarded_areas))
        )
    if report.free_areas or report.guarded_areas:
        parts.append("")
    parts.append("Questions to sit with")
    for prompt in report.prompts:
        parts.append(_paragraph(prompt, "    ", first="  - "))
    parts += ["", "Finding support", _paragraph(report.support_note, "  ")]
    parts += ["", "About this reflection", _paragraph(report.disclaimer, "  ")]
    parts.append(f"  ({report.instrument_id}, version {report.version})")
    return "\n".join(parts) + "\n"
