"""Practice services: the only code that writes practices, invitations, grants and assignments.

Access rules, enforced here and nowhere else:

- A therapist reaches a client only through a live `Grant` whose therapist is them
  (`grant_for_therapist`, 404 otherwise), and sees only what its scopes name.
- A practice admin manages memberships (`admin_practice`) and has no route to any grant.
- A client invitation is single-use, expires, is bound to one therapist, and only its hash is
  stored. Every refusal (unknown, reused, expired, for someone else) reads the same.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.crypto import salted_hmac

from feltsafe.reports.schedule import CADENCE_KINDS, Schedule, ScheduleError
from feltsafe.web.practice import integrations
from feltsafe.web.practice.models import (
    Assignment,
    AssignmentKind,
    ClientInvitation,
    Grant,
    Practice,
    PracticeMembership,
    Role,
    Scope,
    TherapistInvite,
)

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: easy to read aloud
CODE_LENGTH = 12
CLIENT_INVITATION_DAYS = 7
THERAPIST_INVITE_DAYS = 7
MAX_NAME_LENGTH = 120
MAX_APPROACH_LENGTH = 2000

SUMMARY_SCOPES = (
    Scope.REFLECTION_SCORES,
    Scope.CHECKIN_TRENDS,
    Scope.JOURNAL_INSIGHTS,
    Scope.LENS_SUMMARIES,
)
RAW_SCOPES = (Scope.JOURNAL_TEXT, Scope.CONVERSATIONS)
"""Raw words: shared only when the client ticks each one, never by default."""

SCOPE_HELP = {
    Scope.REFLECTION_SCORES: "Your reflection answers and scores over time (not your notes).",
    Scope.CHECKIN_TRENDS: "Your check-in numbers and how they move (not your notes).",
    Scope.JOURNAL_INSIGHTS: (
        "Which regulation tools helped, which protective patterns came up, and how long repair "
        "took (not what you wrote)."
    ),
    Scope.LENS_SUMMARIES: "Summaries of conversations you analysed (not the messages).",
    Scope.SAFETY_FLAGS: (
        "Only the fact and the date when something you wrote suggested a crisis, or a private "
        "safety screen pointed to possible harm. Never your words or your answers."
    ),
    Scope.COUPLE_VIEW: (
        "The report you and your partner share with each other (both sets of scores side by "
        "side), only while your partner also shares it with this therapist."
    ),
    Scope.JOURNAL_TEXT: "The words you write in your activation and repair journal.",
    Scope.CONVERSATIONS: "The messages of conversations you imported.",
}


class PracticeInputError(ValueError):
    """Input that cannot be used; the message is safe to show to the person."""


class InvitationRefused(PracticeInputError):
    """Any refused code. The message is the same for every reason, so it reveals nothing."""

    def __init__(self) -> None:
        super().__init__(
            "That code didn’t work. Codes work once, for a limited time, and only with the "
            "therapist who gave them to you. Please ask them for a new one."
        )


# --- codes -------------------------------------------------------------------------------------


def code_new() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def code_normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    return salted_hmac(
        "feltsafe.practice.code", code_normalise(code), algorithm="sha256"
    ).hexdigest()


def _new_ref() -> str:
    return secrets.token_urlsafe(12)


# --- practices and memberships -----------------------------------------------------------------


def _clean_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise PracticeInputError("Please give the practice a name.")
    if len(clean) > MAX_NAME_LENGTH:
        raise PracticeInputError(f"Please keep the name to {MAX_NAME_LENGTH} characters or fewer.")
    return clean


@transaction.atomic
def practice_create(*, name: str, admin: User) -> Practice:
    practice = Practice.objects.create(name=_clean_name(name))
    PracticeMembership.objects.create(
        practice=practice, user=admin, role=Role.ADMIN, public_ref=_new_ref()
    )
    integrations.audit(actor=None, action="practice.create", target=practice, subject=admin)
    return practice


@transaction.atomic
def practice_update(
    *, practice: Practice, name: str, approach: str, contact_url: str, listed: bool
) -> Practice:
    approach = approach.strip()
    if len(approach) > MAX_APPROACH_LENGTH:
        raise PracticeInputError(
            f"Please keep the description to {MAX_APPROACH_LENGTH} characters or fewer."
        )
    practice.name = _clean_name(name)
    practice.approach = approach
    practice.contact_url = contact_url.strip()
    practice.listed = listed
    practice.save(update_fields=["name", "approach", "contact_url", "listed"])
    return practice


def memberships_of(*, user: User) -> QuerySet[PracticeMembership]:
    return PracticeMembership.objects.filter(user=user).select_related("practice")


def admin_practice(*, user: User, pk: int) -> Practice:
    """A practice this person administers (404 for anyone else)."""
    return get_object_or_404(Practice, pk=pk, memberships__user=user, memberships__role=Role.ADMIN)


def therapist_membership(*, user: User) -> PracticeMembership | None:
    return (
        PracticeMembership.objects.filter(user=user, role=Role.THERAPIST)
        .select_related("practice")
        .first()
    )


def practice_therapists(*, practice: Practice) -> QuerySet[PracticeMembership]:
    """Who works in the practice: names and roles only, never their clients."""
    return (
        PracticeMembership.objects.filter(practice=practice)
        .select_related("user")
        .order_by("role", "user__username")
    )


@transaction.atomic
def therapist_invite_create(*, practice: Practice, admin: User) -> str:
    """A single-use code for a therapist to join `practice`; only its hash is kept."""
    code = code_new()
    TherapistInvite.objects.create(
        practice=practice,
        created_by=admin,
        code_hash=code_hash(code),
        expires_at=timezone.now() + timedelta(days=THERAPIST_INVITE_DAYS),
    )
    integrations.audit(actor=admin, action="practice.therapist_invite", target=practice)
    return code


@transaction.atomic
def therapist_join(*, user: User, code: str) -> PracticeMembership:
    now = timezone.now()
    invite = TherapistInvite.objects.filter(
        code_hash=code_hash(code), used_at__isnull=True, expires_at__gt=now
    ).first()
    if invite is None or therapist_membership(user=user) is not None:
        integrations.audit(actor=user, action="practice.therapist_join", outcome="denied")
        raise PracticeInputError(
            "That code didn’t work. Codes work once and for a limited time; you can belong to "
            "one practice at a time. Please ask the practice for a new code."
        )
    # Single use even under a race: only one request can flip used_at from NULL.
    if not TherapistInvite.objects.filter(pk=invite.pk, used_at__isnull=True).update(used_at=now):
        raise PracticeInputError("That code has just been used. Please ask for a new one.")
    membership = PracticeMembership.objects.create(
        practice=invite.practice, user=user, role=Role.THERAPIST, public_ref=_new_ref()
    )
    integrations.audit(actor=user, action="practice.therapist_join", target=invite.practice)
    return membership


@transaction.atomic
def therapist_remove(*, practice: Practice, membership_pk: int, admin: User) -> None:
    """Remove a therapist: their grants in this practice end and their open codes stop working."""
    membership = get_object_or_404(
        PracticeMembership, practice=practice, pk=membership_pk, role=Role.THERAPIST
    )
    now = timezone.now()
    Grant.objects.filter(
        practice=practice, therapist=membership.user, revoked_at__isnull=True
    ).update(revoked_at=now)
    ClientInvitation.objects.filter(
        practice=practice, therapist=membership.user, used_at__isnull=True
    ).update(expires_at=now)
    integrations.audit(
        actor=admin, action="practice.therapist_remove", target=practice, subject=membership.user
    )
    membership.delete()


# --- client invitations and grants --------------------------------------------------------------


def available_scopes() -> list[Scope]:
    """What a client can choose to share here: only what this installation has."""
    scopes = [Scope.REFLECTION_SCORES]
    if integrations.installed(integrations.CHECKINS_APP):
        scopes.append(Scope.CHECKIN_TRENDS)
    if integrations.installed(integrations.JOURNAL_APP):
        scopes.append(Scope.JOURNAL_INSIGHTS)
    if integrations.installed(integrations.LENS_APP):
        scopes.append(Scope.LENS_SUMMARIES)
    scopes.append(Scope.SAFETY_FLAGS)
    if integrations.installed(integrations.COUPLES_APP):
        scopes.append(Scope.COUPLE_VIEW)
    if integrations.installed(integrations.JOURNAL_APP):
        scopes.append(Scope.JOURNAL_TEXT)
    if integrations.installed(integrations.LENS_APP):
        scopes.append(Scope.CONVERSATIONS)
    return scopes


def _clean_scopes(scopes: list[str]) -> list[str]:
    allowed = {s.value for s in available_scopes()}
    unknown = sorted(set(scopes) - allowed)
    if unknown:
        raise PracticeInputError(f"{', '.join(unknown)} cannot be shared here.")
    return [s.value for s in available_scopes() if s.value in scopes]


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: ClientInvitation
    code: str
    """Shown once to the therapist; only its hash is stored."""


@transaction.atomic
def client_invitation_create(*, therapist: User) -> IssuedInvitation:
    membership = therapist_membership(user=therapist)
    if membership is None:
        raise PracticeInputError("Only a therapist in a practice can invite clients.")
    code = code_new()
    invitation = ClientInvitation.objects.create(
        therapist=therapist,
        practice=membership.practice,
        code_hash=code_hash(code),
        expires_at=timezone.now() + timedelta(days=CLIENT_INVITATION_DAYS),
    )
    integrations.audit(actor=therapist, action="practice.invitation_create", target=invitation)
    return IssuedInvitation(invitation, code)


def therapist_by_ref(*, ref: str) -> PracticeMembership:
    return get_object_or_404(
        PracticeMembership.objects.select_related("practice", "user"),
        public_ref=ref,
        role=Role.THERAPIST,
    )


@transaction.atomic
def grant_accept(*, client: User, therapist_ref: str, code: str, scopes: list[str]) -> Grant:
    """The client lets the therapist named by `therapist_ref` in, sharing `scopes`.

    Refused alike (`InvitationRefused`) when the code is unknown, already used, expired, or
    was issued by a different therapist, or when someone tries to invite themselves.
    """
    chosen = _clean_scopes(scopes)
    now = timezone.now()
    membership = PracticeMembership.objects.filter(
        public_ref=therapist_ref, role=Role.THERAPIST
    ).first()
    invitation = ClientInvitation.objects.filter(code_hash=code_hash(code)).first()
    refused = (
        membership is None
        or invitation is None
        or invitation.used_at is not None
        or invitation.expires_at <= now
        or invitation.therapist_id != membership.user_id
        or invitation.practice_id != membership.practice_id
        or membership.user_id == client.pk
    )
    if refused or membership is None or invitation is None:
        integrations.audit(
            actor=client, action="practice.grant_accept", target=invitation, outcome="denied"
        )
        raise InvitationRefused()
    if not ClientInvitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
        used_at=now
    ):
        raise InvitationRefused()
    grant = Grant.objects.filter(
        client=client, therapist=membership.user, revoked_at__isnull=True
    ).first()
    if grant is None:
        try:
            with transaction.atomic():
                grant = Grant.objects.create(
                    client=client,
                    therapist=membership.user,
                    practice=membership.practice,
                    scopes=chosen,
                )
        except IntegrityError as exc:  # a second tab accepted at the same moment
            raise InvitationRefused() from exc
    else:
        grant.scopes = chosen
        grant.save(update_fields=["scopes"])
    integrations.audit(actor=client, action="practice.grant_accept", target=grant, subject=client)
    return grant


def grants_of_client(*, client: User) -> QuerySet[Grant]:
    return Grant.objects.filter(client=client, revoked_at__isnull=True).select_related(
        "therapist", "practice"
    )


def grant_for_client(*, client: User, pk: int) -> Grant:
    return get_object_or_404(
        Grant.objects.select_related("therapist", "practice"),
        client=client,
        pk=pk,
        revoked_at__isnull=True,
    )


@transaction.atomic
def grant_update_scopes(*, grant: Grant, scopes: list[str]) -> Grant:
    grant.scopes = _clean_scopes(scopes)
    grant.save(update_fields=["scopes"])
    integrations.audit(actor=grant.client, action="practice.grant_change", target=grant)
    return grant


@transaction.atomic
def grant_revoke(*, grant: Grant) -> None:
    """Stop sharing, at once: the therapist's very next request finds nothing."""
    if grant.revoked_at is None:
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at"])
        grant.assignments.filter(ended_at__isnull=True).update(ended_at=grant.revoked_at)
    integrations.audit(
        actor=grant.client, action="practice.grant_revoke", target=grant, subject=grant.client
    )


@transaction.atomic
def practice_stop_everything(*, person: User) -> int:
    """Stop sharing with every therapist at once (for an emergency reset); how many stopped.

    Like `grant_revoke`, silent: the therapist's next request simply finds nothing.
    """
    now = timezone.now()
    grants = list(Grant.objects.filter(client=person, revoked_at__isnull=True))
    Grant.objects.filter(pk__in=[g.pk for g in grants]).update(revoked_at=now)
    Assignment.objects.filter(grant__in=grants, ended_at__isnull=True).update(ended_at=now)
    for grant in grants:
        integrations.audit(actor=person, action="practice.grant_revoke", target=grant)
    return len(grants)


def grant_for_therapist(*, therapist: User, pk: int) -> Grant:
    """A client this therapist may see: a live grant to them (404 for anything else)."""
    return get_object_or_404(
        Grant.objects.select_related("client", "practice"),
        therapist=therapist,
        pk=pk,
        revoked_at__isnull=True,
        practice__memberships__user=therapist,
        practice__memberships__role=Role.THERAPIST,
    )


def grants_of_therapist(*, therapist: User) -> QuerySet[Grant]:
    return (
        Grant.objects.filter(
            therapist=therapist,
            revoked_at__isnull=True,
            practice__memberships__user=therapist,
            practice__memberships__role=Role.THERAPIST,
        )
        .select_related("client")
        # The dashboard reads only these; a therapist with hundreds of clients notices.
        .only(
            "pk",
            "client_id",
            "therapist_id",
            "practice_id",
            "scopes",
            "created_at",
            "revoked_at",
            "client__username",
        )
        .order_by("client__username", "pk")
    )


def access_record(*, therapist: User, grant: Grant, action: str) -> None:
    """Every read of client data by a therapist goes to the audit log (ids, never content)."""
    integrations.audit(actor=therapist, action=action, target=grant, subject=grant.client)


def dashboard_record(*, therapist: User, practice: Practice) -> None:
    integrations.audit(actor=therapist, action="practice.dashboard", target=practice)


# --- assignments -------------------------------------------------------------------------------

ASSIGNMENT_SCOPE = {
    AssignmentKind.REFLECTION: Scope.REFLECTION_SCORES,
    AssignmentKind.CHECKIN: Scope.CHECKIN_TRENDS,
}


def assignment_kinds(*, grant: Grant) -> list[AssignmentKind]:
    """What can be suggested: only what the client shares (so its progress can be seen)."""
    kinds = [AssignmentKind.REFLECTION]
    if integrations.installed(integrations.CHECKINS_APP):
        kinds.append(AssignmentKind.CHECKIN)
    return [k for k in kinds if grant.allows(ASSIGNMENT_SCOPE[k])]


def assignment_schedule(assignment: Assignment) -> Schedule:
    return Schedule(
        assignment.cadence,  # type: ignore[arg-type]
        assignment.start_date,
        assignment.interval_days,
    )


@transaction.atomic
def assignment_create(
    *,
    grant: Grant,
    kind: str,
    cadence: str,
    start_date: date,
    interval_days: int | None = None,
) -> Assignment:
    if kind not in {k.value for k in assignment_kinds(grant=grant)}:
        raise PracticeInputError("That can only be suggested when the client shares it.")
    if cadence not in CADENCE_KINDS:
        raise PracticeInputError("Please choose weekly, every two weeks, monthly or custom.")
    if cadence != "custom":
        interval_days = None
    try:
        Schedule(cadence, start_date, interval_days)
    except ScheduleError as exc:
        raise PracticeInputError(str(exc)) from exc
    assignment = Assignment.objects.create(
        grant=grant,
        kind=kind,
        cadence=cadence,
        interval_days=interval_days,
        start_date=start_date,
    )
    integrations.audit(actor=grant.therapist, action="practice.assignment_create", target=grant)
    return assignment


@transaction.atomic
def assignment_end(*, grant: Grant, pk: int) -> None:
    assignment = get_object_or_404(Assignment, grant=grant, pk=pk, ended_at__isnull=True)
    assignment.ended_at = timezone.now()
    assignment.save(update_fields=["ended_at"])


def assignments_for_client(*, client: User) -> QuerySet[Assignment]:
    """What the client's therapists suggested, for the client's own dashboard."""
    return Assignment.objects.filter(
        grant__client=client, grant__revoked_at__isnull=True, ended_at__isnull=True
    ).select_related("grant__therapist")


def local_day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment is not None else None
