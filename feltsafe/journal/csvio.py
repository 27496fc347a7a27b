"""Import and export of the activation journal as CSV.

The format
----------
A header row, then one entry per row::

    date,trigger,intensity_before,pattern,tool,intensity_after,note
    2026-01-05,Argument about money,8,withdrawing,breathing,4,"Took a while, then it eased"

* ``date``: an ISO 8601 date (``2026-01-05``); a datetime (``2026-01-05T21:30``) is accepted
  and its date part kept.
* ``trigger``: what happened, in a few words. Required.
* ``intensity_before`` / ``intensity_after``: whole numbers from 0 to 10, or empty.
* ``pattern``: a protective pattern and ``tool``: what helped, by id or label in any case
  (``people_pleasing`` or ``People-pleasing``, ``time_out`` or ``time-out``), or empty.
* ``note``: free text, may span several lines when quoted.

Header names are matched ignoring case and surrounding spaces, in whatever order the file gives
them. ``date`` and ``trigger`` are required; a missing optional column simply means those values
are empty. A byte order mark and Windows line endings are fine.

Nothing is dropped silently: every row that cannot be imported is reported as a `RowError`
with its physical line number in the file (a quoted note spanning three lines moves the next
row's number by three), and every other row is imported. A column we do not recognise is
reported at the header's line so a misspelt heading is noticed; the rows are still imported.

Formula injection
-----------------
Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some treat a leading
tab or carriage return the same way) as a formula. `write_journal_csv` therefore writes such a
cell with a leading apostrophe (``'=SUM(A1)``), which spreadsheets show as plain text. A cell we
wrote that really starts with an apostrophe gets a second one. `read_journal_csv` removes that one
apostrophe again when it is followed by one of those characters or another apostrophe, so a
journal exported and imported again comes back unchanged.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TextIO

from feltsafe.journal.insights import ActivationRecord, JournalInsights, journal_insights
from feltsafe.journal.vocab import PATTERNS, TOOLS, normalise_pattern, normalise_tool

CSV_HEADER: tuple[str, ...] = (
    "date",
    "trigger",
    "intensity_before",
    "pattern",
    "tool",
    "intensity_after",
    "note",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("date", "trigger")

_FORMULA_START = frozenset("=+-@\t\r")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WHOLE = re.compile(r"\d{1,3}")


@dataclass(frozen=True)
class ImportRow:
    """One imported journal entry and the physical line it started on."""

    line: int
    when: date
    trigger: str
    intensity_before: int | None
    pattern: str | None
    tool: str | None
    intensity_after: int | None
    note: str = ""

    def to_record(self) -> ActivationRecord:
        return ActivationRecord(
            when=self.when,
            trigger=self.trigger,
            tags=(),
            intensity_before=self.intensity_before,
            pattern=self.pattern,
            tool=self.tool,
            intensity_after=self.intensity_after,
        )


@dataclass(frozen=True)
class RowError:
    """A row that was not imported (or a header problem), with a sentence saying why."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class ImportResult:
    rows: tuple[ImportRow, ...]
    errors: tuple[RowError, ...]


# --- cells -------------------------------------------------------------------------------------


def escape_cell(value: str) -> str:
    """Make a cell safe to open in a spreadsheet (see the module docstring)."""
    if value and (value[0] in _FORMULA_START or value[0] == "'"):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """Undo `escape_cell`: drop one apostrophe in front of a formula character or apostrophe."""
    if len(value) > 1 and value[0] == "'" and (value[1] in _FORMULA_START or value[1] == "'"):
        return value[1:]
    return value


def _allowed(choices: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(key for key, _ in choices)


def _parse_date(raw: str) -> date | None:
    value = raw.strip()
    if not _DATE.match(value):
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        if value[10] not in "T ":
            return None
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


def _parse_intensity(column: str, raw: str, problems: list[str]) -> int | None:
    value = raw.strip()
    if not value:
        return None
    if _WHOLE.fullmatch(value) and 0 <= int(value) <= 10:
        return int(value)
    problems.append(f"{column} must be a whole number from 0 to 10 (got {raw!r})")
    return None


def _parse_row(line: int, cells: dict[str, str]) -> ImportRow | list[str]:
    problems: list[str] = []

    raw_date = cells.get("date", "")
    when = _parse_date(raw_date)
    if when is None:
        if raw_date.strip():
            problems.append(f"date must be an ISO date like 2026-01-31 (got {raw_date!r})")
        else:
            problems.append("date is empty; it must be an ISO date like 2026-01-31")

    trigger = unescape_cell(cells.get("trigger", "").strip())
    if not trigger:
        problems.append("trigger is empty; a few words about what happened are needed")

    before = _parse_intensity("intensity_before", cells.get("intensity_before", ""), problems)
    after = _parse_intensity("intensity_after", cells.get("intensity_after", ""), problems)

    pattern: str | None = None
    raw_pattern = unescape_cell(cells.get("pattern", "").strip())
    if raw_pattern:
        pattern = normalise_pattern(raw_pattern)
        if pattern is None:
            problems.append(
                f"pattern {raw_pattern!r} is not one we know; use one of {_allowed(PATTERNS)} "
                "(or leave it empty)"
            )

    tool: str | None = None
    raw_tool = unescape_cell(cells.get("tool", "").strip())
    if raw_tool:
        tool = normalise_tool(raw_tool)
        if tool is None:
            problems.append(
                f"tool {raw_tool!r} is not one we know; use one of {_allowed(TOOLS)} "
                "(or leave it empty)"
            )

    if problems or when is None:
        return problems
    return ImportRow(
        line=line,
        when=when,
        trigger=trigger,
        intensity_before=before,
        pattern=pattern,
        tool=tool,
        intensity_after=after,
        note=unescape_cell(cells.get("note", "").strip()),
    )


# --- reading -----------------------------------------------------------------------------------


def _without_bom(stream: Iterable[str]) -> Iterator[str]:
    first = True
    for text in stream:
        yield text.removeprefix("\ufeff") if first else text
        first = False


def _records(stream: TextIO) -> Iterator[tuple[int, int, list[str] | csv.Error]]:
    """(first line, last line, cells or the csv error) per record; blank lines are skipped."""
    reader = csv.reader(_without_bom(stream), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, max(start, reader.line_num), exc
            continue
        if any(cell.strip() for cell in cells):
            yield start, max(start, reader.line_num), cells


def read_journal_csv(stream: TextIO) -> ImportResult:
    """Read a journal CSV: the good rows, and a `RowError` for everything that was not imported.

    Open files with ``newline=""`` (and ``encoding="utf-8-sig"`` if you like; a byte order mark
    is removed either way) so that notes spanning several lines keep their line breaks.
    """
    rows: list[ImportRow] = []
    errors: list[RowError] = []
    records = _records(stream)

    header: list[str] | None = None
    header_line = 1
    for header_line, _, cells in records:
        if isinstance(cells, csv.Error):
            errors.append(RowError(header_line, f"the header row could not be read ({cells})"))
            return ImportResult((), tuple(errors))
        header = [c.strip().casefold() for c in cells]
        break
    if header is None:
        empty = RowError(1, f"the file is empty; the first row must be {','.join(CSV_HEADER)}")
        return ImportResult((), (empty,))

    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    duplicated = sorted({c for c in header if c and header.count(c) > 1})
    if missing or duplicated:
        parts = []
        if missing:
            parts.append("the header is missing " + " and ".join(repr(c) for c in missing))
        if duplicated:
            parts.append("the header repeats " + ", ".join(repr(c) for c in duplicated))
        message = "; ".join(parts) + f"; the columns are {','.join(CSV_HEADER)}"
        return ImportResult((), (RowError(header_line, message),))

    unknown = [c for c in header if c not in CSV_HEADER]
    if unknown:
        names = ", ".join(repr(c) if c else "an unnamed column" for c in unknown)
        errors.append(
            RowError(
                header_line,
                f"{names} is not a journal column, so it was not imported; "
                f"the columns are {','.join(CSV_HEADER)}",
            )
        )
    width = len(header)

    for line, last, cells in records:
        where = "this row" if last == line else f"this row (lines {line} to {last})"
        if isinstance(cells, csv.Error):
            errors.append(RowError(line, f"{where} could not be read: {_csv_problem(cells)}"))
            continue
        if len(cells) != width:
            # Trailing empty cells are harmless; anything else means the columns have shifted.
            if len(cells) > width and not any(c.strip() for c in cells[width:]):
                cells = cells[:width]
            else:
                errors.append(RowError(line, _shifted(where, len(cells), width)))
                continue
        parsed = _parse_row(line, dict(zip(header, cells, strict=True)))
        if isinstance(parsed, ImportRow):
            rows.append(parsed)
        else:
            errors.extend(RowError(line, message) for message in parsed)

    return ImportResult(tuple(rows), tuple(errors))


def _csv_problem(exc: csv.Error) -> str:
    text = str(exc)
    if "unexpected end of data" in text:
        return "a double quote opened here is never closed"
    if "expected after" in text:
        return 'a double quote inside a cell must be written twice ("") and the cell quoted'
    return text


def _shifted(where: str, got: int, width: int) -> str:
    cells = "1 cell" if got == 1 else f"{got} cells"
    hint = (
        "a double quote that opens a note may not be closed"
        if where != "this row"
        else "a comma inside a note needs the note in double quotes"
    )
    return f"{where} has {cells} but the header has {width} columns ({hint})"


# --- writing -----------------------------------------------------------------------------------


def write_journal_csv(
    rows: Iterable[ImportRow | ActivationRecord],
    stream: TextIO,
    notes: Iterable[str | None] | None = None,
) -> None:
    """Write the journal as CSV with `CSV_HEADER`; `read_journal_csv` reads it back unchanged.

    `notes`, when given, supplies the note for each row in order (the web layer passes the
    decrypted notes alongside plain `ActivationRecord`s) and must be as long as `rows`;
    otherwise an `ImportRow` keeps its own note and an `ActivationRecord` has none. Tags are not
    part of the CSV format. Cells that a spreadsheet would run as a formula are written with a
    leading apostrophe (see the module docstring). Open files with ``newline=""``.
    """
    writer = csv.writer(stream)
    writer.writerow(CSV_HEADER)
    note_iter = None if notes is None else iter(notes)
    for row in rows:
        if note_iter is None:
            text = row.note if isinstance(row, ImportRow) else ""
        else:
            try:
                text = next(note_iter) or ""
            except StopIteration:
                raise ValueError("there are more rows than notes") from None
        writer.writerow(
            (
                _as_date(row.when).isoformat(),
                escape_cell(row.trigger),
                "" if row.intensity_before is None else str(row.intensity_before),
                escape_cell(row.pattern or ""),
                escape_cell(row.tool or ""),
                "" if row.intensity_after is None else str(row.intensity_after),
                escape_cell(text),
            )
        )
    if note_iter is not None:
        for _ in note_iter:
            raise ValueError("there are more notes than rows")


def _as_date(when: date) -> date:
    return when.date() if isinstance(when, datetime) else when


def insights_from_csv(stream: TextIO) -> tuple[JournalInsights, tuple[RowError, ...]]:
    """Journal insights over the rows a CSV file holds, and the rows it could not import."""
    result = read_journal_csv(stream)
    return journal_insights(row.to_record() for row in result.rows), result.errors
