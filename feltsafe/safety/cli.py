"""`feltsafe safety ...`: crisis checks and the resource directory from the command line."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console

from feltsafe.safety.crisis import detect_crisis
from feltsafe.safety.harm_screen import CRISIS_INTRO_TEXT
from feltsafe.safety.resources import ResourceDirectory, available_countries, load_directory

safety_app = typer.Typer(
    help="Crisis detection and support lines.", no_args_is_help=True, add_completion=False
)
err_console = Console(stderr=True, highlight=False)


def default_country() -> str:
    return os.environ.get("FELTSAFE_DEFAULT_COUNTRY", "GB").upper()


def print_directory(directory: ResourceDirectory, console: Console, *, abuse: bool = True) -> None:
    console.print(f"[bold]Support lines for {directory.country_name}[/]")
    console.print(f"In immediate danger: {directory.emergency}")
    groups = [("If you are struggling or thinking about suicide", directory.crisis)]
    if abuse:
        groups.append(("If someone close to you hurts, threatens or controls you", directory.abuse))
    if directory.local:
        groups.append(("Local services", directory.local))
    for heading, resources in groups:
        console.print(f"\n[bold]{heading}[/]")
        for resource in resources:
            console.print(f"  {resource.name}: {resource.description}")
            for channel in resource.channels:
                note = f" ({channel.note})" if channel.note else ""
                console.print(f"    {channel.kind}: {channel.value}{note}")
            if resource.hours:
                console.print(f"    {resource.hours}")
    console.print(f"\n{directory.confidentiality_note}")


def print_crisis_support(console: Console, country: str | None = None) -> None:
    """What every interface shows first when someone's words suggest they may be at risk."""
    directory = load_directory(country or default_country())
    console.print(f"\n[bold]{CRISIS_INTRO_TEXT}[/]")
    console.print(f"In immediate danger: {directory.emergency}")
    for resource in directory.crisis:
        ways = "; ".join(f"{c.kind} {c.value}" for c in resource.channels)
        console.print(f"  {resource.name}: {ways}")
    console.print(directory.confidentiality_note)


def _lines(stream: TextIO) -> list[str]:
    return [line.rstrip("\r\n") for line in stream]


@safety_app.command("check")
def check(
    input_file: Annotated[
        Path | None, typer.Option("--input", help="Read texts from this file, one per line.")
    ] = None,
) -> None:
    """Read one text per line (stdin by default); print one JSON object per line."""
    try:
        if input_file is None:
            texts = _lines(sys.stdin)
        else:
            with input_file.open(encoding="utf-8") as stream:
                texts = _lines(stream)
    except OSError as exc:
        err_console.print(f"[bold red]Error:[/] cannot read {input_file}: {exc.strerror or exc}")
        raise typer.Exit(2) from exc
    except UnicodeDecodeError as exc:
        err_console.print(f"[bold red]Error:[/] {input_file} is not UTF-8 text.")
        raise typer.Exit(2) from exc
    any_crisis = False
    for text in texts:
        result = detect_crisis(text)
        any_crisis = any_crisis or result.crisis
        payload = {"text": text, "crisis": result.crisis, "score": round(result.score, 4)}
        typer.echo(json.dumps(payload, ensure_ascii=False))
    if any_crisis:
        # stdout stays machine-readable; the person at the terminal still sees support first.
        print_crisis_support(err_console)


@safety_app.command("resources")
def resources(
    country: Annotated[
        str | None, typer.Option("--country", help="Country code, e.g. GB, US, CA, AU, IE.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print the crisis and domestic-abuse lines for a country."""
    code = (country or default_country()).upper()
    known = {c for c, _ in available_countries()}
    if code not in known:
        err_console.print(
            f"No list for {code!r} yet; showing the international list. "
            f"Known: {', '.join(sorted(known))}."
        )
    directory = load_directory(code)
    if as_json:
        typer.echo(json.dumps(directory.to_dict(), ensure_ascii=False, indent=2))
        return
    print_directory(directory, Console(highlight=False))
