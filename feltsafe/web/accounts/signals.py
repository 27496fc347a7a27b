"""At every log-in: note when the session started (absolute timeout), that the password was
just typed (re-authentication), and record the session for the "Your devices" page."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from feltsafe.web.accounts.client_ip import client_ip
from feltsafe.web.accounts.reauth import AUTH_AT_SESSION_KEY, LOGIN_AT_SESSION_KEY
from feltsafe.web.accounts.services import device_session_touch
from feltsafe.web.accounts.user_agent import describe_user_agent


@receiver(user_logged_in, dispatch_uid="accounts_session_start")
def _session_start(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[LOGIN_AT_SESSION_KEY] = now
    request.session[AUTH_AT_SESSION_KEY] = now
    if request.session.session_key is None:
        request.session.save()
    device_session_touch(
        user=user,
        session_key=request.session.session_key,
        device=describe_user_agent(request.META.get("HTTP_USER_AGENT", "")),
        ip_address=client_ip(request),
    )
