from django.urls import path

from feltsafe.web.couples import views

app_name = "couples"

urlpatterns = [
    path("", views.index, name="index"),
    path("invite/", views.invite_create, name="invite_create"),
    path("invite/<int:pk>/cancel/", views.invite_cancel, name="invite_cancel"),
    path("join/", views.join, name="join"),
    path("stop-everything/", views.stop_everything, name="stop_everything"),
    path("<int:pk>/", views.link, name="link"),
    path("<int:pk>/preview/", views.preview, name="preview"),
    path("<int:pk>/share/", views.share, name="share"),
    path("<int:pk>/share/<int:share_pk>/stop/", views.share_revoke, name="share_revoke"),
    path("<int:pk>/share/stop-all/", views.share_revoke_all, name="share_revoke_all"),
    path("<int:pk>/end/", views.end, name="end"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/perception/", views.perception, name="perception"),
    path("<int:pk>/repair/", views.repair, name="repair"),
]
