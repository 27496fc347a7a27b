from django.urls import path

from feltsafe.web.safety import views

app_name = "safety"

urlpatterns = [
    path("crisis/", views.crisis, name="crisis"),
    path("resources/", views.resources, name="resources"),
    path("settings/", views.safety_settings, name="settings"),
    path("screen/<int:relationship_pk>/", views.harm_screen, name="harm_screen"),
    path("support/<int:relationship_pk>/", views.abuse_support, name="abuse_support"),
]
