"""The API object; each domain adds its own router here."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import django_auth

from feltsafe.web.api.checkins import router as checkins_router
from feltsafe.web.api.couples import router as couples_router
from feltsafe.web.api.journal import router as journal_router
from feltsafe.web.api.lens import router as lens_router
from feltsafe.web.api.practice import router as practice_router
from feltsafe.web.api.reflections import router as reflections_router
from feltsafe.web.reflections.services import ReflectionInputError

api = NinjaAPI(
    title="feltsafe API",
    version="1",
    description=(
        "Private reflections on emotional safety. Every endpoint acts only on the data of the "
        "person who is logged in; anything else answers 404."
    ),
    auth=django_auth,
    urls_namespace="api",
)


@api.exception_handler(ReflectionInputError)
def input_error(request: HttpRequest, exc: ReflectionInputError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=400)


api.add_router("/", reflections_router)
api.add_router("/", practice_router)
api.add_router("/", checkins_router)
api.add_router("/", journal_router)
api.add_router("/", couples_router)
api.add_router("/", lens_router)
