"""Practices, their therapists, client invitations, grants and assignments.

Access runs one way: a client invites a therapist in, by accepting a code the therapist gave
them, and says what to share. A `Grant` is the only thing that lets a therapist read anything of
a client's, and only what its `scopes` name; a revoked grant lets them read nothing, from the
next request on. A practice admin manages who belongs to the practice and never sees clients.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Practice(models.Model):
    """A practice hosting feltsafe: its own front door on the "finding support" page."""

    name = models.CharField(max_length=120)
    approach = models.TextField(
        blank=True,
        default="",
        help_text="A short description of the practice's approach, in its own words.",
    )
    contact_url = models.URLField(
        blank=True, default="", help_text="Where to get in touch or book a first conversation."
    )
    logo_file = models.CharField(max_length=80, blank=True, default="")
    """A random file name under the private logo folder (never under the web root)."""
    listed = models.BooleanField(
        default=True, help_text='Show this practice on the "finding support" page.'
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", "Practice admin"
    THERAPIST = "therapist", "Therapist"


class PracticeMembership(models.Model):
    """Someone's place in a practice. A therapist is bound to one practice at a time."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_memberships"
    )
    role = models.CharField(max_length=12, choices=Role.choices)
    public_ref = models.CharField(max_length=24, unique=True)
    """A random reference for a therapist's invitation link (their id is never in a URL)."""
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "user", "role"], name="unique_membership"),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(role="therapist"),
                name="one_practice_per_therapist",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} of practice {self.practice_id}"


class TherapistInvite(models.Model):
    """A single-use code a practice admin gives a therapist to join the practice."""

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="therapist_invites"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"therapist invite {self.pk}"


class ClientInvitation(models.Model):
    """A single-use, expiring code bound to one therapist; only its hash is kept."""

    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="client_invitations"
    )
    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="client_invitations"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["therapist", "used_at"], name="invitation_open")]

    def __str__(self) -> str:
        return f"client invitation {self.pk}"


class Scope(models.TextChoices):
    REFLECTION_SCORES = "reflection_scores", "Reflection scores"
    CHECKIN_TRENDS = "checkin_trends", "Check-in trends"
    JOURNAL_INSIGHTS = "journal_insights", "Journal insights"
    LENS_SUMMARIES = "lens_summaries", "Conversation lens summaries"
    SAFETY_FLAGS = "safety_flags", "Safety flags"
    COUPLE_VIEW = "couple_view", "Our couple report"
    JOURNAL_TEXT = "journal_text", "What I write in my journal (the words themselves)"
    CONVERSATIONS = "conversations", "Imported conversations (the messages themselves)"


class Grant(models.Model):
    """A client's consent for one therapist to see what `scopes` name, until revoked."""

    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="therapist_grants"
    )
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="client_grants"
    )
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="grants")
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["client__username", "pk"]
        indexes = [models.Index(fields=["therapist", "revoked_at"], name="grant_therapist_live")]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "therapist"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_grant_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(client=models.F("therapist")), name="no_self_grant"
            ),
        ]

    def __str__(self) -> str:
        return f"grant {self.pk}"

    def allows(self, scope: str) -> bool:
        return self.revoked_at is None and scope in self.scopes


class AssignmentKind(models.TextChoices):
    REFLECTION = "reflection", "Emotional Safety Reflection"
    CHECKIN = "checkin", "Check-in"


class Assignment(models.Model):
    """A reflection or check-in a therapist suggested on a cadence. Nothing is ever required."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="assignments")
    kind = models.CharField(max_length=12, choices=AssignmentKind.choices)
    cadence = models.CharField(max_length=12)
    """One of `feltsafe.reports.schedule.CADENCE_KINDS`."""
    interval_days = models.PositiveSmallIntegerField(null=True, blank=True)
    start_date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start_date", "pk"]

    def __str__(self) -> str:
        return f"assignment {self.pk}"
