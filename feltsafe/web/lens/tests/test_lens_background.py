"""Large chat imports, read in the background on Django's tasks framework.

Small chats are read in the request, as before. A chat over the message or byte threshold
becomes a pending analysis whose raw upload waits encrypted; the task (run at once by the
immediate backend in these tests, or by `db_worker` on the database backend) fills it in and
deletes the upload. Meanwhile the person sees a page that polls with HTMX.
"""

from __future__ import annotations

import logging
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from feltsafe.web.lens import services
from feltsafe.web.lens.models import LensAnalysis, LensMessage, LensUpload
from feltsafe.web.lens.tests import chats
from feltsafe.web.reflections.models import Relationship
from feltsafe.web.safety.models import HarmScreen

pytestmark = pytest.mark.django_db

NEW = "/lens/new/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def private_tmp(settings, tmp_path):
    folder = tmp_path / "lens-tmp"
    settings.FELTSAFE_LENS_TMP_DIR = str(folder)
    return folder


@pytest.fixture
def large_from_4(settings):
    """Any chat of more than 3 messages counts as large."""
    settings.FELTSAFE_LENS_BACKGROUND_MESSAGES = 3


def _left_in(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _upload(client, name, data, **fields):
    payload = {"format": "auto", **fields, "file": SimpleUploadedFile(name, data)}
    return client.post(NEW, payload)


def _paste(client, text, **fields):
    return client.post(NEW, {"format": "auto", "text": text, **fields})


def _stored_upload_column(analysis):
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM lens_lensupload WHERE analysis_id = %s", [analysis.pk])
        row = cursor.fetchone()
    return row[0] if row else None


def test_a_small_chat_is_still_read_in_the_request(alice_client, alice, large_from_4):
    response = _paste(alice_client, chats.TRANSCRIPT)  # 3 messages
    analysis = LensAnalysis.objects.get(owner=alice)
    assert response["Location"] == reverse("lens:detail", args=[analysis.pk])
    assert analysis.status == LensAnalysis.Status.DONE
    assert analysis.messages.count() == 3
    assert LensUpload.objects.count() == 0


def test_a_large_upload_waits_encrypted_and_the_page_polls(
    alice_client, alice, private_tmp, large_from_4
):
    response = _upload(alice_client, "chat.txt", chats.WHATSAPP_TXT.encode())  # 5 messages
    analysis = LensAnalysis.objects.get(owner=alice)
    assert response.status_code == 302
    assert response["Location"] == reverse("lens:detail", args=[analysis.pk])
    assert analysis.status == LensAnalysis.Status.PENDING
    assert analysis.messages.count() == 0
    # The raw chat waits in the database, encrypted; the uploaded file itself is gone.
    assert _left_in(private_tmp) == []
    stored = _stored_upload_column(analysis)
    assert stored and stored.startswith("fs2:")
    assert chats.SECRET_WORDS not in stored and "Sam" not in stored
    page = alice_client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Reading your conversation" in html
    assert 'hx-trigger="every 2s"' in html
    assert reverse("lens:progress", args=[analysis.pk]) in html
    assert "htmx-2.0.11.min.js" in html
    assert chats.SECRET_WORDS not in html


def test_the_task_fills_in_the_analysis_and_deletes_the_raw_upload(
    alice_client, alice, private_tmp, large_from_4, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = _upload(alice_client, "chat.txt", chats.WHATSAPP_TXT.encode())
    assert len(queued) == 1
    analysis = LensAnalysis.objects.get(owner=alice)
    assert analysis.status == LensAnalysis.Status.DONE
    assert (analysis.format, analysis.message_count) == ("whatsapp", 5)
    assert analysis.messages.count() == 5
    assert LensUpload.objects.count() == 0
    assert _left_in(private_tmp) == []
    assert all(m.text == "" for m in analysis.messages.all())  # text not kept by default
    html = alice_client.get(response["Location"]).content.decode()
    assert "Balance per person" in html and "Reading your conversation" not in html


def test_a_large_paste_with_kept_text_keeps_it_encrypted(
    alice_client, alice, large_from_4, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _paste(alice_client, chats.WHATSAPP_TXT, keep_text="on")
    analysis = LensAnalysis.objects.get(owner=alice)
    assert analysis.status == LensAnalysis.Status.DONE and analysis.kept_text
    assert chats.SECRET_WORDS in analysis.messages.get(index=2).text


def test_an_upload_over_the_byte_threshold_goes_to_the_background(alice_client, alice, settings):
    settings.FELTSAFE_LENS_BACKGROUND_BYTES = 100
    _upload(alice_client, "chat.txt", chats.WHATSAPP_TXT.encode())
    assert LensAnalysis.objects.get(owner=alice).status == LensAnalysis.Status.PENDING


def test_an_unreadable_large_chat_is_still_refused_at_once(alice_client, settings, private_tmp):
    settings.FELTSAFE_LENS_BACKGROUND_BYTES = 10
    response = _upload(alice_client, "many.zip", chats.many_entries_zip())
    assert response.status_code == 400
    assert "more than 1000 files" in response.content.decode()
    assert LensAnalysis.objects.count() == 0 and LensUpload.objects.count() == 0
    assert _left_in(private_tmp) == []


def test_progress_answers_nothing_new_then_the_fragment_then_the_report(
    alice_client, alice, large_from_4
):
    _upload(alice_client, "chat.txt", chats.WHATSAPP_TXT.encode())
    analysis = LensAnalysis.objects.get(owner=alice)
    url = reverse("lens:progress", args=[analysis.pk])
    unchanged = alice_client.get(url, {"seen": "pending"}, **HTMX)
    assert unchanged.status_code == 204
    fragment = alice_client.get(url, {"seen": "running"}, **HTMX)
    assert fragment.status_code == 200
    body = fragment.content.decode()
    assert 'id="reading-progress"' in body and "<html" not in body
    assert "waiting its turn" in body and "seen=pending" in body

    assert services.lens_analysis_run(analysis_pk=analysis.pk) == "done"
    finished = alice_client.get(url, {"seen": "pending"}, **HTMX)
    assert finished["HX-Redirect"] == reverse("lens:detail", args=[analysis.pk])
    plain = alice_client.get(url)
    assert plain.status_code == 302
    assert plain["Location"] == reverse("lens:detail", args=[analysis.pk])


def test_a_crisis_in_a_background_chat_puts_support_first_on_the_report(
    alice_client, settings, django_capture_on_commit_callbacks
):
    settings.FELTSAFE_LENS_BACKGROUND_MESSAGES = 1
    with django_capture_on_commit_callbacks(execute=True):
        response = _paste(alice_client, chats.CRISIS_TRANSCRIPT)
    html = alice_client.get(response["Location"]).content.decode()
    assert 'id="crisis"' in html
    assert html.index('id="crisis"') < html.index("Balance per person")
    assert "988" in html or "Samaritans" in html or "Lifeline" in html


def test_control_in_a_background_chat_shows_abuse_resources_and_no_joint_repair(
    alice_client, large_from_4, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _paste(alice_client, chats.ABUSE_TRANSCRIPT)
    html = alice_client.get(response["Location"]).content.decode()
    assert 'id="abuse-concern"' in html and "more than ordinary conflict" in html
    assert html.index('id="abuse-concern"') < html.index("Balance per person")
    assert 'id="joint-repair"' not in html


def test_a_positive_harm_screen_still_removes_joint_repair(
    alice_client, alice, large_from_4, django_capture_on_commit_callbacks
):
    partner = Relationship.objects.create(owner=alice, label="my partner")
    HarmScreen.objects.create(owner=alice, relationship=partner, screen_version="1", positive=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = _paste(alice_client, chats.WHATSAPP_TXT, relationship=partner.pk)
    html = alice_client.get(response["Location"]).content.decode()
    assert "Your safety comes first" in html and 'id="joint-repair"' not in html


def test_a_failing_task_keeps_nothing_and_explains_plainly(
    alice_client, alice, monkeypatch, large_from_4, caplog, django_capture_on_commit_callbacks
):
    import feltsafe.lens.analysis as analysis_module

    def broken(texts, **kwargs):
        raise RuntimeError(f"model missing near {chats.SECRET_WORDS}")

    monkeypatch.setattr(analysis_module, "tag_messages", broken)
    caplog.set_level(logging.INFO)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(alice_client, "chat.txt", chats.WHATSAPP_TXT.encode())
    analysis = LensAnalysis.objects.get(owner=alice)
    assert analysis.status == LensAnalysis.Status.FAILED
    assert analysis.failure == LensAnalysis.Failure.ERROR
    assert (analysis.summary, analysis.message_count, analysis.messages.count()) == ({}, 0, 0)
    assert LensUpload.objects.count() == 0
    assert chats.SECRET_WORDS not in caplog.text
    page = alice_client.get(response["Location"])
    html = unescape(page.content.decode())
    assert page.status_code == 200
    assert "We couldn" in html and "isn't anything you did" in html
    assert "Nothing from it was kept" in html
    assert 'hx-trigger="every 2s"' not in html
    index = alice_client.get(reverse("lens:index")).content.decode()
    assert "could not be read" in index


def test_a_failure_at_message_500_in_the_background_writes_nothing(alice, monkeypatch, settings):
    settings.FELTSAFE_LENS_BACKGROUND_MESSAGES = 10
    lines = "".join(f"{'Sam' if i % 2 else 'Alex'}: message number {i}\n" for i in range(600))
    analysis = services.lens_analysis_submit(owner=alice, path_or_text=lines, use_model=False)
    real = services._message_row

    def failing(analysis, index, *args, **kwargs):
        if index == 500:
            raise OSError("disk full")
        return real(analysis, index, *args, **kwargs)

    monkeypatch.setattr(services, "_message_row", failing)
    assert services.lens_analysis_run(analysis_pk=analysis.pk, use_model=False) == "failed"
    analysis.refresh_from_db()
    assert analysis.status == LensAnalysis.Status.FAILED
    assert LensMessage.objects.count() == 0 and LensUpload.objects.count() == 0


def test_a_chat_the_task_cannot_read_fails_as_unreadable(alice, large_from_4):
    analysis = services.lens_analysis_submit(owner=alice, path_or_text=chats.WHATSAPP_TXT)
    LensUpload.objects.filter(analysis=analysis).update(content="no speaker on this line")
    assert services.lens_analysis_run(analysis_pk=analysis.pk) == "failed"
    analysis.refresh_from_db()
    assert analysis.failure == LensAnalysis.Failure.UNREADABLE
    assert "doesn't look like" in services.failure_message(analysis)


def test_the_task_runs_once_and_skips_a_deleted_analysis(alice, large_from_4):
    analysis = services.lens_analysis_submit(owner=alice, path_or_text=chats.WHATSAPP_TXT)
    assert services.lens_analysis_run(analysis_pk=analysis.pk, use_model=False) == "done"
    assert services.lens_analysis_run(analysis_pk=analysis.pk, use_model=False) == "skipped"
    second = services.lens_analysis_submit(owner=alice, path_or_text=chats.WHATSAPP_TXT)
    services.lens_analysis_delete(analysis=second)
    assert LensUpload.objects.count() == 0  # the waiting chat went with it
    assert services.lens_analysis_run(analysis_pk=second.pk) == "skipped"


def test_a_chat_left_waiting_for_hours_is_given_up_and_its_upload_deleted(alice, large_from_4):
    from datetime import timedelta

    from django.utils import timezone

    stuck = services.lens_analysis_submit(owner=alice, path_or_text=chats.WHATSAPP_TXT)
    fresh = services.lens_analysis_submit(owner=alice, path_or_text=chats.WHATSAPP_TXT)
    LensAnalysis.objects.filter(pk=stuck.pk).update(
        status=LensAnalysis.Status.RUNNING, created_at=timezone.now() - timedelta(hours=7)
    )
    assert services.lens_sweep_stale_waiting() == 1
    stuck.refresh_from_db()
    assert stuck.status == LensAnalysis.Status.FAILED
    assert list(LensUpload.objects.values_list("analysis_id", flat=True)) == [fresh.pk]
    assert services.lens_analysis_run(analysis_pk=stuck.pk) == "skipped"


def test_a_second_person_gets_404_on_a_waiting_analysis(client, alice, stranger, large_from_4):
    client.force_login(alice)
    _upload(client, "chat.txt", chats.WHATSAPP_TXT.encode())
    analysis = LensAnalysis.objects.get(owner=alice)
    client.force_login(stranger)
    for url in (
        reverse("lens:detail", args=[analysis.pk]),
        reverse("lens:progress", args=[analysis.pk]),
        reverse("lens:delete", args=[analysis.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.get(url, **HTMX).status_code == 404
    assert client.post(reverse("lens:delete", args=[analysis.pk])).status_code == 404
    assert analysis.pk not in [a.pk for a in client.get(reverse("lens:index")).context["analyses"]]
    assert LensUpload.objects.filter(analysis=analysis).exists()


def test_progress_needs_a_login(client, alice, large_from_4):
    analysis = services.lens_analysis_submit(owner=alice, path_or_text=chats.WHATSAPP_TXT)
    response = client.get(reverse("lens:progress", args=[analysis.pk]), **HTMX)
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_owner_sees_and_can_delete_a_waiting_analysis(alice_client, alice, large_from_4):
    _upload(alice_client, "chat.txt", chats.WHATSAPP_TXT.encode())
    analysis = LensAnalysis.objects.get(owner=alice)
    index = alice_client.get(reverse("lens:index")).content.decode()
    assert "waiting to be read" in index
    alice_client.post(reverse("lens:delete", args=[analysis.pk]))
    assert LensAnalysis.objects.count() == 0 and LensUpload.objects.count() == 0


def test_the_api_lists_only_finished_analyses(alice_client, alice, large_from_4):
    waiting = services.lens_analysis_submit(owner=alice, path_or_text=chats.WHATSAPP_TXT)
    listed = alice_client.get("/api/v1/lens/analyses")
    assert listed.status_code == 200
    assert waiting.pk not in [item["id"] for item in listed.json()]
    assert alice_client.get(f"/api/v1/lens/analyses/{waiting.pk}").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_on_the_database_backend_db_worker_reads_the_queued_chat(client, settings, private_tmp):
    from django.contrib.auth.models import User
    from django_tasks_db.models import DBTaskResult

    from tests.factories import PASSWORD

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.FELTSAFE_LENS_BACKGROUND_MESSAGES = 3
    alice = User.objects.create_user(username="alice", password=PASSWORD)
    client.force_login(alice)
    response = _upload(client, "chat.txt", chats.WHATSAPP_TXT.encode())
    analysis = LensAnalysis.objects.get(owner=alice)
    assert analysis.status == LensAnalysis.Status.PENDING
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "feltsafe.web.lens.tasks.read_waiting_conversation"
    assert queued.args_kwargs == {"args": [analysis.pk], "kwargs": {}}  # an id, never the chat
    assert "Reading your conversation" in client.get(response["Location"]).content.decode()

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    analysis.refresh_from_db()
    assert analysis.status == LensAnalysis.Status.DONE
    assert analysis.messages.count() == 5
    assert LensUpload.objects.count() == 0
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert "Balance per person" in client.get(response["Location"]).content.decode()
