import io
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feltsafe.journal.csvio import (
    CSV_HEADER,
    ImportRow,
    RowError,
    escape_cell,
    insights_from_csv,
    read_journal_csv,
    unescape_cell,
    write_journal_csv,
)
from feltsafe.journal.insights import ActivationRecord
from feltsafe.journal.vocab import PATTERNS, TOOLS

HEADER = "date,trigger,intensity_before,pattern,tool,intensity_after,note\n"


def read(text):
    return read_journal_csv(io.StringIO(text, newline=""))


def errors_by_line(result):
    return [(e.line, e.message) for e in result.errors]


def test_it_imports_a_good_file():
    result = read(
        HEADER
        + "2026-01-05,Argument about money,8,withdrawing,breathing,4,Took a while\n"
        + "2026-01-06,Late reply,6,People-pleasing,time-out,,\n"
    )
    assert result.errors == ()
    assert result.rows == (
        ImportRow(
            line=2,
            when=date(2026, 1, 5),
            trigger="Argument about money",
            intensity_before=8,
            pattern="withdrawing",
            tool="breathing",
            intensity_after=4,
            note="Took a while",
        ),
        ImportRow(
            line=3,
            when=date(2026, 1, 6),
            trigger="Late reply",
            intensity_before=6,
            pattern="people_pleasing",
            tool="time_out",
            intensity_after=None,
            note="",
        ),
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "2026-01-05,x,12,,,,",
            "intensity_before must be a whole number from 0 to 10 (got '12')",
        ),
        (
            "2026-01-05,x,,,,-1,",
            "intensity_after must be a whole number from 0 to 10 (got '-1')",
        ),
        (
            "2026-01-05,x,7.5,,,,",
            "intensity_before must be a whole number from 0 to 10 (got '7.5')",
        ),
        ("05/01/2026,x,,,,,", "date must be an ISO date like 2026-01-31 (got '05/01/2026')"),
        ("2026-02-30,x,,,,,", "date must be an ISO date like 2026-01-31 (got '2026-02-30')"),
        (",x,,,,,", "date is empty; it must be an ISO date like 2026-01-31"),
        ("2026-01-05,  ,,,,,", "trigger is empty; a few words about what happened are needed"),
    ],
)
def test_each_kind_of_bad_value_is_reported_with_its_line(row, message):
    result = read(HEADER + "2026-01-04,fine,5,,,3,\n" + row + "\n" + "2026-01-06,also fine,,,,,\n")
    assert errors_by_line(result) == [(3, message)]
    assert [r.line for r in result.rows] == [2, 4]


def test_an_unknown_pattern_or_tool_lists_the_allowed_values():
    result = read(HEADER + "2026-01-05,x,5,anger,yoga,3,\n")
    assert result.rows == ()
    (pattern_error, tool_error) = result.errors
    assert pattern_error.line == tool_error.line == 2
    assert pattern_error.message.startswith("pattern 'anger' is not one we know")
    for key, _ in PATTERNS:
        assert key in pattern_error.message
    assert tool_error.message.startswith("tool 'yoga' is not one we know")
    for key, _ in TOOLS:
        assert key in tool_error.message


def test_a_row_with_the_wrong_number_of_cells_is_reported():
    result = read(HEADER + "2026-01-05,x,5\n2026-01-05,a,b,c,5,,,,,extra\n2026-01-06,ok,,,,,\n")
    assert [e.line for e in result.errors] == [2, 3]
    assert "has 3 cells but the header has 7 columns" in result.errors[0].message
    assert [r.line for r in result.rows] == [4]


def test_trailing_empty_cells_are_harmless():
    result = read(HEADER + "2026-01-05,x,5,,,3,note,,\n")
    assert result.errors == ()
    assert result.rows[0].note == "note"


def test_a_missing_required_column_is_one_error_at_line_one_and_no_rows():
    result = read("date,intensity_before,pattern,tool,intensity_after,note\n2026-01-05,5,,,3,\n")
    assert result.rows == ()
    assert errors_by_line(result) == [
        (
            1,
            "the header is missing 'trigger'; the columns are "
            "date,trigger,intensity_before,pattern,tool,intensity_after,note",
        )
    ]


def test_a_file_without_a_header_is_one_error():
    result = read("2026-01-05,x,5,,,3,\n")
    assert result.rows == ()
    assert len(result.errors) == 1
    assert result.errors[0].line == 1
    assert "missing 'date' and 'trigger'" in result.errors[0].message


def test_an_empty_file_is_one_error():
    result = read("")
    assert result.rows == ()
    assert [e.line for e in result.errors] == [1]


def test_a_header_with_no_rows_imports_nothing_without_errors():
    assert read(HEADER) == read(HEADER + "\n\n")
    assert read(HEADER).rows == read(HEADER).errors == ()


def test_header_is_case_insensitive_and_columns_may_come_in_any_order():
    result = read("Trigger , DATE,Intensity_After\nLate reply,2026-01-05,3\n")
    assert result.errors == ()
    assert (result.rows[0].trigger, result.rows[0].intensity_after) == ("Late reply", 3)
    assert result.rows[0].intensity_before is None


def test_an_unknown_column_is_reported_and_the_rows_still_import():
    result = read("date,trigger,notes\n2026-01-05,x,something\n")
    assert len(result.rows) == 1
    assert errors_by_line(result)[0][0] == 1
    assert "'notes' is not a journal column" in result.errors[0].message


def test_a_repeated_column_is_one_error_and_no_rows():
    result = read("date,trigger,tool,tool\n2026-01-05,x,breathing,movement\n")
    assert result.rows == ()
    assert errors_by_line(result) == [
        (
            1,
            "the header repeats 'tool'; the columns are "
            "date,trigger,intensity_before,pattern,tool,intensity_after,note",
        )
    ]


def test_a_byte_order_mark_and_windows_line_endings_are_fine():
    text = "\ufeff" + HEADER.replace("\n", "\r\n") + "2026-01-05,x,5,,,3,n\r\n2026-01-06,y,,,,,\r\n"
    result = read(text)
    assert result.errors == ()
    assert [(r.line, r.trigger, r.note) for r in result.rows] == [(2, "x", "n"), (3, "y", "")]


def test_a_byte_order_mark_before_a_quoted_header_is_fine():
    result = read('\ufeff"date","trigger"\n2026-01-05,x\n')
    assert result.errors == ()
    assert len(result.rows) == 1


def test_a_utf8_sig_file_on_disk_reads_the_same(tmp_path):
    path = tmp_path / "journal.csv"
    path.write_bytes(("\ufeff" + HEADER + "2026-01-05,Café,5,,,3,ça va\n").encode())
    with path.open(encoding="utf-8", newline="") as stream:
        result = read_journal_csv(stream)
    assert result.errors == ()
    assert (result.rows[0].trigger, result.rows[0].note) == ("Café", "ça va")


def test_blank_lines_are_skipped_and_line_numbers_stay_physical():
    result = read(HEADER + "\n2026-01-05,x,,,,,\n   \n,,,,,,\n2026-01-06,y,99,,,,\n")
    assert [r.line for r in result.rows] == [3]
    assert [e.line for e in result.errors] == [6]


def test_a_quoted_multi_line_note_keeps_later_line_numbers_right():
    text = (
        HEADER
        + '2026-01-05,x,5,,,3,"first line\nsecond, with a comma\nthird"\n'
        + "2026-01-06,y,11,,,,\n"
        + "2026-01-07,z,,,,,\n"
    )
    result = read(text)
    assert result.rows[0].note == "first line\nsecond, with a comma\nthird"
    # The note spans lines 2-4, so the next rows start on lines 5 and 6.
    assert [e.line for e in result.errors] == [5]
    assert [r.line for r in result.rows] == [2, 6]


def test_an_unclosed_quote_is_reported_with_the_lines_it_swallowed():
    result = read(HEADER + '2026-01-05,x,5,,,3,"oops\n2026-01-06,y,,,,,\n')
    assert result.rows == ()
    (error,) = result.errors
    assert error.line == 2
    assert "lines 2 to 3" in error.message
    assert "a double quote opened here is never closed" in error.message


def test_a_stray_quote_inside_a_cell_is_reported_and_the_next_rows_import():
    result = read(
        HEADER + '2026-01-05,say "hi" now,5,,,3,\n2026-01-06,x,"a"b,,,,\n2026-01-07,y,,,,,\n'
    )
    assert [e.line for e in result.errors] == [3]
    assert "written twice" in result.errors[0].message
    assert [r.line for r in result.rows] == [2, 4]
    assert result.rows[0].trigger == 'say "hi" now'


def test_a_datetime_is_accepted_and_its_date_kept():
    result = read(
        HEADER
        + "2026-01-05T21:30:00+02:00,x,,,,,\n"
        + "2026-01-06 08:00,y,,,,,\n"
        + "2026-01-07Tnonsense,z,,,,,\n"
    )
    assert [r.when for r in result.rows] == [date(2026, 1, 5), date(2026, 1, 6)]
    assert [e.line for e in result.errors] == [4]


def test_every_bad_row_is_reported_and_every_good_row_imported():
    lines = [HEADER.rstrip("\n")]
    bad = set()
    for i in range(40):
        if i % 3 == 0:
            lines.append(f"2026-01-{i % 28 + 1:02d},t{i},{20 + i},,,,")
            bad.add(i + 2)
        else:
            lines.append(f"2026-01-{i % 28 + 1:02d},t{i},{i % 11},,,,")
    result = read("\n".join(lines) + "\n")
    assert {e.line for e in result.errors} == bad
    assert len(result.rows) + len(bad) == 40


def test_escape_cell_guards_against_formula_injection():
    for dangerous in ("=SUM(A1)", "+1", "-2", "@cmd", "\tx", "'quoted"):
        assert escape_cell(dangerous) == "'" + dangerous
        assert unescape_cell(escape_cell(dangerous)) == dangerous
    assert escape_cell("plain") == "plain"
    assert unescape_cell("'plain") == "'plain"


def test_written_cells_never_start_a_formula():
    stream = io.StringIO(newline="")
    rows = [
        ImportRow(2, date(2026, 1, 5), '=HYPERLINK("x")', 5, None, None, 3, "@SUM(1)"),
    ]
    write_journal_csv(rows, stream)
    body = stream.getvalue().splitlines()[1]
    assert "'=HYPERLINK" in body
    assert ",'@SUM(1)" in body
    back = read(stream.getvalue())
    assert back.rows[0].trigger == '=HYPERLINK("x")'
    assert back.rows[0].note == "@SUM(1)"


def test_writing_activation_records_with_notes():
    records = [
        ActivationRecord(date(2026, 1, 5), "x", ("tag",), 8, "guarding", "breathing", 5),
        ActivationRecord(date(2026, 1, 6), "y", (), None, None, None, None),
    ]
    stream = io.StringIO(newline="")
    write_journal_csv(records, stream, notes=["a note", None])
    lines = stream.getvalue().splitlines()
    assert lines[0] == ",".join(CSV_HEADER)
    assert lines[1:] == ["2026-01-05,x,8,guarding,breathing,5,a note", "2026-01-06,y,,,,,"]
    with pytest.raises(ValueError, match="more rows than notes"):
        write_journal_csv(records, io.StringIO(), notes=["one"])
    with pytest.raises(ValueError, match="more notes than rows"):
        write_journal_csv(records, io.StringIO(), notes=["one", "two", "three"])


def test_insights_from_csv_returns_insights_and_the_errors():
    text = HEADER + "2026-01-05,x,8,guarding,breathing,5,\n2026-01-06,x,bad,,,,\n"
    insights, errors = insights_from_csv(io.StringIO(text, newline=""))
    assert insights.entries == 1
    assert insights.to_json()["tools"] == [{"tool": "breathing", "mean_drop": 3.0, "n": 1}]
    assert errors == (
        RowError(3, "intensity_before must be a whole number from 0 to 10 (got 'bad')"),
    )
    assert str(errors[0]).startswith("line 3: ")


# --- round trip -------------------------------------------------------------------------------

text_cells = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
).map(str.strip)
intensities = st.none() | st.integers(0, 10)

rows = st.builds(
    ImportRow,
    line=st.just(0),
    when=st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)),
    trigger=text_cells.filter(bool),
    intensity_before=intensities,
    pattern=st.none() | st.sampled_from([k for k, _ in PATTERNS]),
    tool=st.none() | st.sampled_from([k for k, _ in TOOLS]),
    intensity_after=intensities,
    note=text_cells,
)


@given(st.lists(rows, max_size=15), st.sampled_from(["", "\n"]))
def test_write_then_read_round_trips(originals, newline):
    stream = io.StringIO(newline=newline)
    write_journal_csv(originals, stream)
    result = read_journal_csv(io.StringIO(stream.getvalue(), newline=newline))
    assert result.errors == ()
    strip_line = [
        ImportRow(
            0, r.when, r.trigger, r.intensity_before, r.pattern, r.tool, r.intensity_after, r.note
        )
        for r in result.rows
    ]
    assert strip_line == originals
    # Line numbers are physical: each row starts after the previous row's lines. Reading with
    # newline="" (as files should be opened) a lone \r ends a line too, as in an editor.
    breaks = re.compile(r"\r\n|\r|\n" if newline == "" else r"\n")
    expected_line = 2
    for original, got in zip(originals, result.rows, strict=True):
        assert got.line == expected_line
        expected_line += 1 + len(breaks.findall(original.note + "\0" + original.trigger))
