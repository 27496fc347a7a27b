from django.urls import path

from feltsafe.web.checkins import views

app_name = "checkins"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("reminders/", views.reminders, name="reminders"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
