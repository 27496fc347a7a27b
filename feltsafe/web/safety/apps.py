from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "feltsafe.web.safety"
    label = "safety"
