from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "feltsafe.web.audit"
    label = "audit"

    def ready(self) -> None:
        # Log-ins happen inside Django's own views; its auth signals are the one place to see them.
        from feltsafe.web.audit import signals  # noqa: F401
