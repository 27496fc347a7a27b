"""Pages every visitor meets: sign-up, log in and out, quick exit, errors, and their headers."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "home",
    "finding_support",
    "accounts:login",
    "accounts:signup",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
]


def test_signup_logs_the_person_in_and_hashes_with_argon2id(client):
    response = client.post(
        reverse("accounts:signup"),
        {"username": "rowan", "password1": PASSWORD, "password2": PASSWORD, "email": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    user = User.objects.get(username="rowan")
    assert user.password.startswith("argon2$argon2id$")
    assert client.get(reverse("dashboard")).status_code == 200


def test_signup_refuses_a_short_password_with_a_clear_message(client):
    response = client.post(
        reverse("accounts:signup"),
        {"username": "rowan", "password1": "short1", "password2": "short1"},
    )
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert not User.objects.filter(username="rowan").exists()


def test_a_long_passphrase_is_accepted(client):
    passphrase = "the river knows the way home " * 4 + "slowly"
    response = client.post(
        reverse("accounts:signup"),
        {"username": "river", "password1": passphrase, "password2": passphrase},
    )
    assert response.status_code == 302
    assert User.objects.get(username="river").check_password(passphrase)


def test_login_and_logout_clear_site_data(client, alice):
    response = client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert client.get(reverse("dashboard")).status_code == 302


@override_settings(FELTSAFE_QUICK_EXIT_URL="https://example.org/weather")
def test_quick_exit_without_javascript_logs_out_and_leaves_for_the_neutral_site(alice_client):
    response = alice_client.get(reverse("quick_exit"))
    assert response.status_code == 302
    assert response["Location"] == "https://example.org/weather"
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert alice_client.get(reverse("dashboard")).status_code == 302


def test_quick_exit_by_beacon_post_needs_no_csrf_token(alice, client):
    csrf_client = client.__class__(enforce_csrf_checks=True)
    csrf_client.force_login(alice)
    response = csrf_client.post(reverse("quick_exit"))
    assert response.status_code == 302
    assert csrf_client.get(reverse("dashboard")).status_code == 302


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_public_page_has_quick_exit_and_a_strict_csp(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    body = response.content.decode()
    assert "data-quick-exit" in body and "Exit this page" in body
    _assert_strict_csp(response)


def test_the_404_page_has_quick_exit_and_csp(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "data-quick-exit" in response.content.decode()
    _assert_strict_csp(response)


def test_logged_in_pages_are_never_stored_by_caches(alice_client):
    response = alice_client.get(reverse("dashboard"))
    assert "no-store" in response["Cache-Control"]


def test_security_headers(client):
    response = client.get(reverse("home"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Frame-Options"] == "DENY"


def _assert_strict_csp(response):
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip()
    )
    assert directives["default-src"] == "'self'"
    assert "'self'" in directives["script-src"] and "'nonce-" in directives["script-src"]
    assert "unsafe-inline" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_a_same_origin_post_with_origin_null_passes_csrf_but_a_cross_site_one_does_not(client):
    csrf_client = client.__class__(enforce_csrf_checks=True)
    page = csrf_client.get(reverse("accounts:login"))
    token = page.context["csrf_token"]
    data = {"username": "nobody", "password": "wrong password", "csrfmiddlewaretoken": str(token)}
    same = csrf_client.post(
        reverse("accounts:login"), data, HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert same.status_code == 200  # the form comes back with a login error, not a 403
    cross = csrf_client.post(
        reverse("accounts:login"), data, HTTP_ORIGIN="null", HTTP_SEC_FETCH_SITE="cross-site"
    )
    assert cross.status_code == 403
