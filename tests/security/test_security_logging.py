"""[15] No content in errors or logs: a failing view that was handed someone's words leaves no
trace of them in the logs, the error page or the error e-mail."""

from __future__ import annotations

import logging

import pytest
from django.core import mail
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

MARKER = "my-very-private-words-4471"


@override_settings(ROOT_URLCONF="tests.security.boom_urls", ADMINS=["ops@example.org"])
def test_a_failing_view_leaves_the_marker_out_of_logs_page_and_mail(caplog, alice):
    client = Client(raise_request_exception=False)
    client.force_login(alice)
    with caplog.at_level(logging.DEBUG):
        response = client.post("/boom/", {"note": f"I wrote {MARKER}\nFAKE LOG LINE"})
    assert response.status_code == 500
    assert MARKER not in response.content.decode()

    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors, "the failure itself is still logged"
    assert "ValueError" in caplog.text  # what failed, and where, stays visible
    assert "boom" in caplog.text
    assert MARKER not in caplog.text
    for record in caplog.records:
        assert MARKER not in repr(record.__dict__)

    assert len(mail.outbox) == 1, "the admins still hear that something failed"
    for message in mail.outbox:
        assert MARKER not in message.subject
        assert MARKER not in message.body
        for alternative, _ in getattr(message, "alternatives", []):
            assert MARKER not in alternative


def test_the_error_reporter_hides_every_posted_value_and_local_variable():
    from django.test import RequestFactory

    from feltsafe.web.privacy.logging import ContentFreeExceptionReporterFilter

    request = RequestFactory().post("/x/", {"note": MARKER, "mood": "3"})
    reporter = ContentFreeExceptionReporterFilter()
    assert reporter.get_post_parameters(request) == {"note": "[hidden]", "mood": "[hidden]"}
    try:
        words = MARKER  # noqa: F841
        raise RuntimeError("boom")
    except RuntimeError as exc:
        frame = exc.__traceback__.tb_frame
        variables = dict(reporter.get_traceback_frame_variables(request, frame))
    assert variables["words"] == "[hidden]"


def test_newlines_in_logged_values_cannot_forge_log_lines(caplog):
    from feltsafe.web.privacy.logging import ContentFreeLogFilter

    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/a\nFAKE ENTRY",), None
    )
    ContentFreeLogFilter().filter(record)
    assert "\n" not in record.getMessage()
