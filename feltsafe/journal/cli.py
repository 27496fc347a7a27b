"""`feltsafe journal ...`: the journal's commands, ready to mount on the main command line.

The main Typer app adds them with ``app.add_typer(journal_app, name="journal")``, which gives::

    feltsafe journal insights FILE.csv [--json] [--strict]

`--json` prints exactly ``{"tools": [{"tool", "mean_drop", "n"}], "triggers": [{"trigger", "n"}],
"patterns": {pattern: n}}`` on standard output, tools sorted by ``mean_drop``, highest first.
Rows that could not be imported are listed on standard error with their line numbers, never
dropped silently. The exit status is 0; 1 when there were problems and no row at all could be
imported (a wrong header, say), or with `--strict` when any row was rejected; 2 when the file
cannot be opened or is not UTF-8 text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from feltsafe.journal.csvio import RowError, insights_from_csv
from feltsafe.journal.insights import JournalInsights

journal_app = typer.Typer(
    name="journal",
    help="The activation journal: insights from a journal CSV file.",
    no_args_is_help=True,
)


@journal_app.callback()
def journal() -> None:
    """The activation journal: insights from a journal CSV file."""


def render_text(insights: JournalInsights) -> str:
    """A short plain-text summary for a terminal."""
    lines = [f"{insights.entries} journal entries."]
    if insights.tools:
        lines.append("")
        lines.append("What helped, by average drop in intensity (before minus after):")
        for t in insights.tools:
            note = "  (small sample: a first hint, not a conclusion)" if t.small_sample else ""
            times = "entry" if t.n == 1 else "entries"
            lines.append(f"  {t.label}: {t.mean_drop:.2f} points over {t.n} {times}{note}")
    else:
        lines.append("No entry notes a tool with both intensities yet, so there is no ranking.")
    recurring = insights.recurring_triggers
    if recurring:
        lines.append("")
        lines.append("Triggers that came up more than once:")
        lines.extend(f"  {c.label}: {c.n}" for c in recurring[:10])
    if insights.patterns:
        lines.append("")
        lines.append("Protective patterns that showed up:")
        lines.extend(f"  {c.label}: {c.n}" for c in insights.patterns)
    return "\n".join(lines)


def run_insights(
    path: Path, *, as_json: bool, strict: bool = False, out: TextIO, err: TextIO
) -> int:
    """The `insights` command without Typer: returns the exit status."""
    try:
        if str(path) == "-":
            insights, errors = insights_from_csv(sys.stdin)
        else:
            with path.open(encoding="utf-8-sig", newline="") as stream:
                insights, errors = insights_from_csv(stream)
    except OSError as exc:
        print(f"Could not open {path}: {exc.strerror or exc}", file=err)
        return 2
    except UnicodeDecodeError:
        print(f"{path} is not UTF-8 text; save it as UTF-8 CSV and try again.", file=err)
        return 2

    if as_json:
        print(json.dumps(insights.to_json(), ensure_ascii=False), file=out)
    else:
        print(render_text(insights), file=out)
    _report(errors, err)
    nothing_imported = insights.entries == 0 and bool(errors)
    return 1 if nothing_imported or (strict and errors) else 0


def _report(errors: tuple[RowError, ...], err: TextIO) -> None:
    if not errors:
        return
    rows = len({e.line for e in errors})
    print(f"{rows} line(s) were not imported as they are:", file=err)
    for e in errors:
        print(f"  {e}", file=err)


@journal_app.command("insights")
def insights_command(
    file: Annotated[Path, typer.Argument(help="A journal CSV file, or - for standard input.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit with status 1 if any row was rejected.")
    ] = False,
) -> None:
    """Which tools lowered intensity most, which triggers recur, which patterns showed up."""
    status = run_insights(file, as_json=as_json, strict=strict, out=sys.stdout, err=sys.stderr)
    raise typer.Exit(status)
