from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "feltsafe.web.checkins"
    label = "checkins"
    verbose_name = "Pulse check-ins"
