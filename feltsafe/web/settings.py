"""One environment-driven settings module for every deployment.

Everything that differs between a laptop and a practice's server comes from the environment
(documented in `.env.example`). The defaults are those of a single person's laptop: SQLite under
`FELTSAFE_DATA_DIR` (default `./var`), DEBUG off, and a secret key generated once and kept in the
data folder.
"""

from __future__ import annotations

import contextlib
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from feltsafe.web.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("FELTSAFE_DATA_DIR", "var")).resolve()


def _secret_key() -> str:
    """Return SECRET_KEY from the environment, else one kept in the data folder (made once)."""
    try:
        return env_str("SECRET_KEY")
    except Exception:  # noqa: BLE001 - not configured: fall back to the local key file
        pass
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks_db",
    "feltsafe.web.accounts",
    "feltsafe.web.audit",
    "feltsafe.web.privacy",
    "feltsafe.web.reflections",
    "feltsafe.web.practice",
    "feltsafe.web.checkins",
    "feltsafe.web.journal",
    "feltsafe.web.safety",
    "feltsafe.web.couples",
    "feltsafe.web.lens",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "feltsafe.web.middleware.CsrfMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Absolute session timeout, "your devices" bookkeeping, two-step verification gate.
    "feltsafe.web.accounts.middleware.SessionSecurityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "feltsafe.web.middleware.PrivateCacheMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its "please wait" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "feltsafe.web.urls"
WSGI_APPLICATION = "feltsafe.web.wsgi.application"
ASGI_APPLICATION = "feltsafe.web.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "feltsafe.web.context_processors.feltsafe",
            ],
        },
    },
]

# SQLite by default; PostgreSQL (or any database Django supports) through DATABASE_URL.
_database_url = env_str("DATABASE_URL", "")
if _database_url:
    # Persistent connections, checked before reuse: after a database restart each worker
    # reconnects instead of failing its next request (bench/crash/run.py showed those 500s).
    DATABASES = {
        "default": dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "feltsafe.sqlite3"),
            "OPTIONS": {
                # FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                    "PRAGMA busy_timeout=5000; PRAGMA secure_delete=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2id first; older hashes are upgraded when their owner next logs in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Length, not composition: 8 characters at least, common passwords refused.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]
# django-axes checks every log-in attempt first. The lockout is keyed on the username AND the
# address together, so someone guessing from their own connection can't lock the owner out
# everywhere: the owner still gets in from any other address, and the lock lifts by itself.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "feltsafe.web.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "feltsafe.web.accounts.client_ip.client_ip"
AXES_DISABLE_ACCESS_LOG = True  # successful log-ins go to the audit log, without the address
AXES_VERBOSE = False
# Trusted reverse proxies in front of feltsafe (0: none); see feltsafe/web/accounts/client_ip.py.
FELTSAFE_PROXY_COUNT = env_int("FELTSAFE_PROXY_COUNT", 0)

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
# WhiteNoise expects the folder to exist, even when empty; a read-only data folder is fine too,
# since static files are then served from the package by the finders.
with contextlib.suppress(OSError):
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Sessions: server-side, with an idle timeout (refreshed on each request) and a short life.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Absolute timeout: a session ends this long after log-in, however active (default 12 hours).
FELTSAFE_SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 3600)
# Sensitive changes (e-mail, password, two-step, export, deletion) need the password typed again
# unless it was typed within this many seconds (default 5 minutes).
FELTSAFE_REAUTH_SECONDS = env_int("REAUTH_SECONDS", 5 * 60)
# Two-step verification (django-otp): the name authenticator apps show for the account.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "feltsafe")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# HTTPS settings: on by default; a laptop serving plain http on 127.0.0.1 turns them off.
SECURE_HTTPS = env_bool("FELTSAFE_HTTPS", False)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
# Over HTTPS the cookies get the `__Host-` prefix: the browser then keeps them only if they are
# Secure, for this exact host (no Domain) and path /, so no subdomain can plant or read them.
SESSION_COOKIE_NAME = "__Host-sessionid" if SECURE_HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if SECURE_HTTPS else "csrftoken"
SECURE_SSL_REDIRECT = SECURE_HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "no-referrer"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy, built into Django 6: no inline script, nonces for our own.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

# Background work, on Django's tasks framework (docs/deploy.md, "Background work").
# "immediate" (the default): a task runs at once, inside the request that queued it, so one
# process is all a laptop needs. "database": tasks wait in a table of the same database
# (django-tasks-db) until `manage.py db_worker` runs them; for several app servers.
FELTSAFE_TASKS = env_str("FELTSAFE_TASKS", "immediate").strip().lower()
_TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if FELTSAFE_TASKS not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"FELTSAFE_TASKS={FELTSAFE_TASKS!r} is not one of: {', '.join(_TASK_BACKENDS)}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[FELTSAFE_TASKS]}}
# A chat import larger than either of these is read by a background task while the person
# sees a "reading your conversation" page; smaller ones are read within the request.
FELTSAFE_LENS_BACKGROUND_MESSAGES = env_int("FELTSAFE_LENS_BACKGROUND_MESSAGES", 5_000)
FELTSAFE_LENS_BACKGROUND_BYTES = env_int("FELTSAFE_LENS_BACKGROUND_BYTES", 1_000_000)

# E-mail (Django 6.1 mailers): only password-reset links are sent, and content-free error reports
# to ADMINS. With no FELTSAFE_EMAIL_HOST, messages are written as files to FELTSAFE_DATA_DIR/mail
# for whoever runs the laptop or server to read (not printed to the console, so reset links never
# land in a log). With it, they go out by SMTP (STARTTLS on port 587 unless told otherwise).
_email_host = env_str("FELTSAFE_EMAIL_HOST", "")
if _email_host:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host,
                "port": env_int("FELTSAFE_EMAIL_PORT", 587),
                "username": env_str("FELTSAFE_EMAIL_USER", ""),
                "password": env_str("FELTSAFE_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("FELTSAFE_EMAIL_USE_TLS", True),
                "use_ssl": env_bool("FELTSAFE_EMAIL_USE_SSL", False),
                "timeout": env_int("FELTSAFE_EMAIL_TIMEOUT", 10),
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(DATA_DIR / "mail")},
        }
    }
# A neutral sender: someone else may see the inbox.
DEFAULT_FROM_EMAIL = env_str("FELTSAFE_EMAIL_FROM", "no-reply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A password-reset link works once, for this many seconds (default 1 hour).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_SECONDS", 3600)

# Whose crisis and abuse resources people see until they choose a country (GB, US, CA, AU, IE;
# anything else shows the international list).
FELTSAFE_DEFAULT_COUNTRY = env_str("FELTSAFE_DEFAULT_COUNTRY", "GB").upper()

# A TOML file of the practice's own local services ([[resources]] entries), shown beside the
# national lines.
FELTSAFE_LOCAL_RESOURCES = env_str("FELTSAFE_LOCAL_RESOURCES", "")

# Where quick exit sends the browser: a neutral, everyday page.
FELTSAFE_QUICK_EXIT_URL = env_str("FELTSAFE_QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")

# No content in logs, error reports or error e-mails (see feltsafe/web/privacy/logging.py): the
# filter runs on Django's loggers (so every handler, test capture included, sees clean records)
# and on each handler; error reports hide every POST value and local variable.
DEFAULT_EXCEPTION_REPORTER_FILTER = (
    "feltsafe.web.privacy.logging.ContentFreeExceptionReporterFilter"
)
# security.W003 looks for CsrfViewMiddleware by name and misses our subclass of it;
# feltsafe.E002 (feltsafe/web/security_checks.py) checks for the subclass instead.
SILENCED_SYSTEM_CHECKS = ["security.W003"]
# Who hears (by e-mail, content-free) when a page fails: comma-separated addresses.
ADMINS = env_list("ADMINS", [])
_CONTENT_FREE_LOGGERS = ["django", "django.request", "django.security", "django.server", "axes"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "content_free": {"()": "feltsafe.web.privacy.logging.ContentFreeLogFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["content_free"]},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "content_free"],
            "include_html": False,
        },
    },
    "loggers": {
        **{name: {"filters": ["content_free"]} for name in _CONTENT_FREE_LOGGERS},
        "django": {"filters": ["content_free"], "handlers": ["mail_admins"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
