from django.apps import AppConfig


class CouplesConfig(AppConfig):
    name = "feltsafe.web.couples"
    label = "couples"
    verbose_name = "Couples"
