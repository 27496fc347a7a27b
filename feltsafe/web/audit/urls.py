from django.urls import path

from feltsafe.web.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.activity, name="activity"),
]
