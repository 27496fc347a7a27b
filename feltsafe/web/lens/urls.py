from django.urls import path

from feltsafe.web.lens import views

app_name = "lens"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.analysis_new, name="new"),
    path("<int:pk>/", views.analysis_detail, name="detail"),
    path("<int:pk>/progress/", views.analysis_progress, name="progress"),
    path("<int:pk>/delete/", views.analysis_delete, name="delete"),
    path("coach/", views.coach, name="coach"),
    path("coach/result/", views.coach_result, name="coach_result"),
]
