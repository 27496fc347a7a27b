"""What a therapist sees of their clients: read-only, scope-filtered, in few, constant queries.

Every function here starts from grants the caller already holds (from `services.grants_of_therapist`
or `services.grant_for_therapist`), and reads a kind of data only for the grants whose scopes
include it. The dashboard reads all clients at once: about ten queries whether a therapist has
five clients or five hundred (tests/practice/test_practice_dashboard.py holds it to that).

Safety flags carry only a kind and a date; the words that raised them never leave this module.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Literal

from django.contrib.auth.models import User
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    OuterRef,
    Prefetch,
    StringAgg,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.utils import timezone

from feltsafe.instruments import ScoreResult, load_instrument, score_answers
from feltsafe.journal.insights import checkin_score
from feltsafe.reports.progress import (
    CHECKIN_STEADY_WITHIN,
    REFLECTION_STEADY_WITHIN,
    Change,
    change_between,
    mean,
)
from feltsafe.reports.schedule import DueStatus, due_status
from feltsafe.safety import crisis
from feltsafe.web.practice import integrations
from feltsafe.web.practice.models import Assignment, AssignmentKind, Grant, Scope
from feltsafe.web.practice.services import ASSIGNMENT_SCOPE, assignment_schedule
from feltsafe.web.reflections.models import Answer, Reflection, Relationship

FLAG_WINDOW_DAYS = 30
CHECKIN_WINDOW_DAYS = 28
"""Check-in trend: the mean of the last 28 days against the 28 days before."""

FlagKind = Literal["crisis_text", "harm_screen"]
FLAG_LABELS: dict[str, str] = {
    "crisis_text": "Something they wrote may point to a crisis",
    "harm_screen": "A private safety screen pointed to possible harm",
}


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    day: date

    @property
    def label(self) -> str:
        return FLAG_LABELS[self.kind]


@dataclass(frozen=True)
class ScoredRound:
    reflection_id: int
    relationship: str
    completed_at: datetime
    result: ScoreResult

    @property
    def overall(self) -> float | None:
        """The mean of the dimension scores that have one (a summary, not a validated total)."""
        return mean(d.score for d in self.result.dimensions)


@dataclass(frozen=True)
class CheckinGlance:
    when: datetime
    score: float | None


@dataclass(frozen=True)
class AssignmentStatus:
    assignment: Assignment
    status: DueStatus | None
    """None when the client no longer shares what this assignment is about."""

    @property
    def describe(self) -> str:
        return assignment_schedule(self.assignment).describe()

    @property
    def state_label(self) -> str:
        if self.status is None:
            return "not shared"
        return {
            "upcoming": "starts soon",
            "done": "answered this round",
            "due": "due",
            "overdue": "not yet answered",
        }[self.status.state]


@dataclass
class ClientRow:
    grant: Grant
    latest_reflection: ScoredRound | None = None
    reflection_change: Change | None = None
    latest_checkin: CheckinGlance | None = None
    checkin_change: Change | None = None
    assignments: list[AssignmentStatus] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.grant.client.get_username()

    @property
    def attention(self) -> bool:
        return bool(self.flags) or any(
            a.status is not None and a.status.state == "overdue" for a in self.assignments
        )


def _ids_with(grants: Iterable[Grant], scope: str) -> list[int]:
    return [g.client_id for g in grants if g.allows(scope)]


# --- reflections -------------------------------------------------------------------------------


@lru_cache(maxsize=20_000)
def _score(instrument_id: str, version: str, answers: frozenset[tuple[str, int]]) -> ScoreResult:
    """`score_answers`, remembered: a pure function of the instrument version and the answers,
    so a cached result can never be stale, and the dashboard need not re-score what it saw."""
    return score_answers(load_instrument(instrument_id, version), dict(answers))


def _scored(reflection: Reflection) -> ScoredRound:
    answers = frozenset((a.item_id, a.value) for a in reflection.answers.all())
    assert reflection.completed_at is not None
    return ScoredRound(
        reflection.pk,
        reflection.relationship.label,
        reflection.completed_at,
        _score(reflection.instrument_id, reflection.instrument_version, answers),
    )


def _pair(text: str) -> tuple[str, int]:
    item_id, _, value = text.rpartition("=")
    return item_id, int(value)


@lru_cache(maxsize=20_000)
def _score_text(instrument_id: str, version: str, pairs: str) -> ScoreResult:
    """`_score` for answers given as "item=value;...", remembered without parsing the text again.

    The result depends only on the pairs, never on their order, so it is always right; the same
    reflection read twice comes back in the same order, so it is also found again."""
    answers = frozenset(_pair(p) for p in pairs.split(";")) if pairs else frozenset()
    return _score(instrument_id, version, answers)


def latest_reflections(client_ids: Sequence[int]) -> dict[int, list[ScoredRound]]:
    """For each client, their latest two completed reflections per relationship (3 queries).

    Each relationship finds its two newest reflections by an index seek (owner, relationship,
    completed_at), so the cost follows the number of relationships, not the length of history.
    """
    if not client_ids:
        return {}
    newest = Reflection.objects.filter(
        owner_id=OuterRef("owner_id"),
        relationship_id=OuterRef("pk"),
        completed_at__isnull=False,
    ).order_by("-completed_at", "-pk")
    pairs = Relationship.objects.filter(owner_id__in=client_ids).annotate(
        latest=Subquery(newest.values("pk")[:1]), previous=Subquery(newest.values("pk")[1:2])
    )
    wanted = [pk for row in pairs.values_list("latest", "previous") for pk in row if pk]
    if not wanted:
        return {}
    rows = Reflection.objects.filter(pk__in=wanted).values_list(
        "pk",
        "owner_id",
        "relationship__label",
        "completed_at",
        "instrument_id",
        "instrument_version",
    )
    # Each reflection's answers come back as one "item=value;item=value" string (item ids are
    # instrument ids: letters, digits and underscores), which is far cheaper than 32 rows each.
    answers = dict(
        Answer.objects.filter(reflection_id__in=wanted)
        .values("reflection_id")
        .annotate(
            pairs=StringAgg(
                Concat("item_id", Value("="), "value", output_field=CharField()),
                delimiter=Value(";"),
            )
        )
        .values_list("reflection_id", "pairs")
    )
    by_client: dict[int, list[ScoredRound]] = defaultdict(list)
    for pk, owner_id, label, completed_at, instrument_id, version in rows:
        if completed_at is None:  # only completed ones are asked for; this satisfies the types
            continue
        result = _score_text(instrument_id, version, answers.get(pk) or "")
        by_client[owner_id].append(ScoredRound(pk, label, completed_at, result))
    for rounds in by_client.values():
        rounds.sort(key=lambda r: (r.completed_at, r.reflection_id))
    return by_client


def reflection_change(rounds: Sequence[ScoredRound]) -> tuple[ScoredRound | None, Change | None]:
    """The newest round and how it compares with the one before it about the same person."""
    if not rounds:
        return None, None
    latest = rounds[-1]
    earlier = [r for r in rounds[:-1] if r.relationship == latest.relationship]
    previous = earlier[-1].overall if earlier else None
    return latest, change_between(previous, latest.overall, steady_within=REFLECTION_STEADY_WITHIN)


# --- check-ins ---------------------------------------------------------------------------------


def _checkin_fields() -> tuple[str, ...]:
    from feltsafe.web.checkins.models import ANSWER_FIELDS

    return ANSWER_FIELDS


@lru_cache(maxsize=4096)
def _checkin_score(fields: tuple[str, ...], values: tuple[int | None, ...]) -> float | None:
    """`checkin_score` of one row of answers, remembered (answers repeat a lot: 11^5 at most)."""
    return checkin_score(dict(zip(fields, values, strict=True)))


def checkin_glances(
    client_ids: Sequence[int], *, now: datetime
) -> tuple[dict[int, CheckinGlance], dict[int, Change]]:
    """Each client's latest check-in, and the last 28 days against the 28 before (2 queries)."""
    if not client_ids or not integrations.installed(integrations.CHECKINS_APP):
        return {}, {}
    from feltsafe.web.checkins.models import CheckIn

    fields = _checkin_fields()
    newest = CheckIn.objects.filter(owner_id=OuterRef("pk")).order_by("-created_at", "-pk")
    latest_ids = [
        pk
        for pk in User.objects.filter(pk__in=client_ids)
        .annotate(latest=Subquery(newest.values("pk")[:1]))
        .values_list("latest", flat=True)
        if pk
    ]
    latest: dict[int, CheckinGlance] = {}
    for owner_id, created_at, *values in CheckIn.objects.filter(pk__in=latest_ids).values_list(
        "owner_id", "created_at", *fields
    ):
        answers = dict(zip(fields, values, strict=True))
        latest[owner_id] = CheckinGlance(created_at, checkin_score(answers))
    window = timedelta(days=CHECKIN_WINDOW_DAYS)
    recent: dict[int, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    # Which half of the eight weeks each check-in falls in is worked out by the database, so no
    # timestamps need converting here.
    rows = (
        CheckIn.objects.filter(owner_id__in=client_ids, created_at__gte=now - 2 * window)
        .annotate(
            later=Case(
                When(created_at__gte=now - window, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by()
        .values_list("owner_id", "later", *fields)
    )
    for owner_id, later_half, *values in rows:
        score = _checkin_score(fields, tuple(values))
        if score is None:
            continue
        earlier, later = recent[owner_id]
        (later if later_half else earlier).append(score)
    changes = {
        owner_id: change_between(mean(earlier), mean(later), steady_within=CHECKIN_STEADY_WITHIN)
        for owner_id, (earlier, later) in recent.items()
    }
    return latest, changes


# --- safety flags ------------------------------------------------------------------------------


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _crisis_known(texts: Iterable[str]) -> None:
    """Make sure every text's crisis reading is remembered, by a digest (the key keeps no
    words). New texts are read together: `detect_crisis_many` batches the model's part."""
    fresh: dict[bytes, str] = {}
    for text in texts:
        digest = _digest(text)
        if digest not in _CRISIS_SEEN:
            fresh[digest] = text
    if not fresh:
        return
    if len(_CRISIS_SEEN) + len(fresh) > _CRISIS_SEEN_MAX:
        _CRISIS_SEEN.clear()
    many = getattr(crisis, "detect_crisis_many", None)
    if many is not None:
        results = [r.crisis for r in many(list(fresh.values()))]
    else:
        results = [crisis.detect_crisis(text).crisis for text in fresh.values()]
    _CRISIS_SEEN.update(zip(fresh, results, strict=True))


_CRISIS_SEEN: dict[bytes, bool] = {}
_CRISIS_SEEN_MAX = 100_000


def _crisis_flags(rows: Iterable[tuple[int, Any, Sequence[str | None]]]) -> list[tuple[int, Flag]]:
    rows = list(rows)
    _crisis_known(text for _, _, texts in rows for text in texts if text)
    found = []
    for owner_id, when, texts in rows:
        if any(text and _CRISIS_SEEN.get(_digest(text)) for text in texts):
            day = when if isinstance(when, date) and not isinstance(when, datetime) else None
            found.append((owner_id, Flag("crisis_text", day or timezone.localtime(when).date())))
    return found


def safety_flags(client_ids: Sequence[int], *, now: datetime) -> dict[int, list[Flag]]:
    """Crisis language and positive harm screens of the last 30 days: kind and date only."""
    if not client_ids:
        return {}
    since = now - timedelta(days=FLAG_WINDOW_DAYS)
    found: list[tuple[int, Flag]] = []
    notes = (
        Reflection.objects.filter(owner_id__in=client_ids, completed_at__gte=since)
        .exclude(note="")
        .values_list("owner_id", "completed_at", "note")
    )
    found += _crisis_flags((o, w, (n,)) for o, w, n in notes)
    if integrations.installed(integrations.CHECKINS_APP):
        from feltsafe.web.checkins.models import CheckIn

        checkin_notes = (
            CheckIn.objects.filter(owner_id__in=client_ids, created_at__gte=since)
            .exclude(note="")
            .values_list("owner_id", "created_at", "note")
        )
        found += _crisis_flags((o, w, (n,)) for o, w, n in checkin_notes)
    if integrations.installed(integrations.JOURNAL_APP):
        from feltsafe.web.journal.models import ActivationEntry, RepairEntry

        activations = ActivationEntry.objects.filter(
            owner_id__in=client_ids, created_at__gte=since
        ).values_list("owner_id", "created_at", "what_happened", "note")
        found += _crisis_flags((o, w, (a, b)) for o, w, a, b in activations)
        repairs = RepairEntry.objects.filter(
            owner_id__in=client_ids, created_at__gte=since
        ).values_list("owner_id", "created_at", "what_happened", "note")
        found += _crisis_flags((o, w, (a, b)) for o, w, a, b in repairs)
    if integrations.installed(integrations.COUPLES_APP):
        from feltsafe.web.couples.models import CoupleRepair

        couple_repairs = CoupleRepair.objects.filter(
            author_id__in=client_ids, created_at__gte=since
        ).values_list("author_id", "created_at", "what_happened")
        found += _crisis_flags((o, w, (t,)) for o, w, t in couple_repairs)
    if integrations.installed("feltsafe.web.safety"):
        from feltsafe.web.safety.models import HarmScreen

        screens = HarmScreen.objects.filter(
            owner_id__in=client_ids, positive=True, answered_at__gte=since
        ).values_list("owner_id", "answered_at")
        found += [(o, Flag("harm_screen", timezone.localtime(w).date())) for o, w in screens]
    by_client: dict[int, set[Flag]] = defaultdict(set)
    for owner_id, flag in found:
        by_client[owner_id].add(flag)
    return {
        owner_id: sorted(flags, key=lambda f: (f.day, f.kind), reverse=True)
        for owner_id, flags in by_client.items()
    }


# --- assignments -------------------------------------------------------------------------------


def assignment_statuses(
    assignments: Iterable[Assignment],
    grant: Grant,
    *,
    today: date,
    last_reflection: date | None,
    last_checkin: date | None,
) -> list[AssignmentStatus]:
    statuses = []
    for assignment in assignments:
        if not grant.allows(ASSIGNMENT_SCOPE[AssignmentKind(assignment.kind)]):
            statuses.append(AssignmentStatus(assignment, None))
            continue
        last = last_reflection if assignment.kind == AssignmentKind.REFLECTION else last_checkin
        status = due_status(assignment_schedule(assignment), today=today, last_done=last)
        statuses.append(AssignmentStatus(assignment, status))
    return statuses


# --- the dashboard -----------------------------------------------------------------------------


def dashboard_rows(grants: Sequence[Grant], *, now: datetime | None = None) -> list[ClientRow]:
    """One row per client, in a constant number of queries."""
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    today = now.astimezone(tz).date()
    grants = list(grants)
    by_grant: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in Assignment.objects.filter(
        grant__in=[g.pk for g in grants], ended_at__isnull=True
    ):
        by_grant[assignment.grant_id].append(assignment)
    reflections = latest_reflections(_ids_with(grants, Scope.REFLECTION_SCORES))
    checkins, checkin_changes = checkin_glances(_ids_with(grants, Scope.CHECKIN_TRENDS), now=now)
    flags = safety_flags(_ids_with(grants, Scope.SAFETY_FLAGS), now=now)
    rows = []
    for grant in grants:
        row = ClientRow(grant)
        if grant.allows(Scope.REFLECTION_SCORES):
            row.latest_reflection, row.reflection_change = reflection_change(
                reflections.get(grant.client_id, [])
            )
        if grant.allows(Scope.CHECKIN_TRENDS):
            row.latest_checkin = checkins.get(grant.client_id)
            row.checkin_change = checkin_changes.get(grant.client_id)
        if grant.allows(Scope.SAFETY_FLAGS):
            row.flags = flags.get(grant.client_id, [])
        last_reflection = (
            max(r.completed_at for r in reflections[grant.client_id]).astimezone(tz).date()
            if reflections.get(grant.client_id)
            else None
        )
        row.assignments = assignment_statuses(
            by_grant.get(grant.pk, []),
            grant,
            today=today,
            last_reflection=last_reflection,
            last_checkin=(
                row.latest_checkin.when.astimezone(tz).date() if row.latest_checkin else None
            ),
        )
        rows.append(row)
    return rows


# --- one client's page -------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionHistory:
    title: str
    values: tuple[float | None, ...]
    change: Change
    """The latest score against the one before it."""
    since_first: Change
    """The latest score against the first one."""


@dataclass(frozen=True)
class RelationshipHistory:
    label: str
    rounds: tuple[ScoredRound, ...]
    dimensions: tuple[DimensionHistory, ...]


def reflection_history(grant: Grant) -> list[RelationshipHistory]:
    """Every completed reflection of the client, by relationship, with change over time."""
    if not grant.allows(Scope.REFLECTION_SCORES):
        return []
    rows = (
        Reflection.objects.filter(owner_id=grant.client_id, completed_at__isnull=False)
        .select_related("relationship")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.only("reflection_id", "item_id", "value"))
        )
        .order_by("completed_at", "pk")
    )
    grouped: dict[str, list[ScoredRound]] = defaultdict(list)
    for reflection in rows:
        scored = _scored(reflection)
        grouped[scored.relationship].append(scored)
    histories = []
    for label in sorted(grouped, key=str.casefold):
        rounds = grouped[label]
        dimensions = []
        for index, dim_score in enumerate(rounds[-1].result.dimensions):
            values = tuple(
                r.result.dimensions[index].score
                if index < len(r.result.dimensions)
                and r.result.dimensions[index].dimension.id == dim_score.dimension.id
                else None
                for r in rounds
            )
            known = [v for v in values if v is not None]
            previous = known[-2] if len(known) >= 2 else None
            dimensions.append(
                DimensionHistory(
                    title=dim_score.dimension.title,
                    values=values,
                    change=change_between(
                        previous, values[-1], steady_within=REFLECTION_STEADY_WITHIN
                    ),
                    since_first=change_between(
                        known[0] if len(known) >= 2 else None,
                        values[-1],
                        steady_within=REFLECTION_STEADY_WITHIN,
                    ),
                )
            )
        histories.append(RelationshipHistory(label, tuple(rounds), tuple(dimensions)))
    return histories


@dataclass(frozen=True)
class CheckinWeek:
    week_of: date
    mean: float | None
    count: int


def checkin_weeks(
    grant: Grant, *, now: datetime | None = None, weeks: int = 26
) -> list[CheckinWeek]:
    """Weekly means of felt safety (0-10) over the last `weeks` weeks, oldest first."""
    if not grant.allows(Scope.CHECKIN_TRENDS) or not integrations.installed(
        integrations.CHECKINS_APP
    ):
        return []
    from feltsafe.web.checkins.models import CheckIn

    now = now or timezone.now()
    today = timezone.localtime(now).date()
    first_monday = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    since = timezone.make_aware(datetime.combine(first_monday, datetime.min.time()))
    fields = _checkin_fields()
    buckets: dict[date, list[float]] = defaultdict(list)
    counts: dict[date, int] = defaultdict(int)
    rows = (
        CheckIn.objects.filter(owner_id=grant.client_id, created_at__gte=since)
        .order_by()
        .values_list("created_at", *fields)
    )
    for created_at, *values in rows:
        day = timezone.localtime(created_at).date()
        monday = day - timedelta(days=day.weekday())
        counts[monday] += 1
        score = checkin_score(dict(zip(fields, values, strict=True)))
        if score is not None:
            buckets[monday].append(score)
    return [
        CheckinWeek(
            first_monday + timedelta(weeks=i),
            mean(buckets.get(first_monday + timedelta(weeks=i), [])),
            counts.get(first_monday + timedelta(weeks=i), 0),
        )
        for i in range(weeks)
    ]


@dataclass(frozen=True)
class JournalShare:
    summary: Any | None
    """`feltsafe.web.journal.services.JournalSummary`, when shared and installed."""
    activations: tuple[Any, ...] = ()
    """Recent entries with their words: only with the client's explicit journal-text consent."""
    repairs: tuple[Any, ...] = ()


RAW_ENTRIES_SHOWN = 20


def journal_share(grant: Grant) -> JournalShare | None:
    if not integrations.installed(integrations.JOURNAL_APP):
        return None
    insights = grant.allows(Scope.JOURNAL_INSIGHTS)
    text = grant.allows(Scope.JOURNAL_TEXT)
    if not insights and not text:
        return None
    from feltsafe.web.journal import services as journal

    summary = journal.journal_summary(owner=grant.client) if insights else None
    if not text:
        return JournalShare(summary)
    return JournalShare(
        summary,
        tuple(journal.activation_list(owner=grant.client)[:RAW_ENTRIES_SHOWN]),
        tuple(journal.repair_list(owner=grant.client)[:RAW_ENTRIES_SHOWN]),
    )


@dataclass(frozen=True)
class CoupleView:
    partner_name: str
    partner_grant_id: int
    comparison: Any
    """`feltsafe.reports.couples.CoupleComparison`, as the client sees it."""


def couple_views(grant: Grant) -> list[CoupleView]:
    """The shared couple report, for each partner who is also this therapist's client, when both
    let this therapist see it and the couples app offers them joint features.

    Built by the couples app from what each partner already shares with the other. When joint
    features are paused for either of them (a private safety concern), there is no couple view,
    and nothing says why.
    """
    if not grant.allows(Scope.COUPLE_VIEW) or not integrations.installed(integrations.COUPLES_APP):
        return []
    from feltsafe.web.couples import services as couples

    views = []
    for side in couples.link_list(person=grant.client):
        partner_grant = Grant.objects.filter(
            client=side.partner, therapist_id=grant.therapist_id, revoked_at__isnull=True
        ).first()
        if partner_grant is None or not partner_grant.allows(Scope.COUPLE_VIEW):
            continue
        try:
            report = couples.couple_report(side=side)
            partners_report = couples.couple_report(
                side=couples.link_get(person=side.partner, pk=side.pk)
            )
        except couples.JointFeaturesPaused:
            continue
        if report is None or partners_report is None:
            continue
        views.append(CoupleView(side.partner.get_username(), partner_grant.pk, report.comparison))
    return views


@dataclass(frozen=True)
class ClientDetail:
    row: ClientRow
    history: list[RelationshipHistory]
    checkin_weeks: list[CheckinWeek]
    journal: JournalShare | None
    couples: list[CoupleView] = field(default_factory=list)


def client_detail(grant: Grant, *, now: datetime | None = None) -> ClientDetail:
    row = dashboard_rows([grant], now=now)[0]
    return ClientDetail(
        row=row,
        history=reflection_history(grant),
        checkin_weeks=checkin_weeks(grant, now=now),
        journal=journal_share(grant),
        couples=couple_views(grant),
    )


# --- the dashboard, ready to show --------------------------------------------------------------


@dataclass(frozen=True)
class DashboardLine:
    """One client's row as plain text, so the template only places strings (200 rows render
    in a few milliseconds instead of a few hundred)."""

    pk: int
    name: str
    checkin: str
    checkin_trend: str
    reflection: str
    suggestions: tuple[tuple[str, str], ...]
    """(state for the badge's class, words)."""
    flags: tuple[str, ...]
    no_flags: str
    attention: bool


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _short_day(moment: datetime | date, tz: Any) -> str:
    day = moment.astimezone(tz).date() if isinstance(moment, datetime) else moment
    return f"{day.day} {_MONTHS[day.month - 1]}"


def dashboard_lines(rows: Iterable[ClientRow]) -> list[DashboardLine]:
    tz = timezone.get_current_timezone()
    lines = []
    for row in rows:
        grant = row.grant
        if row.latest_checkin is not None:
            score = row.latest_checkin.score
            checkin = _short_day(row.latest_checkin.when, tz) + (
                f": {score:.1f}/10" if score is not None else ""
            )
        else:
            checkin = "none yet" if grant.allows(Scope.CHECKIN_TRENDS) else "not shared"
        if row.latest_reflection is not None:
            latest = row.latest_reflection
            reflection = f"{_short_day(latest.completed_at, tz)} ({latest.relationship})"
            if row.reflection_change is not None:
                reflection += f": {row.reflection_change.label}"
        else:
            reflection = "none yet" if grant.allows(Scope.REFLECTION_SCORES) else "not shared"
        lines.append(
            DashboardLine(
                pk=grant.pk,
                name=row.name,
                checkin=checkin,
                checkin_trend=row.checkin_change.label if row.checkin_change else "–",
                reflection=reflection,
                suggestions=tuple(
                    (
                        a.status.state if a.status else "none",
                        f"{a.assignment.get_kind_display()}: {a.state_label}",
                    )
                    for a in row.assignments
                ),
                flags=tuple(f"{f.label} ({_short_day(f.day, tz)})" for f in row.flags),
                no_flags="none" if grant.allows(Scope.SAFETY_FLAGS) else "not shared",
                attention=row.attention,
            )
        )
    lines.sort(key=lambda line: (not line.attention, line.name.casefold()))
    return lines
