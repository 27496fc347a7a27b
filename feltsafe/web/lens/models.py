"""What the conversation lens keeps of an analysed chat.

By default only derived results are stored: for each message its sender label, time, kind,
markers and crisis flag, and for the conversation the metrics (balance per speaker, episodes,
repairs, silences, timeline). The words of the messages, and the evidence phrases quoted from
them, are kept only when the person ticks "keep the conversation text"; then they are stored
encrypted at rest (``EncryptedTextField``, key outside the database).
The uploaded file itself is never kept: it is deleted as soon as it has been read.

A large chat is read by a background task (:mod:`feltsafe.web.lens.tasks`). Until then its
analysis is ``pending`` (then ``running``), and the raw upload waits, encrypted, in a
:class:`LensUpload` that is deleted as soon as the task has read it, whether that succeeded or
failed (``failed`` analyses keep only the kind of failure, to explain it).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models

from feltsafe.web.encryption import EncryptedTextField
from feltsafe.web.reflections.models import Relationship


class LensAnalysis(models.Model):
    """One analysed conversation, owned by the person who uploaded or pasted it."""

    class Status(models.TextChoices):
        PENDING = "pending", "waiting to be read"
        RUNNING = "running", "being read"
        DONE = "done", "read"
        FAILED = "failed", "could not be read"

    class Failure(models.TextChoices):
        UNREADABLE = "unreadable", "the file could not be read"
        EMPTY = "empty", "no messages were found"
        ERROR = "error", "something went wrong on our side"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lens_analyses"
    )
    relationship = models.ForeignKey(
        Relationship,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lens_analyses",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    format = models.CharField(max_length=20)
    message_count = models.PositiveIntegerField(default=0)
    kept_text = models.BooleanField(default=False)
    summary = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DONE)
    failure = models.CharField(max_length=20, choices=Failure.choices, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="lens_owner_created")]

    def __str__(self) -> str:
        return f"Conversation read on {self.created_at:%Y-%m-%d}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class LensUpload(models.Model):
    """A large chat waiting for the background task: the raw upload, encrypted at rest.

    ``content`` is the pasted text, or the file's bytes in base64 (a WhatsApp export may be a
    ZIP). The row is deleted in the same transaction that stores the result or the failure.
    """

    analysis = models.OneToOneField(
        LensAnalysis, on_delete=models.CASCADE, primary_key=True, related_name="upload"
    )
    suffix = models.CharField(max_length=10, blank=True, default="")
    """The file's extension (``.txt``, ``.zip``, ...), or empty for pasted text."""
    format = models.CharField(max_length=20, default="auto")
    """The format the person chose (``auto`` lets the parser work it out)."""
    time_zone = models.CharField(max_length=64, default="UTC")
    """The time zone the request read times in, so the task reads them the same way."""
    content = EncryptedTextField()

    def __str__(self) -> str:
        return "A conversation waiting to be read"


class LensMessage(models.Model):
    """One message of an analysed conversation: markers always, words only when kept."""

    analysis = models.ForeignKey(LensAnalysis, on_delete=models.CASCADE, related_name="messages")
    index = models.PositiveIntegerField()
    sender = models.CharField(max_length=200)
    time = models.DateTimeField(null=True, blank=True)
    kind = models.CharField(max_length=10, default="text")
    markers = models.JSONField(default=list)
    crisis = models.BooleanField(default=False)
    text = EncryptedTextField(blank=True, default="")
    evidence = EncryptedTextField(blank=True, default="")
    """JSON ``{marker: [phrases]}`` quoted from the text: empty unless the text is kept."""

    class Meta:
        ordering = ["analysis", "index"]
        constraints = [
            models.UniqueConstraint(fields=["analysis", "index"], name="unique_lens_message_index")
        ]

    def __str__(self) -> str:
        return f"Message {self.index + 1}"

    @property
    def evidence_map(self) -> dict[str, list[str]]:
        """The evidence phrases per marker (only when the text was kept)."""
        if not self.evidence:
            return {}
        loaded = json.loads(self.evidence)
        return {str(k): [str(w) for w in v] for k, v in loaded.items()}
