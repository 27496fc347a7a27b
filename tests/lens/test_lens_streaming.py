"""Big exports are streamed: memory stays far below the file's size."""

from __future__ import annotations

import tracemalloc
from datetime import UTC, datetime

from feltsafe.lens.parsers import iter_messages

LINES = 200_000


def test_a_200000_line_whatsapp_file_streams_in_little_memory(tmp_path):
    path = tmp_path / "WhatsApp Chat with Bob.txt"
    headers = 0
    with path.open("w", encoding="utf-8") as out:
        for index in range(LINES - 1):
            # Ambiguous dates (1/2/24) until the very last line, so the date-order pass has to
            # read the whole file before the parsing pass starts.
            if index % 4:
                out.write(f"continued line {index} with some words שלום 🌻\n")
            else:
                headers += 1
                who = "Alice" if index % 2 else "Bob"
                out.write(f"1/2/24, 9:{index % 60:02d} PM - {who}: message number {index}\n")
        out.write("1/20/24, 10:00 PM - Alice: the last line decides: month first\n")
    size = path.stat().st_size

    tracemalloc.start()
    try:
        count = 0
        last = None
        for message in iter_messages(path):
            count += 1
            last = message
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == headers + 1
    assert last is not None
    assert last.time == datetime(2024, 1, 20, 22, 0, tzinfo=UTC)
    assert last.line == LINES
    assert peak < size // 20, f"peak {peak} bytes for a {size}-byte file"


def test_a_big_csv_streams_in_little_memory(tmp_path):
    path = tmp_path / "chat.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("sender,timestamp,text\n")
        for index in range(50_000):
            out.write(f'Alice,2024-01-31T21:05:09,"row {index}, with a comma\nand a second line"\n')
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_messages(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 50_000
    assert peak < size // 20, f"peak {peak} bytes for a {size}-byte file"
