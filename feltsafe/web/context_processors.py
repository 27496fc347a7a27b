"""Values every template needs: quick exit target and discreet-mode title."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def feltsafe(request: HttpRequest) -> dict[str, Any]:
    return {
        "quick_exit_url": settings.FELTSAFE_QUICK_EXIT_URL,
    }
