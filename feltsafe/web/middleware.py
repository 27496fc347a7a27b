"""Response headers that keep private pages out of caches."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware


class PrivateCacheMiddleware:
    """Mark every response to a logged-in person `no-store`, so nothing private is cached.

    Pages carry a CSP nonce, which must never be served from a shared cache either.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
        elif "Cache-Control" not in response and not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-cache, private"
        return response


class CsrfMiddleware(CsrfViewMiddleware):
    """Django's CSRF protection, made to work with `Referrer-Policy: no-referrer`.

    Under that policy browsers send `Origin: null` on same-site form posts, which Django's own
    origin check refuses. We accept `null` only when the browser's unforgeable
    `Sec-Fetch-Site` header says the post came from our own origin (or is absent, on older
    browsers); the CSRF token is still required either way.
    """

    def _origin_verified(self, request: HttpRequest) -> bool:
        if request.META.get("HTTP_ORIGIN") == "null":
            return bool(request.META.get("HTTP_SEC_FETCH_SITE", "same-origin") == "same-origin")
        # A private method of Django's middleware, absent from the type stubs.
        return bool(super()._origin_verified(request))  # type: ignore[misc]
