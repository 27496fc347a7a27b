"""Export everything a person owns, and delete their account with everything in it.

Which data is a person's is found by introspection, so apps added later are included without
touching this file: every model with a foreign key named `owner` or `user` to the user model,
and every model whose rows hang off those (an answer belongs to its reflection).
A foreign key to a person under any other name (a partner, a therapist) must be listed in
`NOT_EXPORTED` with the reason, so that the decision is made deliberately (a test enforces it):
the export must not carry someone else's private data (GDPR Art. 20(4)).
"""

from __future__ import annotations

import base64
import csv
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from feltsafe.web.accounts.services import sessions_delete_all
from feltsafe.web.audit.models import AuditEvent
from feltsafe.web.audit.services import audit_record, pseudonym_for

OWNER_FIELD_NAMES = ("owner", "user")
# Keys to a person under another name that still mark the row as that person's own data.
EXTRA_OWNER_FIELDS = {
    "couples.couplerepair.author": "a repair note the person wrote",
    "practice.grant.client": "the person's own consent to a therapist",
}
# Fields never written to an export: secrets that would let someone else act as the person.
SECRET_FIELD_NAMES = {"password", "key", "session_key", "code_hash", "secret", "token"}
# Foreign keys to a person that are deliberately not followed by the export, with the reason.
NOT_EXPORTED: dict[str, str] = {
    "couples.link.a": "the link is shared with the partner; each side's shares export on their own",
    "couples.link.b": "the link is shared with the partner; each side's shares export on their own",
    "practice.therapistinvite.created_by": "an invitation to someone else, with their address",
    "practice.clientinvitation.therapist": "an invitation to a client: the client's data",
    "practice.grant.therapist": "a client's consent: exported to the client, not the therapist",
}
EXPORT_FORMAT_VERSION = 1


@dataclass(frozen=True)
class OwnedModel:
    """A model holding a person's data, and the lookups from it to its owner."""

    model: type[models.Model]
    lookups: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    def rows_of(self, user: AbstractBaseUser) -> models.QuerySet[Any]:
        condition = Q()
        for lookup in self.lookups:
            condition |= Q(**{lookup: user})
        return self.model._default_manager.filter(condition).distinct().order_by("pk")


def user_foreign_keys() -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
    """Every foreign key (or one-to-one) in the project that points at the user model."""
    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                found.append((model, field))
    return found


def user_owned_models() -> list[OwnedModel]:
    """Models with an `owner`/`user` key to a person, and rows that hang off them (an answer
    belongs to its reflection, which belongs to its owner), found by following foreign keys."""
    user_model = get_user_model()
    lookups: dict[type[models.Model], list[str]] = {}
    with_person_keys = set()
    for model, field in user_foreign_keys():
        with_person_keys.add(model)
        label = f"{model._meta.label_lower}.{field.name}"
        if field.name in OWNER_FIELD_NAMES or label in EXTRA_OWNER_FIELDS:
            lookups.setdefault(model, []).append(field.name)
    # Then children, grandchildren...: a model with no key to a person at all belongs to the
    # owner of the first row it points at (one path only, so no one else's rows come along).
    # A model that names people itself (a shared link, a partner's note) is never inherited.
    for _ in range(4):
        grew = False
        for model in apps.get_models():
            if model is user_model or model in lookups or model in with_person_keys:
                continue
            for field in model._meta.concrete_fields:
                parent = field.related_model
                if field.is_relation and parent is not user_model and parent in lookups:
                    lookups[model] = [f"{field.name}__{lookup}" for lookup in lookups[parent]]
                    grew = True
                    break
        if not grew:
            break
    owned = [OwnedModel(model, tuple(found)) for model, found in lookups.items() if found]
    return sorted(owned, key=lambda item: item.label)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dict | list | str | int | float | bool) or value is None:
        return value
    return str(value)


def _row(obj: models.Model) -> dict[str, Any]:
    row = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELD_NAMES:
            continue
        name = field.attname if field.is_relation else field.name
        row[name] = _plain(field.value_from_object(obj))
    return row


def export_data(*, user: AbstractBaseUser) -> dict[str, list[dict[str, Any]]]:
    """Every row the person owns, by model label, plus their account and its activity."""
    data: dict[str, list[dict[str, Any]]] = {}
    account = {
        field: _plain(getattr(user, field, None))
        for field in ("id", "username", "email", "date_joined", "last_login")
    }
    data[get_user_model()._meta.label_lower] = [account]
    for owned in user_owned_models():
        data[owned.label] = [_row(obj) for obj in owned.rows_of(user)]
    events = AuditEvent.objects.filter(subject=pseudonym_for(user)).order_by("id")
    data["audit.auditevent"] = [
        {
            "at": _plain(event.at),
            "action": event.action,
            "outcome": event.outcome,
            "object_type": event.object_type,
            "object_id": event.object_id,
        }
        for event in events
    ]
    return data


def _csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    columns = sorted({key for row in rows for key in row})
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                key: json.dumps(value, ensure_ascii=False)
                if isinstance(value, dict | list)
                else value
                for key, value in row.items()
            }
        )
    return buffer.getvalue()


README = """Your feltsafe data
==================

data.json holds everything, by table; csv/ has one spreadsheet-friendly file per table.
Passwords, authenticator keys and session keys are left out: they would let someone else log in.
Times are in UTC. Keep this file somewhere only you can reach.
"""


def export_zip(*, user: AbstractBaseUser) -> bytes:
    """The export as a ZIP (JSON and CSV), recorded in the audit log."""
    data = export_data(user=user)
    payload = {
        "format": "feltsafe-export",
        "version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "tables": data,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        archive.writestr("data.json", json.dumps(payload, ensure_ascii=False, indent=2))
        for label, rows in data.items():
            archive.writestr(f"csv/{label}.csv", _csv(rows))
    audit_record(actor=user, action="export")
    return buffer.getvalue()


def _axes_records_delete(username: str) -> None:
    for name in ("AccessAttempt", "AccessFailureLog", "AccessLog"):
        try:
            model = apps.get_model("axes", name)
        except LookupError:
            continue
        model._default_manager.filter(username=username).delete()


def _checkpoint() -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@transaction.atomic
def account_delete(*, user: AbstractBaseUser) -> None:
    """Hard-delete the account and everything that hangs off it.

    Every owned row goes by CASCADE, with the sessions, two-step devices and log-in attempt
    records. What stays is one audit event under the person's pseudonym (the tombstone); the
    pseudonym's link to the account is deleted too, so nothing left names them. With
    `PRAGMA secure_delete=ON` SQLite overwrites the freed pages; the WAL is checkpointed after.
    """
    audit_record(actor=user, action="account.delete")
    sessions_delete_all(user=user)  # type: ignore[arg-type]
    _axes_records_delete(user.get_username())
    user.delete()
    transaction.on_commit(_checkpoint)
