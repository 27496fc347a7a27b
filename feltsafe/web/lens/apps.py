from django.apps import AppConfig


class LensConfig(AppConfig):
    name = "feltsafe.web.lens"
    label = "lens"
    verbose_name = "Conversation lens"
