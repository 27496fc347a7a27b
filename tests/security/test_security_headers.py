"""[10] cookies, [11] `check --deploy` with production settings, [12] CSP on every response,
[13] headers."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import PASSWORD
from tests.security.helpers import log_in

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]


def _production_env(tmp_path) -> dict[str, str]:
    # Test-only variables (the browser tests allow async-unsafe ORM calls) must not leak in.
    skipped = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skipped}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "feltsafe.web.settings",
            "FELTSAFE_DATA_DIR": str(tmp_path),
            "FELTSAFE_HTTPS": "true",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "feltsafe.example.org",
            "DEBUG": "false",
            "FELTSAFE_EMAIL_HOST": "smtp.example.org",
        }
    )
    return env


def test_check_deploy_passes_at_warning_level_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_with_debug_on(tmp_path):
    env = _production_env(tmp_path) | {"DEBUG": "true"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "W018" in result.stdout + result.stderr


def test_check_deploy_fails_without_a_mail_server(tmp_path):
    """Without FELTSAFE_EMAIL_HOST, reset links only go to files in the data folder."""
    env = _production_env(tmp_path)
    del env["FELTSAFE_EMAIL_HOST"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "mail.E001" in result.stdout + result.stderr


def test_production_settings_name_and_protect_the_cookies(tmp_path):
    code = (
        "from django.conf import settings as s; import django; django.setup(); "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "True",
        "Lax",
        "31536000",
        "True",
        "True",
    ], result.stderr


HTTPS_COOKIES = {
    "SESSION_COOKIE_NAME": "__Host-sessionid",
    "CSRF_COOKIE_NAME": "__Host-csrftoken",
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}


@override_settings(**HTTPS_COOKIES)
def test_set_cookie_headers_are_secure_httponly_samesite_and_host_only(alice):
    client = Client()
    client.get(reverse("accounts:login"), secure=True)
    response = client.post(
        reverse("accounts:login"), {"username": "alice", "password": PASSWORD}, secure=True
    )
    assert response.status_code == 302
    # The Set-Cookie headers, parsed.
    cookies = SimpleCookie()
    cookies.load(response.cookies.output(header="", sep="\n"))
    assert "__Host-sessionid" in cookies
    for name, morsel in cookies.items():
        assert name.startswith("__Host-"), name
        assert morsel["secure"], name
        assert morsel["path"] == "/", name
        assert not morsel["domain"], name
        assert morsel["samesite"] == "Lax", name
    assert cookies["__Host-sessionid"]["httponly"]
    assert cookies["__Host-csrftoken"]["httponly"]


CSP_DIRECTIVES = [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
]


def _assert_csp(response):
    policy = response.get("Content-Security-Policy", "")
    for directive in CSP_DIRECTIVES:
        assert directive in policy, (response.status_code, policy)
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'self'" in script_src
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "no-referrer"


@override_settings(ROOT_URLCONF="tests.security.boom_urls")
def test_every_kind_of_response_carries_the_csp(alice):
    anonymous = Client(raise_request_exception=False)
    responses = {
        200: anonymous.get(reverse("home")),
        302: anonymous.get(reverse("dashboard")),
        404: anonymous.get("/no-such-page/"),
    }
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(anonymous, password="not it")
    responses[429] = log_in(anonymous)
    me = Client(raise_request_exception=False)
    me.force_login(alice)
    responses[500] = me.post("/boom/", {"note": "x"})
    page = me.get(reverse("dashboard"))
    assert "'nonce-" in page["Content-Security-Policy"]  # pages with our scripts use a nonce
    strict = Client(enforce_csrf_checks=True)
    responses[403] = strict.post(reverse("accounts:login"), {"username": "alice"})
    api = me.get("/api/v1/reflections")
    for status, response in responses.items():
        assert response.status_code == status
        _assert_csp(response)
    assert api.status_code == 200 and api["Content-Type"].startswith("application/json")
    _assert_csp(api)


def test_logged_in_pages_are_never_stored(alice_client):
    for name in ("dashboard", "accounts:settings", "accounts:devices", "audit:activity"):
        response = alice_client.get(reverse(name))
        assert "no-store" in response["Cache-Control"], name
