"""The `feltsafe` command line (Typer + Rich).

Commands that only need the core (instruments, reflect) never start Django; `serve` and `demo`
set up the data folder named by FELTSAFE_DATA_DIR (default ./var) and migrate it first.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.prompt import Prompt

from feltsafe.backup import backup_app
from feltsafe.checkins_cli import checkin_app
from feltsafe.instruments import (
    AnswerError,
    InstrumentNotFound,
    load_instrument,
    score_answers,
    validate_answers,
)
from feltsafe.journal.cli import journal_app
from feltsafe.keys_cli import keys_app
from feltsafe.lens.cli import coach_command, lens_app
from feltsafe.practice_cli import export_app, instruments_export, practice_app
from feltsafe.reports import build_reflection_report, render_report_text
from feltsafe.safety.cli import safety_app

app = typer.Typer(
    help="feltsafe: a private companion for emotional safety in close relationships.",
    no_args_is_help=True,
    add_completion=False,
)
instruments_app = typer.Typer(help="Show the instruments feltsafe uses.", no_args_is_help=True)
app.add_typer(instruments_app, name="instruments")
instruments_app.command("export")(instruments_export)
app.add_typer(practice_app, name="practice")
app.add_typer(export_app, name="export")
app.add_typer(journal_app, name="journal")
app.add_typer(keys_app, name="keys")
app.add_typer(lens_app, name="lens")
app.command("coach")(coach_command)
app.add_typer(safety_app, name="safety")
app.add_typer(backup_app)  # `feltsafe backup DEST` and `feltsafe restore SRC`
app.add_typer(checkin_app, name="checkin")

console = Console()
err_console = Console(stderr=True)


def fail(message: str, code: int = 2) -> NoReturn:
    """Print a clear message (no traceback) and exit."""
    err_console.print(f"[bold red]Error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def _setup_django() -> None:
    """Prepare the data folder and Django, and bring the database up to date."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "feltsafe.web.settings")
    data_dir = Path(os.environ.get("FELTSAFE_DATA_DIR", "var"))
    data_dir.mkdir(parents=True, exist_ok=True)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


@instruments_app.command("show")
def instruments_show(
    instrument_id: Annotated[str, typer.Argument(help="Instrument id, for example esr.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for other tools.")] = False,
) -> None:
    """Show an instrument's dimensions and items."""
    try:
        instrument = load_instrument(instrument_id)
    except InstrumentNotFound as exc:
        fail(str(exc))
    if as_json:
        typer.echo(json.dumps(instrument.to_dict(), ensure_ascii=False, indent=2))
        return
    console.print(f"[bold]{instrument.title}[/] (version {instrument.version})")
    for dimension in instrument.dimensions:
        console.print(f"\n[bold]{dimension.title}[/]")
        for item in instrument.items_for(dimension.id):
            flag = " (reverse-keyed)" if item.reverse else ""
            console.print(f"  {item.id}: {item.text}{flag}", highlight=False)


def _read_answers_file(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        raw = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}")
    except UnicodeDecodeError:
        fail(f"{path} is not UTF-8 text.")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        fail(f"{path} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}).")
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        fail('expected a JSON object like {"instrument": "esr", "answers": {"item_id": 4}}.')
    instrument_id = data.get("instrument", "esr")
    if not isinstance(instrument_id, str):
        fail('"instrument" must be a string such as "esr".')
    return instrument_id, data["answers"]


def _ask_interactively(instrument_id: str, relationship: str | None) -> None:
    instrument = load_instrument(instrument_id)
    console.print(f"[bold]{instrument.title}[/]\n")
    console.print(instrument.content_note, highlight=False)
    console.print(
        "\nPress Enter to skip any question, or type q to stop (nothing is stored).\n",
        style="dim",
    )
    if relationship is None:
        relationship = Prompt.ask("Who would you like to reflect on", default="my partner")
    scale = instrument.scale
    legend = ", ".join(f"{scale.min + i} = {label}" for i, label in enumerate(scale.labels))
    answers: dict[str, int] = {}
    for index, dimension in enumerate(instrument.dimensions, start=1):
        console.rule(f"Part {index} of {len(instrument.dimensions)}: {dimension.title}")
        console.print(legend, style="dim", highlight=False)
        for item in instrument.items_for(dimension.id):
            while True:
                reply = Prompt.ask(item.text, default="", show_default=False).strip().lower()
                if reply == "q":
                    console.print("Stopped. Nothing was stored; you can start again any time.")
                    raise typer.Exit(0)
                if reply == "":
                    break
                if reply.isdigit() and scale.min <= int(reply) <= scale.max:
                    answers[item.id] = int(reply)
                    break
                console.print(
                    f"Please type a number from {scale.min} to {scale.max}, or Enter to skip."
                )
    result = score_answers(instrument, answers)
    report = build_reflection_report(result, instrument, relationship)
    console.print()
    console.print(render_report_text(report), highlight=False)


@app.command()
def reflect(
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers", help='JSON file {"instrument": "esr", "answers": {...}}; - for stdin.'
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print scores as JSON.")] = False,
    relationship: Annotated[
        str | None, typer.Option("--relationship", help="Who it is about.")
    ] = None,
    instrument_id: Annotated[str, typer.Option("--instrument", help="Instrument id.")] = "esr",
) -> None:
    """Take the Emotional Safety Reflection in the terminal, or score a file of answers."""
    if answers is None:
        try:
            _ask_interactively(instrument_id, relationship)
        except InstrumentNotFound as exc:
            fail(str(exc))
        return
    instrument_id, raw_answers = _read_answers_file(answers)
    try:
        instrument = load_instrument(instrument_id)
        valid = validate_answers(instrument, raw_answers)
    except (InstrumentNotFound, AnswerError) as exc:
        fail(str(exc))
    result = score_answers(instrument, valid)
    if as_json:
        payload = {
            "instrument": result.instrument_id,
            "version": result.version,
            "dimensions": result.as_dict(),
        }
        typer.echo(json.dumps(payload, ensure_ascii=False))
        return
    report = build_reflection_report(result, instrument, relationship or "this relationship")
    console.print(render_report_text(report), highlight=False)


@app.command()
def demo() -> None:
    """Create the demo account with a few months of sample history (safe to run again)."""
    _setup_django()
    from feltsafe.web.demo import demo_seed

    account = demo_seed()
    state = "created" if account.created else "already there"
    console.print(
        f"Demo account {state}: username [bold]{account.username}[/], "
        f"password [bold]{account.password}[/]",
        highlight=False,
    )


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    with_demo: Annotated[
        bool, typer.Option("--demo/--no-demo", help="Make sure the demo account exists.")
    ] = False,
) -> None:
    """Serve the web app (sets up and migrates the data folder on first start)."""
    _setup_django()
    from django.core.management import call_command

    if with_demo:
        from feltsafe.web.demo import demo_seed

        account = demo_seed()
        console.print(
            f"Demo login: username [bold]{account.username}[/], "
            f"password [bold]{account.password}[/]",
            highlight=False,
        )
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    console.print(f"feltsafe is running at [bold]http://{shown_host}:{port}/[/] (Ctrl+C to stop)")
    call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=False)


def main() -> None:  # pragma: no cover - console-script entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
