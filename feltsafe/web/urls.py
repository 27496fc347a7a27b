"""URL routes: one include per app; the JSON API under /api/v1/."""

from django.urls import include, path

from feltsafe.web import views
from feltsafe.web.api.router import api

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("support/", views.finding_support, name="finding_support"),
    path("exit/", views.quick_exit, name="quick_exit"),
    path("accounts/", include("feltsafe.web.accounts.urls")),
    path("accounts/activity/", include("feltsafe.web.audit.urls")),
    path("accounts/privacy/", include("feltsafe.web.privacy.urls")),
    path("reflections/", include("feltsafe.web.reflections.urls")),
    path("practice/", include("feltsafe.web.practice.urls")),
    path("checkins/", include("feltsafe.web.checkins.urls")),
    path("journal/", include("feltsafe.web.journal.urls")),
    path("safety/", include("feltsafe.web.safety.urls")),
    path("couples/", include("feltsafe.web.couples.urls")),
    path("lens/", include("feltsafe.web.lens.urls")),
    path("api/v1/", api.urls),
]

handler404 = "feltsafe.web.views.not_found"
handler500 = "feltsafe.web.views.server_error"
