"""The conversation lens in the web app: upload or paste, the report, delete, ownership."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from feltsafe.web.lens import services
from feltsafe.web.lens.models import LensAnalysis, LensMessage
from feltsafe.web.lens.tests import chats
from feltsafe.web.reflections.models import Relationship
from feltsafe.web.safety.models import HarmScreen

pytestmark = pytest.mark.django_db

NEW = "/lens/new/"


@pytest.fixture(autouse=True)
def private_tmp(settings, tmp_path):
    folder = tmp_path / "lens-tmp"
    settings.FELTSAFE_LENS_TMP_DIR = str(folder)
    return folder


def _left_in(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _upload(client, name, data, **fields):
    payload = {"format": "auto", **fields, "file": SimpleUploadedFile(name, data)}
    return client.post(NEW, payload)


def _paste(client, text, **fields):
    return client.post(NEW, {"format": "auto", "text": text, **fields})


def _report(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "fmt", "count"),
    [
        ("WhatsApp Chat with Sam.txt", chats.WHATSAPP_TXT.encode(), "whatsapp", 5),
        ("WhatsApp Chat with Sam.zip", chats.whatsapp_zip(), "whatsapp", 5),
        ("result.json", chats.telegram_bytes(), "telegram", 3),
        ("transcript.txt", chats.TRANSCRIPT.encode(), "transcript", 3),
        ("chat.csv", chats.CSV_CHAT.encode(), "csv", 3),
    ],
)
def test_it_reads_each_export_format_and_deletes_the_raw_file(
    alice_client, alice, private_tmp, name, data, fmt, count
):
    response = _upload(alice_client, name, data)
    html = _report(alice_client, response)
    analysis = LensAnalysis.objects.get(owner=alice)
    assert (analysis.format, analysis.message_count) == (fmt, count)
    assert analysis.messages.count() == count
    assert "Balance per person" in html and "Sam" in html
    assert _left_in(private_tmp) == []


def test_it_reads_a_pasted_conversation(alice_client, alice):
    html = _report(alice_client, _paste(alice_client, chats.TRANSCRIPT))
    analysis = LensAnalysis.objects.get(owner=alice)
    assert analysis.message_count == 3 and analysis.format == "pasted"
    assert "criticism" in html and "repair attempt" in html


def test_it_keeps_only_derived_results_by_default(alice_client, alice):
    html = _report(alice_client, _upload(alice_client, "chat.txt", chats.WHATSAPP_TXT.encode()))
    analysis = LensAnalysis.objects.get(owner=alice)
    assert analysis.kept_text is False
    rows = list(LensMessage.objects.filter(analysis=analysis))
    assert all(row.text == "" and row.evidence == "" for row in rows)
    assert [row.sender for row in rows] == ["Sam", "Alex", "Sam", "Alex", "Sam"]
    assert "criticism" in rows[0].markers
    assert chats.SECRET_WORDS not in str(analysis.summary)
    assert chats.SECRET_WORDS not in html
    assert "text not kept" in html


def test_it_keeps_the_text_encrypted_when_asked(alice_client, alice):
    response = _upload(alice_client, "chat.txt", chats.WHATSAPP_TXT.encode(), keep_text="on")
    html = _report(alice_client, response)
    analysis = LensAnalysis.objects.get(owner=alice)
    assert analysis.kept_text is True
    first = analysis.messages.get(index=0)
    assert first.text == "You never listen to me, you always do this"
    assert first.evidence_map["criticism"]  # the words behind the marker
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM lens_lensmessage WHERE id = %s", [first.pk])
        (ciphertext,) = cursor.fetchone()
    assert "listen" not in ciphertext
    assert chats.SECRET_WORDS in html
    assert "You never listen" in html  # the evidence words, shown as the "why"


def test_a_second_person_gets_404_on_every_analysis_url(client, alice, stranger):
    client.force_login(alice)
    _upload(client, "chat.txt", chats.WHATSAPP_TXT.encode())
    analysis = LensAnalysis.objects.get(owner=alice)
    client.force_login(stranger)
    assert client.get(reverse("lens:detail", args=[analysis.pk])).status_code == 404
    assert client.get(reverse("lens:delete", args=[analysis.pk])).status_code == 404
    assert client.post(reverse("lens:delete", args=[analysis.pk])).status_code == 404
    assert analysis.pk not in [a.pk for a in client.get(reverse("lens:index")).context["analyses"]]
    assert LensAnalysis.objects.filter(pk=analysis.pk).exists()


def test_someone_elses_relationship_cannot_be_chosen(client, alice, stranger):
    theirs = Relationship.objects.create(owner=stranger, label="their partner")
    client.force_login(alice)
    response = _paste(client, chats.TRANSCRIPT, relationship=str(theirs.pk))
    assert response.status_code == 400
    assert LensAnalysis.objects.count() == 0


def test_the_owner_deletes_an_analysis_with_all_its_messages(alice_client, alice):
    _paste(alice_client, chats.TRANSCRIPT)
    analysis = LensAnalysis.objects.get(owner=alice)
    assert alice_client.get(reverse("lens:delete", args=[analysis.pk])).status_code == 200
    response = alice_client.post(reverse("lens:delete", args=[analysis.pk]))
    assert response.status_code == 302
    assert LensAnalysis.objects.count() == 0 and LensMessage.objects.count() == 0


def test_the_list_shows_past_analyses(alice_client, alice):
    _paste(alice_client, chats.TRANSCRIPT)
    _paste(alice_client, chats.WHATSAPP_TXT)
    html = alice_client.get(reverse("lens:index")).content.decode()
    assert html.count(reverse("lens:detail", args=[0])[:-2]) >= 2
    assert "Conversations you have read" in html


def test_the_report_shows_balance_episodes_repairs_timeline_and_why(alice_client):
    html = _report(alice_client, _upload(alice_client, "chat.txt", chats.WHATSAPP_TXT.encode()))
    assert "Balance per person" in html
    assert "not a verdict" in html and "5 safer moments" in html
    assert "Escalation" in html and "Repair attempts" in html
    assert "<svg" in html and "The same figures as a table" in html
    assert "an attack on the person rather than on a specific behaviour" in html  # why
    assert 'id="joint-repair"' in html  # ordinary conflict: repair together is offered


def test_a_crisis_message_puts_crisis_resources_first(alice_client):
    html = _report(alice_client, _paste(alice_client, chats.CRISIS_TRANSCRIPT))
    assert 'id="crisis"' in html
    assert html.index('id="crisis"') < html.index("Balance per person")
    assert "988" in html or "Samaritans" in html or "Lifeline" in html


def test_recurring_control_shows_abuse_resources_and_no_joint_repair(alice_client):
    html = _report(alice_client, _paste(alice_client, chats.ABUSE_TRANSCRIPT))
    assert 'id="abuse-concern"' in html
    assert "more than ordinary conflict" in html
    assert html.index('id="abuse-concern"') < html.index("Balance per person")
    assert 'id="joint-repair"' not in html
    assert "If you both want to" not in html


def test_a_positive_harm_screen_removes_joint_repair(alice_client, alice):
    partner = Relationship.objects.create(owner=alice, label="my partner")
    HarmScreen.objects.create(owner=alice, relationship=partner, screen_version="1", positive=True)
    html = _report(alice_client, _paste(alice_client, chats.TRANSCRIPT, relationship=partner.pk))
    assert 'id="joint-repair"' not in html
    assert "Your safety comes first" in html


def test_a_failure_at_message_500_writes_nothing(alice_client, alice, monkeypatch, private_tmp):
    lines = "".join(
        f"[12/03/2024, 21:{i // 60 % 60:02d}:{i % 60:02d}] {'Sam' if i % 2 else 'Alex'}: "
        f"message number {i}\n"
        for i in range(600)
    )
    real = services._message_row

    def failing(analysis, index, *args, **kwargs):
        if index == 500:
            raise RuntimeError("disk full")
        return real(analysis, index, *args, **kwargs)

    monkeypatch.setattr(services, "_message_row", failing)
    with pytest.raises(RuntimeError):
        _upload(alice_client, "chat.txt", lines.encode())
    assert LensAnalysis.objects.count() == 0
    assert LensMessage.objects.count() == 0
    assert _left_in(private_tmp) == []


def test_a_tagger_failure_writes_nothing(alice_client, monkeypatch):
    import feltsafe.lens.analysis as analysis_module

    def broken(texts, **kwargs):
        raise RuntimeError("model missing")

    monkeypatch.setattr(analysis_module, "tag_messages", broken)
    with pytest.raises(RuntimeError):
        _paste(alice_client, chats.TRANSCRIPT)
    assert LensAnalysis.objects.count() == 0 and LensMessage.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "make", "status", "words"),
    [
        ("bomb.zip", chats.zip_bomb, 400, "more than 200 MB"),
        ("climb.zip", chats.traversal_zip, 400, "climbs out"),
        ("link.zip", chats.symlink_zip, 400, "symbolic link"),
        ("many.zip", chats.many_entries_zip, 400, "more than 1000 files"),
        ("disguised.txt", chats.whatsapp_zip, 400, "zip archive"),
        ("chat.exe", lambda: chats.WHATSAPP_TXT.encode(), 415, "nothing from it was kept"),
    ],
)
def test_hostile_uploads_are_refused_kindly_and_leave_nothing(
    alice_client, private_tmp, name, make, status, words
):
    response = _upload(alice_client, name, make())
    assert response.status_code == status
    assert words in response.content.decode()
    assert LensAnalysis.objects.count() == 0 and LensMessage.objects.count() == 0
    assert _left_in(private_tmp) == []


def test_an_upload_over_the_size_cap_is_refused_while_streaming(
    alice_client, private_tmp, monkeypatch
):
    from feltsafe.web.lens import uploads

    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 1000)
    original = uploads.PrivateTempUploadHandler.__init__

    def small(self, request=None, *, limit=1000):
        original(self, request, limit=limit)

    monkeypatch.setattr(uploads.PrivateTempUploadHandler, "__init__", small)
    response = _upload(alice_client, "chat.txt", chats.WHATSAPP_TXT.encode() * 20)
    assert response.status_code == 413
    assert "larger than" in response.content.decode()
    assert LensAnalysis.objects.count() == 0
    assert _left_in(private_tmp) == []


def test_a_request_declaring_more_than_the_cap_is_refused_unread(alice_client, private_tmp):
    response = alice_client.post(
        NEW,
        data=b"x",
        content_type="multipart/form-data; boundary=zzz",
        CONTENT_LENGTH=str(services.MAX_REQUEST_BYTES + 1),
    )
    assert response.status_code == 413
    assert _left_in(private_tmp) == []


def test_an_unreadable_chat_is_explained_and_nothing_is_kept(alice_client):
    response = _paste(alice_client, "just some words with no speaker at all")
    assert response.status_code == 400
    assert "couldn" in response.content.decode() and "Nothing from it was kept" in (
        response.content.decode()
    )
    assert LensAnalysis.objects.count() == 0


def test_choosing_both_a_file_and_text_asks_for_one(alice_client):
    response = _upload(alice_client, "chat.txt", chats.WHATSAPP_TXT.encode(), text="Sam: hi")
    assert response.status_code == 400
    assert "either a file or pasted text" in response.content.decode()


def test_pages_need_a_login(client):
    for url in (reverse("lens:index"), NEW, reverse("lens:coach")):
        assert client.get(url).status_code == 302


def test_the_upload_page_still_checks_the_csrf_token(alice, private_tmp):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    refused = browser.post(NEW, {"format": "auto", "file": SimpleUploadedFile("a.txt", b"x")})
    assert refused.status_code == 403
    assert LensAnalysis.objects.count() == 0
    assert _left_in(private_tmp) == []
    token = str(browser.get(NEW).context["csrf_token"])
    accepted = browser.post(
        NEW,
        {"format": "auto", "text": chats.TRANSCRIPT, "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="null",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert accepted.status_code == 302
    assert LensAnalysis.objects.count() == 1


def test_reading_and_deleting_are_in_the_audit_log_without_content(alice_client, alice):
    from feltsafe.web.audit.models import AuditEvent

    _paste(alice_client, chats.WHATSAPP_TXT)
    analysis = LensAnalysis.objects.get(owner=alice)
    alice_client.post(reverse("lens:delete", args=[analysis.pk]))
    events = list(AuditEvent.objects.filter(action__startswith="lens.").order_by("id"))
    assert [e.action for e in events] == ["lens.analyse", "lens.delete"]
    assert all(chats.SECRET_WORDS not in str(vars(e)) for e in events)


def test_long_reports_list_the_first_episodes_and_repairs_only(alice_client, alice):
    lines = "".join(
        f"Sam: You never listen to me, you always do this {i}\n"
        f"Alex: That's not true, you started it {i}\n"
        f"Alex: I'm sorry I snapped, can we start over {i}\n"
        f"Sam: Thank you, I appreciate that {i}\n"
        for i in range(120)
    )
    html = _report(alice_client, _paste(alice_client, lines))
    analysis = LensAnalysis.objects.get(owner=alice)
    assert len(analysis.summary["summary"]["repairs"]) > 100
    assert "The first 100 are listed." in html


def test_an_upload_left_behind_by_a_killed_process_is_swept_away(alice_client, private_tmp):
    import os
    import time

    private_tmp.mkdir(parents=True, exist_ok=True)
    stale = private_tmp / "chat-left-behind.txt"
    stale.write_text(chats.WHATSAPP_TXT, encoding="utf-8")
    hours_ago = time.time() - 2 * 3600
    os.utime(stale, (hours_ago, hours_ago))
    _upload(alice_client, "chat.txt", chats.WHATSAPP_TXT.encode())
    assert _left_in(private_tmp) == []
