from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "feltsafe.web.privacy"
    label = "privacy"
