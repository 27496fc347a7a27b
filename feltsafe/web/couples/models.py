"""Links between two people, what each chose to share, and what they write together.

The threat model includes an abusive partner who is an ordinary, logged-in user. So:

* a link is made only when the invited person, logged in, accepts a single-use, expiring code
  (kept only as a hash); nobody is found by e-mail or username;
* nothing one person has is visible to the other unless a `Share` row says so, and a share or
  a link that has ended (`revoked_at` / `ended_at` set) is ignored from the very next request;
* partner-facing views are built from explicit field allowlists in `services`, never from
  these rows directly, so no timestamp of these rows ever reaches the partner.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from feltsafe.journal.vocab import REPAIR_CATEGORIES
from feltsafe.web.encryption import EncryptedTextField
from feltsafe.web.reflections.models import Reflection, Relationship


class Invite(models.Model):
    """A single-use, expiring invitation to link, for one of the inviter's relationships."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="couple_invites"
    )
    relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="couple_invites"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"invite {self.pk}"


class Link(models.Model):
    """Two people who agreed to be linked, each through one of their own relationships.

    `a` made the invitation and `b` accepted it; otherwise the two sides are equal. Each side's
    relationship label is that person's private word for the other and is never shown across.
    """

    a = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="couple_links_made"
    )
    b = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="couple_links_accepted"
    )
    a_relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="couple_links_as_a"
    )
    b_relationship = models.ForeignKey(
        Relationship, on_delete=models.CASCADE, related_name="couple_links_as_b"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(a=F("b")), name="couple_link_two_people"),
            models.UniqueConstraint(
                fields=["a_relationship"],
                condition=Q(ended_at__isnull=True),
                name="couple_link_one_active_per_a_relationship",
            ),
            models.UniqueConstraint(
                fields=["b_relationship"],
                condition=Q(ended_at__isnull=True),
                name="couple_link_one_active_per_b_relationship",
            ),
        ]

    def __str__(self) -> str:
        return f"link {self.pk}"


class ShareKind(models.TextChoices):
    REFLECTION_SCORES = "reflection_scores", "Reflection scores"
    CHECKIN_TRENDS = "checkin_trends", "Check-in trends"
    REPAIR_ENTRIES = "repair_entries", "Repair entries"


class Share(models.Model):
    """One person's consent to show one kind of thing (or one object) to the other in a link.

    `object_id` names the reflection (reflection scores) or the repair entry (repair entries);
    check-in trends are shared as a whole. A revoked share is kept, so that consent changes
    can be audited, and is never read for the partner again.
    """

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="shares")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="couple_shares"
    )
    kind = models.CharField(max_length=20, choices=ShareKind.choices)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["link", "owner", "kind"], name="couple_share_lookup")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k for k, _ in ShareKind.choices]),
                name="couple_share_kind_known",
            )
        ]

    def __str__(self) -> str:
        return f"share {self.pk}"


class PerceptionRound(models.Model):
    """A "how I think you feel" reflection: the owner answered as they imagine the partner would.

    The answers are an ordinary `Reflection` (on a relationship of its own, so that it never
    mixes with the owner's own reflections on the partner); this row marks its perspective.
    """

    link = models.ForeignKey(Link, on_delete=models.CASCADE, related_name="perception_rounds")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="perception_rounds"
    )
    reflection = models.OneToOneField(
        Reflection, on_delete=models.CASCADE, related_name="perception_round"
    )
    perspective = models.CharField(max_length=20, default="imagined_partner", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"perception round {self.pk}"


class CoupleRepair(models.Model):
    """A rupture and repair written into a couple's shared log by one of them.

    The author's partner sees it only while the author shares it (a `Share` of kind
    "repair_entries" naming it) and the link lasts.
    """

    # Kept if the link goes (an account deleted on the other side): the words are the author's.
    link = models.ForeignKey(Link, on_delete=models.SET_NULL, null=True, related_name="repairs")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="couple_repairs"
    )
    what_happened = EncryptedTextField()
    category = models.CharField(max_length=20, blank=True, default="", choices=REPAIR_CATEGORIES)
    ruptured_at = models.DateTimeField()
    reconnected_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ruptured_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reconnected_at__isnull=True) | Q(reconnected_at__gte=F("ruptured_at")),
                name="couple_repair_reconnected_after_rupture",
            ),
            models.CheckConstraint(
                condition=Q(category__in=["", *(key for key, _ in REPAIR_CATEGORIES)]),
                name="couple_repair_category_known",
            ),
        ]

    def __str__(self) -> str:
        return f"couple repair {self.pk}"
