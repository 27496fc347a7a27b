from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "feltsafe.web.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Session bookkeeping at log-in (Django's own login view gives no other hook), and the
        # start-up checks (SQLite durability settings).
        from feltsafe.web import security_checks  # noqa: F401
        from feltsafe.web.accounts import signals  # noqa: F401
