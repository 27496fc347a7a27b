from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "feltsafe.web.journal"
    label = "journal"
    verbose_name = "Activation journal and repair log"
