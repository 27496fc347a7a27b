"""The real URLs plus one view that fails while handling what someone wrote (tests only)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from feltsafe.web.urls import urlpatterns as real_urlpatterns


def boom(request: HttpRequest) -> HttpResponse:
    note = request.POST.get("note", "")
    secret_local = f"working on: {note}"  # noqa: F841 - a local variable that holds content
    raise ValueError(f"could not save the note {note!r}")


urlpatterns = [*real_urlpatterns, path("boom/", boom, name="boom")]

handler404 = "feltsafe.web.views.not_found"
handler500 = "feltsafe.web.views.server_error"
