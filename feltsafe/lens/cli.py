"""``feltsafe lens tag|analyze`` and ``feltsafe coach``: the conversation lens on the command line.

The machine forms are a contract other tools rely on:

* ``lens tag``: one message per input line, one JSON object per output line, exactly as
  MARKERS.md gives it: ``{"text", "markers", "scores", "crisis"}``;
* ``lens analyze FILE --json``: ``{"messages", "speakers", "episodes", "summary"}`` (see
  :mod:`feltsafe.lens.analysis`).

An unreadable, unrecognised or corrupt file prints one clear sentence (with the line number
when known) and exits 2, never a traceback. Nothing is written anywhere and no text leaves the
machine.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from feltsafe.lens.analysis import Analysis, analyze_messages, safety_notes
from feltsafe.lens.markers import MARKER_LABELS, MARKERS, SAFETY_MARKERS, THREAT_MARKERS
from feltsafe.lens.messages import Message, ParseError
from feltsafe.lens.metrics import GOTTMAN_RATIO

__all__ = ["coach_command", "lens_app"]

lens_app = typer.Typer(
    help="The conversation lens: markers of safety and threat in messages and chats.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)
FORMATS = ("auto", "whatsapp", "telegram", "transcript", "csv")
SHOWN_MESSAGES = 40


def _fail(message: str, code: int = 2) -> NoReturn:
    err_console.print(f"[bold red]Error:[/] {message}")
    raise typer.Exit(code)


def _read_lines(path: Path | None) -> list[str]:
    try:
        raw = sys.stdin.read() if path is None else path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        _fail(f"{path} could not be read ({exc.strerror or type(exc).__name__}).")
    except UnicodeDecodeError as exc:
        if path is None:
            _fail("The input is not UTF-8 text.")
        _fail(f"{path} is not UTF-8 text (line {raw_line_of(path, exc.start)}).")
    return raw.splitlines()


def raw_line_of(path: Path, offset: int) -> int:
    """The 1-based line of byte ``offset`` in ``path``."""
    return path.read_bytes()[:offset].count(b"\n") + 1


@lens_app.command("tag")
def tag(
    input_file: Annotated[
        Path | None,
        typer.Option("--input", "-i", help="A file with one message per line (default: stdin)."),
    ] = None,
) -> None:
    """Tag messages, one per line, and print one JSON object per line."""
    from feltsafe.lens.tagger import tag_messages

    lines = _read_lines(input_file)
    for result in tag_messages(lines):
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False))


def _load(path: Path, fmt: str) -> list[Message]:
    from feltsafe.lens.parsers import iter_messages

    if fmt not in FORMATS:
        _fail(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    try:
        return list(iter_messages(path, fmt))  # type: ignore[arg-type]
    except ParseError as exc:
        _fail(f"{path.name}: {exc}")


def _because(words: list[str]) -> str:
    return " (words: " + ", ".join(f'"{word}"' for word in words) + ")" if words else ""


def _ratio_text(ratio: float | None, threat: int) -> str:
    if threat == 0:
        return "no threat markers"
    return f"{ratio:.1f} : 1"


def _print_safety(analysis: Analysis, country: str | None) -> None:
    from feltsafe.safety import load_directory
    from feltsafe.safety.cli import default_country, print_crisis_support, print_directory

    for kind, text in safety_notes(analysis.metrics):
        console.rule("[bold]First, your safety[/]" if kind == "crisis" else "[bold]A note[/]")
        console.print(text)
        if kind == "crisis":
            print_crisis_support(console, country)
        else:
            print_directory(load_directory(country or default_country()), console)
        console.print()


def _print_report(analysis: Analysis, country: str | None) -> None:
    metrics = analysis.metrics
    _print_safety(analysis, country)
    summary = metrics.summary()
    console.rule("[bold]The conversation lens[/]")
    console.print(
        f"{summary['messages']} messages from {summary['speakers']} people. The lens describes "
        "patterns in words; it cannot know tone, context or what happened off the page."
    )

    table = Table(title="Balance per person", title_justify="left")
    for column in ("person", "messages", "safer markers", "less-safe markers", "ratio", "repairs"):
        table.add_column(column, justify="left" if column == "person" else "right")
    for name, balance in metrics.speakers.items():
        table.add_row(
            escape(name),
            str(balance.messages),
            str(balance.safety),
            str(balance.threat),
            _ratio_text(balance.ratio, balance.threat),
            f"{balance.repairs_taken_up} of {balance.repair_attempts} taken up",
        )
    console.print(table)
    console.print(
        f"For reference only: Gottman observed about {GOTTMAN_RATIO:.0f} : 1 safer to less-safe "
        "moments in stable couples during conflict. It is a point of comparison, not a verdict.",
        style="dim",
    )

    counts = Table(title="Markers per person", title_justify="left")
    counts.add_column("marker")
    for name in metrics.speakers:
        counts.add_column(escape(name), justify="right")
    for marker in (*SAFETY_MARKERS, *THREAT_MARKERS):
        row = [str(metrics.speakers[name].counts[marker]) for name in metrics.speakers]
        if any(value != "0" for value in row):
            counts.add_row(MARKER_LABELS[marker], *row)
    console.print(counts)

    console.print(
        f"\n[bold]Hard moments[/]: {summary['ruptures']} (of which {summary['episodes']} went "
        f"back and forth); repair attempts: {summary['repair_attempts']}, taken up: "
        f"{summary['repairs_taken_up']}."
    )
    if summary["median_repair_seconds"] is not None:
        hours = summary["median_repair_seconds"] / 3600
        console.print(f"Typical time from a hard moment to a repair that landed: {hours:.1f} h.")
    for episode in metrics.episodes[:10]:
        when = episode.start_time.strftime("%Y-%m-%d %H:%M") if episode.start_time else "?"
        console.print(
            f"  {when}: {episode.messages} messages ({escape(', '.join(episode.speakers))}), "
            + ("repaired" if episode.repaired_at is not None else "no repair that landed yet")
        )
    for silence in metrics.silences[:10]:
        console.print(
            f"  A silence of {silence.hours:.1f} h after a hard moment, "
            f"broken by {escape(silence.broken_by)}."
        )

    if metrics.timeline:
        console.print(f"\n[bold]Timeline[/] (per {metrics.timeline_unit}; last 20 shown)")
        for bucket in metrics.timeline[-20:]:
            bar = "[green]" + "+" * min(bucket["safety"], 30) + "[/]"
            bar += "[red]" + "-" * min(bucket["threat"], 30) + "[/]"
            console.print(f"  {bucket['start'][:16]}  {bucket['messages']:>5} msgs  {bar}")

    marked = [i for i, t in enumerate(analysis.tags) if t is not None and t.markers]
    if marked:
        console.print(f"\n[bold]Messages with markers[/] (first {SHOWN_MESSAGES})")
    for index in marked[:SHOWN_MESSAGES]:
        message, result = analysis.messages[index], analysis.tags[index]
        assert result is not None
        labels = ", ".join(MARKER_LABELS[m] for m in result.markers)
        words = [w for m in result.markers for w in result.evidence.get(m, [])]
        console.print(f"  [bold]{escape(message.sender)}[/]: {escape(message.text[:120])}")
        console.print(f"    {labels}{_because(words)}", style="dim", markup=False)

    if metrics.abuse_concern is None and summary["ruptures"]:
        console.print(
            "\nIf you'd like to work on the hard moments together, the coach "
            '(feltsafe coach "your draft") offers gentler ways to say things.'
        )


@lens_app.command("analyze")
def analyze(
    file: Annotated[
        Path, typer.Argument(help="A chat export: WhatsApp, Telegram, transcript, CSV.")
    ],
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="auto, whatsapp, telegram, transcript or csv."),
    ] = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for other tools.")] = False,
    country: Annotated[
        str | None, typer.Option("--country", help="Country for support lines, e.g. GB, US.")
    ] = None,
) -> None:
    """Read a chat export and show markers, balance, escalation and repair over time."""
    messages = _load(file, fmt)
    if as_json:
        analysis = analyze_messages(messages)
        typer.echo(json.dumps(analysis.to_json(), ensure_ascii=False))
        return
    total = sum(1 for m in messages if m.kind == "text")
    with Progress(
        TextColumn("Reading messages"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task("read", total=total)
        analysis = analyze_messages(messages, progress=lambda n: progress.advance(task, n))
    _print_report(analysis, country)


def coach_command(
    draft: Annotated[str, typer.Argument(help="The message you are thinking of sending.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for other tools.")] = False,
    country: Annotated[
        str | None, typer.Option("--country", help="Country for support lines, e.g. GB, US.")
    ] = None,
) -> None:
    """Check a draft before you send it: its markers and gentler ways to say it."""
    from feltsafe.lens.coach import coach_draft

    result = coach_draft(draft)
    if as_json:
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False))
        return
    if result.crisis_first:
        from feltsafe.safety.cli import print_crisis_support

        print_crisis_support(console, country)
        console.print()
    if not result.markers:
        console.print("The lens found no markers in this draft.")
        return
    for marker in MARKERS:
        if marker in result.markers:
            words = result.evidence.get(marker, [])
            console.print(f"[bold]{MARKER_LABELS[marker]}[/]{escape(_because(words))}")
    for suggestion in result.suggestions:
        console.print(f"\n{suggestion.what}\n{suggestion.why}", markup=False)
        console.print(f"[bold]Perhaps:[/] {escape(suggestion.rewrite)}")
