from django.urls import path

from feltsafe.web.reflections import views

app_name = "reflections"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.start, name="start"),
    path("<int:pk>/part/<int:step>/", views.step, name="step"),
    path("<int:pk>/finish/", views.finish, name="finish"),
    path("<int:pk>/report/", views.report, name="report"),
    path("relationships/<int:pk>/history/", views.history, name="history"),
]
