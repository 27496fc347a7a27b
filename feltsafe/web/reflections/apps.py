from django.apps import AppConfig


class ReflectionsConfig(AppConfig):
    name = "feltsafe.web.reflections"
    label = "reflections"
