from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "feltsafe.web.practice"
    label = "practice"
    verbose_name = "Practice workspace"
