"""Values every template needs: quick exit, idle timeout and discreet mode."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from feltsafe.web.safety.routing import is_discreet


def feltsafe(request: HttpRequest) -> dict[str, Any]:
    return {
        "quick_exit_url": settings.FELTSAFE_QUICK_EXIT_URL,
        "idle_seconds": settings.SESSION_COOKIE_AGE,
        "discreet": is_discreet(request),
    }
