"""Command-line tools for practices and FHIR exports.

    feltsafe instruments export esr --fhir            # the instrument as a FHIR R4 Questionnaire
    feltsafe export responses --user NAME --fhir      # a person's reflections as a FHIR Bundle
    feltsafe practice create NAME --admin USERNAME    # a practice, with its first admin

`instruments export` needs only the core; the others open the database (FELTSAFE_DATA_DIR) like
`feltsafe serve`. They are for whoever runs the server: the web app and the API are where a
therapist sees only what a client shares.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from feltsafe.instruments import InstrumentNotFound, load_instrument
from feltsafe.reports import fhir

err_console = Console(stderr=True)

export_app = typer.Typer(help="Export data in standard formats.", no_args_is_help=True)
practice_app = typer.Typer(help="Set up a practice that hosts feltsafe.", no_args_is_help=True)

FhirFlag = Annotated[bool, typer.Option("--fhir", help="FHIR R4 JSON (the only format so far).")]


def _fail(message: str, code: int = 2) -> NoReturn:
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _setup_django() -> None:
    from feltsafe.cli import _setup_django as setup  # lazily: the main CLI imports this module

    setup()


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def instruments_export(
    instrument_id: Annotated[str, typer.Argument(help="Instrument id, for example esr.")],
    as_fhir: FhirFlag = False,
) -> None:
    """Print an instrument as a FHIR R4 Questionnaire (JSON)."""
    if not as_fhir:
        _fail("choose a format: --fhir")
    try:
        instrument = load_instrument(instrument_id)
    except InstrumentNotFound as exc:
        _fail(str(exc))
    _print_json(fhir.questionnaire(instrument))


@export_app.command("responses")
def export_responses(
    username: Annotated[str, typer.Option("--user", help="Whose reflections to export.")],
    as_fhir: FhirFlag = False,
) -> None:
    """Print one person's reflections as a FHIR R4 Bundle of QuestionnaireResponses."""
    if not as_fhir:
        _fail("choose a format: --fhir")
    _setup_django()
    from django.contrib.auth.models import User
    from django.utils import timezone

    from feltsafe.web.practice.exports import reflection_resource
    from feltsafe.web.practice.integrations import audit
    from feltsafe.web.reflections.models import Reflection

    user = User.objects.filter(username=username).first()
    if user is None:
        _fail(f"there is no account named {username!r}.")
    reflections = (
        Reflection.objects.filter(owner=user)
        .select_related("relationship")
        .prefetch_related("answers")
        .order_by("started_at", "pk")
    )
    resources = [reflection_resource(r, subject=username) for r in reflections]
    audit(actor=None, action="export.fhir_cli", subject=user)
    _print_json(fhir.bundle(resources, bundle_id=f"responses-{user.pk}", timestamp=timezone.now()))


@practice_app.command("create")
def practice_create(
    name: Annotated[str, typer.Argument(help="The practice's name.")],
    admin: Annotated[str, typer.Option("--admin", help="Username of its first admin.")],
) -> None:
    """Create a practice with an existing account as its admin."""
    _setup_django()
    from django.contrib.auth.models import User

    from feltsafe.web.practice.services import PracticeInputError
    from feltsafe.web.practice.services import practice_create as create

    user = User.objects.filter(username=admin).first()
    if user is None:
        _fail(f"there is no account named {admin!r}; they can sign up first.")
    try:
        practice = create(name=name, admin=user)
    except PracticeInputError as exc:
        _fail(str(exc))
    typer.echo(
        f"Created practice {practice.name!r} (number {practice.pk}) with {admin} as its admin. "
        "They can set its logo, approach and booking link under Therapists."
    )
