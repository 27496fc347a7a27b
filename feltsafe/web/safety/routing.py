"""Crisis routing and resources: the one place every free-text entry point calls after saving.

The person's words are always saved first; then, if any of them expresses a crisis, the page
that comes next is the crisis-resources page (with a way back to where they were), and API
responses carry the resources alongside the saved object.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from feltsafe.safety import (
    CRISIS_INTRO_TEXT,
    Resource,
    ResourceDirectory,
    detect_crisis,
    load_directory,
    resource_from_dict,
)
from feltsafe.web.safety.models import SafetySettings


def any_crisis(*texts: str | None) -> bool:
    """True when any of the texts expresses suicidal thoughts, intent, plans or self-harm."""
    return any(text and detect_crisis(text).crisis for text in texts)


@cache
def local_resources() -> tuple[Resource, ...]:
    """A practice's own local services, from the TOML file named by FELTSAFE_LOCAL_RESOURCES."""
    path = settings.FELTSAFE_LOCAL_RESOURCES
    if not path:
        return ()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        return tuple(resource_from_dict(entry) for entry in data.get("resources", []))
    except (OSError, tomllib.TOMLDecodeError, ValueError) as exc:
        raise ImproperlyConfigured(f"FELTSAFE_LOCAL_RESOURCES={path!r}: {exc}") from exc


def directory_for(country: str | None) -> ResourceDirectory:
    return load_directory(country, extra=local_resources())


def _preferences(request: HttpRequest) -> dict[str, Any]:
    """Country and discreet mode, kept in the session so pages need no extra query."""
    cached = request.session.get("safety_prefs") if hasattr(request, "session") else None
    if cached is not None:
        return dict(cached)
    prefs: dict[str, Any] = {"country": "", "discreet": False}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        found = SafetySettings.objects.filter(owner=user).values("country", "discreet").first()
        if found:
            prefs = dict(found)
        request.session["safety_prefs"] = prefs
    return prefs


def remember_preferences(request: HttpRequest, saved: SafetySettings) -> None:
    request.session["safety_prefs"] = {"country": saved.country, "discreet": saved.discreet}


def person_country(request: HttpRequest | None = None) -> str:
    """The country whose resources a person sees: their choice, else the server's default."""
    chosen = _preferences(request).get("country") if request is not None else None
    return str(chosen or settings.FELTSAFE_DEFAULT_COUNTRY)


def is_discreet(request: HttpRequest) -> bool:
    return bool(_preferences(request).get("discreet"))


def crisis_redirect(request: HttpRequest, *texts: str | None, next_url: str) -> HttpResponse | None:
    """A redirect to the crisis page when a text needs it, else None (carry on as usual)."""
    if not any_crisis(*texts):
        return None
    return HttpResponseRedirect(f"{reverse('safety:crisis')}?{urlencode({'next': next_url})}")


def crisis_payload(*texts: str | None, country: str | None = None) -> dict[str, Any] | None:
    """For API responses: the crisis message and resources, or None when not needed."""
    if not any_crisis(*texts):
        return None
    directory = directory_for(country or settings.FELTSAFE_DEFAULT_COUNTRY)
    return {"message": CRISIS_INTRO_TEXT, "resources": directory.to_dict()}
