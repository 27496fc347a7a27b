from django.urls import path

from feltsafe.web.practice import views

app_name = "practice"

urlpatterns = [
    path("", views.home, name="home"),
    path("join/", views.join, name="join"),
    # Therapists: their own clients only, through a live grant.
    path("clients/", views.dashboard, name="dashboard"),
    path("clients/invite/", views.invite_client, name="invite_client"),
    path("clients/<int:pk>/", views.client, name="client"),
    path("clients/<int:pk>/assignments/", views.assignment_new, name="assignment_new"),
    path(
        "clients/<int:pk>/assignments/<int:assignment_pk>/end/",
        views.assignment_end,
        name="assignment_end",
    ),
    path("clients/<int:pk>/export.csv", views.export_csv, name="export_csv"),
    path("clients/<int:pk>/report.pdf", views.export_pdf, name="export_pdf"),
    path("clients/<int:pk>/fhir.json", views.export_fhir, name="export_fhir"),
    # Practice admins: the practice and its therapists, never clients.
    path("<int:pk>/manage/", views.manage, name="manage"),
    path("<int:pk>/therapists/code/", views.therapist_code, name="therapist_code"),
    path(
        "<int:pk>/therapists/<int:membership_pk>/remove/",
        views.therapist_remove,
        name="therapist_remove",
    ),
    path("<int:pk>/logo.png", views.logo, name="logo"),
    # Clients: letting a therapist in, changing or stopping what they share.
    path("connect/<str:ref>/", views.connect, name="connect"),
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/<int:pk>/", views.sharing_change, name="sharing_change"),
    path("sharing/<int:pk>/stop/", views.sharing_revoke, name="sharing_revoke"),
]
