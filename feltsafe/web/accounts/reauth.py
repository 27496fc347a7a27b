"""Recent authentication: sensitive actions need the password typed again within a few minutes.

`require_recent_auth` guards changing the e-mail address or password, two-step verification
changes, export and account deletion; other apps use it too (linking a partner, therapist grants).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

AUTH_AT_SESSION_KEY = "feltsafe_auth_at"  # last time the password was typed (login or re-auth)
LOGIN_AT_SESSION_KEY = "feltsafe_login_at"  # start of this session, for the absolute timeout


def mark_recent_auth(request: HttpRequest) -> None:
    request.session[AUTH_AT_SESSION_KEY] = int(time.time())


def has_recent_auth(request: HttpRequest) -> bool:
    at = request.session.get(AUTH_AT_SESSION_KEY)
    return at is not None and time.time() - int(at) <= settings.FELTSAFE_REAUTH_SECONDS


def require_recent_auth(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Send the person to confirm their password first unless they did so very recently."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_recent_auth(request):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('accounts:reauth')}?{query}")
        return view(request, *args, **kwargs)

    return wrapper
