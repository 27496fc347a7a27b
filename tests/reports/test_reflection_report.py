"""Reports describe what scores may reflect, kindly, and never diagnose or blame."""

from __future__ import annotations

import pytest

from feltsafe.instruments import (
    BANDS,
    DimensionScore,
    ScoreResult,
    available_versions,
    band_for,
    load_instrument,
    score_answers,
)
from feltsafe.reports import (
    FINDING_SUPPORT,
    DimensionNarrative,
    ReflectionReport,
    build_reflection_report,
    load_narratives,
    render_report_text,
)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def esr():
    return load_instrument("esr")


@pytest.fixture(scope="module")
def narratives():
    return load_narratives("esr")


def result_with(esr, scores: dict[str, float | None]) -> ScoreResult:
    """A result with chosen scores (None = not enough answers) for the listed dimensions."""
    dimensions = []
    for dimension in esr.dimensions:
        score = scores.get(dimension.id)
        total = len(esr.items_for(dimension.id))
        dimensions.append(
            DimensionScore(
                dimension=dimension,
                score=score,
                answered=total if score is not None else 0,
                total=total,
                band=band_for(score) if score is not None else None,
            )
        )
    return ScoreResult(esr.id, esr.version, tuple(dimensions))


def test_every_dimension_of_every_esr_version_has_text_for_every_band():
    narratives = load_narratives("esr")
    for version in available_versions("esr"):
        for dimension in load_instrument("esr", version).dimensions:
            text = narratives.for_dimension(dimension.id)
            assert set(text.may_reflect) == {band.id for band in BANDS}
            assert all(t.endswith(".") for t in text.may_reflect.values())
            assert text.does_not_mean.endswith(".")
            # The same words for two bands would not describe anything.
            assert len(set(text.may_reflect.values())) == len(BANDS)


def test_a_fully_answered_reflection_describes_every_dimension(esr, narratives):
    answers = {item.id: (2 if item.reverse else 4) for item in esr.items}
    report = build_reflection_report(score_answers(esr, answers), esr, "my partner")
    assert isinstance(report, ReflectionReport)
    assert [d.dimension_id for d in report.dimensions] == [d.id for d in esr.dimensions]
    for narrative in report.dimensions:
        assert isinstance(narrative, DimensionNarrative)
        assert narrative.score == 75.0
        assert narrative.band_label == band_for(75.0).label
        assert narrative.title == esr.dimension(narrative.dimension_id).title
        expected = narratives.for_dimension(narrative.dimension_id)
        assert narrative.may_reflect == expected.may_reflect[band_for(75.0).id]
        assert narrative.does_not_mean == expected.does_not_mean
    assert (report.instrument_id, report.version) == ("esr", esr.version)


def test_unanswered_dimensions_are_described_kindly_without_a_number(esr, narratives):
    answered = {item.id: 5 for item in esr.items_for("be_myself")}
    answered[esr.items_for("respect")[0].id] = 3  # one of four: not enough
    report = build_reflection_report(score_answers(esr, answered), esr, "Mum")
    by_id = {d.dimension_id: d for d in report.dimensions}
    assert by_id["be_myself"].score is not None
    for dimension_id in ["respect", "inner_safety", "accountability"]:
        narrative = by_id[dimension_id]
        assert narrative.score is None and narrative.band_label is None
        assert narrative.may_reflect == narratives.not_enough
        assert "fine" in narrative.may_reflect
        assert narrative.does_not_mean
    text = render_report_text(report)
    assert "Curiosity and respect: not enough answers for a number" in text


def test_an_empty_reflection_still_makes_a_gentle_report(esr):
    report = build_reflection_report(score_answers(esr, {}), esr, "a friend")
    assert all(d.score is None for d in report.dimensions)
    assert report.free_areas == () and report.guarded_areas == ()
    assert "not enough answers" in render_report_text(report)


def test_free_and_guarded_areas_follow_the_thresholds_in_order(esr):
    result = result_with(
        esr,
        {
            "be_myself": 60.0,
            "feelings_welcome": 59.9,
            "disagreement_repair": 50.0,
            "responsiveness": 49.9,
            "respect": 90.0,
            "accountability": 10.0,
            "care_freedom": None,
            "inner_safety": 90.0,
        },
    )
    report = build_reflection_report(result, esr, "my partner")
    title = {d.id: d.title for d in esr.dimensions}
    # Highest first; equal scores keep the instrument's order.
    assert report.free_areas == (title["respect"], title["inner_safety"], title["be_myself"])
    # Most guarded first.
    assert report.guarded_areas == (title["accountability"], title["responsiveness"])
    text = flat(render_report_text(report))
    assert "Where you may feel most free: " + ", ".join(report.free_areas) in text
    assert "Where you may feel more guarded: " + ", ".join(report.guarded_areas) in text


def test_the_relationship_name_appears_as_given_tidied_and_safely(esr):
    result = score_answers(esr, {})
    assert build_reflection_report(result, esr, "  my   partner ").relationship == "my partner"
    assert "with my partner," in build_reflection_report(result, esr, "my partner").intro
    assert build_reflection_report(result, esr, "   ").relationship == "this person"
    odd = build_reflection_report(result, esr, "{relationship} {0} {}")
    assert "{relationship} {0} {}" in odd.intro


def test_a_result_must_match_the_instrument_version(esr):
    result = ScoreResult("esr", "0.1", score_answers(esr, {}).dimensions)
    with pytest.raises(ValueError, match="0.1"):
        build_reflection_report(result, esr, "my partner")


def test_prompts_invite_reflection_on_freedom_guardedness_and_what_helps(esr):
    report = build_reflection_report(score_answers(esr, {}), esr, "my partner")
    assert 5 <= len(report.prompts) <= 7
    assert all(prompt.endswith("?") for prompt in report.prompts)
    joined = " ".join(report.prompts).lower()
    for idea in ["free to be yourself", "guarded", "small", "unseen", "helps"]:
        assert idea in joined


def test_the_support_note_points_gently_to_therapy_and_away_from_couples_work_when_afraid(esr):
    note = build_reflection_report(score_answers(esr, {}), esr, "x").support_note.lower()
    assert "trauma-informed individual" in note
    assert "couples" in note
    assert "afraid" in note and "abuse" in note
    assert "own pace" in note


def test_the_text_rendering_contains_everything_a_person_needs(esr):
    answers = {item.id: 3 for item in esr.items}
    report = build_reflection_report(score_answers(esr, answers), esr, "my sister")
    text = render_report_text(report)
    flat_text = flat(text)
    assert flat(esr.disclaimer) in flat_text
    assert flat(report.support_note) in flat_text
    assert flat(report.intro) in flat_text
    for prompt in report.prompts:
        assert flat(prompt) in flat_text
    for narrative in report.dimensions:
        assert f"{narrative.title}: 50 out of 100 (Mixed)" in text
        assert flat(narrative.may_reflect) in flat_text
        assert flat(narrative.does_not_mean) in flat_text
    assert "my sister" in text
    assert all(len(line) <= 78 for line in text.splitlines())


def test_finding_support_covers_what_a_person_needs_to_know():
    assert isinstance(FINDING_SUPPORT, tuple) and len(FINDING_SUPPORT) >= 5
    for heading, paragraph in FINDING_SUPPORT:
        assert isinstance(heading, str) and heading and not heading.endswith(".")
        assert isinstance(paragraph, str) and paragraph.endswith(".")
    text = " ".join(f"{h} {p}" for h, p in FINDING_SUPPORT).lower()
    assert "trauma-informed individual therapy" in text
    assert "couples therapy" in text
    assert "afraid of your partner" in text and "domestic abuse service" in text
    assert "how to look for a therapist" in text
    assert "own pace" in text


def test_couples_work_is_never_suggested_to_someone_who_is_afraid():
    ((heading, paragraph),) = [(h, p) for h, p in FINDING_SUPPORT if "not the place to start" in h]
    assert "afraid" in paragraph and "not a safe setting" in paragraph
    assert "individual support" in paragraph.lower()


def test_an_at_risk_report_suggests_no_couples_work_or_joint_repair():
    from feltsafe.instruments import load_instrument, score_answers
    from feltsafe.reports import build_reflection_report

    esr = load_instrument("esr")
    result = score_answers(esr, {})
    usual = build_reflection_report(result, esr, "my partner")
    at_risk = build_reflection_report(result, esr, "my partner", at_risk=True)
    assert "Couples" in usual.support_note or "couples" in usual.support_note
    lowered = at_risk.support_note.lower()
    assert "won't suggest" in lowered and "abuse service" in lowered
    assert "can help two people build safety together" not in lowered
