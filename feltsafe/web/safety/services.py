"""Safety services: settings, the private harm screen, and whether a relationship is at risk."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import transaction

from feltsafe.safety import ScreenResult, evaluate_harm_screen, load_harm_screen
from feltsafe.web.reflections.models import Relationship
from feltsafe.web.safety.models import HarmScreen, SafetySettings


def safety_settings_get(*, owner: User) -> SafetySettings:
    found, _ = SafetySettings.objects.get_or_create(owner=owner)
    return found


@transaction.atomic
def safety_settings_update(*, owner: User, country: str, discreet: bool) -> SafetySettings:
    found = safety_settings_get(owner=owner)
    found.country = country.upper()
    found.discreet = discreet
    found.save(update_fields=["country", "discreet"])
    return found


@transaction.atomic
def harm_screen_record(
    *, owner: User, relationship: Relationship, answers: Mapping[str, int | None]
) -> tuple[HarmScreen, ScreenResult]:
    """Evaluate and keep a screen (ValueError for unknown questions or values)."""
    if relationship.owner_id != owner.pk:
        raise ValueError("This relationship belongs to someone else.")
    result = evaluate_harm_screen(answers)
    screen = HarmScreen.objects.create(
        owner=owner,
        relationship=relationship,
        screen_version=load_harm_screen().version,
        answers={k: v for k, v in answers.items() if v is not None},
        positive=result.positive,
        concerns=list(result.concerns),
    )
    return screen, result


def relationship_at_risk(*, owner: User, relationship_id: int) -> bool:
    """True when the person's latest harm screen for this relationship was positive.

    From then on joint exercises, repair with that person and partner sharing are not
    suggested to this person for this relationship.
    """
    latest = (
        HarmScreen.objects.filter(owner=owner, relationship_id=relationship_id)
        .order_by("-answered_at", "-pk")
        .values_list("positive", flat=True)
        .first()
    )
    return bool(latest)


def relationships_at_risk(*, owner: User) -> set[int]:
    """Ids of every relationship whose latest screen was positive (one query)."""
    latest: dict[int, bool] = {}
    rows = HarmScreen.objects.filter(owner=owner).order_by("answered_at", "pk")
    for relationship_id, positive in rows.values_list("relationship_id", "positive"):
        latest[relationship_id] = positive
    return {rid for rid, positive in latest.items() if positive}
