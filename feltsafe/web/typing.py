"""Types shared by the views."""

from django.contrib.auth.models import User
from django.http import HttpRequest


class AuthenticatedRequest(HttpRequest):
    """A request behind `login_required`: its user is a real account."""

    user: User
