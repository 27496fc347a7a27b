"""Couples services: the only code that links people, records consent, and reads across a link.

Rules that every function here keeps:

* **Membership.** A link is found only for one of its two people and only while it lasts
  (`link_get`): anyone else, an ex-partner included, gets a 404.
* **Consent, read fresh.** What a partner sees is built by `shared_view` from the sharer's
  active `Share` rows at the moment of the request; nothing is cached, so a revoked share or an
  ended link is gone on the partner's very next request.
* **Allowlists.** Partner-facing data is built field by field from the `PARTNER_*_FIELDS`
  tuples below. No note, answer, harm screen, or timestamp of activity (created, updated,
  last seen) is ever put in it.
* **The safety gate.** When a person's private harm screen for their side of a link is positive,
  joint features (sharing more, the shared report, the perception round, repair together) are
  no longer offered to that person, who is shown support instead (`joint_features_offered`).
  Nothing the partner sees depends on it: `shared_view` never reads anyone's harm screen.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from feltsafe.instruments import Instrument, load_instrument
from feltsafe.journal.insights import (
    CheckinRecord,
    RepairInsights,
    RepairRecord,
    checkin_trend,
    repair_insights,
    time_to_repair,
)
from feltsafe.journal.vocab import REPAIR_CATEGORY_LABELS, normalise_repair_category
from feltsafe.reports.couples import (
    CoupleComparison,
    PerceptionReport,
    compare_scores,
    perception_gaps,
)
from feltsafe.web.audit.services import audit_record
from feltsafe.web.couples.models import (
    CoupleRepair,
    Invite,
    Link,
    PerceptionRound,
    Share,
    ShareKind,
)
from feltsafe.web.reflections import services as reflections
from feltsafe.web.reflections.models import Reflection, Relationship
from feltsafe.web.safety.services import relationship_at_risk

Person = User

INVITE_DAYS = 7
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Letters and digits that are hard to confuse when read aloud or copied (no 0/O, 1/I/L, U)."""
CODE_LENGTH = 16
"""16 characters of a 30-letter alphabet: about 78 bits, far beyond guessing."""
MAX_REPAIR_TEXT = 5000

INVITE_UNUSABLE = (
    "This invitation can't be used. Please check the code, or ask the person who gave it to you "
    "for a new one."
)
JOINT_PAUSED = (
    "Joint exercises with this person aren't offered right now. Support for you is on the "
    "support page."
)

PARTNER_DIMENSION_FIELDS: tuple[str, ...] = ("id", "title", "score")
"""What a partner sees of each shared reflection dimension."""
PARTNER_REFLECTION_FIELDS: tuple[str, ...] = ("instrument", "version", "dimensions")
"""What a partner sees of a shared reflection (no date, no answers, no note)."""
PARTNER_MONTH_FIELDS: tuple[str, ...] = ("month", "felt_safety")
"""What a partner sees of shared check-in trends: whole past months only, with no counts."""
PARTNER_REPAIR_FIELDS: tuple[str, ...] = (
    "category",
    "category_label",
    "what_happened",
    "ruptured_at",
    "reconnected_at",
    "hours_to_repair",
)
"""What a partner sees of a repair entry the author shared (no id, no time it was written)."""
PARTNER_VIEW_FIELDS: tuple[str, ...] = ("reflection_scores", "checkin_trends", "repair_entries")


class CouplesInputError(ValueError):
    """Input that cannot be used; the message is safe to show to the person."""


class InviteUnusable(CouplesInputError):
    """The same answer for every code that can't be used: unknown, expired, used or one's own."""

    def __init__(self) -> None:
        super().__init__(INVITE_UNUSABLE)


class JointFeaturesPaused(CouplesInputError):
    """A joint feature was asked for on a link where it is not offered to this person."""

    def __init__(self) -> None:
        super().__init__(JOINT_PAUSED)


# --- links -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkSide:
    """A link as one of its two people sees it."""

    link: Link
    me: Person
    partner: Person
    my_relationship: Relationship

    @property
    def pk(self) -> int:
        return self.link.pk

    @property
    def label(self) -> str:
        """My own word for the other person (theirs for me is never shown to me)."""
        return self.my_relationship.label


def _side(link: Link, person: Person) -> LinkSide:
    if link.a_id == person.pk:
        return LinkSide(link, person, link.b, link.a_relationship)
    return LinkSide(link, person, link.a, link.b_relationship)


def _active_links(person: Person) -> QuerySet[Link]:
    return Link.objects.filter(Q(a=person) | Q(b=person), ended_at__isnull=True).select_related(
        "a", "b", "a_relationship", "b_relationship"
    )


def link_get(*, person: Person, pk: int) -> LinkSide:
    """One of the person's current links, else 404 (for strangers and ex-partners alike)."""
    link = _active_links(person).filter(pk=pk).first()
    if link is None:
        raise Http404("No such link.")
    return _side(link, person)


def link_list(*, person: Person) -> list[LinkSide]:
    sides = [_side(link, person) for link in _active_links(person)]
    return sorted(sides, key=lambda s: s.label.casefold())


def _relationship_linked(relationship: Relationship) -> bool:
    return Link.objects.filter(
        Q(a_relationship=relationship) | Q(b_relationship=relationship), ended_at__isnull=True
    ).exists()


def partner_concern(*, side: LinkSide) -> bool:
    """True when this person's own private signals say the partner may harm them.

    Their latest harm screen for their side of the link was positive, or their latest
    conversation-lens reading about that relationship found someone repeatedly trying to
    control or threaten. Only this person's own rows are read, and only for this person.
    """
    if relationship_at_risk(owner=side.me, relationship_id=side.my_relationship.pk):
        return True
    return _lens_concern(side)


def _lens_concern(side: LinkSide) -> bool:
    """The lens can't tell which speaker is the person, so a concern about either counts:
    not suggesting joint work is the safe side of that doubt (as the lens report does)."""
    if not apps.is_installed("feltsafe.web.lens"):
        return False
    from feltsafe.web.lens.services import lens_analysis_list

    latest = (
        lens_analysis_list(owner=side.me)
        .filter(relationship=side.my_relationship)
        .order_by("-created_at", "-pk")
        .values_list("summary", flat=True)
        .first()
    )
    if not isinstance(latest, dict):
        return False
    found = latest.get("summary", {})
    return isinstance(found, dict) and bool(found.get("abuse_concern"))


def joint_features_offered(*, side: LinkSide) -> bool:
    """Whether sharing more, the shared report and repairing together are offered to this person."""
    return not partner_concern(side=side)


def _require_joint(side: LinkSide) -> None:
    if not joint_features_offered(side=side):
        raise JointFeaturesPaused()


@transaction.atomic
def link_end(*, side: LinkSide) -> None:
    """End a link, at once and silently: no message, mail or event reaches the other person."""
    link = Link.objects.select_for_update().get(pk=side.link.pk)
    if link.ended_at is None:
        link.ended_at = timezone.now()
        link.save(update_fields=["ended_at"])
    now = timezone.now()
    Share.objects.filter(link=link, revoked_at__isnull=True).update(revoked_at=now)
    # Only under this person's own name: the other person's activity shows nothing of it.
    audit_record(actor=side.me, action="couples.link.end", target=link, subject=side.me)


@transaction.atomic
def couples_stop_everything(*, person: Person) -> int:
    """End every link of this person and cancel their invitations at once; how many links ended.

    For an emergency reset: one step, one transaction, nothing sent to anyone.
    """
    now = timezone.now()
    links = Link.objects.filter(Q(a=person) | Q(b=person), ended_at__isnull=True)
    ended = 0
    for link in links.select_for_update():
        link.ended_at = now
        link.save(update_fields=["ended_at"])
        Share.objects.filter(link=link, revoked_at__isnull=True).update(revoked_at=now)
        ended += 1
    Invite.objects.filter(owner=person, used_at__isnull=True, cancelled_at__isnull=True).update(
        cancelled_at=now
    )
    audit_record(actor=person, action="couples.stop_everything", subject=person)
    return ended


# --- invitations -------------------------------------------------------------------------------


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """Upper case, spaces and hyphens dropped: "abcd-efgh ..." and "ABCDEFGH..." are the same."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def format_code(code: str) -> str:
    """Groups of four, easier to read out: "ABCD-EFGH-JKMN-PQRS"."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode("ascii", "replace")).hexdigest()


@dataclass(frozen=True)
class NewInvite:
    invite: Invite
    code: str
    """Shown once, to its maker; only its hash is kept."""


@transaction.atomic
def invite_create(*, owner: Person, relationship: Relationship) -> NewInvite:
    """A fresh code for one of the owner's relationships; older unused codes for it stop working."""
    if relationship.owner_id != owner.pk:
        raise Http404("No such relationship.")
    if relationship_at_risk(owner=owner, relationship_id=relationship.pk):
        raise JointFeaturesPaused()
    if _relationship_linked(relationship):
        raise CouplesInputError(
            f"You are already linked with someone through “{relationship.label}”."
        )
    now = timezone.now()
    Invite.objects.filter(
        owner=owner, relationship=relationship, used_at__isnull=True, cancelled_at__isnull=True
    ).update(cancelled_at=now)
    code = _new_code()
    invite = Invite.objects.create(
        owner=owner,
        relationship=relationship,
        code_hash=_code_hash(code),
        expires_at=now + timedelta(days=INVITE_DAYS),
    )
    audit_record(actor=owner, action="couples.invite.create", target=invite)
    return NewInvite(invite, format_code(code))


def invite_pending(*, owner: Person) -> QuerySet[Invite]:
    return Invite.objects.filter(
        owner=owner,
        used_at__isnull=True,
        cancelled_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("relationship")


@transaction.atomic
def invite_cancel(*, owner: Person, pk: int) -> None:
    invite = invite_pending(owner=owner).filter(pk=pk).first()
    if invite is None:
        raise Http404("No such invitation.")
    invite.cancelled_at = timezone.now()
    invite.save(update_fields=["cancelled_at"])
    audit_record(actor=owner, action="couples.invite.cancel", target=invite)


def _accepting_relationship(
    person: Person, relationship_id: int | None, relationship_label: str
) -> Relationship | str:
    """The accepter's chosen relationship, or a new label checked but not yet created.

    Checked before the code is looked at, so that nothing about the code shows in these errors.
    """
    if relationship_id is not None:
        relationship = reflections.relationship_get(owner=person, pk=relationship_id)
    else:
        label = " ".join(relationship_label.split())
        if not label:
            raise CouplesInputError(
                "Please choose who this is for you, or give them a name such as “my partner”."
            )
        if len(label) > reflections.MAX_LABEL_LENGTH:
            raise CouplesInputError(
                f"Please keep the name to {reflections.MAX_LABEL_LENGTH} characters or fewer."
            )
        found = Relationship.objects.filter(owner=person, label__iexact=label).first()
        if found is None:
            return label
        relationship = found
    if _relationship_linked(relationship):
        raise CouplesInputError(
            f"You are already linked with someone through “{relationship.label}”. "
            "Please choose another, or give a new name."
        )
    return relationship


def invite_accept(
    *,
    person: Person,
    code: str,
    relationship_id: int | None = None,
    relationship_label: str = "",
) -> LinkSide:
    """Link the logged-in `person` with the maker of `code`, through the relationship they chose.

    Every code that can't be used (unknown, expired, cancelled, already used, one's own, or
    for two people already linked) raises the same `InviteUnusable`, and is audited as denied.
    """
    try:
        side = _invite_accept(person, code, relationship_id, relationship_label)
    except InviteUnusable:
        audit_record(actor=person, action="couples.invite.accept", outcome="denied")
        raise
    audit_record(actor=person, action="couples.link.create", target=side.link, subject=person)
    return side


@transaction.atomic
def _invite_accept(
    person: Person, code: str, relationship_id: int | None, relationship_label: str
) -> LinkSide:
    chosen = _accepting_relationship(person, relationship_id, relationship_label)
    now = timezone.now()
    invite = (
        Invite.objects.select_for_update()
        .select_related("owner", "relationship")
        .filter(
            code_hash=_code_hash(code),
            used_at__isnull=True,
            cancelled_at__isnull=True,
            expires_at__gt=now,
        )
        .first()
    )
    if (
        invite is None
        or invite.owner_id == person.pk
        or _relationship_linked(invite.relationship)
        or _active_links(person).filter(Q(a=invite.owner) | Q(b=invite.owner)).exists()
    ):
        raise InviteUnusable()
    relationship = (
        chosen
        if isinstance(chosen, Relationship)
        else reflections.relationship_get_or_create(owner=person, label=chosen)
    )
    invite.used_at = now
    invite.save(update_fields=["used_at"])
    link = Link.objects.create(
        a=invite.owner,
        b=person,
        a_relationship=invite.relationship,
        b_relationship=relationship,
    )
    return _side(link, person)


# --- sharing -----------------------------------------------------------------------------------


def checkins_available() -> bool:
    """Whether the check-in app is installed, so that check-in trends can be shared."""
    return apps.is_installed("feltsafe.web.checkins")


def share_list(*, side: LinkSide) -> QuerySet[Share]:
    """This person's own active shares on the link."""
    return Share.objects.filter(link=side.link, owner=side.me, revoked_at__isnull=True)


def _shareable_reflection(side: LinkSide, object_id: int | None) -> Reflection:
    if object_id is None:
        raise CouplesInputError("Please choose which reflection to share.")
    found = Reflection.objects.filter(
        owner=side.me,
        relationship=side.my_relationship,
        completed_at__isnull=False,
        pk=object_id,
    ).first()
    if found is None:
        raise Http404("No such reflection.")
    return found


@transaction.atomic
def share_create(*, side: LinkSide, kind: str, object_id: int | None = None) -> Share:
    """Start showing something to the partner (an already active share is returned as it is).

    Reflection scores: one completed reflection on this relationship, at a time (sharing a new
    one stops sharing the previous). Check-in trends: as a whole. Repair entries: one entry of
    the couple's log that this person wrote.
    """
    _require_joint(side)
    share = _share_create(side, kind, object_id)
    audit_record(actor=side.me, action="couples.share.create", target=share)
    return share


def _share_create(side: LinkSide, kind: str, object_id: int | None) -> Share:
    active = share_list(side=side)
    if kind == ShareKind.REFLECTION_SCORES:
        reflection = _shareable_reflection(side, object_id)
        same = active.filter(kind=kind, object_id=reflection.pk).first()
        if same is not None:
            return same
        active.filter(kind=kind).update(revoked_at=timezone.now())
        return Share.objects.create(
            link=side.link, owner=side.me, kind=kind, object_id=reflection.pk
        )
    if kind == ShareKind.CHECKIN_TRENDS:
        if not checkins_available():
            raise CouplesInputError("Check-ins are not part of this installation.")
        if object_id is not None:
            raise CouplesInputError("Check-in trends are shared as a whole.")
        return active.filter(kind=kind).first() or Share.objects.create(
            link=side.link, owner=side.me, kind=kind
        )
    if kind == ShareKind.REPAIR_ENTRIES:
        if object_id is None:
            raise CouplesInputError("Please choose which repair entry to share.")
        if not CoupleRepair.objects.filter(link=side.link, author=side.me, pk=object_id).exists():
            raise Http404("No such repair entry.")
        return active.filter(kind=kind, object_id=object_id).first() or Share.objects.create(
            link=side.link, owner=side.me, kind=kind, object_id=object_id
        )
    raise CouplesInputError(
        "Please choose one of: " + ", ".join(str(label) for _, label in ShareKind.choices) + "."
    )


@transaction.atomic
def share_revoke(*, side: LinkSide, pk: int) -> None:
    """Stop sharing, from the partner's very next request. Revoking is always allowed."""
    share = share_list(side=side).filter(pk=pk).first()
    if share is None:
        raise Http404("No such share.")
    share.revoked_at = timezone.now()
    share.save(update_fields=["revoked_at"])
    audit_record(actor=side.me, action="couples.share.revoke", target=share)


@transaction.atomic
def share_revoke_all(*, side: LinkSide) -> int:
    stopped = share_list(side=side).update(revoked_at=timezone.now())
    audit_record(actor=side.me, action="couples.share.revoke_all", subject=side.me)
    return stopped


def _pick(source: Mapping[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """Only the allowlisted fields, in the allowlist's order."""
    return {field: source[field] for field in fields}


def _reflection_payload(reflection: Reflection) -> dict[str, Any]:
    result = reflections.reflection_score(reflection=reflection)
    dimensions = [
        _pick(
            {"id": d.dimension.id, "title": d.dimension.title, "score": d.score},
            PARTNER_DIMENSION_FIELDS,
        )
        for d in result.dimensions
    ]
    return _pick(
        {
            "instrument": result.instrument_id,
            "version": result.version,
            "dimensions": dimensions,
        },
        PARTNER_REFLECTION_FIELDS,
    )


def _checkin_records(owner: Person) -> list[CheckinRecord]:
    from feltsafe.web.checkins.services import checkin_records

    return list(checkin_records(owner=owner))


def _checkin_months(owner: Person, relationship: Relationship) -> list[dict[str, Any]]:
    """Mean felt safety per whole past month for check-ins about this relationship.

    The current month is left out, and no counts are given, so nothing here changes the day
    someone checks in: a partner cannot tell when, or how often, the app was used.
    """
    records = [r for r in _checkin_records(owner) if r.relationship == relationship.label]
    this_month = timezone.localdate().replace(day=1)
    months: dict[str, list[float]] = {}
    for point in checkin_trend(records):
        if point.value is None or point.day >= this_month:
            continue
        months.setdefault(f"{point.day.year:04d}-{point.day.month:02d}", []).append(point.value)
    return [
        _pick({"month": month, "felt_safety": round(sum(v) / len(v), 1)}, PARTNER_MONTH_FIELDS)
        for month, v in sorted(months.items())
    ]


def _repair_payload(entry: CoupleRepair) -> dict[str, Any]:
    delta = time_to_repair(RepairRecord(entry.ruptured_at, entry.reconnected_at))
    return _pick(
        {
            "category": entry.category,
            "category_label": REPAIR_CATEGORY_LABELS.get(entry.category, ""),
            "what_happened": entry.what_happened,
            "ruptured_at": entry.ruptured_at,
            "reconnected_at": entry.reconnected_at,
            "hours_to_repair": None if delta is None else round(delta.total_seconds() / 3600, 1),
        },
        PARTNER_REPAIR_FIELDS,
    )


def shared_view(*, link: Link, sharer: Person) -> dict[str, Any]:
    """Exactly what `sharer`'s partner sees of them on this link, built from allowlists.

    The partner's pages and API and the sharer's own preview all call this one function.
    It reads only the sharer's active shares and the shared objects, never a harm screen, so
    nothing the partner sees changes with anything that is private to the sharer.
    """
    shares = list(
        Share.objects.filter(link=link, owner=sharer, revoked_at__isnull=True).order_by("-pk")
    )
    reflection_payload = None
    reflection_share = next((s for s in shares if s.kind == ShareKind.REFLECTION_SCORES), None)
    if reflection_share is not None and reflection_share.object_id is not None:
        relationship_id = (
            link.a_relationship_id if link.a_id == sharer.pk else link.b_relationship_id
        )
        reflection = Reflection.objects.filter(
            owner=sharer,
            relationship_id=relationship_id,
            completed_at__isnull=False,
            pk=reflection_share.object_id,
        ).first()
        if reflection is not None:
            reflection_payload = _reflection_payload(reflection)
    checkin_payload = None
    if checkins_available() and any(s.kind == ShareKind.CHECKIN_TRENDS for s in shares):
        relationship = link.a_relationship if link.a_id == sharer.pk else link.b_relationship
        checkin_payload = {"months": _checkin_months(sharer, relationship)}
    repair_ids = [
        s.object_id
        for s in shares
        if s.kind == ShareKind.REPAIR_ENTRIES and s.object_id is not None
    ]
    entries = CoupleRepair.objects.filter(link=link, author=sharer, pk__in=repair_ids)
    return _pick(
        {
            "reflection_scores": reflection_payload,
            "checkin_trends": checkin_payload,
            "repair_entries": [_repair_payload(e) for e in entries],
        },
        PARTNER_VIEW_FIELDS,
    )


def shared_with_me(*, side: LinkSide) -> dict[str, Any]:
    """What the partner has chosen to show this person."""
    return shared_view(link=side.link, sharer=side.partner)


def preview(*, side: LinkSide) -> dict[str, Any]:
    """What the partner sees of this person: the same function as the partner's own view."""
    return shared_view(link=side.link, sharer=side.me)


def nothing_shared(view: Mapping[str, Any]) -> bool:
    return not any(view.get(field) for field in PARTNER_VIEW_FIELDS)


def shareable_reflections(*, side: LinkSide) -> QuerySet[Reflection]:
    """This person's completed reflections on their side's relationship, newest first."""
    return Reflection.objects.filter(
        owner=side.me, relationship=side.my_relationship, completed_at__isnull=False
    ).order_by("-completed_at", "-pk")


# --- the shared report and the perception round ------------------------------------------------


def _scores(payload: Mapping[str, Any] | None, instrument: Instrument) -> dict[str, float | None]:
    known = {d.id for d in instrument.dimensions}
    if payload is None:
        return {}
    return {d["id"]: d["score"] for d in payload["dimensions"] if d["id"] in known}


@dataclass(frozen=True)
class CoupleReport:
    comparison: CoupleComparison
    perception: PerceptionReport | None
    instrument: Instrument


def couple_report(*, side: LinkSide) -> CoupleReport | None:
    """The shared report, when both have chosen to share a reflection; else None.

    Built only from what each of them shares (`shared_view`), so it shows nothing that either
    partner could not already see.
    """
    _require_joint(side)
    mine = preview(side=side)["reflection_scores"]
    theirs = shared_with_me(side=side)["reflection_scores"]
    if mine is None or theirs is None:
        return None
    instrument = load_instrument(mine["instrument"], mine["version"])
    if theirs["instrument"] != instrument.id:
        return None
    their_scores = _scores(theirs, instrument)
    comparison = compare_scores(
        _scores(mine, instrument), their_scores, instrument, partner=side.label
    )
    imagined = perception_latest(side=side)
    perception = None
    if imagined is not None and imagined.instrument_id == instrument.id:
        perception = perception_gaps(
            {k: v for k, v in imagined.as_dict().items() if k in their_scores},
            their_scores,
            instrument,
            partner=side.label,
        )
    return CoupleReport(comparison, perception, instrument)


def _perception_label(side: LinkSide) -> str:
    suffix = " (as I imagine they feel)"
    return side.label[: reflections.MAX_LABEL_LENGTH - len(suffix)] + suffix


@transaction.atomic
def perception_submit(*, side: LinkSide, answers: Mapping[str, object]) -> PerceptionRound:
    """Keep a "how I think you feel" round: the reflection answered as the partner might.

    It is a reflection on a relationship of its own ("… (as I imagine they feel)"), so it never
    mixes with this person's own reflections on the partner, and it is never shared.
    """
    _require_joint(side)
    reflection = reflections.reflection_submit(
        owner=side.me, relationship_label=_perception_label(side), answers=answers
    )
    return PerceptionRound.objects.create(link=side.link, owner=side.me, reflection=reflection)


def perception_latest(*, side: LinkSide) -> Any:
    """The scores of this person's latest perception round on the link, or None."""
    found = (
        PerceptionRound.objects.filter(link=side.link, owner=side.me)
        .select_related("reflection")
        .first()
    )
    if found is None:
        return None
    return reflections.reflection_score(reflection=found.reflection)


# --- repairing together ------------------------------------------------------------------------


@dataclass(frozen=True)
class RepairLogEntry:
    """One entry of the couple's log as this person sees it."""

    mine: bool
    shared: bool
    """For my own entries: whether my partner can see it. Always True for the partner's."""
    pk: int | None
    """Set for my own entries only."""
    share_pk: int | None
    """For my own shared entries: the share to revoke."""
    data: dict[str, Any]


@dataclass(frozen=True)
class RepairLog:
    entries: tuple[RepairLogEntry, ...]
    insights: RepairInsights


def _clean_text(text: str) -> str:
    clean = text.strip()
    if not clean:
        raise CouplesInputError("Please write a few words about what happened.")
    if len(clean) > MAX_REPAIR_TEXT:
        raise CouplesInputError(f"Please keep this to {MAX_REPAIR_TEXT} characters or fewer.")
    return clean


@transaction.atomic
def couple_repair_create(
    *,
    side: LinkSide,
    what_happened: str,
    ruptured_at: datetime,
    reconnected_at: datetime | None = None,
    category: str = "",
    share: bool = False,
) -> CoupleRepair:
    """Write an entry into the couple's log; it stays private unless `share` is True."""
    _require_joint(side)
    text = _clean_text(what_happened)
    chosen = ""
    if category:
        found = normalise_repair_category(category)
        if found is None:
            raise CouplesInputError("Please choose one of the kinds of repair, or none.")
        chosen = found
    if timezone.is_naive(ruptured_at) or (
        reconnected_at is not None and timezone.is_naive(reconnected_at)
    ):
        raise CouplesInputError("Please give times with a time zone.")
    if ruptured_at > timezone.now() + timedelta(days=1):
        raise CouplesInputError("The rupture can't be in the future.")
    if reconnected_at is not None and reconnected_at < ruptured_at:
        raise CouplesInputError("Reconnecting can't come before the rupture.")
    entry = CoupleRepair.objects.create(
        link=side.link,
        author=side.me,
        what_happened=text,
        category=chosen,
        ruptured_at=ruptured_at,
        reconnected_at=reconnected_at,
    )
    if share:
        created = Share.objects.create(
            link=side.link, owner=side.me, kind=ShareKind.REPAIR_ENTRIES, object_id=entry.pk
        )
        audit_record(actor=side.me, action="couples.share.create", target=created)
    return entry


def couple_repair_log(*, side: LinkSide) -> RepairLog:
    """My own entries (each marked shared or not) and the entries my partner shares with me.

    The time-to-repair figures cover exactly the entries shown.
    """
    _require_joint(side)
    share_by_entry = dict(
        share_list(side=side).filter(kind=ShareKind.REPAIR_ENTRIES).values_list("object_id", "pk")
    )
    entries = [
        RepairLogEntry(
            True, e.pk in share_by_entry, e.pk, share_by_entry.get(e.pk), _repair_payload(e)
        )
        for e in CoupleRepair.objects.filter(link=side.link, author=side.me)
    ]
    entries += [
        RepairLogEntry(False, True, None, None, data)
        for data in shared_with_me(side=side)["repair_entries"]
    ]
    entries.sort(key=lambda e: e.data["ruptured_at"], reverse=True)
    insights = repair_insights(
        RepairRecord(
            ruptured_at=timezone.localtime(e.data["ruptured_at"]),
            reconnected_at=(
                timezone.localtime(e.data["reconnected_at"]) if e.data["reconnected_at"] else None
            ),
            category=e.data["category"] or None,
        )
        for e in entries
    )
    return RepairLog(tuple(entries), insights)


def month_label(month: str) -> date:
    year, mon = month.split("-")
    return date(int(year), int(mon), 1)
