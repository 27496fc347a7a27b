"""schemathesis against /api/v1/openapi.json on a live server: as A, then as B against A's ids.

The schemathesis CLI (pinned in the dev dependencies) runs in a subprocess against pytest-django's
live server, logged in through a session cookie (and a CSRF cookie and header, as a browser
sends them). It is bounded: a fixed seed, four examples per operation in the `examples` and
`fuzzing` phases (the `coverage` phase alone took over two minutes here), one worker.

- As A: every operation with generated (and deliberately malformed) input; no 5xx.
- As B: every path parameter is pinned to an id of A's own check-in, reflection, journal entry,
  invitation, couples link (and its shares), so every read, change and delete of A's data is
  tried by someone else; no 5xx, no 2xx on any of A's ids, and A's data is all still there.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils.crypto import get_random_string

pytestmark = [pytest.mark.django_db(transaction=True)]

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
SCHEMA_PATH = "/api/v1/openapi.json"
MAX_EXAMPLES = 4
# Where to find, for each path parameter, one of A's own ids (a list endpoint of A's).
ID_SOURCES = {
    "checkin_id": "/api/v1/checkins",
    "entry_id": "/api/v1/journal/entries",
    "reflection_id": "/api/v1/reflections",
    "invite_id": "/api/v1/couples/invites",
    "link_id": "/api/v1/couples/links",
    "analysis_id": "/api/v1/lens/analyses",
}


def _cookie_headers(user: Any) -> list[str]:
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    csrf = get_random_string(32)
    return [
        "--header",
        f"Cookie: {settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={csrf}",
        "--header",
        f"X-CSRFToken: {csrf}",
    ]


def _schemathesis(
    live_server: Any, headers: list[str], workdir: Path, config: str = ""
) -> tuple[subprocess.CompletedProcess[str], list[dict[str, Any]]]:
    """Run the CLI once; return the process and the HAR entries of every request it made."""
    config_file = workdir / "schemathesis.toml"
    config_file.write_text(config)
    har = workdir / "requests.har"
    done = subprocess.run(
        [
            str(SCHEMATHESIS),
            "--config-file",
            str(config_file),
            "run",
            f"{live_server.url}{SCHEMA_PATH}",
            "--checks",
            "not_a_server_error",
            "--phases",
            "examples,fuzzing",
            "--max-examples",
            str(MAX_EXAMPLES),
            "--seed",
            "8",
            "--workers",
            "1",
            "--generation-database",
            "none",
            "--request-timeout",
            "30",
            "--no-color",
            "--report",
            "har",
            "--report-har-path",
            str(har),
            *headers,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=workdir,
    )
    entries = json.loads(har.read_text())["log"]["entries"] if har.exists() else []
    return done, entries


def _statuses(entries: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    return [
        (e["request"]["method"], e["request"]["url"], int(e["response"]["status"])) for e in entries
    ]


def _first_id(data: Any) -> int | None:
    """The first "id" in a JSON answer (a list, or an object holding one)."""
    if isinstance(data, dict):
        if isinstance(data.get("id"), int):
            return int(data["id"])
        values = list(data.values())
    elif isinstance(data, list):
        values = data
    else:
        return None
    for value in values:
        found = _first_id(value)
        if found is not None:
            return found
    return None


def _seed_a(alice: Any) -> dict[str, int]:
    """Give A one of everything the API can name by id; return {path parameter: A's id}."""
    from django.contrib.auth.models import User

    from feltsafe.web.couples import services as couples
    from feltsafe.web.couples.models import ShareKind
    from feltsafe.web.couples.tests.helpers import link
    from feltsafe.web.reflections.services import relationship_get_or_create

    client = Client()
    client.force_login(alice)
    posts = {
        "/api/v1/checkins": {"answers": {"could_be_myself": 6}, "note": "a quiet evening"},
        "/api/v1/reflections": {"relationship": "my sister", "answers": {}},
        "/api/v1/journal/entries": {"occurred_on": "2026-01-05", "what_happened": "a talk"},
        "/api/v1/journal/repairs": {
            "what_happened": "we talked it over",
            "ruptured_at": "2026-01-05T10:00:00Z",
        },
        "/api/v1/couples/invites": {"relationship": "my friend"},
    }
    for path, body in posts.items():
        response = client.post(path, data=body, content_type="application/json")
        assert response.status_code in (200, 201), (path, response.status_code)
    partner = User.objects.create_user(username="carol-partner", password="a long passphrase")
    side = couples.link_get(person=alice, pk=link(alice, partner).pk)
    couples.share_create(side=side, kind=ShareKind.CHECKIN_TRENDS)
    relationship_get_or_create(owner=alice, label="my partner")
    ids = {}
    for param, path in ID_SOURCES.items():
        response = client.get(path)
        if response.status_code == 200:
            found = _first_id(response.json())
            if found is not None:
                ids[param] = found
    shares = client.get(f"/api/v1/couples/links/{ids['link_id']}/shares")
    assert shares.status_code == 200
    share_id = _first_id(shares.json())
    assert share_id is not None
    ids["share_id"] = share_id
    return ids


def _a_still_has(alice: Any) -> dict[str, int]:
    from feltsafe.web.checkins.models import CheckIn
    from feltsafe.web.couples.models import Link, Share
    from feltsafe.web.journal.models import ActivationEntry
    from feltsafe.web.reflections.models import Reflection

    return {
        "checkins": CheckIn.objects.filter(owner=alice).count(),
        "reflections": Reflection.objects.filter(owner=alice).count(),
        "journal": ActivationEntry.objects.filter(owner=alice).count(),
        "links": Link.objects.filter(ended_at__isnull=True).count(),
        "shares": Share.objects.filter(revoked_at__isnull=True).count(),
    }


def test_it_answers_no_5xx_to_generated_requests_from_the_owner(live_server, alice, tmp_path):
    done, entries = _schemathesis(live_server, _cookie_headers(alice), tmp_path)
    server_errors = [s for s in _statuses(entries) if s[2] >= 500]
    assert entries, done.stdout[-3000:] + done.stderr[-3000:]
    assert server_errors == [], done.stdout[-3000:]
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def test_it_gives_someone_else_nothing_of_a_persons_data_and_no_5xx(
    live_server, alice, stranger, tmp_path
):
    ids = _seed_a(alice)
    assert set(ids) >= {"checkin_id", "reflection_id", "entry_id", "link_id", "share_id"}
    before = _a_still_has(alice)
    config = "[parameters]\n" + "".join(f'"path.{name}" = {value}\n' for name, value in ids.items())
    done, entries = _schemathesis(live_server, _cookie_headers(stranger), tmp_path, config)
    statuses = _statuses(entries)
    assert statuses, done.stdout[-3000:] + done.stderr[-3000:]
    server_errors = [s for s in statuses if s[2] >= 500]
    assert server_errors == [], done.stdout[-3000:]
    # Every request that named one of A's ids in its path was refused.
    a_paths = [s for s in statuses if "{" not in s[1] and _names_a_id(s[1], ids)]
    assert a_paths, "schemathesis never tried A's ids"
    leaked = [s for s in a_paths if s[2] < 400]
    assert leaked == []
    assert _a_still_has(alice) == before
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]


def _names_a_id(url: str, ids: dict[str, int]) -> bool:
    path = url.split("?", 1)[0]
    segments = path.split("/api/v1/", 1)[-1].split("/")
    return any(segment.isdigit() and int(segment) in ids.values() for segment in segments)
