"""Compassionate report text from scores: describe, never diagnose, never blame.

The words live in `feltsafe/reports/data/*.toml`; this package picks the right ones for a
score result and renders them for any interface.
"""

from feltsafe.reports.narratives import (
    NarrativeFormatError,
    Narratives,
    load_finding_support,
    load_narratives,
)
from feltsafe.reports.report import (
    FREE_AT_LEAST,
    GUARDED_BELOW,
    DimensionNarrative,
    ReflectionReport,
    build_reflection_report,
    render_report_text,
)

FINDING_SUPPORT: tuple[tuple[str, str], ...] = load_finding_support()
"""(heading, paragraph) sections for the "Finding support" page."""

__all__ = [
    "FINDING_SUPPORT",
    "FREE_AT_LEAST",
    "GUARDED_BELOW",
    "DimensionNarrative",
    "NarrativeFormatError",
    "Narratives",
    "ReflectionReport",
    "build_reflection_report",
    "load_finding_support",
    "load_narratives",
    "render_report_text",
]
