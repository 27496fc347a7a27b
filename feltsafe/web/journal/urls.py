from django.urls import path

from feltsafe.web.journal import views

app_name = "journal"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.activation_new, name="new"),
    path("<int:pk>/", views.activation_detail, name="detail"),
    path("<int:pk>/edit/", views.activation_edit, name="edit"),
    path("<int:pk>/delete/", views.activation_delete, name="delete"),
    path("repairs/", views.repair_index, name="repairs"),
    path("repairs/new/", views.repair_new, name="repair_new"),
    path("repairs/<int:pk>/edit/", views.repair_edit, name="repair_edit"),
    path("repairs/<int:pk>/delete/", views.repair_delete, name="repair_delete"),
    path("insights/", views.insights, name="insights"),
    path("import/", views.import_csv, name="import"),
    path("export/", views.export_csv, name="export"),
]
