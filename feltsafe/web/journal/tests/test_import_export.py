"""Journal CSV import (upload) and export (download), through the pages people use."""

from __future__ import annotations

import csv
import io
import time
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from feltsafe.journal.csvio import CSV_HEADER
from feltsafe.web.accounts.reauth import AUTH_AT_SESSION_KEY
from feltsafe.web.audit.models import AuditEvent
from feltsafe.web.journal.models import ActivationEntry
from feltsafe.web.journal.services import activation_create

pytestmark = pytest.mark.django_db

HEADER = ",".join(CSV_HEADER)
CRISIS_TEXT = "I have the pills saved up and I don't want to be here anymore"


def _upload(client, text, name="journal.csv", encoding="utf-8"):
    upload = SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")
    return client.post(reverse("journal:import"), {"file": upload})


def test_good_rows_are_imported_and_bad_rows_are_reported_with_their_line_numbers(
    alice_client, alice
):
    text = "\n".join(
        [
            HEADER,
            "2026-01-05,Argument about money,8,withdrawing,breathing,4,eased",  # line 2
            "2026-13-01,Bad date,5,,,,",  # line 3
            "2026-01-06,Cold silence,11,,,,",  # line 4
            "2026-01-07,Tone of voice,6,People-pleasing,time-out,3,",  # line 5
            '2026-01-08,Late again,7,freezing,grounding,5,"a note, with a comma"',  # line 6
            "2026-01-09,Shifted,7,freezing,grounding,5,a note, with a comma",  # line 7
            "2026-01-10,,5,,,,",  # line 8
        ]
    )
    response = _upload(alice_client, text)
    assert response.status_code == 302
    assert response["Location"] == reverse("journal:import")
    assert ActivationEntry.objects.filter(owner=alice).count() == 3
    page = alice_client.get(response["Location"]).content.decode()
    assert "3 entries were imported" in page
    for line in (3, 4, 7, 8):
        assert f"Line {line}:" in page
    for line in (2, 5, 6):
        assert f"Line {line}:" not in page
    assert "intensity_before must be a whole number from 0 to 10" in page
    # Encrypted text cannot be matched in the database, so find it in Python.
    imported = next(e for e in ActivationEntry.objects.all() if e.what_happened == "Tone of voice")
    assert (imported.pattern, imported.tool) == ("people_pleasing", "time_out")
    # The report is shown once, then forgotten.
    assert (
        "entries were imported" not in alice_client.get(reverse("journal:import")).content.decode()
    )


def test_a_wrong_header_imports_nothing_and_says_why(alice_client):
    response = _upload(alice_client, "day,what\n2026-01-05,Argument\n")
    page = alice_client.get(response["Location"]).content.decode()
    assert "0 entries were imported" in page
    assert "Line 1:" in page and "missing" in page
    assert ActivationEntry.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused_with_a_hint(alice_client):
    response = _upload(alice_client, HEADER + "\n2026-01-05,Café,5,,,,\n", encoding="utf-16")
    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()
    assert ActivationEntry.objects.count() == 0


def test_a_file_that_is_not_csv_is_refused(alice_client):
    response = _upload(alice_client, "hello", name="photo.jpg")
    assert response.status_code == 400
    assert ActivationEntry.objects.count() == 0


def test_the_import_is_all_or_nothing_when_the_database_fails(alice_client, monkeypatch):
    calls = {"n": 0}
    real = ActivationEntry.objects.bulk_create

    def fail_on_second_batch(objs, *args, **kwargs):
        calls["n"] += 1
        real(objs[:1], *args, **kwargs)  # write one row, then fail
        raise RuntimeError("disk full")

    monkeypatch.setattr(ActivationEntry.objects, "bulk_create", fail_on_second_batch)
    text = HEADER + "\n" + "\n".join(f"2026-01-{d:02d},Row {d},5,,,," for d in range(1, 9))
    with pytest.raises(RuntimeError):
        _upload(alice_client, text)
    assert calls["n"] == 1
    assert ActivationEntry.objects.count() == 0


def test_imported_crisis_words_are_kept_and_lead_to_support_then_to_the_report(alice_client):
    text = f'{HEADER}\n2026-01-05,Argument,8,,,,"{CRISIS_TEXT}"\n2026-01-06,,,,,,\n'
    response = _upload(alice_client, text)
    assert response["Location"].startswith(reverse("safety:crisis"))
    assert ActivationEntry.objects.get().note == CRISIS_TEXT
    page = alice_client.get(reverse("journal:import")).content.decode()
    assert "1 entry was imported" in page and "Line 3:" in page


def _recently_authenticated(client, when=None):
    session = client.session
    session[AUTH_AT_SESSION_KEY] = int(time.time() if when is None else when)
    session.save()


def test_export_asks_for_the_password_again_unless_it_was_typed_very_recently(alice_client):
    _recently_authenticated(alice_client, when=time.time() - 24 * 3600)
    response = alice_client.get(reverse("journal:export"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:reauth"))


def test_export_and_import_are_recorded_in_the_audit_log_without_content(alice_client, alice):
    _recently_authenticated(alice_client)
    alice_client.get(reverse("journal:export"))
    _upload(alice_client, f"{HEADER}\n2026-01-05,A private trigger,8,,,,\n")
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert "journal.export" in actions and "journal.import" in actions
    dump = " ".join(str(v) for row in AuditEvent.objects.values_list() for v in row)
    assert "A private trigger" not in dump


def test_export_is_a_no_store_csv_download_that_imports_back_unchanged(alice_client, alice):
    _recently_authenticated(alice_client)
    activation_create(
        owner=alice,
        occurred_on=date(2026, 1, 5),
        what_happened="=SUM(A1) looked like a formula",
        intensity_before=8,
        pattern="people_pleasing",
        tool="time_out",
        intensity_after=3,
        note='Two lines,\nand "quotes"',
    )
    activation_create(owner=alice, occurred_on=date(2026, 1, 4), what_happened="Quiet day")
    response = alice_client.get(reverse("journal:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(CSV_HEADER)
    assert [r[0] for r in rows[1:]] == ["2026-01-04", "2026-01-05"]  # oldest first
    assert rows[2][1] == "'=SUM(A1) looked like a formula"  # safe to open in a spreadsheet

    before = sorted(
        ActivationEntry.objects.values_list(
            "occurred_on",
            "what_happened",
            "intensity_before",
            "pattern",
            "tool",
            "intensity_after",
            "note",
        )
    )
    ActivationEntry.objects.all().delete()
    _upload(alice_client, text)
    after = sorted(
        ActivationEntry.objects.values_list(
            "occurred_on",
            "what_happened",
            "intensity_before",
            "pattern",
            "tool",
            "intensity_after",
            "note",
        )
    )
    assert after == before
