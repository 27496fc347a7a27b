"""Settings for the test suite: the real settings, with a throwaway data folder and fast hashing."""

import tempfile
from pathlib import Path

from feltsafe.web.settings import *  # noqa: F403

DATA_DIR = Path(tempfile.mkdtemp(prefix="feltsafe-test-"))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    # A file, not memory, so the live server of the browser tests shares it across threads.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405
# Argon2 stays first so tests see real hashes, but with the cheapest parameters.
PASSWORD_HASHERS = [
    "feltsafe.web.accounts.hashers.FastArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir()
