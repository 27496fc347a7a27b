"""Record log-ins, log-outs and failed log-ins (without the typed username)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from feltsafe.web.audit.services import audit_record


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(actor=user, action="login")


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None and user.pk is not None:  # pk is None once the account is deleted
        audit_record(actor=user, action="logout")


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    # The owner should see that someone tried their account; an unknown name is kept as no one.
    username = credentials.get("username")
    user_model = get_user_model()
    owner = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()
    audit_record(actor=None, action="login.failed", subject=owner, outcome="failed")
