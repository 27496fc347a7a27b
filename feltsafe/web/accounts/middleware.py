"""Session safety on every request.

- Absolute timeout: a session ends `FELTSAFE_SESSION_ABSOLUTE_SECONDS` after log-in, however
  active (the idle timeout is `SESSION_COOKIE_AGE`, renewed on every request).
- "Your devices": the session's last activity is recorded (at most once a minute).
- Two-step verification: someone who has turned it on reaches their data only after entering a
  code in this session; until then only the verification page, log-out, quick exit and the
  support pages answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse

from feltsafe.web.accounts.client_ip import client_ip
from feltsafe.web.accounts.reauth import LOGIN_AT_SESSION_KEY
from feltsafe.web.accounts.services import device_session_touch, mfa_enabled
from feltsafe.web.accounts.user_agent import describe_user_agent
from feltsafe.web.audit.services import audit_record

SEEN_AT_SESSION_KEY = "feltsafe_seen_at"
TOUCH_EVERY_SECONDS = 60

# Reachable before the second step: the step itself, leaving, and help.
OPEN_BEFORE_SECOND_STEP = {
    "accounts:otp_verify",
    "accounts:logout",
    "quick_exit",
    "home",
    "finding_support",
}
OPEN_NAMESPACES = {"safety"}


class SessionSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            now = int(time.time())
            login_at = request.session.get(LOGIN_AT_SESSION_KEY)
            if login_at is None or now - int(login_at) > settings.FELTSAFE_SESSION_ABSOLUTE_SECONDS:
                audit_record(actor=user, action="session.expired")
                logout(request)
            elif now - int(request.session.get(SEEN_AT_SESSION_KEY, 0)) >= TOUCH_EVERY_SECONDS:
                request.session[SEEN_AT_SESSION_KEY] = now
                if request.session.session_key is not None:
                    device_session_touch(
                        user=user,
                        session_key=request.session.session_key,
                        device=describe_user_agent(request.META.get("HTTP_USER_AGENT", "")),
                        ip_address=client_ip(request),
                    )
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user: Any = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and (
            match.view_name in OPEN_BEFORE_SECOND_STEP or set(match.namespaces) & OPEN_NAMESPACES
        ):
            return None
        if request.path.startswith(f"/{settings.STATIC_URL.strip('/')}/"):
            return None
        if not mfa_enabled(user=user):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "Two-step verification is needed."}, status=403)
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('accounts:otp_verify')}?{query}")
