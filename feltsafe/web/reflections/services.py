"""Reflection services: the only code that writes reflections and answers.

Every read is scoped to its owner, so a request for someone else's reflection finds nothing
(and the view answers 404, never 403, which would reveal that it exists).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from feltsafe.instruments import (
    AnswerError,
    Instrument,
    ScoreResult,
    load_instrument,
    score_answers,
    validate_answers,
)
from feltsafe.web.reflections.models import Answer, Reflection, Relationship

Owner = User

DEFAULT_INSTRUMENT = "esr"
MAX_LABEL_LENGTH = 80


class ReflectionInputError(ValueError):
    """Input that cannot be saved; the message is safe to show to the person."""


def relationship_get_or_create(*, owner: Owner, label: str) -> Relationship:
    clean = " ".join(label.split())
    if not clean:
        raise ReflectionInputError("Please give the relationship a name, such as “my partner”.")
    if len(clean) > MAX_LABEL_LENGTH:
        raise ReflectionInputError(
            f"Please keep the name to {MAX_LABEL_LENGTH} characters or fewer."
        )
    existing = Relationship.objects.filter(owner=owner, label__iexact=clean).first()
    if existing is not None:
        return existing
    return Relationship.objects.create(owner=owner, label=clean)


def relationship_list(*, owner: Owner) -> QuerySet[Relationship]:
    return Relationship.objects.filter(owner=owner)


def relationship_get(*, owner: Owner, pk: int) -> Relationship:
    return get_object_or_404(Relationship, owner=owner, pk=pk)


@transaction.atomic
def reflection_start(
    *, owner: Owner, relationship_label: str, instrument_id: str = DEFAULT_INSTRUMENT
) -> Reflection:
    instrument = load_instrument(instrument_id)
    relationship = relationship_get_or_create(owner=owner, label=relationship_label)
    return Reflection.objects.create(
        owner=owner,
        relationship=relationship,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
    )


def reflection_get(*, owner: Owner, pk: int) -> Reflection:
    return get_object_or_404(Reflection.objects.select_related("relationship"), owner=owner, pk=pk)


def reflection_instrument(*, reflection: Reflection) -> Instrument:
    """The instrument exactly as it was when this reflection was started."""
    return load_instrument(reflection.instrument_id, reflection.instrument_version)


def reflection_answers(*, reflection: Reflection) -> dict[str, int]:
    return dict(reflection.answers.values_list("item_id", "value"))


@transaction.atomic
def reflection_save_answers(
    *,
    reflection: Reflection,
    answers: Mapping[str, object],
    item_ids: list[str] | None = None,
    resume_step: int | None = None,
) -> None:
    """Save answers for `item_ids` (default: the keys given); an item given as None is skipped.

    Input is validated as a whole before anything is written: one bad value saves nothing.
    """
    instrument = reflection_instrument(reflection=reflection)
    try:
        valid = validate_answers(instrument, answers)
    except AnswerError as exc:
        raise ReflectionInputError(str(exc)) from exc
    scope = list(answers) if item_ids is None else item_ids
    skipped = [item_id for item_id in scope if item_id not in valid]
    Answer.objects.filter(reflection=reflection, item_id__in=skipped).delete()
    for item_id, value in valid.items():
        Answer.objects.update_or_create(
            reflection=reflection, item_id=item_id, defaults={"value": value}
        )
    if resume_step is not None:
        reflection.resume_step = resume_step
        reflection.save(update_fields=["resume_step"])


@transaction.atomic
def reflection_complete(*, reflection: Reflection, note: str = "") -> Reflection:
    reflection.note = note.strip()
    if reflection.completed_at is None:
        reflection.completed_at = timezone.now()
    reflection.save(update_fields=["note", "completed_at"])
    return reflection


@transaction.atomic
def reflection_submit(
    *,
    owner: Owner,
    relationship_label: str,
    answers: Mapping[str, object],
    instrument_id: str = DEFAULT_INSTRUMENT,
    note: str = "",
) -> Reflection:
    """Start, answer and complete a reflection in one step (the API and the demo use this)."""
    instrument = load_instrument(instrument_id)
    try:
        validate_answers(instrument, answers)
    except AnswerError as exc:
        raise ReflectionInputError(str(exc)) from exc
    reflection = reflection_start(
        owner=owner, relationship_label=relationship_label, instrument_id=instrument_id
    )
    reflection_save_answers(reflection=reflection, answers=answers)
    return reflection_complete(reflection=reflection, note=note)


def reflection_score(*, reflection: Reflection) -> ScoreResult:
    instrument = reflection_instrument(reflection=reflection)
    return score_answers(instrument, reflection_answers(reflection=reflection))


@dataclass(frozen=True)
class ScoredReflection:
    reflection: Reflection
    result: ScoreResult


def completed_reflections(*, owner: Owner) -> QuerySet[Reflection]:
    return (
        Reflection.objects.filter(owner=owner, completed_at__isnull=False)
        .select_related("relationship")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.only("item_id", "value")))
        .order_by("completed_at")
    )


def scored_history(
    *, owner: Owner, relationship: Relationship | None = None
) -> list[ScoredReflection]:
    """Completed reflections, oldest first, each with its scores (two queries in all)."""
    reflections = completed_reflections(owner=owner)
    if relationship is not None:
        reflections = reflections.filter(relationship=relationship)
    scored = []
    for reflection in reflections:
        answers = {a.item_id: a.value for a in reflection.answers.all()}
        instrument = reflection_instrument(reflection=reflection)
        scored.append(ScoredReflection(reflection, score_answers(instrument, answers)))
    return scored


def latest_by_relationship(*, owner: Owner) -> list[ScoredReflection]:
    """The newest completed reflection for each relationship, by relationship name."""
    latest: dict[int, ScoredReflection] = {}
    for scored in scored_history(owner=owner):
        latest[scored.reflection.relationship_id] = scored
    return sorted(latest.values(), key=lambda s: s.reflection.relationship.label.lower())


def in_progress(*, owner: Owner) -> QuerySet[Reflection]:
    return Reflection.objects.filter(owner=owner, completed_at__isnull=True).select_related(
        "relationship"
    )
